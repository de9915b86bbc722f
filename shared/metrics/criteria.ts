import type { RollbackCriterion } from '../workspace/schema/rollback';
import type { BaselineSummary } from './baseline';
import type { Point } from './series';

/**
 * Rollback criteria evaluated against a series. Kept small and shaped by shared/workspace/schema/rollback.ts
 * so it can move into shared/rollback/ unchanged.
 */
export type CriterionState =
  | { state: 'ok'; value: number; threshold: number }
  | { state: 'breached'; value: number; threshold: number; sinceMs: number }
  | { state: 'no_data' }
  /** A baseline-relative criterion before the baseline step: it cannot say "healthy". */
  | { state: 'no_baseline' };

export function needsBaseline(criterion: RollbackCriterion): boolean {
  return criterion.comparison !== 'above';
}

/** The absolute line a value must stay at or under: what the graph draws and the alert quotes. */
export function thresholdValue(criterion: RollbackCriterion, baseline: BaselineSummary | undefined): number | null {
  if (criterion.comparison === 'above') return criterion.threshold;
  if (baseline === undefined) return null;
  switch (criterion.comparison) {
    case 'ratioToBaseline': // seed 001: p99 > 3x baseline
      return baseline.mean * criterion.threshold;
    case 'percentAboveBaseline': // seed 004: p95 > 25% above baseline
      return baseline.mean * (1 + criterion.threshold / 100);
    case 'aboveBaselineBy': // seed 004: error rate > 0.5% above baseline, in the metric's unit
      return baseline.mean + criterion.threshold;
  }
}

/**
 * Seed 002: "for >5 minutes" means every point of the last N minutes is over the line and the points
 * reach back that far; with 0 minutes the latest point decides.
 */
export function evaluateCriterion(
  criterion: RollbackCriterion,
  points: readonly Point[],
  baseline: BaselineSummary | undefined,
  periodMs: number,
): CriterionState {
  const latest = points[points.length - 1];
  if (latest === undefined) return { state: 'no_data' };
  const threshold = thresholdValue(criterion, baseline);
  if (threshold === null) return { state: 'no_baseline' };
  if (!(latest.v > threshold)) return { state: 'ok', value: latest.v, threshold };

  let sinceMs = latest.t;
  for (let index = points.length - 1; index >= 0; index -= 1) {
    const point = points[index];
    if (point === undefined || !(point.v > threshold)) break;
    // A gap of more than one period breaks the run: a breach is only sustained across data we saw.
    if (point.t < sinceMs - periodMs) break;
    sinceMs = point.t;
  }
  const sustainedMs = criterion.sustainedMinutes * 60_000;
  // The run covers [sinceMs, latest.t + period): it must span the sustained duration.
  if (latest.t + periodMs - sinceMs <= sustainedMs) return { state: 'ok', value: latest.v, threshold };
  return { state: 'breached', value: latest.v, threshold, sinceMs };
}
