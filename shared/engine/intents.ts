import type { Baseline, ScenarioKind } from '../api/metrics';
import type { MetricsAlert } from '../api/metrics';
import type { NamedApprover } from './progress';
import type { Actor } from './state';

/** A step instance: the step, and its region (null: it runs once). */
export interface StepAddress {
  release: string;
  step: string;
  region: string | null;
}

/** Why a run was cut short (stopped by a person, timed out, lost with the pty host): it failed, whatever its exit code. */
export interface CommandInterruption {
  kind: string;
  message: string;
}

/** What a command run ended with, as main's command runner reports it. */
export type CommandOutcome =
  | { started: true; exitCode: number; signal: string | null; startedAt: number; endedAt: number; transcriptFile: string | null; outputTail: string; interruption?: CommandInterruption | null }
  | { started: false; error: string };

/** What a person asks for: ticks, approvals, overrides, QA, starting a step, handovers, rollbacks, the rehearsal clock. */
export type PersonIntent =
  | ({ kind: 'startStep' } & StepAddress)
  /** Stop a running command step: SIGINT, then SIGTERM, then SIGKILL; the step then fails "stopped by …". */
  | ({ kind: 'stopStep' } & StepAddress)
  /** Issue 17: take a done baseline step's baseline again (the old one went stale); the earlier one stays on record. */
  | ({ kind: 'retakeBaseline' } & StepAddress)
  | ({ kind: 'completeStep'; outcome: 'done' | 'failed'; note?: string | undefined } & StepAddress)
  | ({ kind: 'approveStep' } & StepAddress)
  /**
   * `personas` as for setOperator: when false, the approvers are those who approved the override on their
   * own desk (approveOverride), and names typed by the requester are refused (issue 15).
   */
  | ({ kind: 'overrideStep'; reason: string; approvers: NamedApprover[]; personas?: boolean | undefined } & StepAddress)
  /** An approver says yes to overriding a blocked step, on their own desk, as their own identity. */
  | ({ kind: 'approveOverride' } & StepAddress)
  | { kind: 'tickQaItem'; release: string; itemId: string; outcome: 'pass' | 'fail' | 'open'; note?: string | undefined; link?: string | undefined }
  | { kind: 'transitionHandover'; release: string; handover: string; to: string }
  | { kind: 'selectRelease'; release: string }
  /**
   * `personas`: whether this console runs simulated personas (a rehearsal or the demo), main's fact. When
   * false, who sits at the desk is its AWS identity and cannot be set (issue 15).
   */
  | { kind: 'setOperator'; operator: Actor; personas?: boolean | undefined }
  | { kind: 'exportEvidence'; release: string; format: string; filename: string }
  /** `rehearsal`: whether the console runs on a rehearsal clock at all (main's fact, not the client's). */
  | { kind: 'moveRehearsalClock'; rehearsal: boolean; to: number }
  /** A drill on a region ("healthy" ends it). `simulated`: whether this console's metrics come from its simulator (a rehearsal or the demo), main's fact. */
  | { kind: 'setDrill'; simulated: boolean; region: string; scenario: ScenarioKind }
  /**
   * The demo's "go live" / "rehearse": reopen it on the other clock. `from`: the clock it runs on; `switchable`:
   * whether this console was opened so it can switch (the demo without --rehearsal-at or a workspace); `switching`:
   * the clock a switch this console already logged is reopening it on, or null; main's facts.
   */
  | { kind: 'switchDemoClock'; from: 'system' | 'simulated'; to: 'system' | 'simulated'; switchable: boolean; switching?: 'system' | 'simulated' | null }
  /**
   * Archive this rehearsal and begin it again from its start. `rehearsal`: its start time, null on the real
   * clock; `archivedAt`: the wall-clock time the archive is named by; `startingOver`: this console already logged one (main's facts, not the client's).
   */
  | { kind: 'startRehearsalOver'; rehearsal: { start: number } | null; archivedAt: number; startingOver?: boolean }
  | { kind: 'startRollback'; release: string; handover: string; confirm: string; reason?: string | undefined }
  /** Runs the step the rollback stopped on again; `stepId` is the one the person saw fail. */
  | { kind: 'retryRollback'; release: string; handover: string; stepId: string }
  | { kind: 'skipRollbackStep'; release: string; handover: string; stepId: string; reason: string }
  | { kind: 'abortRollback'; release: string; handover: string }
  /** Stops the command the rollback now runs (SIGINT, SIGTERM, SIGKILL); the run then stops on that step, failed. `stepId` is the one the person saw running. */
  | { kind: 'stopRollbackStep'; release: string; handover: string; stepId: string }
  /** Issue 19: answer a breach on the handover by fixing it forward, with why and how severe (the workspace's scale). */
  | { kind: 'fixForward'; release: string; handover: string; reason: string; severity: string }
  /** Issue 17: maintenance mode off and the region's handovers rolled back there; `confirm` is the region id typed. */
  | { kind: 'backOutRegion'; release: string; region: string; confirm: string; reason?: string | undefined }
  /** Stops the command a back-out now runs, as stopRollbackStep does a rollback's. */
  | { kind: 'stopBackOutStep'; release: string; region: string; stepId: string }
  /**
   * A workspace tool typed into a console shell (its shim asked): `region` is the shell's, `rehearsal` main's
   * fact (a rehearsal shell only says what would run).
   */
  | { kind: 'shellCommand'; release: string; region: string | null; argv: string[]; rehearsal: boolean }
  /** The person's answer to "run anyway?" after `shellCommand` was refused; `blockedBy`: that refusal's reasons, as main holds them. */
  | { kind: 'answerShellCommand'; release: string; region: string | null; argv: string[]; runAnyway: boolean; blockedBy: string[] }
  /** Issue 15: take a region's expired lease over, with a reason for the record; never allowed while it is held. */
  | { kind: 'takeOverLease'; region: string; reason: string }
  /** Issue 19: post an announcement to a workspace's Slack channel; in a rehearsal it is shown, never sent. */
  | { kind: 'postAnnouncement'; release: string; channel: string; message: string; rehearsal: boolean; retryOf?: number | undefined };

