import { z } from 'zod';
import { NamedInstant } from '../api/contract';
import { RollbackPlanStepView, RollbackStepState } from '../api/rollback';

/**
 * A handover's rollback as persisted with its release: the plan as it was confirmed (a recomputed plan
 * would drift as versions change under it) and each step's outcome, so a restart, a retry or the incident
 * record sees exactly what ran.
 */
export const RollbackStepRecord = RollbackPlanStepView.extend({
  environment: z.enum(['production', 'staging']),
  state: RollbackStepState,
  exitCode: z.number().nullable().default(null),
  startedAt: z.number().nullable().default(null),
  endedAt: z.number().nullable().default(null),
  detail: z.string().nullable().default(null),
});
export type RollbackStepRecord = z.infer<typeof RollbackStepRecord>;

export const RollbackRecord = z.object({
  handoverId: z.string(),
  status: z.enum(['running', 'failed', 'done', 'aborted']),
  path: z.object({ start: z.string(), afterProduction: z.string().nullable(), end: z.string() }),
  startedAt: z.number(),
  startedBy: z.object({ name: z.string(), role: z.string() }),
  endedAt: z.number().nullable().default(null),
  reason: z.string(),
  abortRequested: z.boolean().default(false),
  /**
   * The running step's Stop, asked for and logged: its command is being stopped (SIGINT, then SIGTERM, then
   * SIGKILL) and fails "stopped by …" when it exits. Cleared by that exit, unless the run stops there: then it says who
   * stopped the run (its banner and dialog name them), until a retry or a skip runs on. A hung `rmht` or `deploy rollback`
   * otherwise ran until its timeout: Abort waits for the command now running, and the terminal's own kill
   * is refused for a command the release record is waiting on. `role` as a step's Stop keeps it (absent from a Stop logged
   * before roles were kept with it).
   */
  stopping: z.object({ stepId: z.string(), by: z.string(), role: z.string().optional(), at: z.number() }).nullable().default(null),
  /** The breach that led to it, when one was active for a region the HO reached. */
  trigger: z
    .object({
      alertId: z.string(),
      regionId: z.string().nullable(),
      title: z.string(),
      detail: z.string(),
      at: z.number(),
      /** The incident timeline's line for it (seed 002: "Error rate spike detected"), decided when the run started. */
      headline: z.string().nullable().default(null),
    })
    .nullable()
    .default(null),
  /** When the HO's last deploy among the regions it reached finished: the timeline's "Deployed". */
  deployedAt: z.number().nullable().default(null),
  notes: z.array(z.string()).default([]),
  /**
   * Issue 17: every stop, retry, skip and abort as it happened. A retry resets the failed step, so the
   * steps alone would lose the earlier attempt; the incident timeline never does.
   */
  history: z.array(z.object({ at: z.number(), line: z.string() })).default([]),
  /** Issue 17: when the metrics had been back under the criteria for the recovery duration (shared/rollback/restored.ts). */
  restoredAt: z.number().nullable().default(null),
  /** Issue 15: why the next step waits ("waiting for the deploy of … in S01 to finish"); null while it runs on. */
  waitingFor: z.string().nullable().default(null),
  /** The instants waitingFor names (since when the other run holds the region), in UTC words: a desk reads them in its own zone. */
  waitingInstants: z.array(NamedInstant).default([]),
  steps: z.array(RollbackStepRecord),
});
export type RollbackRecord = z.infer<typeof RollbackRecord>;
