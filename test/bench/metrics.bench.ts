// metrics.calls_per_endpoint: GetMetricData calls made by one incremental poll of the demo's 11 regions ×
// 8 key metrics, divided by the distinct endpoints (profile × AWS region) they live on, counted with SDK
// middleware against moto_server (target 1.0). Beside it: calls ÷ one-call-per-metric, the datapoints
// the poll asks for, and a check that a 24 h reload makes at most ⌈points ÷ 100,800⌉ calls per endpoint.
// moto serves every AWS region at one URL; each endpoint still gets its own client, so counts are honest.
// metrics.simulated_day_ms: the simulator (rehearsals and the demo) drawing 24 h of every metric of every
// region, as a rehearsal console's first poll does at start-up; median of 7 with the load average.
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import os from 'node:os';
import { simulatedClock } from '../../shared/clock';
import { MAX_DATAPOINTS_PER_CALL } from '../../shared/metrics/batching';
import { groupByEndpoint } from '../../shared/metrics/endpoints';
import { alignDown } from '../../shared/metrics/series';
import type { MetricDefinition } from '../../shared/workspace/schema/metrics';
import { CloudWatchSource } from '../../main/metrics/cloudwatch/source';
import { MetricsService } from '../../main/metrics/service';
import { SimulatedSource } from '../../main/metrics/simulated/source';
import { manualTimers } from '../../main/metrics/timers';
import { demoWorkspaceDir, loadWorkspace } from '../../main/workspace/load';
import { putMetricData, recordingFactory, type RecordedCall } from '../main/metrics/cloudwatch-harness';
import { startMoto } from '../main/metrics/moto';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Minutes of data loaded into the emulator: enough for the incremental poll, few enough that moto's 24 h scan stays quick. */
const LOADED_MINUTES = 3;

const loaded = await loadWorkspace(demoWorkspaceDir());
if (!loaded.ok) throw new Error(`demo workspace: ${loaded.errors.map((e) => e.message).join('; ')}`);
const { regions } = loaded.workspace;
const keyMetrics = loaded.workspace.metrics.filter((metric) => metric.key);
// moto 5.2.1 answers percentile statistics with HTTP 500; Maximum asks for the same number of datapoints.
const asked: MetricDefinition[] = keyMetrics.map((metric) => (/^p\d/.test(metric.stat) ? { ...metric, stat: 'Maximum' } : metric));
const endpoints = groupByEndpoint(regions);

{
  const world = { regions, inMaintenance: () => false };
  const dayEnd = alignDown(Date.parse('2026-03-19T10:55:00Z'), MINUTE);
  const rounds: number[] = [];
  let points = 0;
  for (let round = 0; round < 8; round++) {
    const source = new SimulatedSource(simulatedClock(dayEnd), 1, {}, world);
    const started = performance.now();
    const series = await source.query({ endpoint: groupByEndpoint(regions)[0]!, regions, metrics: loaded.workspace.metrics, startMs: dayEnd - DAY, endMs: dayEnd });
    // The first round warms the JIT up and is not counted.
    if (round > 0) rounds.push(Math.round(performance.now() - started));
    points = series.reduce((total, one) => total + one.points.length, 0);
  }
  const median = [...rounds].sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;
  console.log(JSON.stringify({ bench: 'metrics.simulated_day_ms', value: median, unit: 'ms', rounds, points, regions: regions.length, metrics: loaded.workspace.metrics.length, loadAverage: Number(os.loadavg()[0]!.toFixed(2)) }));
}

