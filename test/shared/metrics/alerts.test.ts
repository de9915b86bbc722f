import { describe, expect, it } from 'vitest';
import type { MetricsAlert } from '../../../shared/api/metrics';
import { alertDetail, evaluateAlerts } from '../../../shared/metrics/alerts';
import type { MetricDefinition } from '../../../shared/workspace/schema/metrics';
import type { RollbackCriterion } from '../../../shared/workspace/schema/rollback';

const MINUTE = 60_000;
const now = 30 * MINUTE;
const metrics: MetricDefinition[] = [{ id: 'errorRate', label: 'Error rate', expression: 'errors / requests * 100', stat: 'Average', periodSeconds: 60, unit: 'Percent', dimensions: {}, key: true }];
const criteria: RollbackCriterion[] = [{ id: 'immediate-error-rate', title: 'Error rate above 5%', level: 'immediate', metric: 'errorRate', comparison: 'above', threshold: 5, sustainedMinutes: 0 }];
const raisedBefore: MetricsAlert = {
  id: 'EUW2/immediate-error-rate', regionId: 'EUW2', criterionId: 'immediate-error-rate', level: 'immediate', title: 'Error rate above 5%',
  metricId: 'errorRate', value: 8, threshold: 5, sinceMs: 0, handovers: ['HO-1042'], action: 'Roll back HO-1042', active: true,
};

describe('rollback alerts', () => {
  it.each([
    ['raises an alert on a breach, offering the region’s handovers', [8], new Map<string, MetricsAlert>(), 1, 0, 1],
    ['keeps a raised alert up while data is missing (fails closed)', [], new Map([[raisedBefore.id, raisedBefore]]), 0, 0, 1],
    ['clears a raised alert once data is back under the line', [0.2], new Map([[raisedBefore.id, raisedBefore]]), 0, 1, 0],
    ['announces an alert only once while it lasts', [8], new Map([[raisedBefore.id, raisedBefore]]), 0, 0, 1],
  ])('%s', (_name, values, previous, raised, cleared, current) => {
    const changes = evaluateAlerts(
      {
        regionIds: ['EUW2'], criteria, metrics, now,
        pointsOf: () => values.map((v) => ({ t: now - MINUTE, v })),
        baselineOf: () => undefined,
        handoversIn: () => ['HO-1042'],
      },
      previous,
    );
    expect([changes.raised.length, changes.cleared.length, changes.current.size]).toEqual([raised, cleared, current]);
    for (const alert of changes.raised) expect(alert.action).toBe('Roll back HO-1042');
    for (const alert of changes.cleared) expect(alert.active).toBe(false);
  });
});

describe('an alert in words', () => {
  const metrics = [
    { id: 'errorRate', label: 'Error rate', unit: 'Percent' },
    { id: 'latencyP99', label: 'p99 latency', unit: 'Milliseconds' },
    { id: 'errors', label: 'Errors', unit: 'Count' },
  ];
  it.each([
    [{ metricId: 'errorRate', value: 8, threshold: 5 }, 'Error rate 8% against a threshold of 5%'],
    [{ metricId: 'latencyP99', value: 612.4, threshold: 500 }, 'p99 latency 612ms against a threshold of 500ms'],
    [{ metricId: 'errors', value: 9.1, threshold: 4 }, 'Errors 9 against a threshold of 4'],
    // A rule relative to the baseline, as the runbook says it: both values, and how far apart they are.
    [{ metricId: 'errorRate', value: 0.62, threshold: 0.495, relative: { comparison: 'percentAboveBaseline' as const, baseline: 0.45, floored: false } }, 'Error rate 0.62% now against a baseline of 0.45%: 38% above it (relative; +0.17 pp)'],
    [{ metricId: 'latencyP99', value: 1612, threshold: 1500, relative: { comparison: 'ratioToBaseline' as const, baseline: 500, floored: false } }, 'p99 latency 1,612ms now against a baseline of 500ms: 3.2× it'],
    [{ metricId: 'errorRate', value: 0.7, threshold: 0.6, relative: { comparison: 'aboveBaselineBy' as const, baseline: 0.1, floored: false } }, 'Error rate 0.7% now against a baseline of 0.1%: 0.6 pp above it'],
    [{ metricId: 'errors', value: 80, threshold: 90, relative: { comparison: 'percentBelowBaseline' as const, baseline: 100, floored: false } }, 'Errors 80 now against a baseline of 100: 20% below it'],
    // A near-zero baseline: the line is the workspace's floor, not 10% above 0.01%.
    [{ metricId: 'errorRate', value: 8, threshold: 0.5, relative: { comparison: 'percentAboveBaseline' as const, baseline: 0.01, floored: true } }, "Error rate 8% now against a baseline of 0.01% (a baseline this low is judged against the workspace's floor of 0.5%)"],
    // A metric the workspace no longer defines keeps its id rather than inventing a label.
    [{ metricId: 'gone', value: 1, threshold: 2 }, 'gone 1.00 against a threshold of 2.00'],
  ])('says %j as "%s", by its label and unit', (alert, words) => {
    expect(alertDetail(alert, metrics)).toBe(words);
  });
});
