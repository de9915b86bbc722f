import type {
  Baseline, EndpointStatus, HealthGateVerdict, MetricsAlert, MetricsSnapshot, MetricsUpdate, PollingCostView, ScenarioState, SeriesData, SeriesState, Threshold, VerificationTable,
} from '../../shared/api/metrics';
import type { Clock } from '../../shared/clock';
import { BASELINE_WINDOW_MS, summarizeBaseline } from '../../shared/metrics/baseline';
import { estimateMonthlyCost, formatMonthlyCost } from '../../shared/metrics/cost';
import { evaluateAlerts } from '../../shared/metrics/alerts';
import { appliesTo, thresholdValue } from '../../shared/metrics/criteria';
import { groupByEndpoint } from '../../shared/metrics/endpoints';
import { evaluateHealthGate, type GateSeries } from '../../shared/metrics/gate';
import { nextPollWindow } from '../../shared/metrics/polling';
import { buildEndpointQueries, metricsRequested } from '../../shared/metrics/queries';
import { seriesKey, type Point, type SeriesKey } from '../../shared/metrics/series';
import { freshnessOf } from '../../shared/metrics/staleness';
import { formatVerificationTable, verificationRows } from '../../shared/metrics/verification';
import type { MetricDefinition } from '../../shared/workspace/schema/metrics';
import type { Region } from '../../shared/workspace/schema/regions';
import { cloudWatchConsoleUrl } from '../../shared/metrics/console-link';
import type { RollbackCriterion } from '../../shared/workspace/schema/rollback';
import { EndpointState } from './endpoint-status';
import { SeriesHistory } from './history';
import { MetricSourceError, type MetricSource } from './source';
import type { Timers } from './timers';

/** CloudWatch's finest standard resolution is one minute; polling faster only re-reads the same period. */
export const DEFAULT_POLL_INTERVAL_MS = 60_000;
/**
 * "Hours of history" (issue 10), as far back as the graphs' longest preset (issue 20: 1 h, 6 h, 24 h): a day
 * holds the night before a Friday rollout, so a baseline or an overnight spike can be seen beside it.
 */
export const DEFAULT_HISTORY_MS = 24 * 60 * 60_000;
/** The baseline step's window, as the rule that waits for a clean one counts it (shared/metrics/baseline.ts). */
export const DEFAULT_BASELINE_WINDOW_MS = BASELINE_WINDOW_MS;

export type MetricsEvent = { type: 'update'; update: MetricsUpdate } | { type: 'alert'; alert: MetricsAlert };

export interface MetricsServiceOptions {
  source: MetricSource;
  clock: Clock;
  timers: Timers;
  regions: readonly Region[];
  metrics: readonly MetricDefinition[];
  criteria: readonly RollbackCriterion[];
  pollIntervalMs?: number;
  historyMs?: number;
  baselineWindowMs?: number;
  /** Which handovers a region's rollback would take back, for the alert's "Roll back HO-…" action. */
  handoversIn?: (regionId: string) => string[];
  /** Whether a region is in maintenance mode: a drop there is its traffic at the sibling, not an alert. */
  inMaintenance?: (regionId: string) => boolean;
  /** The drills a simulated source runs, for the windows' drill status; absent (null) when metrics come from CloudWatch. */
  scenarios?: () => ScenarioState[];
  random?: () => number;
}

export class UnknownRegionError extends Error {
  constructor(regionId: string) {
    super(`There is no region "${regionId}" in this workspace.`);
    this.name = 'UnknownRegionError';
  }
}

export class MetricsService {
  private readonly endpoints: EndpointState[];
  private readonly history = new Map<SeriesKey, SeriesHistory>();
  private readonly baselines = new Map<SeriesKey, Baseline>();
  private alerts = new Map<string, MetricsAlert>();
  private readonly listeners = new Set<(event: MetricsEvent) => void>();
  private readonly regionsById: Map<string, Region>;

  /** Links into the CloudWatch console, only where the graphs show CloudWatch's own data. */
  private consoleUrls(metric: MetricDefinition): Record<string, string> {
    if (this.sourceKind !== 'cloudwatch') return {};
    const urls: Record<string, string> = {};
    for (const region of this.options.regions) {
      const url = cloudWatchConsoleUrl(metric, region);
      if (url !== null) urls[region.id] = url;
    }
    return urls;
  }
  private readonly pollIntervalMs: number;
  private readonly historyMs: number;
  private readonly watchingSinceMs: number;
  private stopTimer: (() => void) | null = null;

