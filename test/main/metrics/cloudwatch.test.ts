import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { alignDown } from '../../../shared/metrics/series';
import { CloudWatchSource } from '../../../main/metrics/cloudwatch/source';
import { MetricsService } from '../../../main/metrics/service';
import { manualTimers } from '../../../main/metrics/timers';
import { putMetricData, recordingFactory, type RecordedCall } from './cloudwatch-harness';
import { CRITERIA, METRICS, MINUTE, region, stat } from './fixtures';
import { startMoto, type Moto } from './moto';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});

const REGIONS = [region('EUW2', 'eu-west-2'), region('LON', 'eu-west-2'), region('USE2', 'us-east-2')];

function serviceWith(calls: RecordedCall[], now: number, regions = REGIONS, metrics = METRICS) {
  const clock = simulatedClock(now);
  const source = new CloudWatchSource({ clientFor: recordingFactory(moto.url, calls), sleep: async () => {} });
  const service = new MetricsService({ source, clock, timers: manualTimers(), regions, metrics, criteria: CRITERIA, historyMs: 60 * MINUTE });
  return { clock, service };
}

describe('CloudWatch source against moto_server', () => {
  // Each test writes to its own minutes so moto's shared store cannot leak one test's data into another.
  const base = alignDown(Date.now(), MINUTE) - 6 * 60 * MINUTE;

  it('reads back through the service the values the SDK put into CloudWatch, per region', async () => {
    const now = base + 30 * MINUTE;
    const minutes = Array.from({ length: 20 }, (_, index) => now - (20 - index) * MINUTE);
    await putMetricData(moto.url, 'eu-west-2', 'ReleaseConsole/Test', [
      ...minutes.map((t, i) => ({ MetricName: 'Requests', Dimensions: [{ Name: 'Region', Value: 'EUW2' }], Timestamp: new Date(t + 1_000), Value: 1000 + i, Unit: 'Count' as const })),
      ...minutes.map((t, i) => ({ MetricName: 'Latency', Dimensions: [{ Name: 'Region', Value: 'EUW2' }], Timestamp: new Date(t + 2_000), Value: 200 + i, Unit: 'Milliseconds' as const })),
      ...minutes.map((t) => ({ MetricName: 'Requests', Dimensions: [{ Name: 'Region', Value: 'LON' }], Timestamp: new Date(t + 1_000), Value: 7, Unit: 'Count' as const })),
    ]);
    const calls: RecordedCall[] = [];
    const { service } = serviceWith(calls, now);
    await service.poll();

    expect(service.endpointStatuses().map((status) => status.state)).toEqual(['ok', 'ok']);
    expect(service.points('EUW2', 'requests').map((p) => p.v)).toEqual(minutes.map((_, i) => 1000 + i));
    expect(service.points('EUW2', 'requests').map((p) => p.t)).toEqual(minutes);
    expect(service.points('EUW2', 'p99').map((p) => p.v)).toEqual(minutes.map((_, i) => 200 + i));
    expect(service.points('LON', 'requests').every((p) => p.v === 7)).toBe(true);
    expect(service.points('USE2', 'requests')).toEqual([]);
    // Two endpoints (rc-test × eu-west-2 serving EUW2 and LON, rc-test × us-east-2): one call each.
    expect(calls.map((call) => call.endpoint).sort()).toEqual(['rc-test@eu-west-2', 'rc-test@us-east-2']);
  });

  it('speaks the AWS JSON 1.0 protocol, so a silent SDK protocol change fails here', async () => {
    const calls: RecordedCall[] = [];
    const { service } = serviceWith(calls, base + 40 * MINUTE);
    await service.poll();
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.contentType).toBe('application/x-amz-json-1.0');
      expect(call.target).toBe('GraniteServiceVersion20100801.GetMetricData');
    }
  });

  it('sends the error rate as a metric-math Expression over the same region’s errors and requests', async () => {
    const calls: RecordedCall[] = [];
    const { service } = serviceWith(calls, base + 50 * MINUTE, [region('EUW2', 'eu-west-2')]);
    await service.poll();
    const queries = calls[0]?.queries ?? [];
    const rate = queries.find((query) => query.Expression !== undefined);
    expect(rate?.Expression).toBe('m0_1 / m0_0 * 100');
    expect(queries.map((query) => query.Id).sort()).toEqual(['m0_0', 'm0_1', 'm0_2', 'm0_3']);
    for (const query of queries) expect(query.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
  });

  it('puts 1,200 queries for one endpoint into three GetMetricData calls of at most 500', async () => {
    const many = Array.from({ length: 100 }, (_, index) => stat(`metric${index}`, `Metric${index}`, 'Sum', 'Count'));
    const twelve = Array.from({ length: 12 }, (_, index) => region(`R${index}`, 'eu-central-1'));
    const now = base + 70 * MINUTE;
    await putMetricData(moto.url, 'eu-central-1', 'ReleaseConsole/Test', [
      { MetricName: 'Metric99', Dimensions: [{ Name: 'Region', Value: 'R11' }], Timestamp: new Date(now - 2 * MINUTE + 1_000), Value: 42, Unit: 'Count' },
    ]);
    const calls: RecordedCall[] = [];
    const { service } = serviceWith(calls, now, twelve, many);
    await service.poll();
    expect(calls.map((call) => call.queries.length)).toEqual([500, 500, 200]);
    // The last query of the last call comes back into the right series.
    expect(service.points('R11', 'metric99')).toEqual([{ t: now - 2 * MINUTE, v: 42 }]);
  });

  it('asks on the second poll only for the new periods plus the last one again, and takes its revision', async () => {
    const now = base + 90 * MINUTE;
    const euw2 = [region('EUW2', 'eu-west-2')];
    const datum = (t: number, value: number) => ({ MetricName: 'Requests', Dimensions: [{ Name: 'Region', Value: 'EUW2' }], Timestamp: new Date(t), Value: value, Unit: 'Count' as const });
    await putMetricData(moto.url, 'eu-west-2', 'ReleaseConsole/Test', [datum(now - 2 * MINUTE + 5_000, 10), datum(now - MINUTE + 5_000, 20)]);
    const calls: RecordedCall[] = [];
    const { service, clock } = serviceWith(calls, now + 10_000, euw2);
    await service.poll();
    expect(calls[0]).toMatchObject({ startMs: now - 60 * MINUTE, endMs: now });

    // A late datapoint revises the last period; two new minutes close.
    await putMetricData(moto.url, 'eu-west-2', 'ReleaseConsole/Test', [datum(now - MINUTE + 30_000, 5), datum(now + 5_000, 30), datum(now + MINUTE + 5_000, 40)]);
    clock.advance(2 * MINUTE);
    await service.poll();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ startMs: now - MINUTE, endMs: now + 2 * MINUTE });
    expect(service.points('EUW2', 'requests')).toEqual([
      { t: now - 2 * MINUTE, v: 10 },
      { t: now - MINUTE, v: 25 },
      { t: now, v: 30 },
      { t: now + MINUTE, v: 40 },
    ]);

    // Within the same minute there is nothing new to ask for: no call at all.
    clock.advance(20_000);
    await service.poll();
    expect(calls).toHaveLength(2);
  });

  it('fails closed on no data: a region CloudWatch has nothing for is stale and its metric gate stays shut', async () => {
    const now = base + 300 * MINUTE;
    const { service, clock } = serviceWith([], now, [region('EUC1', 'eu-central-1')]);
    await service.poll();
    clock.advance(10 * MINUTE);
    await service.poll();
    expect(service.endpointStatuses().map((status) => status.state)).toEqual(['ok']);
    const states = service.snapshot().states.filter((state) => state.regionId === 'EUC1');
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((state) => state.freshness === 'stale')).toBe(true);
    const verdict = service.checkHealthGate('EUC1', 5);
    expect(verdict.healthy).toBe(false);
  });
});
