import { z } from 'zod';
import { Baseline, ScenarioKind } from '../api/metrics';
import { RollbackRecord } from '../rollback/record';
import { BackOutRecord } from '../rollback/backOut';
import { FixForwardDecision } from '../rollback/fixForward';
import { HandoverStatus, Release } from '../workspace/schema/releases';
import { LeaseReleased, LeaseTaken, LeaseTakenOver } from './leaseEvents';
import { NamedInstant } from '../api/contract';
import { Actor, ApprovalRecord, CommandRunRecord, OverrideRecord, QaTick } from './state';

/**
 * What the release log holds: every accepted intent and every observation becomes one or more of these,
 * appended (fsynced) before it is applied; state is their fold (fold.ts). Each is validated with these
 * schemas when the log is replayed, so a hand-edited line is an error, not a state.
 */

/** What a command left in a region (seed 000): maintenance mode on or off, or a package's running version (null: removed). */
export const WorldEffect = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('maintenance'), region: z.string(), on: z.boolean() }),
  z.object({ kind: z.literal('version'), region: z.string(), package: z.string(), version: z.string().nullable() }),
]);
export type WorldEffect = z.infer<typeof WorldEffect>;

const base = { actor: Actor, at: z.number() };
const onStep = { ...base, release: z.string(), step: z.string(), region: z.string().nullable() };

export const StepStarted = z.object({ type: z.literal('stepStarted'), ...onStep, retry: z.boolean(), kind: z.string() });
/** A person asked a running command step to stop; its command's exit (stepFinished, failed) follows. */
export const StepStopRequested = z.object({ type: z.literal('stepStopRequested'), ...onStep });
export const StepFinished = z.object({
  type: z.literal('stepFinished'),
  ...onStep,
  outcome: z.enum(['done', 'failed']),
  /** tick: a person marked it; command, baseline, metricGate: it finished by itself; interrupted: the console stopped under it. */
  cause: z.enum(['tick', 'command', 'baseline', 'metricGate', 'interrupted']),
  note: z.string().nullable(),
  exitCode: z.number().nullable(),
});
/**
 * A done step is no longer done: a QA item of its checklist was failed or reopened after the sign-off (seed 000's
 * testing failure after the rollout). `reason` says which item and why; the step is done again only as any step is.
 */
export const StepReopened = z.object({ type: z.literal('stepReopened'), ...onStep, reason: z.string() });
export const ApprovalGiven = z.object({ type: z.literal('approvalGiven'), ...onStep, approver: ApprovalRecord });
/** Issue 15: someone approved an override of a blocked step on their own desk, as their own identity. */
export const OverrideApproved = z.object({ type: z.literal('overrideApproved'), ...onStep, approver: ApprovalRecord });
export const OverrideGranted = z.object({ type: z.literal('overrideGranted'), ...onStep, override: OverrideRecord, blockedBy: z.array(z.string()) });
export const QaTicked = z.object({ type: z.literal('qaTicked'), ...base, release: z.string(), itemId: z.string(), tick: QaTick });
/** A console opened this workspace's log: the record shows when each session began, and in which mode. */
export const ConsoleStarted = z.object({ type: z.literal('consoleStarted'), ...base, workspace: z.string(), rehearsal: z.boolean() });
/**
 * A gate completed and this handover did not move with it: why (not deployed in every target region), and the instants
 * the reason names in its UTC words (when QA reopened a sign-off), as a refusal carries them: a desk reads them in its zone.
 */
export const HandoverHeld = z.object({ type: z.literal('handoverHeld'), ...base, release: z.string(), handover: z.string(), gate: z.string(), status: HandoverStatus, reason: z.string(), instants: z.array(NamedInstant).default([]) });
export const HandoverMoved = z.object({ type: z.literal('handoverMoved'), ...base, release: z.string(), handover: z.string(), from: HandoverStatus, to: HandoverStatus });
export const BaselinesCaptured = z.object({
  type: z.literal('baselinesCaptured'),
  ...onStep,
  baselines: z.array(Baseline),
  missing: z.array(z.object({ regionId: z.string(), metricId: z.string() })),
});
/**
 * Issue 17: a person retook a done baseline step (its baseline was stale). The step runs again; the
 * baselines it replaces stay here, so the record keeps what the earlier deploys were compared against.
 */