  constructor(private readonly options: MetricsServiceOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.historyMs = options.historyMs ?? DEFAULT_HISTORY_MS;
    this.regionsById = new Map(options.regions.map((region) => [region.id, region]));
    this.endpoints = groupByEndpoint(options.regions).map((endpoint) => new EndpointState(endpoint));
    this.watchingSinceMs = options.clock.now();
    for (const region of options.regions) {
      for (const metric of options.metrics) {
        const maxPoints = Math.ceil(this.historyMs / (metric.periodSeconds * 1000)) + 2;
        this.history.set(seriesKey(region.id, metric.id), new SeriesHistory(maxPoints));
      }
    }
  }

  get sourceKind(): MetricSource['kind'] {
    return this.options.source.kind;
  }

  start(): void {
    if (this.stopTimer) return;
    this.stopTimer = this.options.timers.every(this.pollIntervalMs, () => void this.poll());
    void this.poll();
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  subscribe(listener: (event: MetricsEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Polls every endpoint that is due; one still in flight is left alone (single flight per endpoint). */
  async poll(options: { force?: boolean } = {}): Promise<void> {
    const now = this.options.clock.now();
    const fresh: SeriesData[] = [];
    await Promise.all(
      this.endpoints.map(async (state) => {
        if (options.force && !state.inFlight) state.clearBackoff();
        if (!state.isDue(now)) return;
        const periodMs = Math.max(...this.options.metrics.map((metric) => metric.periodSeconds * 1000));
        const window = nextPollWindow(state.fetchedThroughMs, now, periodMs, this.historyMs);
        if (window === null || this.options.metrics.length === 0) return;
        state.inFlight = true;
        try {
          const regions = state.endpoint.regionIds.map((id) => this.regionsById.get(id)).filter((region) => region !== undefined);
          const results = await this.options.source.query({ endpoint: state.endpoint, regions, metrics: [...this.options.metrics], ...window });
          for (const result of results) {
            this.history.get(seriesKey(result.regionId, result.metricId))?.merge(result.points);
            fresh.push({ regionId: result.regionId, metricId: result.metricId, t: result.points.map((p) => p.t), v: result.points.map((p) => p.v) });
          }
          state.succeeded(this.options.clock.now(), window.endMs);
        } catch (error) {
          const failure = error instanceof MetricSourceError ? error : new MetricSourceError('unavailable', 'Metrics could not be fetched (internal error).', 1);
          state.failed(this.options.clock.now(), failure, this.pollIntervalMs, this.options.random ?? Math.random);
        } finally {
          state.inFlight = false;
        }
      }),
    );
    this.evaluateAlerts();
    const update: MetricsUpdate = {
      now: this.options.clock.now(),
      series: fresh,
      states: this.states(),
      endpoints: this.endpointStatuses(),
      thresholds: this.thresholds(),
      alerts: [...this.alerts.values()],
      scenarios: this.scenarios(),
    };
    this.emit({ type: 'update', update });
  }

  endpointStatuses(): EndpointStatus[] {
    return this.endpoints.map((state) => state.status());
  }

  points(regionId: string, metricId: string): readonly Point[] {
    return this.history.get(seriesKey(regionId, metricId))?.all() ?? [];
  }

  snapshot(request: { sinceMs?: number; regionIds?: string[] } = {}): MetricsSnapshot {
    const wanted = request.regionIds ? new Set(request.regionIds) : null;
    const series: SeriesData[] = [];
    for (const region of this.options.regions) {
      if (wanted && !wanted.has(region.id)) continue;
      for (const metric of this.options.metrics) {
        const points = this.history.get(seriesKey(region.id, metric.id))?.since(request.sinceMs ?? -Infinity) ?? [];
        series.push({ regionId: region.id, metricId: metric.id, t: points.map((p) => p.t), v: points.map((p) => p.v) });
      }
    }
    return {
      now: this.options.clock.now(),
      source: this.sourceKind,
      cost: this.estimateCost(this.pollIntervalMs / 1000),
      metrics: this.options.metrics.map((m) => ({ id: m.id, label: m.label, unit: m.unit, key: m.key, periodSeconds: m.periodSeconds, stat: m.stat, consoleUrls: this.consoleUrls(m) })),
      series,
      states: this.states().filter((state) => !wanted || wanted.has(state.regionId)),
      endpoints: this.endpointStatuses(),
      baselines: [...this.baselines.values()],
      thresholds: this.thresholds(),
      alerts: [...this.alerts.values()],
      scenarios: this.scenarios(),
    };
  }

  /** The drills, with every snapshot and update: another desk's drill shows at this desk's next poll. */
  private scenarios(): MetricsSnapshot['scenarios'] {
    return this.options.scenarios?.() ?? null;
  }

  /** The baseline step: per region and key metric, a summary of the preceding window. */
  captureBaseline(request: { regionIds?: string[]; windowMinutes?: number } = {}): { baselines: Baseline[]; missing: Array<{ regionId: string; metricId: string }> } {
    const now = this.options.clock.now();
    const windowMs = request.windowMinutes !== undefined ? request.windowMinutes * 60_000 : (this.options.baselineWindowMs ?? DEFAULT_BASELINE_WINDOW_MS);
    const regionIds = request.regionIds ?? this.options.regions.map((region) => region.id);
    const baselines: Baseline[] = [];
    const missing: Array<{ regionId: string; metricId: string }> = [];
    for (const regionId of regionIds) {
      this.region(regionId);
      for (const metric of this.options.metrics.filter((m) => m.key)) {
        const summary = summarizeBaseline(regionId, metric.id, this.points(regionId, metric.id), now - windowMs, now);
        if (summary === null) {
          missing.push({ regionId, metricId: metric.id });
          continue;
        }
        this.baselines.set(seriesKey(regionId, metric.id), summary);
        baselines.push(summary);
      }
    }
    this.evaluateAlerts();
    return { baselines, missing };
  }

  /** Baselines persisted with the release come back after a restart. */
  restoreBaselines(baselines: readonly Baseline[]): void {
    for (const baseline of baselines) this.baselines.set(seriesKey(baseline.regionId, baseline.metricId), baseline);
  }

  /**
   * Baselines another desk captured, as the shared log brings them: this desk's graphs, verification table and
   * rollback criteria compare against them as the capturing desk's do, so its on-call engineer sees a breach too.
   */
  adoptBaselines(baselines: readonly Baseline[]): void {
    if (baselines.length === 0) return;
    this.restoreBaselines(baselines);
    this.evaluateAlerts();
  }

  /**
   * `baselines`: a release's own (an export for one release compares against its baselines alone).
   * `at`: the values as they stood then (a gate's completion, issue 17), not now.
   */
  verificationTable(regionId: string, baselines?: readonly Baseline[], at?: number): VerificationTable {
    this.region(regionId);
    const baselineOf = (metricId: string) => (baselines ? baselines.find((b) => b.regionId === regionId && b.metricId === metricId) : this.baselines.get(seriesKey(regionId, metricId)));
    const now = at ?? this.options.clock.now();
    const inputs = this.options.metrics
      .filter((metric) => metric.key)
      .map((metric) => {
        const points = this.points(regionId, metric.id).filter((p) => p.t <= now);
        return {
          metric,
          points,
          baseline: baselineOf(metric.id),
          isStale: freshnessOf(points, now, metric.periodSeconds * 1000, this.watchingSinceMs).state === 'stale',
        };
      });
    const rows = verificationRows(inputs, this.criteriaIn(regionId), now);
    return { regionId, rows, text: formatVerificationTable(rows) };
  }

  /** A metric gate: healthy vs baseline for N minutes. No data, a stale series or a failing endpoint keeps it closed. */
  checkHealthGate(regionId: string, minutes: number): HealthGateVerdict {
    this.region(regionId);
    const failing = this.endpoints.find((state) => state.endpoint.regionIds.includes(regionId) && state.isFailing());
    if (failing) return { healthy: false, reason: `Metrics for ${regionId} cannot be fetched: ${failing.failureMessage() ?? 'the endpoint is failing'}` };
    const series = new Map<string, GateSeries>(
      this.options.metrics.map((metric) => [
        metric.id,
        {
          metricId: metric.id,
          label: metric.label,
          periodMs: metric.periodSeconds * 1000,
          points: this.points(regionId, metric.id),
          baseline: this.baselines.get(seriesKey(regionId, metric.id)),
        },
      ]),
    );
    return evaluateHealthGate(regionId, this.criteriaIn(regionId), series, this.options.clock.now(), minutes);
  }

  estimateCost(pollIntervalSeconds: number): PollingCostView {
    const perPoll = this.endpoints.reduce((total, state) => {
      const regions = state.endpoint.regionIds.map((id) => this.regionsById.get(id)).filter((region) => region !== undefined);
      return total + metricsRequested(buildEndpointQueries(regions, this.options.metrics).units);
    }, 0);
    const cost = estimateMonthlyCost(perPoll, pollIntervalSeconds);
    return { pollIntervalSeconds, metricsPerPoll: perPoll, usdPerMonth: cost.usdPerMonth, text: formatMonthlyCost(cost) };
  }

  /** Alerts as they stand (raised and not yet cleared), for the release view. */
  currentAlerts(): MetricsAlert[] {
    return [...this.alerts.values()];
  }

  /** A region's data as a whole: fresh when every key series is, 'none' before its first point. */
  regionFreshness(regionId: string): 'fresh' | 'stale' | 'none' {
    const now = this.options.clock.now();
    let sawPoint = false;
    for (const metric of this.options.metrics) {
      const freshness = freshnessOf(this.points(regionId, metric.id), now, metric.periodSeconds * 1000, this.watchingSinceMs);
      if (freshness.lastPointMs !== null) sawPoint = true;
      if (freshness.state === 'stale') return 'stale';
    }
    return sawPoint ? 'fresh' : 'none';
  }

  hasRegion(regionId: string): boolean {
    return this.regionsById.has(regionId);
  }

  /** The criteria that judge a region now: a drop does not, while maintenance mode sends its traffic to the sibling. */
  private criteriaIn(regionId: string): RollbackCriterion[] {
    const inMaintenance = this.options.inMaintenance?.(regionId) ?? false;
    return this.options.criteria.filter((criterion) => appliesTo(criterion, { inMaintenance }));
  }

  private region(regionId: string): Region {
    const region = this.regionsById.get(regionId);
    if (!region) throw new UnknownRegionError(regionId);
    return region;
  }

  private states(): SeriesState[] {
    const now = this.options.clock.now();
    const states: SeriesState[] = [];
    for (const region of this.options.regions) {
      for (const metric of this.options.metrics) {
        const freshness = freshnessOf(this.points(region.id, metric.id), now, metric.periodSeconds * 1000, this.watchingSinceMs);
        states.push({
          regionId: region.id,
          metricId: metric.id,
          freshness: freshness.state,
          staleSinceMs: freshness.state === 'stale' ? freshness.sinceMs : null,
          lastPointMs: freshness.lastPointMs,
        });
      }
    }
    return states;
  }

  private thresholds(): Threshold[] {
    const lines: Threshold[] = [];
    for (const region of this.options.regions) {
      for (const criterion of this.options.criteria) {
        const value = thresholdValue(criterion, this.baselines.get(seriesKey(region.id, criterion.metric)));
        if (value === null) continue;
        lines.push({ regionId: region.id, metricId: criterion.metric, criterionId: criterion.id, level: criterion.level, title: criterion.title, value });
      }
    }
    return lines;
  }

  /** Seed 001's criteria, continuously (shared/metrics/alerts.ts decides; this keeps and announces). */
  private evaluateAlerts(): void {
    const changes = evaluateAlerts(
      {
        regionIds: this.options.regions.map((region) => region.id),
        criteria: this.options.criteria,
        metrics: this.options.metrics,
        pointsOf: (regionId, metricId) => this.points(regionId, metricId),
        baselineOf: (regionId, metricId) => this.baselines.get(seriesKey(regionId, metricId)),
        handoversIn: (regionId) => this.options.handoversIn?.(regionId) ?? [],
        inMaintenance: (regionId) => this.options.inMaintenance?.(regionId) ?? false,
        now: this.options.clock.now(),
      },
      this.alerts,
    );
    this.alerts = changes.current;
    for (const alert of [...changes.raised, ...changes.cleared]) this.emit({ type: 'alert', alert });
  }

  private emit(event: MetricsEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
