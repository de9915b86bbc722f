import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricsAlert } from '../../../shared/api/metrics';
import { simulatedClock } from '../../../shared/clock';
import type { Workspace } from '../../../shared/workspace/workspace';
import { MetricsService } from '../../../main/metrics/service';
import { healthyLimitsOf, MAINTENANCE_RESIDUAL_SHARE, SimulatedSource } from '../../../main/metrics/simulated/source';
import { manualTimers } from '../../../main/metrics/timers';
import { demoWorkspaceDir, loadWorkspace } from '../../../main/workspace/load';

const MINUTE = 60_000;
const FRIDAY_1055 = DateTime.fromISO('2026-03-13T10:55', { zone: 'Europe/London' }).toMillis();

let demo: Workspace;
beforeAll(async () => {
  const loaded = await loadWorkspace(demoWorkspaceDir());
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  demo = loaded.workspace;
});

/** The demo's simulated metrics with maintenance mode as the console holds it (here, a map a test flips). */
function rehearsal(options: { world?: boolean } = {}) {
  const clock = simulatedClock(FRIDAY_1055);
  const maintenance: Record<string, boolean> = {};
  const inMaintenance = (regionId: string) => maintenance[regionId] === true;
  const world = options.world === false ? null : { regions: demo.regions, inMaintenance };
  const source = new SimulatedSource(clock, 7, healthyLimitsOf(demo.metrics, demo.rollbackCriteria), world);
  const service = new MetricsService({ source, clock, timers: manualTimers(), regions: demo.regions, metrics: demo.metrics, criteria: demo.rollbackCriteria, historyMs: 2 * 60 * MINUTE, inMaintenance });
  const alerts: MetricsAlert[] = [];
  service.subscribe((event) => {
    if (event.type === 'alert') alerts.push(event.alert);
  });
  const minutes = async (count: number) => {
    for (let minute = 0; minute < count; minute += 1) {
      clock.advance(MINUTE);
      await service.poll();
    }
  };
  const latest = (regionId: string, metricId: string) => service.points(regionId, metricId).at(-1)?.v ?? Number.NaN;
  return { clock, source, service, alerts, minutes, maintenance, latest };
}

describe('issue 17, "A region in maintenance mode kept its full traffic on the graphs" (seed 000: "Redirects traffic to sibling region")', () => {
  it('moves EUW2’s traffic to its sibling EUC1 while EUW2 is in maintenance mode, and back when it is off', async () => {
    const world = rehearsal();
    const plain = rehearsal({ world: false });
    await Promise.all([world.service.poll(), plain.service.poll()]);
    world.maintenance.EUW2 = true;
    await Promise.all([world.minutes(5), plain.minutes(5)]);
    // The same seed and clock: the plain simulation is what each region would carry on its own.
    const ownEuw2 = plain.latest('EUW2', 'requests');
    const ownEuc1 = plain.latest('EUC1', 'requests');
    expect(world.latest('EUW2', 'requests')).toBeCloseTo(ownEuw2 * MAINTENANCE_RESIDUAL_SHARE, 6);
    expect(world.latest('EUC1', 'requests')).toBeCloseTo(ownEuc1 + ownEuw2 * (1 - MAINTENANCE_RESIDUAL_SHARE), 6);
    expect(world.latest('EUC1', 'throughput')).toBeGreaterThan(plain.latest('EUC1', 'throughput'));
    // LON's sibling is EUW2 too, but LON is not in maintenance: it keeps its own.
    expect(world.latest('LON', 'requests')).toBeCloseTo(plain.latest('LON', 'requests'), 6);
    // The error rate is each region's own: a redirect is not an outage.
    expect(world.latest('EUW2', 'errorRate')).toBeCloseTo(plain.latest('EUW2', 'errorRate'), 6);

    world.maintenance.EUW2 = false;
    await Promise.all([world.minutes(2), plain.minutes(2)]);
    expect(world.latest('EUW2', 'requests')).toBeCloseTo(plain.latest('EUW2', 'requests'), 6);
    expect(world.latest('EUC1', 'requests')).toBeCloseTo(plain.latest('EUC1', 'requests'), 6);
  });

  it('keeps the graph’s past as it was: minutes before maintenance mode went on show EUW2’s full traffic', async () => {
    const world = rehearsal();
    const plain = rehearsal({ world: false });
    await Promise.all([world.minutes(3), plain.minutes(3)]);
    const before = world.service.points('EUW2', 'requests').slice(-3);
    world.maintenance.EUW2 = true;
    await Promise.all([world.minutes(3), plain.minutes(3)]);
    const sameMinutes = world.service.points('EUW2', 'requests').filter((p) => before.some((b) => b.t === p.t));
    expect(sameMinutes).toEqual(before);
  });

  it('raises no throughput-drop alert for a region in maintenance mode, and no alert at all on its sibling’s rise', async () => {
    const { service, minutes, maintenance, alerts } = rehearsal();
    await minutes(16);
    service.captureBaseline();
    maintenance.S01 = true;
    await minutes(10);
    expect(alerts.filter((a) => a.active)).toEqual([]);
    // Its verification row shows the drop and does not call it a breach.
    expect(service.verificationTable('S01').rows.find((row) => row.metricId === 'throughput')).toMatchObject({ delta: expect.stringMatching(/^-9\d(\.\d)?%$/), status: 'OK' });
  });
});

describe('issue 17, "A throughput drop of 59% raised no alert"', () => {
  it('raises EUW2’s throughput-drop alert (consider) once the drop has held 5 minutes, quoting the line 30% under the baseline', async () => {
    const { service, source, minutes, alerts } = rehearsal();
    await minutes(16);
    const { baselines } = service.captureBaseline({ regionIds: ['EUW2'] });
    const base = baselines.find((b) => b.metricId === 'throughput')?.mean ?? Number.NaN;
    source.setScenario('EUW2', 'throughputDrop');
    await minutes(4);
    expect(alerts.filter((a) => a.criterionId === 'throughput-drop')).toEqual([]);
    await minutes(6);
    const drop = alerts.find((a) => a.criterionId === 'throughput-drop' && a.active);
    expect(drop).toMatchObject({ regionId: 'EUW2', level: 'consider', title: 'Throughput more than 30% below baseline for 5 minutes' });
    expect(drop?.threshold).toBeCloseTo(base * 0.7, 6);
    expect(drop?.value).toBeLessThan(base * 0.5);
    expect(service.verificationTable('EUW2').rows.find((row) => row.metricId === 'throughput')?.status).toBe('CONSIDER');
  });
});
