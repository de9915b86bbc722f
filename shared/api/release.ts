import { z } from 'zod';
import { IdString, MAX_APPROVERS, MAX_LINK_CHARS, MAX_PERSON_CHARS, MAX_ROLE_CHARS, NoteString } from './bounds';
import { defineCall, NamedInstant } from './contract';
import { RegionReconcileView } from './world';
import { STRATEGIES } from '../workspace/schema/runbooks';
import { firstControlOrHidden } from '../terminal/neutralise';

/**
 * What main pushes for the open release: everything a screen shows, already decided by shared/'s rules.
 * The renderer formats it; it never works out whether a step is allowed.
 */
export const StepState = z.enum(['done', 'ready', 'blocked', 'running', 'failed']);
export type StepState = z.infer<typeof StepState>;

/**
 * Who acts. Outside rehearsals and the demo: the desk's STS identity (`arn`) and OS user, never typed
 * (issue 15). In them: a simulated persona chosen per window (`persona: true`).
 */
export const Actor = z.object({ name: z.string(), role: z.string(), arn: z.string().optional(), osUser: z.string().optional(), persona: z.boolean().optional() });
export type Actor = z.infer<typeof Actor>;

/**
 * The operator's role, in the workspace's words ("on-call PE", "Governance Board"): approvals match it
 * against the roles a runbook names. The UI offers the roles the workspace declares; in a rehearsal this is workflow, not security.
 */
export const Role = z.string().trim().min(1).max(MAX_ROLE_CHARS).refine((t) => firstControlOrHidden(t) === null, { message: 'must not contain control or invisible characters (such as U+202E)' });
/** Who the operator says they are; recorded with every action, so it must read as what it is (no U+202E, no U+0085). */
export const OperatorName = z.string().trim().min(1).max(MAX_PERSON_CHARS).refine((t) => firstControlOrHidden(t) === null, { message: 'must not contain control or invisible characters (such as U+202E)' });
/** An approver a person names in a request: recorded in the audit log and the CR evidence like the operator. */
export const NamedActor = z.object({ name: OperatorName, role: Role });
export type Role = z.infer<typeof Role>;

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
  /** The instants the reasons name, with the words that name them in UTC (shared/engine/decision.ts): a desk reads them in its zone. */
  instants: z.array(NamedInstant).default([]),
  /** Blocked only because earlier steps are not done yet: no rule stands in its way. */
  waitsOnlyForSteps: z.boolean(),
  opensAt: z.number().nullable(),
  /** Waiting for earlier steps too: when its own timing window opens, so the countdown still shows. */
  windowOpensAt: z.number().nullable(),
  /** Closed for the rest of the day: the first instant every rule of the step allows it. */
  nextOpensAt: z.number().nullable(),
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
  /** What a done step's finish said: a tick's note, or a rehearsal's "would run …, not run" lines. */
  doneNote: z.string().nullable(),
  /** When a running step started, on the console clock (a rehearsal's); null unless it is running. */
  startedAt: z.number().nullable(),
  /**
   * When this console saw the running step start, on the wall clock (epoch ms): its elapsed time beside Stop
   * counts from here, since a command's time limit is wall-clock time, in rehearsals too, while a rehearsal's
   * clock moves only on "+1 min". Null unless it is running.
   */
  runningSince: z.number().nullable().default(null),
  /**
   * A running command step someone asked to stop: who, in which role, and when (console clock); its command gets SIGINT,
   * SIGTERM, SIGKILL. On the failed step it became, who stopped it. `role` is '' for a Stop an older console recorded.
   */
  stopping: z.object({ by: z.string(), role: z.string().default(''), at: z.number() }).nullable().default(null),
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
  /** Who approved overriding this blocked step, each on their own desk (issue 15); an override counts these. */
  overrideApprovals: z.array(Actor.extend({ at: z.number() })).default([]),
  /**
   * Issue 17: a done baseline step's baseline: when it was taken, its age in words, and whether it is older
   * than the workspace's limit (then a deploy needs it retaken). Null for other steps and before it is taken.
   */
  baseline: z.object({ takenAt: z.number(), age: z.string(), limitMinutes: z.number().nullable(), stale: z.boolean() }).nullable().default(null),
  /**
   * A failed deploy step: seed 000's rule for it (shared/release/failedDeploy.ts) and the way out it points
   * to, "Roll back HO-…" per handover the step deploys (or the record of a rollback already done). Null otherwise.
   */
  failure: z.object({ rule: z.string(), actions: z.array(z.object({ label: z.string(), handoverId: z.string() })) }).nullable().default(null),
  /** A step not done again since a QA failure after its sign-off reopened it: who failed the item, when, and the record's reason naming it. */
  reopened: z.object({ by: Actor, at: z.number(), reason: z.string() }).nullable().default(null),
  /** A step done after a sign-off that now stands reopened: the sign-off's title and when it was reopened. Its record stays done. */
  doneBeforeReopen: z.object({ signOff: z.string(), at: z.number() }).nullable().default(null),
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
  /**
   * The legal moves main would refuse this operator, each with its reason (seed 000: "QA moves HO to …"), shown disabled,
   * and the instants the reason names in UTC words (a sign-off reopened at 08:30 UTC), for a desk to read in its own zone.
   */
  refusedMoves: z.array(z.object({ to: z.string(), reason: z.string(), instants: z.array(NamedInstant).default([]) })).default([]),
  /** Why "Roll back" would be refused now, in the rollback plan's words; null when it would start, or a run of it is there to look at. */
  rollbackRefusal: z.string().nullable().default(null),
  /** Seed 000: why a completed gate left it where it is (not deployed in every target region); absent when none did. */
  held: z.string().nullable().optional(),
  /** The instants `held` names in its UTC words (when QA reopened a sign-off), for a desk to read in its own zone. */
  heldInstants: z.array(NamedInstant).default([]),
});
export type HandoverView = z.infer<typeof HandoverView>;

