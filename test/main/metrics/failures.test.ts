import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { alignDown } from '../../../shared/metrics/series';
import { cloudWatchClientFactory } from '../../../main/metrics/cloudwatch/client';
import { CloudWatchSource } from '../../../main/metrics/cloudwatch/source';
import { MetricsService } from '../../../main/metrics/service';
import { manualTimers } from '../../../main/metrics/timers';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from './cloudwatch-harness';
import { CRITERIA, METRICS, MINUTE, region } from './fixtures';
import { startFailingServer, type FailureMode } from './failing-server';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function failingService(mode: FailureMode, requestTimeoutMs?: number) {
  const server = await startFailingServer(mode);
  close = server.close;
  const clock = simulatedClock(alignDown(Date.now(), MINUTE) + 5_000);
  const delays: number[] = [];
  const source = new CloudWatchSource({
    clientFor: cloudWatchClientFactory({ endpointUrl: server.url, credentialsFor: () => ({ accessKeyId: TEST_ACCESS_KEY, secretAccessKey: TEST_SECRET_KEY }), ...(requestTimeoutMs ? { requestTimeoutMs } : {}) }),
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.99,
  });
  const service = new MetricsService({ source, clock, timers: manualTimers(), regions: [region('EUW2', 'eu-west-2')], metrics: METRICS, criteria: CRITERIA, random: () => 0.5 });
  return { server, clock, delays, service };
}

describe('CloudWatch failures', () => {
  it('retries a throttled call a bounded number of times with growing jittered waits, then backs off the endpoint', async () => {
    const { server, delays, service, clock } = await failingService('throttle');
    await service.poll();
    expect(server.requests()).toBe(3);
    expect(delays).toEqual([99, 198]);
    const [status] = service.endpointStatuses();
    // CloudWatch is "awsQueryCompatible": the SDK names the error after the x-amzn-query-error code.
    expect(status).toMatchObject({ state: 'backing_off', message: 'CloudWatch is throttling profile rc-test (Throttling).' });
    expect(status?.retryAtMs).toBeGreaterThan(clock.now());

    // The next tick inside the backoff sends nothing: no tight loop against a throttled account.
    clock.advance(10_000);
    await service.poll();
    expect(server.requests()).toBe(3);
  });

  it('shows a server error as stale data and keeps the metric gate closed', async () => {
    const { server, service, clock } = await failingService('server-error');
    await service.poll();
    expect(server.requests()).toBe(3);
    expect(service.endpointStatuses()[0]?.message).toBe('CloudWatch answered with a server error (500).');
    clock.advance(5 * MINUTE);
    const states = service.snapshot().states.filter((state) => state.regionId === 'EUW2');
    expect(states.every((state) => state.freshness === 'stale' && state.staleSinceMs !== null)).toBe(true);
    const verdict = service.checkHealthGate('EUW2', 5);
    expect(verdict.healthy).toBe(false);
    expect(verdict.reason).toContain('cannot be fetched');
  });

  it('gives up on a CloudWatch that never answers after the request timeout: the poll ends, the data goes stale and the gate stays closed', async () => {
    const { server, service, clock } = await failingService('never-answer', 300);
    await service.poll();
    // Each attempt was sent and timed out; none holds the endpoint's single flight for ever.
    expect(server.requests()).toBe(3);
    expect(service.endpointStatuses()[0]).toMatchObject({ state: 'backing_off', message: 'CloudWatch did not answer in time (request timeout).' });
    clock.advance(5 * MINUTE);
    expect(service.snapshot().states.filter((state) => state.regionId === 'EUW2').every((state) => state.freshness === 'stale')).toBe(true);
    expect(service.checkHealthGate('EUW2', 5).healthy).toBe(false);
  });

  it('never lets credentials reach an endpoint message, even when the server quotes the signed request', async () => {
    const { service } = await failingService('echo-authorization');
    await service.poll();
    const everything = JSON.stringify(service.snapshot());
    expect(service.endpointStatuses()[0]?.message).toMatch(/^CloudWatch rejected the query/);
    expect(everything).not.toContain(TEST_ACCESS_KEY);
    expect(everything).not.toContain(TEST_SECRET_KEY);
  });

  it('shows an unreachable endpoint as stale with the gate closed, and does not hammer it', async () => {
    // A port that was just free: connections are refused, as with a wrong endpoint or no network.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const clock = simulatedClock(alignDown(Date.now(), MINUTE) + 5_000);
    const delays: number[] = [];
    const source = new CloudWatchSource({
      clientFor: cloudWatchClientFactory({ endpointUrl: `http://127.0.0.1:${port}`, credentialsFor: () => ({ accessKeyId: TEST_ACCESS_KEY, secretAccessKey: TEST_SECRET_KEY }) }),
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.99,
    });
    const service = new MetricsService({ source, clock, timers: manualTimers(), regions: [region('EUW2', 'eu-west-2')], metrics: METRICS, criteria: CRITERIA, random: () => 0.5 });
    await service.poll();
    const [status] = service.endpointStatuses();
    expect(status).toMatchObject({ state: 'backing_off', message: 'CloudWatch could not be reached (ECONNREFUSED).' });
    expect(status?.retryAtMs).toBeGreaterThan(clock.now());
    expect(JSON.stringify(service.snapshot())).not.toContain(TEST_SECRET_KEY);
    // Polls inside the backoff send nothing; the next try waits for retryAtMs.
    const waitsAfterFirstPoll = delays.length;
    clock.advance(10_000);
    await service.poll();
    expect(delays.length).toBe(waitsAfterFirstPoll);
    clock.advance(5 * MINUTE);
    await service.poll();
    const states = service.snapshot().states.filter((state) => state.regionId === 'EUW2');
    expect(states.every((state) => state.freshness === 'stale')).toBe(true);
    expect(service.checkHealthGate('EUW2', 5).healthy).toBe(false);
  });
});
