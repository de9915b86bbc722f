import type { ScenarioKind, ScenarioState } from '../../../shared/api/metrics';
import type { Clock } from '../../../shared/clock';
import { alignDown, type Point } from '../../../shared/metrics/series';
import { unitKind } from '../../../shared/metrics/units';
import type { MetricDefinition } from '../../../shared/workspace/schema/metrics';
import type { Region } from '../../../shared/workspace/schema/regions';
import type { MetricSource, SeriesResult, SourceQuery } from '../source';
import { compileExpression } from './expression';
import { regionSignals, type ActiveScenario, type HealthyLimits, type RegionSignals } from './signals';
import type { RollbackCriterion } from '../../../shared/workspace/schema/rollback';

function isErrorMetric(metric: MetricDefinition): boolean {
  return /error|5xx|fault|fail/.test(`${metric.id} ${metric.metricName ?? ''} ${metric.label}`.toLowerCase());
}

/**
 * The healthy limits a workspace's rollback criteria set: its lowest absolute threshold on an error-rate
 * metric (a percentage), so any workspace's rehearsal starts healthy, and a drill is what breaches it.
 */
export function healthyLimitsOf(metrics: readonly MetricDefinition[], criteria: readonly RollbackCriterion[]): HealthyLimits {
  const thresholds = criteria
    .filter((c) => c.comparison === 'above' && c.threshold > 0)
    .filter((c) => {
      const metric = metrics.find((m) => m.id === c.metric);
      return metric !== undefined && unitKind(metric.unit) === 'percent' && isErrorMetric(metric);
    })
    .map((c) => c.threshold);
  return thresholds.length ? { errorRateCeilingPercent: Math.min(...thresholds) } : {};
}

/**
 * What a metric definition reads from a region's signals, guessed once from its statistic, unit and name; an
 * expression metric (e.g. errors ÷ requests) reads the plain metrics it names from the same signals.
 */
function readerOf(metric: MetricDefinition, all: readonly MetricDefinition[]): (signals: RegionSignals) => number {
  const { expression } = metric;
  if (expression === undefined) return plainReaderOf(metric);
  const inputs = new Map(all.filter((input) => input.expression === undefined).map((input) => [input.id, plainReaderOf(input)]));
  const evaluate = compileExpression(expression);
  return (signals) => evaluate((id) => inputs.get(id)?.(signals) ?? Number.NaN);
}

function plainReaderOf(metric: MetricDefinition): (signals: RegionSignals) => number {
  const name = `${metric.id} ${metric.metricName ?? ''} ${metric.label}`.toLowerCase();
  const percentileStat = /^p(\d+(?:\.\d+)?)$/.exec(metric.stat);
  const unit = unitKind(metric.unit);
  const isError = isErrorMetric(metric);
  if (percentileStat || unit === 'milliseconds' || /latency|duration/.test(name)) {
    const percentile = percentileStat ? Number(percentileStat[1]) : metric.stat === 'Maximum' ? 99.9 : 60;
    return (signals) => signals.latencyAt(percentile);
  }
  if (unit === 'percent') {
    if (isError) return (signals) => signals.errorRatePercent;
    return /cpu|util/.test(name) ? (signals) => signals.cpuPercent : () => 50;
  }
  // A gauge of concurrent work: arrivals × how long each stays (calls last about three minutes).
  if (/active|concurrent|connection/.test(name)) return (signals) => signals.rps * 180;
  const perSecond = unit === 'perSecond' || metric.stat === 'Average';
  const requestsOf = perSecond ? (signals: RegionSignals) => signals.rps : (signals: RegionSignals) => signals.rps * metric.periodSeconds;
  return isError ? (signals) => (requestsOf(signals) * signals.errorRatePercent) / 100 : requestsOf;
}

/** Seed 000: maintenance mode redirects new calls to the sibling; calls already up finish where they are, so a little stays. */
export const MAINTENANCE_RESIDUAL_SHARE = 0.05;

/** The world the simulated traffic follows: the workspace's regions (their siblings) and maintenance mode as the console holds it. */
export interface SimulatedWorld {
  regions: readonly Region[];
  inMaintenance(regionId: string): boolean;
  /**
   * The drills as the release log holds them (shared/engine/fold.ts): every desk on a rehearsal folds the
   * same drillSet, so they all see one breach from one instant. Absent, the source keeps its own (setScenario).
   */
  drills?(): Readonly<Record<string, ActiveScenario>>;
}

/**
 * A rehearsal's metrics, and the demo's: diurnal traffic per region from a seeded generator, deterministic for a
 * seed and a time, with scenarios a rehearsal switches on and a recovery once a region is rolled back.
 * Data "arrives" only for periods that have closed on the injected clock (rehearsals run simulated time).
 */
export class SimulatedSource implements MetricSource {
  readonly kind = 'simulated';
  private readonly active = new Map<string, ActiveScenario>();
  /** Region id → when maintenance mode went on or off, as seen at each query: the graphs keep the past as it was. */
  private readonly maintenanceChanges = new Map<string, Array<{ at: number; on: boolean }>>();

  constructor(
    private readonly clock: Clock,
    private readonly seed = 1,
    private readonly limits: HealthyLimits = {},
    private readonly world: SimulatedWorld | null = null,
  ) {}

