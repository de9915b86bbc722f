import { z } from 'zod';
import { defineCall } from './contract';

/**
 * What main pushes for the open release: everything a screen shows, already decided by shared/'s rules.
 * The renderer formats it; it never works out whether a step is allowed.
 */
export const StepState = z.enum(['done', 'ready', 'blocked', 'running', 'failed']);
export type StepState = z.infer<typeof StepState>;

export const Actor = z.object({ name: z.string(), role: z.string() });
export type Actor = z.infer<typeof Actor>;

/**
 * The operator's role, in the workspace's words ("on-call PE", "Governance Board"): approvals match it
 * against the roles a runbook names. The UI offers the common ones; this is workflow, not security.
 */
export const Role = z.string().trim().min(1).max(60);
export type Role = z.infer<typeof Role>;
export const COMMON_ROLES = ['PE', 'on-call PE', 'QA', 'release manager'] as const;

export const StepView = z.object({
  /** `${stepId}@${regionId}` or the step id for steps without a region. */
  key: z.string(),
  stepId: z.string(),
  gateId: z.string(),
  title: z.string(),
  kind: z.enum(['manual', 'command', 'baseline', 'metricGate', 'soak', 'approval']),
  owner: z.string(),
  regionId: z.string().nullable(),
  state: StepState,
  /** Every reason it is blocked (or failed), in words. */
  reasons: z.array(z.string()),
  /** Blocked only because earlier steps are not done yet: no rule stands in its way. */
  waitsOnlyForSteps: z.boolean(),
  opensAt: z.number().nullable(),
  /** Waiting for earlier steps too: when its own timing window opens, so the countdown still shows. */
  windowOpensAt: z.number().nullable(),
  /** Blocked by earlier steps or by maintenance state: it opens once those change, not by the clock alone. */
  waitsForAction: z.boolean(),
  closesAt: z.number().nullable(),
  /** The zone of the rule that decides opensAt/closesAt, shown beside the region's and the operator's. */
  ruleZone: z.string().nullable(),
  /** The argv lines this step will run (command steps), already filled and validated. */
  commands: z.array(z.array(z.string())),
  checklist: z.array(z.string()),
  instructions: z.string().nullable(),
  doneBy: Actor.nullable(),
  doneAt: z.number().nullable(),
  exitCode: z.number().nullable(),
  override: z.object({ reason: z.string(), approvers: z.array(Actor), by: Actor, at: z.number() }).nullable(),
  approvals: z
    .object({
      required: z.array(z.object({ role: z.string(), count: z.number() })),
      given: z.array(Actor.extend({ at: z.number() })),
      notBy: z.string().nullable(),
      /** Why main would refuse the current operator's approval now (wrong role, did the excluded step, approved already); null when it would accept it. */
      refusal: z.string().nullable(),
    })
    .nullable(),
  /** Metric gates: minutes healthy so far against the minutes required; null when not a metric gate. */
  gate: z.object({ healthyMinutes: z.number(), requiredMinutes: z.number(), detail: z.string() }).nullable(),
  canOverride: z.boolean(),
});
export type StepView = z.infer<typeof StepView>;

export const GateView = z.object({
  id: z.string(),
  title: z.string(),
  deadline: z.number().nullable(),
  deadlineZone: z.string().nullable(),
  missed: z.boolean(),
  onMiss: z.string().nullable(),
  steps: z.array(StepView),
});
export type GateView = z.infer<typeof GateView>;

export const HandoverView = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  author: z.string().nullable(),
  packages: z.array(
    z.object({ name: z.string(), currentVersion: z.string().nullable(), newVersion: z.string().nullable(), diffUrl: z.string().nullable(), isNew: z.boolean() }),
  ),
  tickets: z.array(z.string()),
  instructions: z.object({ pre: z.array(z.string()), post: z.array(z.string()), sql: z.array(z.string()) }),
  rollback: z.array(z.string()),
  /** Seed 000's PE review: each failure reason that applies to this HO. */
  reviewFailures: z.array(z.string()),
  nextStatuses: z.array(z.string()),
});
export type HandoverView = z.infer<typeof HandoverView>;

export const TimeInZone = z.object({ zone: z.string(), label: z.string() });

