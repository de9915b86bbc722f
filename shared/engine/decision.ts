import type { Release, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import type { ReleaseEvent } from './events';
import type { LeaseBeats } from './decideLease';
import type { MetricFacts } from './metricFacts';
import type { ConsoleState } from './state';

/** What `decide` reads: the fold of the log, and the latest metric facts (a fact slice, see metricFacts.ts). */
export type EngineState = ConsoleState & { metrics: MetricFacts; leaseBeats?: LeaseBeats };

/**
 * Why a refusal is refused, in the API's words: `blocked` by a rule, a `conflict` with what already
 * happened, `not_found`, or an `invalid_request` (bad input).
 */
export type RefusalCode = 'blocked' | 'conflict' | 'not_found' | 'invalid_request';

/**
 * The instant a refusal's words name ("done by alice at 10:55 UTC"), and the words that name it ("10:55 UTC").
 * The engine knows no desk: it writes the instant in UTC, as the log and the CLI read it, and a desk that shows the
 * refusal reads the instant again in its own zone (renderer/format/refusal.ts).
 */
export interface NamedInstant {
  at: number;
  words: string;
}

/** "10:55 UTC": how a refusal names an instant, the one place it is written. */
export function namedInstant(at: number): NamedInstant {
  return { at, words: `${new Date(at).toISOString().slice(11, 16)} UTC` };
}

/**
 * `reasons`: each reason in words, as a step's pane lists them; `message`: the one sentence an API error
 * or the CLI says, naming what was refused; `instant`: the instant that sentence names, if it names one.
 */
export type Decision =
  | { allowed: true; events: ReleaseEvent[] }
  | { allowed: false; code: RefusalCode; message: string; reasons: string[]; opensAt: number | null; instant?: NamedInstant };

export type Refusal = Extract<Decision, { allowed: false }>;

export function refuse(code: RefusalCode, message: string, opensAt: number | null = null, reasons: string[] = [message]): Refusal {
  return { allowed: false, code, message, reasons, opensAt };
}

/** A refusal whose sentence names an instant: `sentence` is given the instant's words (`namedInstant`). */
export function refuseNaming(code: RefusalCode, at: number, sentence: (when: string) => string): Refusal {
  const instant = namedInstant(at);
  const message = sentence(instant.words);
  return { allowed: false, code, message, reasons: [message], opensAt: null, instant };
}

/** Why the release log cannot change now: tampering found at start and not acknowledged, or a shared log that cannot be written. */
export interface ReadOnlyLog {
  reason: string;
  /** A log that names its own remedy (the shared log: "try again when it answers") gives the whole message. */
  message?: string;
}

/**
 * While the release log is read-only nothing that would change it is decided: the one refusal both the
 * host's guard (before a call does anything) and the intent loop (for an intent that gets past it) give.
 */
export function readOnlyRefusal(blocked: ReadOnlyLog): Refusal {
  const message = blocked.message ?? `The release log is read-only until someone acknowledges what was found at start (Record panel): ${blocked.reason}`;
  return { allowed: false, code: 'conflict', message, reasons: [blocked.reason], opensAt: null };
}

export function allow(...events: ReleaseEvent[]): Decision {
  return { allowed: true, events };
}

export function releaseOf(workspace: Workspace, releaseId: string): Release | undefined {
  return indexWorkspace(workspace).releases.get(releaseId);
}
