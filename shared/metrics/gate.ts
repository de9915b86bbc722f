import type { RollbackCriterion } from '../workspace/schema/rollback';
import type { BaselineSummary } from './baseline';
import { isBeyond, isDrop, needsBaseline, thresholdValue } from './criteria';
import type { Point } from './series';
import { staleAfterMs } from './staleness';

export interface GateSeries {
  metricId: string;
  label: string;
  periodMs: number;
  points: readonly Point[];
  baseline: BaselineSummary | undefined;
}

export type GateVerdict =
  | { healthy: true; reason: string }
  | { healthy: false; reason: string };

/**
 * Issue 10: "a metric-gate step waits until the region has been healthy for its N minutes", and missing
 * data fails closed. Healthy means: every criterion's metric has points covering the whole window, none
 * of them over its line (either level), and the latest is not stale.
 */
export function evaluateHealthGate(
  regionId: string,
  criteria: readonly RollbackCriterion[],
  seriesByMetric: ReadonlyMap<string, GateSeries>,
  now: number,
  minutes: number,
): GateVerdict {
  if (!(minutes > 0)) return { healthy: false, reason: 'A health gate needs a positive number of minutes.' };
  if (criteria.length === 0) {
    return { healthy: false, reason: `No rollback criteria are defined, so ${regionId}'s health cannot be judged.` };
  }
  const windowStart = now - minutes * 60_000;
  for (const criterion of criteria) {
    const series = seriesByMetric.get(criterion.metric);
    if (series === undefined || series.points.length === 0) {
      return { healthy: false, reason: `No ${series?.label ?? criterion.metric} data for ${regionId}: a gate never passes on no data.` };
    }
    if (needsBaseline(criterion) && series.baseline === undefined) {
      return { healthy: false, reason: `No baseline captured for ${regionId} ${series.label}: capture the baseline first.` };
    }
    const threshold = thresholdValue(criterion, series.baseline);
    if (threshold === null) return { healthy: false, reason: `No threshold for ${criterion.title} in ${regionId}.` };
    const inWindow = series.points.filter((point) => point.t + series.periodMs > windowStart);
    const first = inWindow[0];
    const last = inWindow[inWindow.length - 1];
    const maxGap = staleAfterMs(series.periodMs);
    if (first === undefined || last === undefined || first.t > windowStart + maxGap || now - (last.t + series.periodMs) > maxGap) {
      return { healthy: false, reason: `${regionId} ${series.label} has no data for part of the last ${minutes} minutes.` };
    }
    for (let index = 0; index < inWindow.length; index += 1) {
      const point = inWindow[index];
      const next = inWindow[index + 1];
      if (point === undefined) continue;
      if (next !== undefined && next.t - point.t > maxGap) {
        return { healthy: false, reason: `${regionId} ${series.label} has a gap in the last ${minutes} minutes.` };
      }
      if (isBeyond(criterion, point.v, threshold)) {
        return { healthy: false, reason: `${regionId} ${series.label} was ${isDrop(criterion) ? 'under' : 'over'} the line of "${criterion.title}" within the last ${minutes} minutes.` };
      }
    }
  }
  return { healthy: true, reason: `${regionId} has been healthy for ${minutes} minutes.` };
}
