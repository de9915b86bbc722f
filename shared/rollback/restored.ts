import { appliesTo, isBeyond, thresholdValue } from '../metrics/criteria';
import { staleAfterMs } from '../metrics/staleness';
import { DEFAULT_PERIOD_MS, type MetricSeries, type RollbackCriterion } from './criteria';

/**
 * Issue 17: "Service restored" (seed 002's incident timeline) is written only once the metrics have been
 * back under every rollback criterion for the workspace's recovery duration, counted from when the
 * rollback's commands finished: the minute the commands end, EUC1's error rate was still 2.08%. One rule,
 * here, so issue 19's time-to-restore counts the same moment.
 */

/** When the workspace does not say (rollback.yaml `recoveryMinutes`). */
export const DEFAULT_RECOVERY_MINUTES = 5;

export interface RecoveryInput {
  criteria: readonly RollbackCriterion[];
  /** Metric id → the region's series, points in time order. */
  series: Readonly<Record<string, MetricSeries | undefined>>;
  /** Metric id → the baseline mean the criteria compare against. */
  baseline: Readonly<Record<string, number | undefined>>;
  periodMs?: Readonly<Record<string, number | undefined>>;
  /** When the rollback's commands finished: health before it says nothing about the rolled-back version. */
  from: number;
  recoveryMinutes: number;
  now: number;
  /** A region still in maintenance mode serves its sibling's share: a drop criterion does not judge it. */
  inMaintenance?: boolean;
}

export type Recovery =
  | { restored: true; at: number; healthySince: number }
  | { restored: false; healthySince: number | null; reason: string };

/** Whether every criterion's metric is, at `t`, fresh and at or under its limit; else why not. */
function healthAt(input: RecoveryInput, t: number): string | null {
  for (const criterion of input.criteria) {
    if (!appliesTo(criterion, { inMaintenance: input.inMaintenance === true })) continue;
    const limit = thresholdValue(criterion, input.baseline[criterion.metric] === undefined ? undefined : { mean: input.baseline[criterion.metric]! });
    if (limit === null) return `${criterion.title}: there is no baseline for ${criterion.metric}.`;
    const points = input.series[criterion.metric] ?? [];
    const latest = points.findLast((p) => p.t <= t && Number.isFinite(p.v));
    if (!latest || t - latest.t > staleAfterMs(input.periodMs?.[criterion.metric] ?? DEFAULT_PERIOD_MS)) return `${criterion.title}: no recent data for ${criterion.metric}.`;
    // Back under means under the line itself: a breach not yet sustained is not a recovery.
    if (isBeyond(criterion, latest.v, limit)) return `${criterion.title}: ${criterion.metric} is ${round(latest.v)}, ${latest.v < limit ? 'below' : 'above'} ${round(limit)}.`;
  }
  return null;
}

function round(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/**
 * The moment the service counts as restored in one region: the first data point at which the metrics have
 * been healthy without a break for `recoveryMinutes` since the rollback finished. A relapse (any point
 * over a limit, or missing data) restarts the clock.
 */
export function serviceRestoredAt(input: RecoveryInput): Recovery {
  const recoveryMs = input.recoveryMinutes * 60_000;
  const times = [...new Set(input.criteria.flatMap((c) => (input.series[c.metric] ?? []).map((p) => p.t)))].filter((t) => t >= input.from && t <= input.now).sort((a, b) => a - b);
  // No point at all for longer than the staleness rule is missing data, which shows no health.
  const gapMs = Math.min(...input.criteria.map((c) => staleAfterMs(input.periodMs?.[c.metric] ?? DEFAULT_PERIOD_MS)));
  let healthySince: number | null = null;
  let previous: number | null = null;
  let reason = 'no metric data since the rollback finished.';
  for (const t of times) {
    if (previous !== null && t - previous > gapMs) healthySince = null;
    previous = t;
    const unhealthy = healthAt(input, t);
    if (unhealthy !== null) {
      healthySince = null;
      reason = unhealthy;
      continue;
    }
    healthySince ??= t;
    if (t - healthySince >= recoveryMs) return { restored: true, at: t, healthySince };
  }
  if (healthySince !== null) {
    const minutes = Math.floor((Math.max(input.now, healthySince) - healthySince) / 60_000);
    return { restored: false, healthySince, reason: `healthy for ${minutes} of ${input.recoveryMinutes} minutes so far.` };
  }
  return { restored: false, healthySince: null, reason };
}

/** Across the regions a rollback reached: restored once the last of them is. */
export function serviceRestoredAcross(regions: Readonly<Record<string, Recovery>>): Recovery {
  const entries = Object.entries(regions);
  const waiting = entries.find(([, r]) => !r.restored);
  if (waiting) {
    const [regionId, recovery] = waiting as [string, Extract<Recovery, { restored: false }>];
    return { restored: false, healthySince: recovery.healthySince, reason: `${regionId}: ${recovery.reason}` };
  }
  if (entries.length === 0) return { restored: false, healthySince: null, reason: 'no region of the rollback has metrics.' };
  const done = entries.map(([, r]) => r as Extract<Recovery, { restored: true }>);
  return { restored: true, at: Math.max(...done.map((r) => r.at)), healthySince: Math.max(...done.map((r) => r.healthySince)) };
}
