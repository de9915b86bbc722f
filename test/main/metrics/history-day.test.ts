// Issue 20: the graphs offer 1 h, 6 h and 24 h, so main keeps a day of every series, not six hours: the
// 24 h preset then shows the night before the rollout rather than the same six hours as the 6 h one.
import { describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { MetricsService } from '../../../main/metrics/service';
import { SimulatedSource } from '../../../main/metrics/simulated/source';
import { manualTimers } from '../../../main/metrics/timers';
import { demoWorkspaceDir, loadWorkspace } from '../../../main/workspace/load';

const HOUR = 60 * 60_000;
const FRIDAY_1055 = Date.parse('2026-03-13T10:55:00Z');

describe('the history main keeps for the graphs', () => {
  it('reaches back a whole day on the first poll, for every series, with one point a period', async () => {
    const loaded = await loadWorkspace(demoWorkspaceDir());
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const demo = loaded.workspace;
    const clock = simulatedClock(FRIDAY_1055);
    const service = new MetricsService({ source: new SimulatedSource(clock, 7), clock, timers: manualTimers(), regions: demo.regions, metrics: demo.metrics, criteria: demo.rollbackCriteria });
    await service.poll();

    const { series } = service.snapshot();
    expect(series).toHaveLength(demo.regions.length * demo.metrics.length);
    for (const one of series) {
      const periodMs = demo.metrics.find((m) => m.id === one.metricId)!.periodSeconds * 1000;
      const first = one.t[0]!;
      const last = one.t.at(-1)!;
      expect(FRIDAY_1055 - first, `${one.regionId} ${one.metricId} starts ${(FRIDAY_1055 - first) / HOUR} h back`).toBeGreaterThanOrEqual(24 * HOUR - 2 * periodMs);
      expect(FRIDAY_1055 - first).toBeLessThanOrEqual(24 * HOUR + 2 * periodMs);
      expect(one.t.length).toBeGreaterThanOrEqual(Math.floor((last - first) / periodMs));
    }
  });
});
