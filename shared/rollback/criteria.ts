import type { RollbackCriterion } from '../workspace/workspace';

export type { RollbackCriterion } from '../workspace/workspace';

/** A metric series: points in time order (epoch ms), as the metrics service delivers them. */
export type MetricSeries = ReadonlyArray<{ t: number; v: number }>;

export type CriterionStatus = 'ok' | 'breached' | 'missing';

export interface CriterionResult {
  criterion: RollbackCriterion;
  status: CriterionStatus;
  reason: string;
}

export interface RollbackVerdict {
  /** Seed 001: immediate (no discussion) or consider; none when every criterion holds. */
  level: 'none' | 'consider' | 'immediate';
  /** Missing data fails closed: a metric gate only passes on data that shows health. */
  healthy: boolean;
  results: CriterionResult[];
}

/** Data older than this is not evidence of health now. */
export const STALE_AFTER_MS = 5 * 60_000;

function limitOf(criterion: RollbackCriterion, baseline: number | undefined): number | null {
  switch (criterion.comparison) {
    case 'above':
      return criterion.threshold;
    case 'ratioToBaseline':
      return baseline === undefined ? null : baseline * criterion.threshold;
    case 'percentAboveBaseline':
      return baseline === undefined ? null : baseline * (1 + criterion.threshold / 100);
    case 'aboveBaselineBy':
      return baseline === undefined ? null : baseline + criterion.threshold;
  }
}

function round(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

export function evaluateCriterion(criterion: RollbackCriterion, series: MetricSeries | undefined, baseline: number | undefined, now: number): CriterionResult {
  const limit = limitOf(criterion, baseline);
  if (limit === null) return { criterion, status: 'missing', reason: `${criterion.title}: there is no baseline for ${criterion.metric}, so health cannot be shown.` };
  const sustainMs = criterion.sustainedMinutes * 60_000;
  const points = (series ?? []).filter((p) => p.t <= now && Number.isFinite(p.v));
  const latest = points[points.length - 1];
  if (!latest || now - latest.t > Math.max(STALE_AFTER_MS, sustainMs)) {
    return { criterion, status: 'missing', reason: `${criterion.title}: no recent data for ${criterion.metric}, so health cannot be shown.` };
  }
  if (latest.v <= limit) return { criterion, status: 'ok', reason: `${criterion.title}: ${criterion.metric} is ${round(latest.v)} (limit ${round(limit)}).` };
  // Seed 002: only a breach sustained for the whole period counts; the run of breaching points must span it.
  let start = latest.t;
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i];
    if (!point || point.v <= limit) break;
    start = point.t;
  }
  if (latest.t - start >= sustainMs) {
    const span = sustainMs ? ` for ${criterion.sustainedMinutes} minutes` : '';
    return { criterion, status: 'breached', reason: `${criterion.title}: ${criterion.metric} is ${round(latest.v)}, above ${round(limit)}${span}.` };
  }
  return { criterion, status: 'ok', reason: `${criterion.title}: ${criterion.metric} is ${round(latest.v)}, above ${round(limit)} but not yet for ${criterion.sustainedMinutes} minutes.` };
}

/** Evaluates rollback criteria as data over metric series; every result carries its sentence. */
export function evaluateRollbackCriteria(
  criteria: readonly RollbackCriterion[],
  series: Readonly<Record<string, MetricSeries | undefined>>,
  baseline: Readonly<Record<string, number | undefined>>,
  now: number,
): RollbackVerdict {
  const results = criteria.map((c) => evaluateCriterion(c, series[c.metric], baseline[c.metric], now));
  const breached = results.filter((r) => r.status === 'breached');
  const missing = results.some((r) => r.status === 'missing');
  const level = breached.some((r) => r.criterion.level === 'immediate') ? 'immediate' : breached.length || missing ? 'consider' : 'none';
  return { level, healthy: !breached.length && !missing, results };
}