export const TimeInZone = z.object({ zone: z.string(), label: z.string() });

/** Issue 15: who holds the region's lease, for what, and until when (`expired`: no heartbeat since; take it over with a reason). */
export const RegionLeaseView = z.object({
  holder: Actor,
  purpose: z.string(),
  since: z.number(),
  expiresAt: z.number(),
  expired: z.boolean(),
  /** The holder's desk's latest heartbeat (the taking, until one arrives): "last heartbeat 12 s ago". */
  lastHeartbeatAt: z.number(),
  /** decide would let someone take it over now (shared/engine/decideLease.ts takeOverBlocked): only then is "Take over" offered. */
  canTakeOver: z.boolean(),
  /** Set once it was taken over: from whom, and why. */
  takenOverFrom: z.object({ holder: Actor, reason: z.string() }).nullable(),
});
export type RegionLeaseView = z.infer<typeof RegionLeaseView>;

export const RegionView = z.object({
  id: z.string(),
  name: z.string(),
  zone: z.string(),
  awsRegion: z.string(),
  sibling: z.string().nullable(),
  maintenance: z.object({ on: z.boolean(), redirectedTo: z.string().nullable() }),
  versions: z.array(z.object({ name: z.string(), version: z.string() })),
  /** The step the region is at, with why it is blocked or failed: a tile that only says Blocked leaves the PE guessing. */
  currentStep: z.object({ key: z.string(), title: z.string(), state: StepState, reasons: z.array(z.string()), instants: z.array(NamedInstant).default([]) }).nullable(),
  health: z.enum(['green', 'amber', 'red', 'unknown']),
  healthDetail: z.string(),
  reconcile: RegionReconcileView,
  window: z.object({
    open: z.boolean(),
    /** "any time" regions have neither. */
    opensAt: z.number().nullable(),
    /** Closed past today: the first instant every rule of the region's window allows (null: none found). */
    nextOpensAt: z.number().nullable(),
    closesAt: z.number().nullable(),
    ruleZone: z.string().nullable(),
    reasons: z.array(z.string()),
  }),
  lease: RegionLeaseView.nullable(),
  /** Issue 17: the release's newest baseline of the region, its age, and whether it is stale (graphs say so). */
  baseline: z.object({ takenAt: z.number(), age: z.string(), limitMinutes: z.number().nullable(), stale: z.boolean() }).nullable().default(null),
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
  /** Why main would refuse this operator each outcome (shared/engine/qa.ts qaTickRefusal, asked of decide); null when not asked. */
  refused: z.object({ pass: z.string().nullable(), fail: z.string().nullable(), open: z.string().nullable() }).nullable().default(null),
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
  actions: z.array(
    z.object({
      kind: z.enum(['rollback', 'fix-forward', 'open-region', 'open-qa', 'open-announcements']),
      label: z.string(),
      handoverId: z.string().nullable(),
      /** Issue 19, on a fix-forward action: the workspace's severity scale and the deadline it would have if decided now. */
      fixForward: z.object({ severities: z.array(z.string()), deadline: z.number() }).optional(),
    }),
  ),
  /**
   * The alert in one line beside its title, for a desk that collapsed it (a view preference, kept by the window): only
   * an alert that may be collapsed has one. A testing failure's says each handover and where its rollback stands.
   */
  summary: z.string().nullable().optional(),
  /** Issue 19: the decision already taken on the breach ("Fixing forward (SEV-2) — decided by …"), if any. */
  decision: z.string().nullable().optional(),
  /** The instants `decision` names (a fix forward's deadline) in its words, UTC: a desk reads them in its own zone. */
  decisionInstants: z.array(NamedInstant).optional(),
});
export type AlertView = z.infer<typeof AlertView>;

