import { z } from 'zod';
import { Id } from './common';

/**
 * How a value is compared: seed 001 "error rate > 5%" is `above`; "p99 > 3x baseline" is `ratioToBaseline`;
 * seed 002 "exceeds baseline by >10%" and seed 004 "p95 > 25% above baseline" are `percentAboveBaseline`;
 * seed 004 "error rate > 0.5% above baseline" is `aboveBaselineBy` (in the metric's own unit).
 */
export const Comparison = z.enum(['above', 'ratioToBaseline', 'percentAboveBaseline', 'aboveBaselineBy']);
export type Comparison = z.infer<typeof Comparison>;

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
});
export type RollbackCriterion = z.infer<typeof RollbackCriterion>;

export const RollbackFile = z.strictObject({
  criteria: z.array(RollbackCriterion).default([]),
  /** Seed 002: who has rollback authority (the on-call engineer). Absent: any operator may roll back. */
  roles: z.array(z.string().trim().min(1)).min(1).optional(),
  /** Issue 17: how long the metrics must stay back under the criteria after a rollback before the service counts as restored. */
  recoveryMinutes: z.number().min(0).default(5),
});