/** What main observed: each becomes an event when `decide` accepts it. */
export type Observation =
  | ({ kind: 'commandExited'; commandId: string; argv: string[]; values: Readonly<Record<string, string | undefined>>; outcome: CommandOutcome; last: boolean } & StepAddress)
  /** A rehearsal withheld the step's command (rehearsalTools.ts); `rehearsal` is main's fact, as for the clock. */
  | ({ kind: 'commandWithheld'; commandId: string; argv: string[]; values: Readonly<Record<string, string | undefined>>; last: boolean; rehearsal: boolean } & StepAddress)
  | ({ kind: 'baselineCaptured'; baselines: Baseline[]; missing: { regionId: string; metricId: string }[] } & StepAddress)
  | ({ kind: 'gateHeld' } & StepAddress)
  | ({ kind: 'interrupted' } & StepAddress)
  | { kind: 'breach'; alert: MetricsAlert }
  | { kind: 'reconciled'; region: string; reported: { maintenance: boolean | null; deployed: Record<string, string | null> | null }; error?: string | null }
  | { kind: 'rollbackStepStarting'; release: string; handover: string; stepId: string }
  | { kind: 'rollbackStepExited'; release: string; handover: string; stepId: string; outcome: CommandOutcome }
  | { kind: 'rollbackStepWithheld'; release: string; handover: string; stepId: string; rehearsal: boolean }
  | { kind: 'rollbackFinishing'; release: string; handover: string }
  | { kind: 'rollbackInterrupted'; release: string; handover: string }
  /** Issue 17: the recovery rule (shared/rollback/restored.ts) found the metrics back under the criteria for long enough. */
  | { kind: 'serviceRestored'; release: string; handover: string; at: number; healthySince: number }
  /** Issue 19: a handover that fixes the incident runs in the breach's regions, and the recovery rule found the metrics back for long enough. */
  | { kind: 'fixForwardLanding'; release: string; handover: string; fixHandover: string; at: number; healthySince: number }
  /** Issue 19: the console's clock reached a fix forward's deadline. */
  | { kind: 'fixForwardExpiring'; release: string; handover: string }
  | { kind: 'backOutStepStarting'; release: string; region: string; stepId: string }
  | { kind: 'backOutStepExited'; release: string; region: string; stepId: string; outcome: CommandOutcome }
  | { kind: 'backOutStepWithheld'; release: string; region: string; stepId: string; rehearsal: boolean }
  | { kind: 'backOutFinishing'; release: string; region: string }
  /** A back-out was running when the console stopped: its running step is failed, never assumed done. */
  | { kind: 'backOutInterrupted'; release: string; region: string }
  /** A tool a console shell ran (allowed, or run anyway) exited. */
  | { kind: 'shellCommandExited'; release: string; region: string | null; argv: string[]; exitCode: number | null; signal: string | null }
  /** A console shell started; `release` is the one in use in the window that opened it. */
  | { kind: 'shellOpened'; sessionId: string; region: string | null; transcript: string; title: string; release: string | null }
  /** What Slack answered a post (its HTTP status), or why there was no answer (timeout, network, no webhook). */
  | { kind: 'announcementAnswered'; release: string; channel: string; message: string; attempt: number; status: number | null; error: string | null }
  /**
   * A console shell ended and its transcript is on disk: the file's size and SHA-256. `openedBy`: who its opening
   * was logged as, main's fact (a shell opened under no release is in no release's record to look it up in).
   */
  | { kind: 'shellClosed'; sessionId: string; transcript: string; exitCode: number | null; signal: string | null; bytes: number; sha256: string; openedBy?: Actor | undefined };

export type Intent = PersonIntent | Observation;
export type IntentKind = Intent['kind'];

/** Every kind of observation, named once: a kind added to `Observation` and missed here fails typecheck. */
const OBSERVATIONS: Readonly<Record<Observation['kind'], true>> = {
  commandExited: true,
  commandWithheld: true,
  baselineCaptured: true,
  gateHeld: true,
  interrupted: true,
  breach: true,
  reconciled: true,
  rollbackStepStarting: true,
  rollbackStepExited: true,
  rollbackStepWithheld: true,
  rollbackFinishing: true,
  rollbackInterrupted: true,
  serviceRestored: true,
  fixForwardLanding: true,
  fixForwardExpiring: true,
  backOutStepStarting: true,
  backOutStepExited: true,
  backOutStepWithheld: true,
  backOutFinishing: true,
  backOutInterrupted: true,
  shellCommandExited: true,
  shellOpened: true,
  shellClosed: true,
  announcementAnswered: true,
};

/**
 * A person's refused intent is logged (who tried what, and why not); an observation that does not hold
 * yet (a gate still watching, after every poll) is not: it would fill the log with non-events.
 */
export function isObservation(intent: Intent): intent is Observation {
  return Object.hasOwn(OBSERVATIONS, intent.kind);
}
