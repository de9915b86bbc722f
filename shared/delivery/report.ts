import { DELIVERY_METRICS, DELIVERY_UNITS, HIGHER_IS_BETTER, type DeliveryGoals, type DeliveryMetricId } from '../workspace/schema/delivery';
import type { DeliveryFacts, Deployment, Environment, FailedRollout, Restore } from './facts';

/**
 * Issue 19: the delivery metrics over a period, from the log's facts (facts.ts). The CLI's JSON, the
 * Delivery screen and its CSV and JSON exports are all this one report, so they cannot disagree.
 */

export interface DeliveryQuery {
  environment: Environment;
  /** Only handovers that change this package; null: all. */
  package: string | null;
  /** Epoch ms, inclusive. */
  since: number;
  /** Epoch ms, exclusive. */
  until: number;
}

export const DELIVERY_LABELS: Readonly<Record<DeliveryMetricId, string>> = {
  deploymentFrequency: 'Deployment frequency',
  leadTime: 'Lead time for changes',
  deploymentFailureRate: 'Deployment failure rate',
  timeToRestore: 'Mean time to recovery',
  changeFailureRate: 'Change failure rate',
};

/** Where a value stands against its goal: at or better than the target, within the threshold, or beyond it. */
export type GoalStatus = 'target' | 'threshold' | 'beyond' | 'no goal' | 'no data';

export interface DeliveryMetric {
  id: DeliveryMetricId;
  label: string;
  unit: string;
  /** Rounded to two decimals; null when the period has nothing to count it from. */
  value: number | null;
  target: number | null;
  threshold: number | null;
  status: GoalStatus;
}

export interface DeliveryWeek {
  since: string;
  until: string;
  values: Record<DeliveryMetricId, number | null>;
}

export interface DeliveryReport {
  environment: Environment;
  package: string | null;
  since: string;
  until: string;
  counts: { deployments: number; failedChanges: number; failedRollouts: number; restores: number };
  metrics: DeliveryMetric[];
  /** The same metrics week by week from `since` (the last week may be shorter): the sparklines. */
  weeks: DeliveryWeek[];
}

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
/**
 * The longest period a report covers: a century of weeks (5,218 sparkline points). A period is drawn week
 * by week, so an absurd one (the year 275760) would otherwise be millions of empty weeks.
 */
export const MAX_PERIOD_MS = 5_218 * WEEK_MS;

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

interface Counted {
  values: Record<DeliveryMetricId, number | null>;
  counts: DeliveryReport['counts'];
}

/** The facts of one environment and package within one span of time. */
interface Selected {
  deployments: Deployment[];
  failedRollouts: FailedRollout[];
  restores: Restore[];
}

function select(facts: DeliveryFacts, query: DeliveryQuery): Selected {
  const within = (t: number) => t >= query.since && t < query.until;
  const concerns = (packages: readonly string[]) => query.package === null || packages.includes(query.package);
  return {
    deployments: facts.deployments.filter((d) => d.environment === query.environment && within(d.at) && concerns(d.packages)),
    failedRollouts: facts.failedRollouts.filter((f) => f.environment === query.environment && within(f.at) && concerns(f.packages)),
    restores: facts.restores.filter((r) => r.environments.includes(query.environment) && within(r.restoredAt) && concerns(r.packages)),
  };
}

function count({ deployments, failedRollouts, restores }: Selected, since: number, until: number): Counted {
  const failedChanges = deployments.filter((d) => d.failed !== null).length;
  const attempts = deployments.length + failedRollouts.length;
  return {
    counts: { deployments: deployments.length, failedChanges, failedRollouts: failedRollouts.length, restores: restores.length },
    values: {
      deploymentFrequency: round(deployments.length / ((until - since) / WEEK_MS)),
      // DORA reads lead time as the median: one stale handover should not hide how fast the rest went.
      leadTime: round(median(deployments.flatMap((d) => (d.createdAt === null ? [] : [(d.at - d.createdAt) / HOUR_MS])))),
      deploymentFailureRate: round(attempts === 0 ? null : (failedRollouts.length / attempts) * 100),
      // Seed 001 names it the mean time to recovery.
      timeToRestore: round(mean(restores.map((r) => (r.restoredAt - r.breachAt) / HOUR_MS))),
      changeFailureRate: round(deployments.length === 0 ? null : (failedChanges / deployments.length) * 100),
    },
  };
}