const moto = await startMoto();
try {
  const now = alignDown(Date.now(), MINUTE) + 5_000;
  const clock = simulatedClock(now - MINUTE);

  // Realistic values from the demo's own simulator, put in through the SDK as an application would.
  const simulated = new SimulatedSource(simulatedClock(now + MINUTE), 1);
  for (const endpoint of endpoints) {
    const endpointRegions = regions.filter((region) => endpoint.regionIds.includes(region.id));
    const series = await simulated.query({ endpoint, regions: endpointRegions, metrics: asked, startMs: now - LOADED_MINUTES * MINUTE, endMs: now + MINUTE });
    const data: MetricDatum[] = [];
    for (const { regionId, metricId, points } of series) {
      const metric = asked.find((m) => m.id === metricId);
      const region = endpointRegions.find((r) => r.id === regionId);
      if (!metric?.metricName || !metric.namespace || !region) continue;
      const dimensions = Object.entries(metric.dimensions).map(([Name, value]) => ({ Name, Value: value.replaceAll('{region}', region.id) }));
      for (const point of points) data.push({ MetricName: metric.metricName, Dimensions: dimensions, Timestamp: new Date(point.t + 1_000), Value: point.v });
    }
    await putMetricData(moto.url, endpoint.awsRegion, 'Telephony/RT', data.filter((d) => d.MetricName !== 'CPUUtilization'));
    await putMetricData(moto.url, endpoint.awsRegion, 'AWS/ECS', data.filter((d) => d.MetricName === 'CPUUtilization'));
  }

  const calls: RecordedCall[] = [];
  const source = new CloudWatchSource({ clientFor: recordingFactory(moto.url, calls) });
  const service = new MetricsService({ source, clock, timers: manualTimers(), regions, metrics: asked, criteria: [], historyMs: DAY });

  // The first poll is the 24 h reload.
  await service.poll();
  const reload = calls.splice(0);
  let reloadWithinBound = true;
  let reloadCallsMax = 0;
  for (const endpoint of endpoints) {
    const mine = reload.filter((call) => call.endpoint === endpoint.key);
    const points = mine.length > 0 ? (mine[0]?.queries.length ?? 0) * Math.round(DAY / MINUTE) : 0;
    reloadCallsMax = Math.max(reloadCallsMax, mine.length);
    if (mine.length > Math.ceil(points / MAX_DATAPOINTS_PER_CALL)) reloadWithinBound = false;
  }
  const failing = service.endpointStatuses().filter((status) => status.state !== 'ok');
  if (failing.length > 0) throw new Error(`reload failed: ${failing.map((s) => `${s.key}: ${s.message}`).join('; ')}`);

  // One incremental poll a minute later.
  clock.set(now);
  await service.poll();
  const poll = calls.splice(0);
  const queries = poll.reduce((total, call) => total + call.queries.length, 0);
  const datapoints = poll.reduce((total, call) => total + call.queries.length * Math.round((call.endMs - call.startMs) / MINUTE), 0);
  const returned = service.snapshot({ sinceMs: now - 2 * MINUTE }).series.reduce((total, series) => total + series.t.length, 0);

  const print = (bench: string, value: number, unit: string, extra: Record<string, unknown> = {}) => console.log(JSON.stringify({ bench, value, unit, ...extra }));
  print('metrics.calls_per_endpoint', poll.length / endpoints.length, 'calls/endpoint', { calls: poll.length, endpoints: endpoints.length, target: 1 });
  print('metrics.calls_ratio', Number((poll.length / (regions.length * keyMetrics.length)).toFixed(4)), 'calls/metric', { naiveCalls: regions.length * keyMetrics.length, queries });
  print('metrics.datapoints_per_poll', datapoints, 'datapoints', { returned, periodsPerQuery: Math.round((poll[0]?.endMs ?? 0) - (poll[0]?.startMs ?? 0)) / MINUTE });
  print('metrics.reload_24h_calls_per_endpoint', reloadCallsMax, 'calls/endpoint', {
    bound: Math.ceil((keyMetrics.length * Math.round(DAY / MINUTE)) / MAX_DATAPOINTS_PER_CALL),
    withinBound: reloadWithinBound,
  });
  if (!reloadWithinBound || poll.length !== endpoints.length) process.exitCode = 1;
} finally {
  await moto.stop();
}