export const BaselineRetakeStarted = z.object({ type: z.literal('baselineRetakeStarted'), ...onStep, previous: z.array(Baseline) });
/** A command's exit, forward or rollback: the run's record and what it changed in the world. */
export const CommandExited = z.object({
  type: z.literal('commandExited'),
  ...base,
  release: z.string(),
  /** The step instance key the run belongs to, or `rollback-HO@REGION` for a rollback's. */
  runKey: z.string(),
  region: z.string().nullable(),
  step: z.string(),
  run: CommandRunRecord.nullable(),
  argv: z.array(z.string()),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  /** Why it never ran (it could not start); null when it ran. */
  error: z.string().nullable(),
  effects: z.array(WorldEffect),
  rollback: z.string().nullable(),
});
/**
 * A rehearsal withheld a command that is not rehearsal-safe (rehearsalTools.ts): nothing was spawned; its
 * argv is on record as what would have run, and its declared effect is applied as a run's would be.
 */
export const CommandWouldRun = z.object({
  type: z.literal('commandWouldRun'),
  ...base,
  release: z.string(),
  /** The step instance key, or `rollback-HO@REGION` for a rollback's, as on commandExited. */
  runKey: z.string(),
  region: z.string().nullable(),
  step: z.string(),
  commandId: z.string(),
  argv: z.array(z.string()),
  effects: z.array(WorldEffect),
  rollback: z.string().nullable(),
});
export const GateHeld = z.object({ type: z.literal('gateHeld'), ...onStep, minutes: z.number() });
export const BreachObserved = z.object({
  type: z.literal('breachObserved'),
  ...base,
  region: z.string(),
  alertId: z.string(),
  title: z.string(),
  level: z.enum(['immediate', 'consider']),
  value: z.number(),
  threshold: z.number(),
  since: z.number(),
});
export const Reconciled = z.object({
  type: z.literal('reconciled'),
  ...base,
  region: z.string(),
  reported: z.object({ maintenance: z.boolean().nullable(), deployed: z.record(z.string(), z.string().nullable()).nullable() }),
  /** Why the probes could not say (a non-zero exit, bad JSON, a timeout): nothing was compared. */
  error: z.string().nullable().default(null),
  differences: z.array(z.string()),
});
/** A rollback's whole record after a change: started, a step ran, stopped, skipped, retried, finished. */
export const RollbackChanged = z.object({
  type: z.literal('rollbackChanged'),
  ...base,
  release: z.string(),
  region: z.string().nullable(),
  step: z.string().nullable(),
  /** The intent as the audit log names it (startRollback, retryRollback…), or the observation. */
  intent: z.string(),
  detail: z.record(z.string(), z.unknown()),
  run: RollbackRecord,
});
/**
 * What a rollbackChanged entry says changed the run: a person's rollback intent, or what its runner observed
 * (decideRollback, decideLease). The log keeps it as a string: an older log may hold a name no longer here.
 */
export type RollbackChange =
  | 'startRollback'
  | 'retryRollback'
  | 'skipRollbackStep'
  | 'abortRollback'
  | 'stopRollbackStep'
  | 'rollbackWaiting'
  | 'rollbackStepStarted'
  | 'rollbackStepDone'
  | 'rollbackStopped'
  | 'rollbackFinished'
  | 'rollbackInterrupted'
  | 'serviceRestored';
/** Issue 19: the on-call engineer chose to fix a breach forward (shared/rollback/fixForward.ts, FixForwardDecision). */
export const FixForwardDecided = z.object({
  type: z.literal('fixForwardDecided'),
  ...base,
  release: z.string(),
  handover: z.string(),
  ...FixForwardDecision.shape,
});
/** A handover that `fixes` the incident runs in every region of the breach, and the metrics recovered (shared/rollback/restored.ts). */
export const FixForwardLanded = z.object({ type: z.literal('fixForwardLanded'), ...base, release: z.string(), handover: z.string(), fixHandover: z.string(), regions: z.array(z.string()) });
/** The deadline passed without the fix landing: the breach alert offers the rollback again. */
export const FixForwardExpired = z.object({ type: z.literal('fixForwardExpired'), ...base, release: z.string(), handover: z.string() });
/** Issue 17: a region's back-out after a change: started, a step ran, stopped, finished. */
export const BackOutChanged = z.object({
  type: z.literal('backOutChanged'),
  ...base,
  release: z.string(),
  region: z.string(),
  step: z.string().nullable(),
  intent: z.string(),
  detail: z.record(z.string(), z.unknown()),
  run: BackOutRecord,
});
/** What a backOutChanged entry says changed the run (decideBackOut), as RollbackChange is for a rollback. */
export type BackOutChange = 'backOutRegion' | 'stopBackOutStep' | 'backOutStepStarted' | 'backOutStepDone' | 'backOutStopped' | 'backOutFinished' | 'backOutInterrupted';
export const ClockMoved = z.object({ type: z.literal('clockMoved'), ...base, from: z.number(), to: z.number() });
/**
 * A drill switched on a region of a rehearsal or the demo ("healthy" ends it): in the log, so every desk on the
 * rehearsal sees the same breach from the same instant, and the record says the breach was a drill, and whose.
 */
