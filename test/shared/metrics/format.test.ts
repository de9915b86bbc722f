import { describe, expect, it } from 'vitest';
import { percentile, summarizeBaseline } from '../../../shared/metrics/baseline';
import { estimateMonthlyCost, formatMonthlyCost } from '../../../shared/metrics/cost';
import { countPer, formatDelta, formatMetricValue } from '../../../shared/metrics/units';
import { formatVerificationTable, verificationRows } from '../../../shared/metrics/verification';
import type { MetricDefinition } from '../../../shared/workspace/schema/metrics';
import type { RollbackCriterion } from '../../../shared/workspace/schema/rollback';

describe('seed 001 verification cells', () => {
  it.each([
    // A percentage moves in percentage points: "+0.02%" read as 2% of 0.1%.
    ['Error Rate', 0.1, 0.12, '%', '0.1%', '0.12%', '+0.02 pp'],
    ['P50 Latency', 45, 47, 'ms', '45ms', '47ms', '+4.4%'],
    ['P99 Latency', 200, 210, 'Milliseconds', '200ms', '210ms', '+5%'],
    ['Throughput', 1000, 1005, 'rps', '1,000 rps', '1,005 rps', '+0.5%'],
    // Grouped as people read them: "45348/min" was counted digit by digit.
    ['Requests', 45348, 136043, 'Count', '45,348', '136,043', '+200%'],
    ['a slow p99', 1612.4, 12500, 'ms', '1,612ms', '12,500ms', '+675.2%'],
    ['a falling large count', -1234567, -1000, 'Count', '-1,234,567', '-1,000', '+99.9%'],
    ['a falling rate', 1.5, 0.5, 'Percent', '1.5%', '0.5%', '-1 pp'],
    ['a falling count', 200, 150, 'Count', '200', '150', '-25%'],
    ['a mean count, whole as the things it counts', 9.1, 12.6, 'Count', '9', '13', '+38.5%'],
  ])('prints %s as seed 001 does', (_name, baseline, current, unit, baselineText, currentText, delta) => {
    expect(formatMetricValue(baseline, unit)).toBe(baselineText);
    expect(formatMetricValue(current, unit)).toBe(currentText);
    expect(formatDelta(baseline, current, unit)).toBe(delta);
  });

  it.each([
    [0, 0, 'ms', '+0%'],
    [0, 5, 'ms', 'n/a'],
    [Number.NaN, 5, 'ms', '—'],
  ])('does not invent a relative delta from a baseline of %s', (baseline, current, unit, expected) => {
    expect(formatDelta(baseline, current, unit)).toBe(expected);
  });
});

