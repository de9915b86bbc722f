import { evaluateCriterion as judgeCriterion } from '../rollback/criteria';
import { DROPS, type RollbackCriterion } from '../workspace/schema/rollback';
import type { BaselineSummary } from './baseline';
import type { Point } from './series';

/**
 * What the graphs and alerts need from a rollback criterion. Whether it is breached is decided once, by
 * shared/rollback/criteria.ts (seed 001's levels, seed 002's "sustained for 5 minutes"); this adds the
 * numbers an alert quotes and the line a graph draws.
 */
export type CriterionState =
  | { state: 'ok'; value: number; threshold: number }
  | { state: 'breached'; value: number; threshold: number; sinceMs: number }
  | { state: 'no_data' }
  /** A baseline-relative criterion before the baseline step: it cannot say "healthy". */
  | { state: 'no_baseline' };

export function needsBaseline(criterion: RollbackCriterion): boolean {
  return criterion.comparison !== 'above' && criterion.comparison !== 'below';
}

/** Whether the criterion breaches under its line (a throughput drop) rather than over it. */
export function isDrop(criterion: Pick<RollbackCriterion, 'comparison'>): boolean {
  return DROPS.includes(criterion.comparison);
}

/** Whether a value is past the criterion's line: over it for a rise, under it for a drop. At the line is within. */
export function isBeyond(criterion: Pick<RollbackCriterion, 'comparison'>, value: number, limit: number): boolean {
  return isDrop(criterion) ? value < limit : value > limit;
}

/**
 * Seed 000: maintenance mode redirects a region's traffic to its sibling, so a drop there is the plan, not
 * a fault: a drop criterion does not judge a region in maintenance mode. Every other criterion still does.
 */
export function appliesTo(criterion: Pick<RollbackCriterion, 'comparison'>, region: { inMaintenance: boolean }): boolean {
  return !(region.inMaintenance && isDrop(criterion));
}

/** The absolute line a value must stay on the healthy side of: what the graph draws and the alert quotes. */
export function thresholdValue(criterion: RollbackCriterion, baseline: Pick<BaselineSummary, 'mean'> | undefined): number | null {
  if (criterion.comparison === 'above' || criterion.comparison === 'below') return criterion.threshold;
  if (baseline === undefined) return null;
  // A rise from a near-zero baseline is drawn no lower than the workspace's floor (issue 17: errors up 6,807% showed OK).
  const floored = (line: number) => Math.max(line, criterion.floor ?? Number.NEGATIVE_INFINITY);
  switch (criterion.comparison) {
    case 'ratioToBaseline': // seed 001: p99 > 3x baseline
      return floored(baseline.mean * criterion.threshold);
    case 'percentAboveBaseline': // seed 004: p95 > 25% above baseline
      return floored(baseline.mean * (1 + criterion.threshold / 100));
    case 'aboveBaselineBy': // seed 004: error rate > 0.5% above baseline, in the metric's unit
      return floored(baseline.mean + criterion.threshold);
    case 'percentBelowBaseline': // seed 004: critical business metric drops > 10%
      return baseline.mean * (1 - criterion.threshold / 100);
  }
}

/** The baseline a criterion compares against is the window's mean (seed 001's "Baseline" column). */
export function evaluateCriterion(criterion: RollbackCriterion, points: readonly Point[], baseline: BaselineSummary | undefined, now: number, periodMs: number): CriterionState {
  const verdict = judgeCriterion(criterion, points, baseline?.mean, now, periodMs);
  const latest = points[points.length - 1];
  const threshold = thresholdValue(criterion, baseline);
  if (threshold === null) return { state: 'no_baseline' };
  if (verdict.status === 'missing' || latest === undefined) return { state: 'no_data' };
  if (verdict.status === 'ok') return { state: 'ok', value: latest.v, threshold };
  let sinceMs = latest.t;
  for (let index = points.length - 1; index >= 0; index -= 1) {
    const point = points[index];
    if (point === undefined || !isBeyond(criterion, point.v, threshold)) break;
    sinceMs = point.t;
  }
  return { state: 'breached', value: latest.v, threshold, sinceMs };
}
