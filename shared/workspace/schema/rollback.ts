import { z } from 'zod';
import { Id } from './common';

/**
 * How a value is compared: seed 001 "error rate > 5%" is `above`; "p99 > 3x baseline" is `ratioToBaseline`;
 * seed 002 "exceeds baseline by >10%" and seed 004 "p95 > 25% above baseline" are `percentAboveBaseline`;
 * seed 004 "error rate > 0.5% above baseline" is `aboveBaselineBy` (in the metric's own unit).
 * Drops breach under the line: `below` (an absolute minimum) and seed 004 "Critical business metric drops
 * > 10%", `percentBelowBaseline`.
 */
export const Comparison = z.enum(['above', 'ratioToBaseline', 'percentAboveBaseline', 'aboveBaselineBy', 'below', 'percentBelowBaseline']);
export type Comparison = z.infer<typeof Comparison>;
/** The comparisons whose line is drawn from the baseline upwards: the only ones a floor applies to. */
export const RISES_FROM_BASELINE: readonly Comparison[] = ['ratioToBaseline', 'percentAboveBaseline', 'aboveBaselineBy'];
/** The comparisons that breach when the value falls under the line (throughput drops). */
export const DROPS: readonly Comparison[] = ['below', 'percentBelowBaseline'];

export const RollbackCriterion = z.strictObject({
  id: Id,
  title: z.string().min(1),
  /** Seed 001: immediate rollback (no discussion) or consider rollback. */
  level: z.enum(['immediate', 'consider']),
  metric: Id,
  comparison: Comparison,
  threshold: z.number(),
  /** Seed 002: only when sustained for more than N minutes; 0 means the latest point decides. */
  sustainedMinutes: z.number().min(0).default(0),
  /**
   * A baseline-relative rise never draws its line under this absolute value (in the metric's unit). Near a
   * zero baseline a relative line is noise (10% above 0.01% is 0.011%), so without a floor a workspace
   * either alerts on noise or leaves the rate out, and a rise of 6,807% shows OK.
   */
  floor: z.number().min(0).optional(),
}).refine((criterion) => criterion.floor === undefined || RISES_FROM_BASELINE.includes(criterion.comparison), {
  message: 'floor applies only to a rise from the baseline (ratioToBaseline, percentAboveBaseline, aboveBaselineBy)',
  path: ['floor'],
});
export type RollbackCriterion = z.infer<typeof RollbackCriterion>;

/**
 * Issue 19: where a breach may be fixed forward instead of rolled back. Seed 002 applies a configuration
 * fix "via fast-track" and rolls a code bug back at once; seed 000 rolls the whole handover back on any
 * failure, so its workspace has no `fixForward` and the alert offers only the rollback.
 */
export const FixForwardPolicy = z.strictObject({
  /** The workspace's incident severity scale, most severe first (seed 002: SEV-1 …). */
  severities: z.array(z.string().trim().min(1)).min(1, 'at least one severity'),
  /** How long a fix has to land before the rollback is offered again (seed 002: the first hour's on-call watch). */
  deadlineMinutes: z.number().int().min(1).default(60),
}).refine((policy) => new Set(policy.severities).size === policy.severities.length, { message: 'each severity is named once', path: ['severities'] });
export type FixForwardPolicy = z.infer<typeof FixForwardPolicy>;

export const RollbackFile = z.strictObject({
  criteria: z.array(RollbackCriterion).default([]),
  /** Seed 002: who has rollback authority (the on-call engineer). Absent: any operator may roll back. */
  roles: z.array(z.string().trim().min(1)).min(1).optional(),
  /** Issue 17: how long the metrics must stay back under the criteria after a rollback before the service counts as restored. */
  recoveryMinutes: z.number().min(0).default(5),
  /** Absent: a breach is only ever rolled back (seed 000). A criterion at level `immediate` is never fixed forward. */
  fixForward: FixForwardPolicy.optional(),
});