describe('baseline summaries', () => {
  it.each([
    [[1, 2], 0.5, 1.5],
    [[10], 0.95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95, 9.55],
  ])('takes percentile of %j at %s by linear interpolation', (values, fraction, expected) => {
    expect(percentile(values, fraction)).toBeCloseTo(expected, 10);
  });

  it('has no percentile of no samples', () => {
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('summarises only the points inside the preceding window', () => {
    const points = [0, 1, 2, 3, 4].map((minute) => ({ t: minute * 60_000, v: minute * 10 }));
    expect(summarizeBaseline('EUW2', 'p99', points, 60_000, 240_000)).toEqual({
      regionId: 'EUW2', metricId: 'p99', startMs: 60_000, endMs: 240_000, mean: 20, p50: 20, p95: 29, max: 30, count: 3,
    });
  });

  it('gives no baseline at all for an empty window, never a zero one', () => {
    expect(summarizeBaseline('EUW2', 'p99', [], 0, 60_000)).toBeNull();
  });
});

describe('the verification table', () => {
  const metric = (id: string, label: string, unit: string): MetricDefinition => ({ id, label, unit, stat: 'Average', periodSeconds: 60, dimensions: {}, key: true, namespace: 'N', metricName: id });
  const baseline = (metricId: string, mean: number) => ({ regionId: 'EUW2', metricId, startMs: 0, endMs: 1, mean, p50: mean, p95: mean, max: mean, count: 30 });
  const now = 10 * 60_000;
  const at = (v: number) => [{ t: now - 60_000, v }];
  const criteria: RollbackCriterion[] = [
    { id: 'i', title: 'Error rate above 5%', level: 'immediate', metric: 'err', comparison: 'above', threshold: 5, sustainedMinutes: 0 },
    { id: 'c', title: 'p99 above 2x', level: 'consider', metric: 'p99', comparison: 'ratioToBaseline', threshold: 2, sustainedMinutes: 0 },
  ];

  it('lays out Metric | Baseline | Current | Delta | Status like seed 001 and grades each row by the criteria', () => {
    const rows = verificationRows(
      [
        { metric: metric('err', 'Error Rate', '%'), points: at(0.12), baseline: baseline('err', 0.1), isStale: false },
        { metric: metric('p99', 'P99 Latency', 'ms'), points: at(450), baseline: baseline('p99', 200), isStale: false },
        { metric: metric('tp', 'Throughput', 'rps'), points: [], baseline: baseline('tp', 1000), isStale: true },
      ],
      criteria,
      now,
    );
    expect(formatVerificationTable(rows).split('\n')).toEqual([
      'Metric      | Baseline  | Current | Delta    | Status',
      '----------- | --------- | ------- | -------- | --------',
      'Error Rate  | 0.1%      | 0.12%   | +0.02 pp | OK',
      'P99 Latency | 200ms     | 450ms   | +125%    | CONSIDER',
      'Throughput  | 1,000 rps | —       | —        | NO DATA',
    ]);
  });

  it('says what a count is per, in the text the CR takes as on the screen: a bare "Requests 30612" read as a total', () => {
    const requests: MetricDefinition = { ...metric('req', 'Requests', 'Count'), stat: 'Sum' };
    const calls: MetricDefinition = { ...metric('calls', 'Active calls', 'Count'), stat: 'Maximum' };
    const rows = verificationRows(
      [
        { metric: requests, points: at(30612), baseline: baseline('req', 30000), isStale: false },
        { metric: calls, points: at(91835), baseline: baseline('calls', 90000), isStale: false },
        { metric: metric('p99', 'P99 Latency', 'ms'), points: at(210), baseline: baseline('p99', 200), isStale: false },
      ],
      [],
      now,
    );
    expect(rows.map((row) => row.per)).toEqual(['per minute', 'peak per minute', null]);
    expect(formatVerificationTable(rows).split('\n').map((line) => line.split(' | ')[0]!.trimEnd())).toEqual(['Metric', '-'.repeat('Active calls peak per minute'.length), 'Requests per minute', 'Active calls peak per minute', 'P99 Latency']);
  });

  it.each([
    [6, false, 'ROLLBACK'],
    [0.2, true, 'STALE'],
    [0.2, false, 'OK'],
  ])('grades an error rate of %s percent (stale: %s) as %s', (value, isStale, status) => {
    const [row] = verificationRows([{ metric: metric('err', 'Error Rate', '%'), points: at(value), baseline: undefined, isStale }], criteria, now);
    expect(row?.status).toBe(status);
  });
});

describe('monthly cost of polling', () => {
  it.each([
    [88, 60, '$38.02 / month'],
    [88, 300, '$7.60 / month'],
    [1, 60, '$0.43 / month'],
  ])('estimates %s metrics every %s s at %s', (metrics, seconds, text) => {
    expect(formatMonthlyCost(estimateMonthlyCost(metrics, seconds))).toBe(text);
  });

  it('refuses a polling interval that is not positive', () => {
    expect(() => estimateMonthlyCost(88, 0)).toThrow(RangeError);
  });
});

describe('what a count is per', () => {
  it.each([
    [{ unit: 'Count', stat: 'Sum', periodSeconds: 60 }, '/min', 'per minute'],
    [{ unit: 'Count', stat: 'Sum', periodSeconds: 300 }, '/5 min', 'per 5 minutes'],
    [{ unit: 'Count', stat: 'Maximum', periodSeconds: 60 }, ' max', 'peak per minute'],
    [{ unit: 'Count', stat: 'Average', periodSeconds: 3600 }, ' avg', 'average per hour'],
  ])('%j reads "%s" beside the value and "%s" in words', (metric, short, long) => {
    expect(countPer(metric)).toEqual({ short, long });
  });

  it('says nothing for a unit that says it already, or a count whose statistic is not known', () => {
    expect(countPer({ unit: 'Percent', stat: 'Average', periodSeconds: 60 })).toBeNull();
    expect(countPer({ unit: 'Count/Second', stat: 'Average', periodSeconds: 60 })).toBeNull();
    expect(countPer({ unit: 'Count', periodSeconds: 60 })).toBeNull();
  });
});
