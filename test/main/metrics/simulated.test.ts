import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricsAlert } from '../../../shared/api/metrics';
import { simulatedClock } from '../../../shared/clock';
import type { Workspace } from '../../../shared/workspace/workspace';
import { MetricsService } from '../../../main/metrics/service';
import { SimulatedSource } from '../../../main/metrics/simulated/source';
import { manualTimers } from '../../../main/metrics/timers';
import { demoWorkspaceDir, loadWorkspace } from '../../../main/workspace/load';

const MINUTE = 60_000;
/** Design: a rehearsal runs the demo at "Friday 10:55 Europe/London". */
const FRIDAY_1055 = DateTime.fromISO('2026-03-13T10:55', { zone: 'Europe/London' }).toMillis();

let demo: Workspace;
beforeAll(async () => {
  const loaded = await loadWorkspace(demoWorkspaceDir());
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  demo = loaded.workspace;
});

function rehearsal(seed = 7) {
  const clock = simulatedClock(FRIDAY_1055);
  const source = new SimulatedSource(clock, seed);
  const timers = manualTimers();
  const service = new MetricsService({
    source, clock, timers, regions: demo.regions, metrics: demo.metrics, criteria: demo.rollbackCriteria, historyMs: 2 * 60 * MINUTE,
    handoversIn: (regionId) => (regionId === 'EUW2' ? ['HO-1042'] : []),
  });
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
  return { clock, source, service, alerts, minutes, timers };
}

