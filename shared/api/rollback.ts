import { z } from 'zod';
import { IdString, MAX_ID_CHARS, MAX_KEY_CHARS, NoteString } from './bounds';
import { defineCall, NamedInstant } from './contract';
import { Actor } from './release';
import { FixForwardRecord } from '../rollback/fixForward';

/**
 * Issue 7: rolling a whole handover back in every region it reached, in one deliberate action. The plan
 * is shared/rollback/plan.ts's; main runs it region by region in the terminals and pushes its progress.
 */
const StepKind = z.enum(['maintenance-on', 'undo', 'rollback', 'remove', 'verify', 'maintenance-off']);

export const RollbackPlanStepView = z.object({
  id: z.string(),
  regionId: z.string(),
  kind: StepKind,
  package: z.string().nullable(),
  fromVersion: z.string().nullable(),
  toVersion: z.string().nullable(),
  commandId: z.string(),
  argv: z.array(z.string()),
  title: z.string(),
  note: z.string().nullable(),
});
export type RollbackPlanStepView = z.infer<typeof RollbackPlanStepView>;

const StatusPath = z.object({ start: z.string(), afterProduction: z.string().nullable(), end: z.string() });

export const RollbackPlanView = z.object({
  releaseId: z.string(),
  handoverId: z.string(),
  handoverStatus: z.string(),
  path: StatusPath.nullable(),
  regions: z.array(
    z.object({
      regionId: z.string(),
      environment: z.enum(['production', 'staging']),
      deployedAt: z.number().nullable(),
      packages: z.array(z.object({ name: z.string(), from: z.string(), to: z.string().nullable() })),
      maintenance: z.enum(['enable', 'already-on', 'not-needed']),
      steps: z.array(RollbackPlanStepView),
    }),
  ),
  flags: z.array(z.object({ package: z.string().nullable(), regionId: z.string().nullable(), reason: z.string() })),
  notes: z.array(z.string()),
  canStart: z.boolean(),
  /** What the dialog's reason starts with: seed 000's testing failure that names this handover, if one stands. */
  reason: z.string().nullable().optional(),
});
export type RollbackPlanView = z.infer<typeof RollbackPlanView>;

export const RollbackStepState = z.enum(['pending', 'running', 'done', 'failed', 'skipped']);
export type RollbackStepState = z.infer<typeof RollbackStepState>;