export const DrillSet = z.object({ type: z.literal('drillSet'), ...base, region: z.string(), scenario: ScenarioKind });
/** The demo reopened on the other clock: the last entry of the log it leaves, saying who left it for which clock. */
export const DemoClockSwitched = z.object({ type: z.literal('demoClockSwitched'), ...base, from: z.enum(['system', 'simulated']), to: z.enum(['system', 'simulated']) });
/** "Start over": the last entry of a rehearsal's log before its folder is archived under `archivedAs`. */
export const RehearsalStartedOver = z.object({ type: z.literal('rehearsalStartedOver'), ...base, start: z.number(), archivedAs: z.string() });
export const OperatorSet = z.object({ type: z.literal('operatorSet'), ...base, from: Actor, to: Actor });
export const ReleaseSelected = z.object({ type: z.literal('releaseSelected'), ...base, release: z.string() });
export const EvidenceExported = z.object({ type: z.literal('evidenceExported'), ...base, release: z.string(), format: z.string(), filename: z.string() });
/** A workspace tool typed into a console shell that `decide` allowed: the step, rollback step or read-only command it is. */
export const ShellCommandAllowed = z.object({
  type: z.literal('shellCommandAllowed'),
  ...base,
  release: z.string(),
  region: z.string().nullable(),
  step: z.string().nullable(),
  /** The handover whose rollback step this is. */
  handover: z.string().nullable(),
  command: z.string(),
  argv: z.array(z.string()),
});
/** "Run anyway? it will be recorded": the answer, with who, argv, region and why it was refused. */
export const ShellCommandAnswered = z.object({
  type: z.literal('shellCommandAnswered'),
  ...base,
  release: z.string(),
  region: z.string().nullable(),
  argv: z.array(z.string()),
  answer: z.enum(['runAnyway', 'declined']),
  blockedBy: z.array(z.string()),
});
/** A tool a console shell ran exited; the region is reconciled next, since the console did not apply its effect. */
export const ShellCommandExited = z.object({
  type: z.literal('shellCommandExited'),
  ...base,
  release: z.string(),
  region: z.string().nullable(),
  argv: z.array(z.string()),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
});
/** A rehearsal showed a command instead of running it (a step's, or one typed into a rehearsal shell). */
export const ShellCommandWouldRun = z.object({ type: z.literal('shellCommandWouldRun'), ...base, stepId: z.string().optional(), regionId: z.string(), argv: z.array(z.string()) });
/**
 * Issue 16: a console shell opened. The free shell bypasses every rule, so the record says it was used,
 * by whom (the actor), in which region, when, and under which release's evidence its transcript goes.
 */