  /**
   * Notes each region's maintenance mode now; a change takes effect from this instant on. Each query notes it,
   * and the console notes it before a rehearsal's clock jumps: noted only at the next query, a maintenance
   * mode switched at 10:55 and followed by "+15 min" took effect at 11:10, so the region kept its traffic for
   * those 15 minutes and lost it for the 15 after it was switched off, a throughput breach nobody caused.
   */
  noteMaintenance(): void {
    if (!this.world) return;
    const now = this.clock.now();
    for (const region of this.world.regions) {
      const on = this.world.inMaintenance(region.id);
      const changes = this.maintenanceChanges.get(region.id) ?? [];
      const last = changes[changes.length - 1];
      if ((last?.on ?? false) !== on) this.maintenanceChanges.set(region.id, [...changes, { at: now, on }]);
    }
  }

  private inMaintenanceAt(regionId: string, t: number): boolean {
    let on = false;
    for (const change of this.maintenanceChanges.get(regionId) ?? []) {
      if (change.at > t) break;
      on = change.on;
    }
    return on;
  }

  /** A standalone source's drill; a console's are decided and logged (setDrill), and read through the world. */
  setScenario(regionId: string, scenario: ScenarioKind): ScenarioState[] {
    if (this.world?.drills) throw new Error("This simulator follows the release log's drills: set one with the setDrill intent.");
    if (scenario === 'healthy') this.active.delete(regionId);
    else this.active.set(regionId, { scenario, startedMs: this.clock.now(), rolledBackMs: null });
    return this.scenarios();
  }

  /** After a rollback the region's numbers return under the thresholds (seed 001: roll back, then verify). */
  markRolledBack(regionId: string): ScenarioState[] {
    if (this.world?.drills) throw new Error("This simulator follows the release log's drills: a rollback or back-out in the log recovers them.");
    const current = this.active.get(regionId);
    if (current && current.rolledBackMs === null) this.active.set(regionId, { ...current, rolledBackMs: this.clock.now() });
    return this.scenarios();
  }

  scenarios(): ScenarioState[] {
    const active = this.world?.drills ? Object.entries(this.world.drills()) : [...this.active];
    return active.map(([regionId, { scenario, startedMs, rolledBackMs }]) => ({ regionId, scenario, startedMs, rolledBackMs }));
  }

  private scenarioOf(regionId: string): ActiveScenario | undefined {
    if (!this.world?.drills) return this.active.get(regionId);
    const drills = this.world.drills();
    return Object.hasOwn(drills, regionId) ? drills[regionId] : undefined;
  }

  async query(query: SourceQuery): Promise<SeriesResult[]> {
    this.noteMaintenance();
    const readers = query.metrics.map((metric) => ({ metric, read: readerOf(metric, query.metrics) }));
    const results: SeriesResult[] = [];
    for (const region of query.regions) {
      // A region's signals at an instant serve every metric read there: the first poll's day of history drew
      // each instant's noise once per metric, eight times over for the demo (metrics.simulated_day_ms).
      const signals = new Map<number, RegionSignals>();
      const signalsAt = (t: number): RegionSignals => {
        let atT = signals.get(t);
        if (atT === undefined) {
          atT = this.shifted(region, t, regionSignals(this.seed, region.id, region.zone, t, this.scenarioOf(region.id), this.limits));
          signals.set(t, atT);
        }
        return atT;
      };
      for (const { metric, read } of readers) results.push({ regionId: region.id, metricId: metric.id, points: this.series(region, metric, query, (t) => read(signalsAt(t))) });
    }
    return results;
  }

  private series(region: Region, metric: MetricDefinition, query: SourceQuery, valueAt: (t: number) => number): Point[] {
    const periodMs = metric.periodSeconds * 1000;
    const scenario = this.scenarioOf(region.id);
    const closedUntil = Math.min(query.endMs, this.clock.now());
    const points: Point[] = [];
    for (let t = alignDown(query.startMs + periodMs - 1, periodMs); t + periodMs <= closedUntil; t += periodMs) {
      if (scenario?.scenario === 'dataOutage' && t + periodMs > scenario.startedMs && (scenario.rolledBackMs === null || t < scenario.rolledBackMs)) continue;
      const v = valueAt(t);
      if (Number.isFinite(v)) points.push({ t, v });
    }
    return points;
  }

  /**
   * Seed 000: a region in maintenance mode hands its traffic to its sibling (regions.yaml `sibling`), and
   * the sibling carries it on top of its own. Error rate and latency stay each region's own.
   */
  private shifted(region: Region, t: number, signals: RegionSignals): RegionSignals {
    if (!this.world) return signals;
    let rps = this.inMaintenanceAt(region.id, t) ? signals.rps * MAINTENANCE_RESIDUAL_SHARE : signals.rps;
    for (const other of this.world.regions) {
      if (other.sibling !== region.id || other.id === region.id || !this.inMaintenanceAt(other.id, t)) continue;
      rps += regionSignals(this.seed, other.id, other.zone, t, this.scenarioOf(other.id), this.limits).rps * (1 - MAINTENANCE_RESIDUAL_SHARE);
    }
    return rps === signals.rps ? signals : { ...signals, rps };
  }
}
