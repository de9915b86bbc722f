import { describe, expect, it } from 'vitest';
import { MAX_DATAPOINTS_PER_CALL, planCalls } from '../../../shared/metrics/batching';
import { groupByEndpoint } from '../../../shared/metrics/endpoints';
import { evaluateHealthGate, type GateSeries } from '../../../shared/metrics/gate';
import { nextPollWindow } from '../../../shared/metrics/polling';
import { buildEndpointQueries, QUERY_ID_PATTERN, rewriteExpression } from '../../../shared/metrics/queries';
import { freshnessOf, formatStaleSince } from '../../../shared/metrics/staleness';
import type { MetricDefinition } from '../../../shared/workspace/schema/metrics';
import type { RollbackCriterion } from '../../../shared/workspace/schema/rollback';

const MINUTE = 60_000;
const metric = (id: string, extra: Partial<MetricDefinition> = {}): MetricDefinition => ({
  id, label: id, namespace: 'N', metricName: id, stat: 'Sum', periodSeconds: 60, unit: 'Count', dimensions: { Region: '{region}' }, key: true, ...extra,
});
const region = (id: string, profile: string, awsRegion: string) => ({ id, profile, awsRegion });

describe('endpoints', () => {
  it('groups regions by profile × AWS region, keeping workspace order', () => {
    const endpoints = groupByEndpoint([region('EUW2', 'eu', 'eu-west-2'), region('USE2', 'us', 'us-east-2'), region('LON', 'eu', 'eu-west-2'), region('LON2', 'lon', 'eu-west-2')]);
    expect(endpoints.map((e) => [e.key, e.regionIds])).toEqual([
      ['eu@eu-west-2', ['EUW2', 'LON']],
      ['us@us-east-2', ['USE2']],
      ['lon@eu-west-2', ['LON2']],
    ]);
  });
});

describe('GetMetricData queries', () => {
  it.each([
    ['errors / requests * 100', 'm0_0 / m0_1 * 100'],
    ['(errors-requests)/requests', '(m0_0-m0_1)/m0_1'],
    ['SUM(METRICS()) + errors_total', 'SUM(METRICS()) + errors_total'],
  ])('rewrites %s to query ids', (expression, expected) => {
    expect(rewriteExpression(expression, new Map([['errors', 'm0_0'], ['requests', 'm0_1']])).expression).toBe(expected);
  });

  it('gives every query a CloudWatch-valid id and resolves {region} in dimensions', () => {
    const { units, targets } = buildEndpointQueries([region('EUW2', 'eu', 'eu-west-2')], [metric('Error-Count.5xx'), metric('requests'), metric('rate', { expression: 'Error-Count.5xx / requests', namespace: undefined, metricName: undefined })]);
    const queries = units.flat();
    expect(queries.every((query) => QUERY_ID_PATTERN.test(query.Id))).toBe(true);
    expect(queries.find((q) => q.Id === 'm0_0')?.MetricStat?.Metric.Dimensions).toEqual([{ Name: 'Region', Value: 'EUW2' }]);
    expect(queries.find((q) => q.Id === 'm0_2')?.Expression).toBe('m0_0 / m0_1');
    // The expression travels with both inputs.
    expect(units.map((unit) => unit.map((q) => q.Id).sort())).toEqual([['m0_0', 'm0_1', 'm0_2']]);
    expect(targets.get('m0_2')).toEqual({ regionId: 'EUW2', metricId: 'rate', periodMs: MINUTE });
  });
});

describe('call planning', () => {
  const metrics = Array.from({ length: 8 }, (_, index) => metric(`k${index}`));
  const regions = Array.from({ length: 11 }, (_, index) => region(`R${index}`, 'p', 'eu-west-2'));
  const { units } = buildEndpointQueries(regions, metrics);

  it.each([
    ['one incremental poll', 2 * MINUTE, 1],
    ['six hours', 6 * 60 * MINUTE, 1],
    ['a 24 h reload of 88 one-minute series', 24 * 60 * MINUTE, 2],
  ])('plans %s as the fewest calls the datapoint limit allows', (_name, rangeMs, calls) => {
    const planned = planCalls(units, 0, rangeMs);
    expect(planned).toHaveLength(calls);
    const points = planned.reduce((total, call) => total + call.datapoints, 0);
    expect(planned.length).toBeLessThanOrEqual(Math.ceil(points / MAX_DATAPOINTS_PER_CALL));
    expect(planned.every((call) => call.datapoints <= MAX_DATAPOINTS_PER_CALL)).toBe(true);
    // The slices tile the range without gaps or overlaps.
    expect(planned[0]?.startMs).toBe(0);
    expect(planned[planned.length - 1]?.endMs).toBe(rangeMs);
  });
});

