import { z } from 'zod';
import { MAX_ID_CHARS, MAX_REGIONS } from './bounds';
import { defineCall } from './contract';

/** Columnar, as uPlot draws it: t[i] is a period's start (epoch ms), v[i] its value. */
export const SeriesData = z.object({
  regionId: z.string(),
  metricId: z.string(),
  t: z.array(z.number()),
  v: z.array(z.number()),
});
export type SeriesData = z.infer<typeof SeriesData>;

/** Issue 10: a series whose data stopped says "stale since HH:MM", never a flat healthy line. */
export const SeriesState = z.object({
  regionId: z.string(),
  metricId: z.string(),
  freshness: z.enum(['fresh', 'stale']),
  staleSinceMs: z.number().nullable(),
  lastPointMs: z.number().nullable(),
});
export type SeriesState = z.infer<typeof SeriesState>;

/** One AWS profile × AWS region; its message never holds a credential. */
export const EndpointStatus = z.object({
  key: z.string(),
  profile: z.string(),
  awsRegion: z.string(),
  regionIds: z.array(z.string()),
  state: z.enum(['idle', 'ok', 'backing_off']),
  /** "run aws sso login --profile X", "CloudWatch is throttling …"; null when healthy. */
  message: z.string().nullable(),
  failingSinceMs: z.number().nullable(),
  retryAtMs: z.number().nullable(),
  lastSuccessMs: z.number().nullable(),
});
export type EndpointStatus = z.infer<typeof EndpointStatus>;

export const Baseline = z.object({
  regionId: z.string(),
  metricId: z.string(),
  startMs: z.number(),
  endMs: z.number(),
  mean: z.number(),
  p50: z.number(),
  p95: z.number(),
  max: z.number(),
  count: z.number().int(),
});
export type Baseline = z.infer<typeof Baseline>;

/** A rollback criterion's line on a region's graph, in the metric's unit. */
export const Threshold = z.object({
  regionId: z.string(),
  metricId: z.string(),
  criterionId: z.string(),
  level: z.enum(['immediate', 'consider']),
  title: z.string(),
  value: z.number(),
});
export type Threshold = z.infer<typeof Threshold>;

export const MetricsAlert = z.object({
  /** `${regionId}/${criterionId}`: raising and clearing the same alert share it. */
  id: z.string(),
  regionId: z.string(),
  criterionId: z.string(),
  level: z.enum(['immediate', 'consider']),
  title: z.string(),
  metricId: z.string(),
  value: z.number(),
  threshold: z.number(),
  sinceMs: z.number(),
  /**
   * A baseline-relative rule's terms, so the alert says it as the runbook does ("Error rate 0.62% now against
   * a baseline of 0.45%: 38% above it"): the comparison, the baseline's mean, and whether the workspace's floor
   * drew the line (`threshold`) above what the rule alone gives. Absent for an absolute rule.
   */
  relative: z.object({ comparison: z.enum(['ratioToBaseline', 'percentAboveBaseline', 'aboveBaselineBy', 'percentBelowBaseline']), baseline: z.number(), floored: z.boolean() }).optional(),
  /** Handovers deployed to the region, which the rollback would take back. */
  handovers: z.array(z.string()),
  /** "Roll back HO-1234, HO-1240" (issue 10), or "Roll back" when no handover is known. */
  action: z.string(),
  active: z.boolean(),
});
export type MetricsAlert = z.infer<typeof MetricsAlert>;

export const ScenarioKind = z.enum(['healthy', 'errorSpike', 'p99Creep', 'throughputDrop', 'dataOutage']);
export type ScenarioKind = z.infer<typeof ScenarioKind>;

export const ScenarioState = z.object({
  regionId: z.string(),
  scenario: ScenarioKind,
  startedMs: z.number(),
  rolledBackMs: z.number().nullable(),
});
export type ScenarioState = z.infer<typeof ScenarioState>;