/** The period's facts put in its weeks once, so a long history is not filtered again for every week. */
function byWeek(selected: Selected, since: number, weeks: number): Selected[] {
  const buckets = Array.from({ length: weeks }, (): Selected => ({ deployments: [], failedRollouts: [], restores: [] }));
  const week = (t: number) => buckets[Math.floor((t - since) / WEEK_MS)]!;
  for (const d of selected.deployments) week(d.at).deployments.push(d);
  for (const f of selected.failedRollouts) week(f.at).failedRollouts.push(f);
  for (const r of selected.restores) week(r.restoredAt).restores.push(r);
  return buckets;
}

export function goalStatus(id: DeliveryMetricId, value: number | null, goals: DeliveryGoals | undefined): GoalStatus {
  const goal = goals?.[id];
  if (!goal) return 'no goal';
  if (value === null) return 'no data';
  const meets = (line: number) => (HIGHER_IS_BETTER[id] ? value >= line : value <= line);
  return meets(goal.target) ? 'target' : meets(goal.threshold) ? 'threshold' : 'beyond';
}

/** Why a period cannot be reported on, in words; null when it can. */
export function periodProblem(since: number, until: number): string | null {
  const day = (t: number) => (Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : String(t));
  if (!Number.isFinite(since) || !Number.isFinite(until) || Math.abs(since) > 8.64e15 || Math.abs(until) > 8.64e15) return `The period ${day(since)} to ${day(until)} is not two instants a calendar has.`;
  if (until <= since) return `The period must end after it starts: ${day(since)} to ${day(until)}.`;
  if (until - since > MAX_PERIOD_MS) return `The period ${day(since)} to ${day(until)} is longer than a century; pick a shorter one.`;
  return null;
}

export function deliveryReport(facts: DeliveryFacts, query: DeliveryQuery, goals?: DeliveryGoals): DeliveryReport {
  const problem = periodProblem(query.since, query.until);
  if (problem) throw new RangeError(problem);
  const selected = select(facts, query);
  const whole = count(selected, query.since, query.until);
  const buckets = byWeek(selected, query.since, Math.ceil((query.until - query.since) / WEEK_MS));
  const weeks: DeliveryWeek[] = buckets.map((bucket, i) => {
    const start = query.since + i * WEEK_MS;
    const end = Math.min(start + WEEK_MS, query.until);
    return { since: new Date(start).toISOString(), until: new Date(end).toISOString(), values: count(bucket, start, end).values };
  });
  return {
    environment: query.environment,
    package: query.package,
    since: new Date(query.since).toISOString(),
    until: new Date(query.until).toISOString(),
    counts: whole.counts,
    metrics: DELIVERY_METRICS.map((id) => ({
      id,
      label: DELIVERY_LABELS[id],
      unit: DELIVERY_UNITS[id],
      value: whole.values[id],
      target: goals?.[id]?.target ?? null,
      threshold: goals?.[id]?.threshold ?? null,
      status: goalStatus(id, whole.values[id], goals),
    })),
    weeks,
  };
}

const CSV_HEADER = ['since', 'until', 'environment', 'package', 'metric', 'unit', 'value', 'target', 'threshold'];

/** An empty cell for null; a cell holding a comma, quote or line break is quoted (RFC 4180). */
function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The report as CSV: the whole period's row per metric first, then each week's, the numbers the JSON has. */
export function deliveryCsv(report: DeliveryReport): string {
  const goals = new Map(report.metrics.map((m) => [m.id, m]));
  const rows = [
    ...report.metrics.map((m) => [report.since, report.until, m.id, m.value] as const),
    ...report.weeks.flatMap((week) => DELIVERY_METRICS.map((id) => [week.since, week.until, id, week.values[id]] as const)),
  ].map(([since, until, id, value]) => [since, until, report.environment, report.package, id, DELIVERY_UNITS[id], value, goals.get(id)?.target ?? null, goals.get(id)?.threshold ?? null]);
  return [CSV_HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