describe('simulated metrics for the demo workspace', () => {
  it('draws the same series for the same seed and time, and another for another seed', async () => {
    const a = rehearsal(7);
    const b = rehearsal(7);
    const c = rehearsal(8);
    await Promise.all([a.service.poll(), b.service.poll(), c.service.poll()]);
    expect(a.service.points('EUW2', 'latencyP99')).toEqual(b.service.points('EUW2', 'latencyP99'));
    expect(a.service.points('EUW2', 'latencyP99')).not.toEqual(c.service.points('EUW2', 'latencyP99'));
    expect(a.service.points('EUW2', 'latencyP99')).toHaveLength(120);
  });

  it('follows each region’s local day: London is busier in the afternoon than before dawn', async () => {
    // A day later, so the whole of Friday has closed periods.
    const clock = simulatedClock(FRIDAY_1055 + 24 * 60 * MINUTE);
    const source = new SimulatedSource(clock, 7);
    const euw2 = demo.regions.filter((region) => region.id === 'EUW2');
    const requests = demo.metrics.filter((metric) => metric.id === 'requests');
    const at = async (hour: number) => {
      const start = DateTime.fromISO(`2026-03-13T${String(hour).padStart(2, '0')}:00`, { zone: 'Europe/London' }).toMillis();
      const [series] = await source.query({ endpoint: { key: 'k', profile: 'p', awsRegion: 'eu-west-2', regionIds: ['EUW2'] }, regions: euw2, metrics: requests, startMs: start, endMs: start + 30 * MINUTE });
      return (series?.points ?? []).reduce((sum, point) => sum + point.v, 0);
    };
    expect(await at(15)).toBeGreaterThan(2 * (await at(4)));
  });

  it('turns the EUW2 error spike into an immediate alert on EUW2 alone, offering to roll back its handover', async () => {
    const { service, source, alerts, minutes } = rehearsal();
    await service.poll();
    service.captureBaseline();
    source.setScenario('EUW2', 'errorSpike');
    await minutes(5);
    const raised = alerts.filter((alert) => alert.active);
    expect(raised.map((alert) => [alert.regionId, alert.criterionId])).toContainEqual(['EUW2', 'immediate-error-rate']);
    expect(raised.every((alert) => alert.regionId === 'EUW2')).toBe(true);
    expect(raised.find((alert) => alert.criterionId === 'immediate-error-rate')).toMatchObject({ level: 'immediate', action: 'Roll back HO-1042', threshold: 5 });
    expect(service.checkHealthGate('EUW2', 5).healthy).toBe(false);
    expect(service.checkHealthGate('EUC1', 5).healthy).toBe(true);
    expect(service.verificationTable('EUW2').rows.find((row) => row.metricId === 'errorRate')?.status).toBe('ROLLBACK');
  });

  it('brings EUW2 back under its thresholds after the rollback, clears the alert and then lets the gate pass', async () => {
    const { service, source, alerts, minutes } = rehearsal();
    await service.poll();
    service.captureBaseline();
    source.setScenario('EUW2', 'errorSpike');
    await minutes(5);
    source.markRolledBack('EUW2');
    await minutes(6);
    expect(alerts.filter((alert) => !alert.active).map((alert) => alert.criterionId)).toContain('immediate-error-rate');
    expect(service.snapshot().alerts.filter((alert) => alert.regionId === 'EUW2')).toEqual([]);
    expect(service.checkHealthGate('EUW2', 10).healthy).toBe(false);
    await minutes(10);
    expect(service.checkHealthGate('EUW2', 10)).toEqual({ healthy: true, reason: 'EUW2 has been healthy for 10 minutes.' });
  });

  it('lets p99 creep past "consider" (2× baseline for 5 minutes) before "immediate" (3×)', async () => {
    const { service, source, alerts, minutes } = rehearsal();
    await service.poll();
    service.captureBaseline();
    source.setScenario('APSE1', 'p99Creep');
    const raisedAt = new Map<string, number>();
    for (let minute = 1; minute <= 26; minute += 1) {
      await minutes(1);
      for (const alert of alerts) if (!raisedAt.has(alert.criterionId)) raisedAt.set(alert.criterionId, minute);
    }
    expect([...raisedAt.keys()]).toEqual(['consider-p99', 'immediate-p99']);
    expect(raisedAt.get('consider-p99')).toBeLessThan(raisedAt.get('immediate-p99') ?? 0);
    expect(alerts.every((alert) => alert.regionId === 'APSE1')).toBe(true);
  });

  it('keeps the gate closed before the baseline is captured, since p99 is judged against it', async () => {
    const { service } = rehearsal();
    await service.poll();
    expect(service.checkHealthGate('EUW2', 10)).toMatchObject({ healthy: false, reason: expect.stringContaining('capture the baseline') });
  });

  it('shows a region whose data stopped as stale since the last minute that arrived, and closes its gate', async () => {
    const { service, source, minutes, clock } = rehearsal();
    await service.poll();
    service.captureBaseline();
    source.setScenario('S01', 'dataOutage');
    const outageAt = clock.now();
    await minutes(5);
    const state = service.snapshot().states.find((s) => s.regionId === 'S01' && s.metricId === 'errorRate');
    expect(state).toMatchObject({ freshness: 'stale', staleSinceMs: Math.floor(outageAt / MINUTE) * MINUTE });
    expect(service.checkHealthGate('S01', 5).healthy).toBe(false);
    expect(service.verificationTable('S01').rows.every((row) => row.status === 'STALE')).toBe(true);
  });

  it('keeps memory bounded: a series never holds more than its history window', async () => {
    const { service, minutes } = rehearsal();
    await service.poll();
    await minutes(30);
    expect(service.points('EUW2', 'requests').length).toBeLessThanOrEqual(122);
  });

  it('prints the EUW2 verification table with a row per key metric', async () => {
    const { service, minutes } = rehearsal();
    await service.poll();
    service.captureBaseline();
    await minutes(2);
    const table = service.verificationTable('EUW2');
    expect(table.rows.map((row) => row.metric)).toEqual(demo.metrics.filter((m) => m.key).map((m) => m.label));
    expect(table.text.split('\n')[0]).toMatch(/^Metric +\| Baseline +\| Current +\| Delta +\| Status$/);
    expect(table.rows.every((row) => row.status === 'OK')).toBe(true);
  });
});