export const MetricSummary = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  key: z.boolean(),
  periodSeconds: z.number(),
  /** The CloudWatch statistic ("Sum", "Maximum"): what a count is per period (shared/metrics/units.ts countPer). */
  stat: z.string().optional(),
  /** Region id → this metric's graph in the CloudWatch console; empty for simulated metrics and metric math. */
  consoleUrls: z.record(z.string(), z.string()),
});

export const PollingCost = z.object({
  pollIntervalSeconds: z.number(),
  metricsPerPoll: z.number(),
  usdPerMonth: z.number(),
  /** "$38.02 / month" */
  text: z.string(),
});
export type PollingCostView = z.infer<typeof PollingCost>;

export const MetricsSnapshot = z.object({
  now: z.number(),
  source: z.enum(['cloudwatch', 'simulated']),
  cost: PollingCost,
  metrics: z.array(MetricSummary),
  series: z.array(SeriesData),
  states: z.array(SeriesState),
  endpoints: z.array(EndpointStatus),
  baselines: z.array(Baseline),
  thresholds: z.array(Threshold),
  alerts: z.array(MetricsAlert),
  /** Null unless the source is the simulator. */
  scenarios: z.array(ScenarioState).nullable(),
});
export type MetricsSnapshot = z.infer<typeof MetricsSnapshot>;

/** Pushed after every poll: only the points that poll brought (merge by t: the newest period is revised). */
export const MetricsUpdate = MetricsSnapshot.pick({ now: true, series: true, states: true, endpoints: true, thresholds: true, alerts: true, scenarios: true });
export type MetricsUpdate = z.infer<typeof MetricsUpdate>;

export const VerificationRow = z.object({
  metricId: z.string(),
  metric: z.string(),
  /** What a count is per ("per minute"); null for a unit that says it ("%", "ms"). */
  per: z.string().nullable(),
  baseline: z.string(),
  current: z.string(),
  delta: z.string(),
  status: z.enum(['OK', 'CONSIDER', 'ROLLBACK', 'NO DATA', 'STALE']),
});

export const VerificationTable = z.object({
  regionId: z.string(),
  rows: z.array(VerificationRow),
  /** Seed 001's layout, for export into the CR. */
  text: z.string(),
});
export type VerificationTable = z.infer<typeof VerificationTable>;

export const HealthGateVerdict = z.object({ healthy: z.boolean(), reason: z.string() });
export type HealthGateVerdict = z.infer<typeof HealthGateVerdict>;

const RegionId = z.string().min(1).max(MAX_ID_CHARS);

export const metricsCalls = {
  getMetrics: defineCall(z.strictObject({ sinceMs: z.number().optional(), regionIds: z.array(RegionId).max(MAX_REGIONS).optional() }), MetricsSnapshot),
  captureBaseline: defineCall(
    z.strictObject({ regionIds: z.array(RegionId).max(MAX_REGIONS).optional(), windowMinutes: z.number().positive().max(24 * 60).optional() }),
    z.object({ baselines: z.array(Baseline), missing: z.array(z.object({ regionId: z.string(), metricId: z.string() })) }),
  ),
  getVerificationTable: defineCall(z.strictObject({ regionId: RegionId }), VerificationTable),
  checkHealthGate: defineCall(z.strictObject({ regionId: RegionId, minutes: z.number().positive().max(24 * 60) }), HealthGateVerdict),
  estimateMetricsCost: defineCall(z.strictObject({ pollIntervalSeconds: z.number().int().min(10).max(3600) }), PollingCost),
  pollMetricsNow: defineCall(z.strictObject({}), z.object({ endpoints: z.array(EndpointStatus) })),
  setScenario: defineCall(z.strictObject({ regionId: RegionId, scenario: ScenarioKind }), z.object({ scenarios: z.array(ScenarioState) })),
};

export const metricsEvents = {
  metricsUpdate: MetricsUpdate,
  metricsAlert: MetricsAlert,
};