export const RollbackRunStepView = RollbackPlanStepView.extend({
  state: RollbackStepState,
  exitCode: z.number().nullable(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** Why it failed (the command's last words), or the reason someone gave for skipping it. */
  detail: z.string().nullable(),
});
export type RollbackRunStepView = z.infer<typeof RollbackRunStepView>;

/** One package in one region: what the screen and the audit log list as rolled back or not. */
export const RollbackOutcome = z.object({ regionId: z.string(), package: z.string(), from: z.string(), to: z.string().nullable(), why: z.string().nullable() });
export type RollbackOutcome = z.infer<typeof RollbackOutcome>;

export const RollbackRunView = z.object({
  releaseId: z.string(),
  handoverId: z.string(),
  status: z.enum(['running', 'failed', 'done', 'aborted']),
  handoverStatus: z.string(),
  startedAt: z.number(),
  startedBy: Actor,
  endedAt: z.number().nullable(),
  reason: z.string(),
  /** Set while a stop was asked for and the running command finishes first. */
  abortRequested: z.boolean(),
  /** The running step whose command is being stopped, and who asked; on a run stopped there (failed), who stopped it. */
  stopping: z.object({ stepId: z.string(), by: z.string(), role: z.string().optional(), at: z.number() }).nullable(),
  /** Issue 15: why the next step waits ("waiting for the deploy … in S01 to finish"); null while it runs on. */
  waitingFor: z.string().nullable(),
  /** The instants waitingFor names, in its UTC words (shared/engine/decision.ts): a desk reads them in its own zone. */
  waitingInstants: z.array(NamedInstant).default([]),
  regions: z.array(z.object({ regionId: z.string(), environment: z.enum(['production', 'staging']), steps: z.array(RollbackRunStepView) })),
  notes: z.array(z.string()),
  rolledBack: z.array(RollbackOutcome),
  notRolledBack: z.array(RollbackOutcome),
  /** Seed 002's incident timeline, Markdown, with the real times. */
  incident: z.string(),
  /** Seed 001's rollback post ("ROLLBACK INITIATED" while it runs, "ROLLBACK COMPLETE" once done), ready to copy. */
  announcement: z.string(),
});
export type RollbackRunView = z.infer<typeof RollbackRunView>;

const HandoverRef = z.object({ releaseId: IdString, handoverId: z.string().max(MAX_ID_CHARS).regex(/^HO-[0-9]+$/) }).strict();

const RegionRef = z.object({ releaseId: IdString, regionId: IdString }).strict();

/** Issue 17, "Back out region": the plan (maintenance off, the region's handovers rolled back there) and its run. */
export const BackOutView = z.object({
  releaseId: z.string(),
  regionId: z.string(),
  /** The plan as it would run now; when a back-out is running or ended, the steps it ran with their states. */
  handovers: z.array(z.string()),
  steps: z.array(RollbackRunStepView),
  /** Why it cannot start now (a package with no way back), or that there is nothing to back out. */
  blockedBy: z.array(z.string()),
  /** The instants blockedBy names (another run's lease: since, until), for a desk to read in its own zone. */
  blockedInstants: z.array(NamedInstant).default([]),
  run: z
    .object({
      status: z.enum(['running', 'failed', 'done']),
      startedAt: z.number(),
      startedBy: Actor,
      endedAt: z.number().nullable(),
      reason: z.string(),
      /** The running step whose command is being stopped, and who asked. */
      stopping: z.object({ stepId: z.string(), by: z.string(), role: z.string().optional(), at: z.number() }).nullable(),
    })
    .nullable(),
});
export type BackOutView = z.infer<typeof BackOutView>;

/** Issue 19: a handover's fix forward as the record keeps it, with the line the alert shows. */
export const FixForwardView = FixForwardRecord.extend({ releaseId: z.string(), line: z.string() });
export type FixForwardView = z.infer<typeof FixForwardView>;

export const rollbackCalls = {
  previewBackOut: defineCall(RegionRef, BackOutView),
  /** `confirm` must be the region id typed by hand; never held by a window, like a rollback. */
  backOutRegion: defineCall(RegionRef.extend({ confirm: z.string().max(MAX_ID_CHARS), reason: NoteString.trim().optional() }).strict(), BackOutView),
  /** Stops the command a running back-out waits on (SIGINT, SIGTERM, SIGKILL): the back-out stops on it, failed; `stepId` as for stopRollbackStep. */
  stopBackOutStep: defineCall(RegionRef.extend({ stepId: z.string().max(MAX_KEY_CHARS) }).strict(), BackOutView),
  /** The plan as it would run now, with everything that would stop it flagged; the run so far, if any. */
  previewRollback: defineCall(HandoverRef, z.object({ plan: RollbackPlanView, run: RollbackRunView.nullable() })),
  /** `confirm` must be the handover id typed by hand: a rollback is one deliberate action. */
  startRollback: defineCall(HandoverRef.extend({ confirm: z.string().max(MAX_ID_CHARS), reason: NoteString.trim().optional() }).strict(), RollbackRunView),
  /** Runs the failed step again and carries on from there; `stepId` is the step the person saw fail, as for a skip. */
  retryRollback: defineCall(HandoverRef.extend({ stepId: z.string().max(MAX_KEY_CHARS) }).strict(), RollbackRunView),
  /** Passes over the failed step, with the reason recorded in the audit log, and carries on. */
  skipRollbackStep: defineCall(HandoverRef.extend({ stepId: z.string().max(MAX_KEY_CHARS), reason: NoteString.trim().min(10) }).strict(), RollbackRunView),
  /** Stops the run: at once when it stopped on a failure, else after the command now running. */
  abortRollback: defineCall(HandoverRef, RollbackRunView),
  /**
   * Stops the command the run now waits on (SIGINT, then SIGTERM after 5 s, SIGKILL after 5 s more): the run stops on
   * it, failed. `stepId` is the command the person saw running; a Stop that arrives after it exited stops nothing.
   */
  stopRollbackStep: defineCall(HandoverRef.extend({ stepId: z.string().max(MAX_KEY_CHARS) }).strict(), RollbackRunView),
  getRollback: defineCall(HandoverRef, RollbackRunView.nullable()),
  /** Issue 19: answer the breach on the handover by fixing it forward; `severity` is one of the workspace's scale. */
  fixForward: defineCall(HandoverRef.extend({ reason: NoteString.trim().min(1), severity: z.string().max(MAX_ID_CHARS) }).strict(), FixForwardView),
  getIncident: defineCall(HandoverRef, z.object({ filename: z.string(), mediaType: z.string(), content: z.string() })),
};

export const rollbackEvents = {
  rollbackProgress: RollbackRunView,
};
