import type { Actor, FixForwardView } from '../../shared/api';
import { landedFix } from '../../shared/engine/decideFixForward';
import { recordOf } from '../../shared/engine/fold';
import type { MetricSeries } from '../../shared/rollback/criteria';
import { fixForwardLine, type FixForwardRecord } from '../../shared/rollback/fixForward';
import { DEFAULT_RECOVERY_MINUTES, serviceRestoredAcross, serviceRestoredAt, type Recovery } from '../../shared/rollback/restored';
import type { Handover, Workspace } from '../../shared/workspace/workspace';
import { ApiFailure } from '../host/failure';
import type { IntentLoop } from './loop';

export interface FixForwardServiceOptions {
  workspace: Workspace;
  loop: IntentLoop;
  operator: () => Actor;
  /** The console's clock: a rehearsal's simulated one, so moving it past a deadline expires the fix forward. */
  now: () => number;
  /** A region's metric series, as the rollback's recovery reads them; null without metrics (then nothing lands). */
  metrics: { series(regionId: string, metricId: string): MetricSeries; hasRegion(regionId: string): boolean } | null;
}

/**
 * Issue 19: carries out fix forwards. The decision, its landing and its expiry are decided in
 * shared/engine/decideFixForward.ts and logged first; this asks, and after each poll offers what it sees:
 * the deadline reached, or a linked handover deployed with the metrics back (shared/rollback/restored.ts).
 */
export class FixForwardService {
  private observing = false;

  constructor(private readonly options: FixForwardServiceOptions) {}

  async decide(releaseId: string, handoverId: string, reason: string, severity: string): Promise<FixForwardView> {
    await this.options.loop.require({ kind: 'fixForward', release: releaseId, handover: handoverId, reason, severity }, this.options.operator());
    const record = recordOf(this.options.loop.state, releaseId).fixForwards[handoverId];
    if (!record) throw new ApiFailure('not_found', `${handoverId} has no fix forward in ${releaseId}.`);
    return fixForwardView(releaseId, record);
  }

  /** After each poll (and each move of a rehearsal clock): one look at a time, so an expiry is offered to `decide` once. */
  async observe(): Promise<void> {
    if (this.observing) return;
    this.observing = true;
    try {
      for (const [releaseId, record] of Object.entries(this.options.loop.state.releases)) {
        for (const open of Object.values(record.fixForwards)) {
          // A rollback started meanwhile ends the fix forward: it neither lands nor expires after that.
          if (open.status === 'fixing' && !record.rollbacks[open.handoverId]) await this.offer(releaseId, open);
        }
      }
    } finally {
      this.observing = false;
    }
  }

  private async offer(releaseId: string, open: FixForwardRecord): Promise<void> {
    const { loop, workspace } = this.options;
    const now = this.options.now();
    const fix = landedFix(workspace, loop.engineState(), open);
    if (fix && this.options.metrics) {
      const recovery = this.recovery(releaseId, open, fix, now);
      if (recovery.restored) {
        const landed = await loop.handle({ kind: 'fixForwardLanding', release: releaseId, handover: open.handoverId, fixHandover: fix.id, at: recovery.at, healthySince: recovery.healthySince }, this.options.operator());
        if (landed.allowed) return;
      }
    }
    if (now >= open.deadline) await loop.handle({ kind: 'fixForwardExpiring', release: releaseId, handover: open.handoverId }, this.options.operator());
  }

  /** The same rule as a rollback's "Service restored", counted from when the fix reached the last region of the breach. */
  private recovery(releaseId: string, open: FixForwardRecord, fix: Handover, now: number): Recovery {
    const { workspace, loop } = this.options;
    const metrics = this.options.metrics!;
    const names = new Set(fix.packages.map((p) => p.name));
    const deployedAt = Object.values(loop.state.releases)
      .flatMap((r) => r.versionChanges)
      .filter((c) => c.rollback === null && open.regions.includes(c.region) && names.has(c.package) && fix.packages.some((p) => p.name === c.package && p.newVersion === c.version))
      .map((c) => c.at);
    const from = Math.max(open.decidedAt, ...deployedAt);
    const regions: Record<string, Recovery> = {};
    for (const regionId of open.regions) {
      if (!metrics.hasRegion(regionId)) continue;
      regions[regionId] = serviceRestoredAt({
        criteria: workspace.rollbackCriteria,
        series: Object.fromEntries(workspace.metrics.map((m) => [m.id, metrics.series(regionId, m.id)])),
        // The baselines the breach was judged against: the breached release's, as for its rollback.
        baseline: Object.fromEntries(recordOf(loop.state, releaseId).baselines.filter((b) => b.regionId === regionId).map((b) => [b.metricId, b.mean])),
        periodMs: Object.fromEntries(workspace.metrics.map((m) => [m.id, m.periodSeconds * 1000])),
        from,
        recoveryMinutes: workspace.recoveryMinutes ?? DEFAULT_RECOVERY_MINUTES,
        now,
        inMaintenance: loop.state.world.maintenance[regionId] === true,
      });
    }
    return serviceRestoredAcross(regions);
  }
}

export function fixForwardView(releaseId: string, record: FixForwardRecord): FixForwardView {
  return { ...record, releaseId, line: fixForwardLine(record) };
}
