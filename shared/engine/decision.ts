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
 * An instant a refusal's words name ("done by alice at 10:55 UTC"), and the words that name it ("10:55 UTC"); a
 * refusal may name several ("since 14:02 UTC, until 14:03 UTC"), each with its own. The engine knows no desk: it writes
 * an instant in UTC, as the log and the CLI read it, and a desk that shows the refusal reads each instant again in its
 * own zone (shared/instantWords.ts).
 */
export interface NamedInstant {
  at: number;
  words: string;
  /** The zone the words read it in first, a region's ("07:10 New York (11:10 UTC)"): a desk reads it there first too. */
  zone?: string;
}

/** "10:55 UTC": how a refusal names an instant, the one place it is written. */
export function namedInstant(at: number): NamedInstant {
  return { at, words: `${new Date(at).toISOString().slice(11, 16)} UTC` };
}

/** The instants a text names, in the order it names them: "recovered at 10:12 UTC, after its deadline of 10:08 UTC". */
export function namedInstants(...at: number[]): NamedInstant[] {
  return at.map(namedInstant);
}

/**
 * `reasons`: each reason in words, as a step's pane lists them; `message`: the one sentence an API error
 * or the CLI says, naming what was refused; `instants`: the instants that sentence and its reasons name, in order,
 * if they name any.
 */
export type Decision =
  | { allowed: true; events: ReleaseEvent[] }
  | { allowed: false; code: RefusalCode; message: string; reasons: string[]; opensAt: number | null; instants?: NamedInstant[] };

export type Refusal = Extract<Decision, { allowed: false }>;

export function refuse(code: RefusalCode, message: string, opensAt: number | null = null, reasons: string[] = [message]): Refusal {
  return { allowed: false, code, message, reasons, opensAt };
}

/**
 * A refusal whose sentence names instants: `sentence` is given each instant's words (`namedInstant`), in the order of
 * `at`, and names them in that order ("recovered at 10:12 UTC, after its deadline of 10:08 UTC").
 */
export function refuseNaming(code: RefusalCode, at: number | readonly number[], sentence: (...when: string[]) => string, opensAt: number | null = null): Refusal {
  const instants = namedInstants(...(typeof at === 'number' ? [at] : at));
  const message = sentence(...instants.map((i) => i.words));
  return { allowed: false, code, message, reasons: [message], opensAt, instants };
}

/** A refusal whose message and reasons name `instants` (a lease's since and until, from words built elsewhere). */
export function refuseWithInstants(refusal: Refusal, instants: readonly NamedInstant[]): Refusal {
  return instants.length ? { ...refusal, instants: [...(refusal.instants ?? []), ...instants] } : refusal;
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