export const ShellOpened = z.object({
  type: z.literal('shellOpened'),
  ...base,
  sessionId: z.string(),
  region: z.string().nullable(),
  transcript: z.string(),
  title: z.string(),
  release: z.string().nullable(),
});
/** The shell ended and its transcript is whole on disk: these are the file's size and SHA-256, to check it against. */
export const ShellClosed = z.object({
  type: z.literal('shellClosed'),
  ...base,
  sessionId: z.string(),
  transcript: z.string(),
  release: z.string().nullable(),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
/**
 * Issue 19: an announcement is being posted to a Slack channel: logged before the webhook is called, so a
 * post that never answers is still on record. `attempt` counts the posts of this message to this channel.
 */
export const AnnouncementPosting = z.object({ type: z.literal('announcementPosting'), ...base, release: z.string(), channel: z.string(), message: z.string(), attempt: z.number().int().positive() });
/** What the webhook answered: its HTTP status, or null and why there was none. Never the webhook's URL. */
export const AnnouncementPosted = z.object({
  type: z.literal('announcementPosted'),
  ...base,
  release: z.string(),
  channel: z.string(),
  message: z.string(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  attempt: z.number().int().positive(),
});
/** A rehearsal's post: shown as "would post to #channel", never sent. */
export const AnnouncementWouldPost = z.object({ type: z.literal('announcementWouldPost'), ...base, release: z.string(), channel: z.string(), message: z.string() });

/**
 * Issue 19: a release's definition as the workspace YAML gave it when its first step started, so its
 * delivery metrics survive later edits: the handovers (with `createdAt` for lead time) and, per handover,
 * the regions of each environment its deploy steps reach (its last target region ends its deployment).
 */
export const ReleaseDefinition = Release.extend({
  targets: z.record(z.string(), z.object({ production: z.array(z.string()), staging: z.array(z.string()) })),
});
export type ReleaseDefinition = z.infer<typeof ReleaseDefinition>;
export const ReleaseDefined = z.object({ type: z.literal('releaseDefined'), ...base, release: z.string(), definition: ReleaseDefinition });

/** A refused intent: logged as now, so the record shows who tried what and why it was refused. */
export const Refused = z.object({
  type: z.literal('refused'),
  ...base,
  intent: z.string(),
  release: z.string().nullable(),
  region: z.string().nullable(),
  step: z.string().nullable(),
  reasons: z.array(z.string()),
  opensAt: z.number().nullable(),
  /** Kept under the name the audit log has always used for a refusal. */
  allowed: z.literal(false),
  /** A rollback intent's handover. */
  handover: z.string().nullable(),
});

export const ReleaseEvent = z.discriminatedUnion('type', [
  StepStarted,
  StepStopRequested,
  StepFinished,
  StepReopened,
  ApprovalGiven,
  OverrideGranted,
  OverrideApproved,
  QaTicked,
  HandoverMoved,
  HandoverHeld,
  BaselinesCaptured,
  BaselineRetakeStarted,
  CommandExited,
  CommandWouldRun,
  GateHeld,
  BreachObserved,
  Reconciled,
  RollbackChanged,
  BackOutChanged,
  FixForwardDecided,
  FixForwardLanded,
  FixForwardExpired,
  ClockMoved,
  DrillSet,
  DemoClockSwitched,
  RehearsalStartedOver,
  OperatorSet,
  ReleaseSelected,
  EvidenceExported,
  Refused,
  ConsoleStarted,
  ShellCommandAllowed,
  ShellCommandAnswered,
  ShellCommandExited,
  ShellCommandWouldRun,
  ShellOpened,
  ShellClosed,
  LeaseTaken,
  LeaseReleased,
  LeaseTakenOver,
  AnnouncementPosting,
  AnnouncementPosted,
  AnnouncementWouldPost,
  ReleaseDefined,
]);
export type ReleaseEvent = z.infer<typeof ReleaseEvent>;
export type ReleaseEventType = ReleaseEvent['type'];
export type EventOf<T extends ReleaseEventType> = Extract<ReleaseEvent, { type: T }>;

export type AuditKind = 'intent' | 'decision' | 'override' | 'command' | 'approval' | 'tick' | 'transition' | 'baseline' | 'export' | 'session' | 'recovery';

/** The audit log's kind for each event: what the record has called these since issue 4. */
export function auditKindOf(event: ReleaseEvent): AuditKind {
  switch (event.type) {
    case 'stepStarted':
    case 'stepStopRequested':
    case 'clockMoved':
    case 'drillSet':
    case 'demoClockSwitched':
    case 'rehearsalStartedOver':
    case 'releaseSelected':
      return 'intent';
    case 'stepFinished':
    case 'stepReopened':
    case 'qaTicked':
      return 'tick';
    case 'approvalGiven':
    case 'overrideApproved':
      return 'approval';
    case 'overrideGranted':
      return 'override';
    case 'handoverMoved':
    case 'handoverHeld':
      return 'transition';
    case 'baselinesCaptured':
    case 'baselineRetakeStarted':
      return 'baseline';
    case 'commandExited':
    case 'shellCommandExited':
    case 'shellCommandWouldRun':
    case 'commandWouldRun':
    case 'shellOpened':
    case 'shellClosed':
      return 'command';
    case 'shellCommandAnswered':
      return event.answer === 'runAnyway' ? 'override' : 'decision';
    case 'shellCommandAllowed':
      return 'decision';
    case 'operatorSet':
    case 'consoleStarted':
      return 'session';
    case 'evidenceExported':
    case 'announcementPosting':
    case 'announcementPosted':
    case 'announcementWouldPost':
      return 'export';
    case 'releaseDefined':
      return 'intent';
    case 'rollbackChanged':
      // A person's rollback intents are intents; what the runner observed (a stop, the end) is its decision.
      return ROLLBACK_INTENTS.has(event.intent) ? 'intent' : 'decision';
    case 'backOutChanged':
      return event.intent === 'backOutRegion' || event.intent === 'stopBackOutStep' ? 'intent' : 'decision';
    case 'fixForwardDecided':
      return 'intent';
    case 'fixForwardLanded':
    case 'fixForwardExpired':
      return 'decision';
    case 'leaseTaken':
    case 'leaseReleased':
      return 'decision';
    case 'leaseTakenOver':
      return 'override';
    case 'gateHeld':
    case 'breachObserved':
    case 'reconciled':
    case 'refused':
      return 'decision';
  }
}

export const ROLLBACK_INTENTS: ReadonlySet<string> = new Set(['startRollback', 'retryRollback', 'skipRollbackStep', 'abortRollback', 'stopRollbackStep']);
