import type { MetricFacts, RegionMetricFacts } from '../../shared/engine/metricFacts';
import type { Workspace } from '../../shared/workspace/workspace';
import type { MetricsService } from '../metrics/service';

/**
 * The latest metric facts per region, written when a poll lands and read by `decide` and the view from
 * the engine's state, never asked of a client. A fact slice, not logged events: see shared/engine/metricFacts.ts.
 */
export class MetricFactsSlice {
  private current: Record<string, RegionMetricFacts> = {};
  /** The longest metric gate in the workspace: how far back a healthy stretch is worth measuring. */
  private readonly longestGate: number;
  private readonly periodMs: number;

  constructor(
    private readonly workspace: Workspace,
    private readonly service: MetricsService,
  ) {
    const gates = workspace.runbooks.flatMap((r) => r.gates.flatMap((g) => g.steps)).flatMap((s) => (s.kind === 'metricGate' ? [s.minutes] : []));
    this.longestGate = Math.max(1, ...gates);
    this.periodMs = Math.min(...workspace.metrics.map((m) => m.periodSeconds * 1000), 60_000);
  }

  get facts(): MetricFacts {
    return this.current;
  }

  /** Called when a poll lands (and after a rehearsal clock move forced one). */
  refresh(now: number): void {
    const alerts = this.service.currentAlerts();
    const next: Record<string, RegionMetricFacts> = {};
    for (const { id } of this.workspace.regions) {
      if (!this.service.hasRegion(id)) continue;
      const stretch = this.healthyStretch(id);
      next[id] = { at: now, periodMs: this.periodMs, freshness: this.service.regionFreshness(id), alerts: alerts.filter((a) => a.regionId === id), healthyMinutes: stretch.minutes, detail: stretch.detail };
    }
    this.current = next;
  }

  /**
   * The longest healthy stretch ending now, up to the longest gate: the service's own gate check, which
   * fails closed on missing data, asked from the longest length down.
   */
  private healthyStretch(regionId: string): { minutes: number; detail: string } {
    const longest = this.service.checkHealthGate(regionId, this.longestGate);
    if (longest.healthy) return { minutes: this.longestGate, detail: longest.reason };
    for (let minutes = this.longestGate - 1; minutes >= 1; minutes -= 1) {
      if (this.service.checkHealthGate(regionId, minutes).healthy) return { minutes, detail: longest.reason };
    }
    return { minutes: 0, detail: longest.reason };
  }
}