describe('incremental polling windows', () => {
  it.each([
    ['the first poll loads the lookback', undefined, 10 * MINUTE + 30_000, { startMs: 4 * MINUTE, endMs: 10 * MINUTE }],
    ['the next asks for new periods plus the last again', 10 * MINUTE, 12 * MINUTE + 5_000, { startMs: 9 * MINUTE, endMs: 12 * MINUTE }],
    ['nothing when no period has closed', 12 * MINUTE, 12 * MINUTE + 59_000, null],
    ['after a jump past the lookback, only the lookback again', 12 * MINUTE, 30 * 24 * 60 * MINUTE + 5_000, { startMs: (30 * 24 * 60 - 6) * MINUTE, endMs: 30 * 24 * 60 * MINUTE }],
  ])('%s', (_name, fetchedThrough, now, expected) => {
    expect(nextPollWindow(fetchedThrough, now, MINUTE, 6 * MINUTE)).toEqual(expected);
  });
});

describe('staleness', () => {
  it.each([
    ['fresh two minutes after the last period closed', [{ t: 7 * MINUTE, v: 1 }], 10 * MINUTE, 'fresh', null],
    ['stale once three periods are missing', [{ t: 5 * MINUTE, v: 1 }], 10 * MINUTE, 'stale', 6 * MINUTE],
    ['stale since watching began when nothing ever arrived', [], 10 * MINUTE, 'stale', 0],
  ])('%s', (_name, points, now, state, since) => {
    const freshness = freshnessOf(points, now, MINUTE, 0);
    expect(freshness.state).toBe(state);
    expect(freshness.state === 'stale' ? freshness.sinceMs : null).toBe(since);
  });

  it('says "stale since HH:MM" in the zone asked for', () => {
    expect(formatStaleSince(Date.UTC(2026, 6, 3, 9, 42), 'Europe/London')).toBe('stale since 10:42');
  });
});

describe('the metric gate', () => {
  const criteria: RollbackCriterion[] = [{ id: 'e', title: 'Error rate above 5%', level: 'immediate', metric: 'err', comparison: 'above', threshold: 5, sustainedMinutes: 0 }];
  const now = 60 * MINUTE;
  const series = (values: Array<[number, number]>): Map<string, GateSeries> =>
    new Map([['err', { metricId: 'err', label: 'Error rate', periodMs: MINUTE, points: values.map(([minute, v]) => ({ t: minute * MINUTE, v })), baseline: undefined }]]);
  const steady = (from: number, to: number, v: number): Array<[number, number]> => Array.from({ length: to - from }, (_, i) => [from + i, v]);

  it.each([
    ['passes after ten healthy minutes', steady(45, 59, 0.2), true],
    ['fails on no data at all', [], false],
    ['fails when data starts inside the window', steady(55, 59, 0.2), false],
    ['fails when the data went stale', steady(40, 55, 0.2), false],
    ['fails on a breach inside the window', [...steady(45, 52, 0.2), [52, 7] as [number, number], ...steady(53, 59, 0.2)], false],
    ['passes when the breach is older than the window', [[45, 7] as [number, number], ...steady(46, 59, 0.2)], true],
  ])('%s', (_name, points, healthy) => {
    expect(evaluateHealthGate('EUW2', criteria, series(points), now, 10).healthy).toBe(healthy);
  });

  it('never passes without criteria to judge by', () => {
    expect(evaluateHealthGate('EUW2', [], series(steady(45, 59, 0.2)), now, 10).healthy).toBe(false);
  });
});