export const RegionView = z.object({
  id: z.string(),
  name: z.string(),
  zone: z.string(),
  awsRegion: z.string(),
  sibling: z.string().nullable(),
  maintenance: z.object({ on: z.boolean(), redirectedTo: z.string().nullable() }),
  versions: z.array(z.object({ name: z.string(), version: z.string() })),
  currentStep: z.object({ key: z.string(), title: z.string(), state: StepState }).nullable(),
  health: z.enum(['green', 'amber', 'red', 'unknown']),
  healthDetail: z.string(),
  window: z.object({
    open: z.boolean(),
    /** "any time" regions have neither. */
    opensAt: z.number().nullable(),
    closesAt: z.number().nullable(),
    ruleZone: z.string().nullable(),
    reasons: z.array(z.string()),
  }),
});
export type RegionView = z.infer<typeof RegionView>;

export const QaItemView = z.object({
  id: z.string(),
  title: z.string(),
  source: z.string(),
  outcome: z.enum(['open', 'pass', 'fail']),
  by: Actor.nullable(),
  at: z.number().nullable(),
  note: z.string().nullable(),
  link: z.string().nullable(),
});
export type QaItemView = z.infer<typeof QaItemView>;

export const AlertView = z.object({
  id: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  regionId: z.string().nullable(),
  title: z.string(),
  detail: z.string(),
  at: z.number(),
  /**
   * What the alert offers: rolling back each handover deployed where it breached, in the release's order
   * (seed 000: a handover rolls back whole, so one action per HO), opening the region, or the QA checklist.
   */
  actions: z.array(z.object({ kind: z.enum(['rollback', 'open-region', 'open-qa']), label: z.string(), handoverId: z.string().nullable() })),
});
export type AlertView = z.infer<typeof AlertView>;

export const ReleaseSummary = z.object({ id: z.string(), title: z.string(), type: z.string(), typeTitle: z.string() });

export const ReleaseView = z.object({
  now: z.number(),
  operator: Actor,
  releases: z.array(ReleaseSummary),
  release: ReleaseSummary.extend({ runbookTitle: z.string(), cycleStart: z.string() }),
  gates: z.array(GateView),
  handovers: z.array(HandoverView),
  regions: z.array(RegionView),
  qa: z.array(QaItemView),
  alerts: z.array(AlertView),
  /** Problems with persisted state found at start (a corrupt file moved aside, a broken audit chain). */
  storageWarnings: z.array(z.string()),
});
export type ReleaseView = z.infer<typeof ReleaseView>;

const StepRef = z.object({ releaseId: z.string(), stepId: z.string(), regionId: z.string().nullable() }).strict();

export const releaseCalls = {
  getReleaseView: defineCall(z.object({}).strict(), ReleaseView),
  selectRelease: defineCall(z.object({ releaseId: z.string() }).strict(), ReleaseView),
  setOperator: defineCall(z.object({ name: z.string().trim().min(1).max(80), role: Role }).strict(), ReleaseView),
  /** Starts a step: runs its commands, captures its baseline, or marks a manual step in progress. */
  startStep: defineCall(StepRef, StepView),
  completeStep: defineCall(StepRef.extend({ outcome: z.enum(['done', 'failed']), note: z.string().max(2000).optional() }).strict(), StepView),
  approveStep: defineCall(StepRef, StepView),
  overrideStep: defineCall(
    StepRef.extend({ reason: z.string().trim().min(10).max(2000), approvers: z.array(Actor).min(1).max(10) }).strict(),
    StepView,
  ),
  tickQaItem: defineCall(
    z.object({ releaseId: z.string(), itemId: z.string(), outcome: z.enum(['pass', 'fail', 'open']), note: z.string().max(2000).optional(), link: z.string().max(2000).optional() }).strict(),
    QaItemView,
  ),
  transitionHandover: defineCall(z.object({ releaseId: z.string(), handoverId: z.string(), to: z.string() }).strict(), HandoverView),
  /** Rehearsals only: set or move the simulated clock. Refused when the console runs on the system clock. */
  moveRehearsalClock: defineCall(z.object({ to: z.number().optional(), advanceMs: z.number().min(0).optional() }).strict(), z.object({ now: z.number() })),
  exportEvidence: defineCall(
    z.object({ releaseId: z.string(), format: z.enum(['cr-markdown', 'deployment-log', 'announcement-start', 'announcement-complete', 'announcement-rollback']) }).strict(),
    z.object({ filename: z.string(), mediaType: z.string(), content: z.string() }),
  ),
};

/** Something a person should hear about even with the console in the background. */
export const Notice = z.object({
  id: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  body: z.string(),
});
export type Notice = z.infer<typeof Notice>;

export const releaseEvents = {
  releaseView: ReleaseView,
  notice: Notice,
};
