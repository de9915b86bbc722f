import type { RollbackCriterion } from '../workspace/workspace';
import { isBeyond, isDrop, thresholdValue } from '../metrics/criteria';
import { staleAfterMs } from '../metrics/staleness';

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

/** CloudWatch's standard resolution: the period of a series whose metric does not say otherwise. */
export const DEFAULT_PERIOD_MS = 60_000;

/** The line is drawn once, in shared/metrics/criteria.ts: a criterion compares against the baseline's mean. */
function limitOf(criterion: RollbackCriterion, baseline: number | undefined): number | null {
  return thresholdValue(criterion, baseline === undefined ? undefined : { mean: baseline });
}

function round(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

export function evaluateCriterion(criterion: RollbackCriterion, series: MetricSeries | undefined, baseline: number | undefined, now: number, periodMs: number = DEFAULT_PERIOD_MS): CriterionResult {
  const limit = limitOf(criterion, baseline);
  if (limit === null) return { criterion, status: 'missing', reason: `${criterion.title}: there is no baseline for ${criterion.metric}, so health cannot be shown.` };
  const sustainMs = criterion.sustainedMinutes * 60_000;
  const points = (series ?? []).filter((p) => p.t <= now && Number.isFinite(p.v));
  const latest = points[points.length - 1];
  // One staleness rule (shared/metrics/staleness.ts), widened only by a criterion that must be sustained longer.
  if (!latest || now - latest.t > Math.max(staleAfterMs(periodMs), sustainMs)) {
    return { criterion, status: 'missing', reason: `${criterion.title}: no recent data for ${criterion.metric}, so health cannot be shown.` };
  }
  const past = isDrop(criterion) ? 'below' : 'above';
  if (!isBeyond(criterion, latest.v, limit)) return { criterion, status: 'ok', reason: `${criterion.title}: ${criterion.metric} is ${round(latest.v)} (limit ${round(limit)}).` };
  // Seed 002: only a breach sustained for the whole period counts; the run of breaching points must span it.
  let start = latest.t;
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i];
    if (!point || !isBeyond(criterion, point.v, limit)) break;
    start = point.t;
  }
  if (latest.t - start >= sustainMs) {
    const span = sustainMs ? ` for ${criterion.sustainedMinutes} minutes` : '';
    return { criterion, status: 'breached', reason: `${criterion.title}: ${criterion.metric} is ${round(latest.v)}, ${past} ${round(limit)}${span}.` };
  }
  return { criterion, status: 'ok', reason: `${criterion.title}: ${criterion.metric} is ${round(latest.v)}, ${past} ${round(limit)} but not yet for ${criterion.sustainedMinutes} minutes.` };
}

/** Evaluates rollback criteria as data over metric series; every result carries its sentence. */
export function evaluateRollbackCriteria(
  criteria: readonly RollbackCriterion[],
  series: Readonly<Record<string, MetricSeries | undefined>>,
  baseline: Readonly<Record<string, number | undefined>>,
  now: number,
  periodMs: Readonly<Record<string, number | undefined>> = {},
): RollbackVerdict {
  const results = criteria.map((c) => evaluateCriterion(c, series[c.metric], baseline[c.metric], now, periodMs[c.metric]));
  const breached = results.filter((r) => r.status === 'breached');
  const missing = results.some((r) => r.status === 'missing');
  const level = breached.some((r) => r.criterion.level === 'immediate') ? 'immediate' : breached.length || missing ? 'consider' : 'none';
  return { level, healthy: !breached.length && !missing, results };
}