/**
 * The id of a finished rollback's banner, which its notice carries to every desk (main/release/notices.ts). Named once,
 * so a desk whose rollback dialog shows that very rollback, "rolled back" in green, knows the notice is about what it
 * shows already.
 */
export function rollbackDoneAlertId(handoverId: string): string {
  return `rollback:${handoverId}:done`;
}

export const ReleaseSummary = z.object({ id: z.string(), title: z.string(), type: z.string(), typeTitle: z.string() });

export const ReleaseView = z.object({
  now: z.number(),
  operator: Actor,
  releases: z.array(ReleaseSummary),
  /** strategy: the runbook's rollout strategy (issue 17), the name every export gives it ("blue-green"). */
  release: ReleaseSummary.extend({ runbookTitle: z.string(), cycleStart: z.string(), strategy: z.enum(STRATEGIES) }),
  gates: z.array(GateView),
  handovers: z.array(HandoverView),
  regions: z.array(RegionView),
  qa: z.array(QaItemView),
  alerts: z.array(AlertView),
  /** Problems with persisted state found at start (a corrupt file moved aside, a broken audit chain). */
  storageWarnings: z.array(z.string()),
});
export type ReleaseView = z.infer<typeof ReleaseView>;

const StepRef = z.object({ releaseId: IdString, stepId: IdString, regionId: IdString.nullable() }).strict();
/** An approver as the request names them: the same fields as Actor, bounded. */

const OperatorInput = z.object({ name: OperatorName, role: Role }).strict();

/**
 * One RFC 6902 operation. Main sends a window what changed in its view, not the whole view: a QA tick is a
 * few hundred bytes where the view is ~70 KB.
 */
export const ViewPatchOperation = z.object({
  op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
  path: z.string(),
  value: z.unknown().optional(),
  from: z.string().optional(),
});
export type ViewPatchOperation = z.infer<typeof ViewPatchOperation>;

/**
 * The change to one window's view. `seq` is one more than the view it applies to: a window that holds
 * another number missed a patch and asks for the whole view again (watchReleaseView).
 */
export const ReleaseViewPatch = z.object({ seq: z.number().int().nonnegative(), ops: z.array(ViewPatchOperation) });
export type ReleaseViewPatch = z.infer<typeof ReleaseViewPatch>;

export const WatchedReleaseView = z.object({ seq: z.number().int().nonnegative(), view: ReleaseView });
export type WatchedReleaseView = z.infer<typeof WatchedReleaseView>;

/**
 * Issue 16: a transcript an export lists, step run or console shell, by name, size and SHA-256 of what is
 * stored; the export screen shows the same list the file carries.
 */
export const EvidenceTranscript = z.object({
  name: z.string(),
  kind: z.enum(['command', 'shell']),
  regionId: z.string().nullable(),
  /** The command run, or the shell's title. */
  title: z.string(),
  /** Who opened a shell, "name (role)"; null for a step's run, whose step names its actor. */
  by: z.string().nullable(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  exitCode: z.number().nullable(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string(),
  /** A shell's file no longer has the SHA-256 its close logged: it was changed after the shell ended. */
  differsFromLog: z.boolean(),
});
export type EvidenceTranscript = z.infer<typeof EvidenceTranscript>;

export const releaseCalls = {
  /** The calling window's view, read once: for the CLI and tests. A window watches instead. */
  getReleaseView: defineCall(z.object({}).strict(), ReleaseView),
  /**
   * A window (re)connecting: its whole view and the sequence number patches continue from. A window that
   * reconnects names the release and operator it showed, so its session survives a dropped socket.
   */
  watchReleaseView: defineCall(z.object({ releaseId: IdString.optional(), operator: OperatorInput.optional() }).strict(), WatchedReleaseView),
  /** Opens a release in the calling window; its new view arrives as a push. */
  selectRelease: defineCall(z.object({ releaseId: IdString }).strict(), z.object({ releaseId: z.string() })),
  /** Sets the calling window's operator: the actor of its intents from now on. */
  setOperator: defineCall(OperatorInput, Actor),
  /** Starts a step: runs its commands, captures its baseline, or marks a manual step in progress. */
  startStep: defineCall(StepRef, StepView),
  /** Stops a running command step (SIGINT, SIGTERM after 5 s, SIGKILL after 5 s more); it then fails "stopped by …". */
  stopStep: defineCall(StepRef, StepView),
  /** Issue 17: takes a done baseline step's baseline again (a stale one); the earlier one stays in the record. */
  retakeBaseline: defineCall(StepRef, StepView),
  /** Issue 15: takes a region's expired lease over; refused while its holder still beats. The reason goes into the record. */
  takeOverLease: defineCall(z.object({ regionId: IdString, reason: NoteString }).strict(), z.object({ regionId: z.string() })),
  completeStep: defineCall(StepRef.extend({ outcome: z.enum(['done', 'failed']), note: NoteString.optional() }).strict(), StepView),
  approveStep: defineCall(StepRef, StepView),
  overrideStep: defineCall(
    // No typed approvers outside a rehearsal: the approvers approved on their own desks (approveOverride).
    StepRef.extend({ reason: NoteString.trim().min(10), approvers: z.array(NamedActor).max(MAX_APPROVERS).default([]) }).strict(),
    StepView,
  ),
  /** Approves overriding a blocked step, as this desk's identity (or this window's persona in a rehearsal). */
  approveOverride: defineCall(StepRef, StepView),
  tickQaItem: defineCall(
    z.object({ releaseId: IdString, itemId: IdString, outcome: z.enum(['pass', 'fail', 'open']), note: NoteString.optional(), link: z.string().max(MAX_LINK_CHARS).optional() }).strict(),
    QaItemView,
  ),
  transitionHandover: defineCall(z.object({ releaseId: IdString, handoverId: IdString, to: IdString }).strict(), HandoverView),
  /** Rehearsals only: set or move the simulated clock. Refused when the console runs on the system clock. */
  moveRehearsalClock: defineCall(z.object({ to: z.number().optional(), advanceMs: z.number().min(0).optional() }).strict(), z.object({ now: z.number() })),
  exportEvidence: defineCall(
    z
      .object({
        releaseId: IdString,
        format: z.enum(['cr-markdown', 'deployment-log', 'announcement-start', 'announcement-complete', 'announcement-rollback']),
        /** Issue 16: attach the transcripts' text; by default they are listed by name, size and SHA-256 only. */
        includeTranscripts: z.boolean().optional(),
      })
      .strict(),
    z.object({ filename: z.string(), mediaType: z.string(), content: z.string(), transcripts: z.array(EvidenceTranscript) }),
  ),
};

/** Something a person should hear about even with the console in the background. */
export const Notice = z.object({
  id: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  body: z.string(),
  /** The instants `body` names (a step's reasons'), in its UTC words (shared/engine/decision.ts): a desk reads them in its own zone. */
  instants: z.array(NamedInstant).optional(),
});
export type Notice = z.infer<typeof Notice>;

export const releaseEvents = {
  releaseViewPatch: ReleaseViewPatch,
  notice: Notice,
};
