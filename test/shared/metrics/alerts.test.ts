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
    // A metric the workspace no longer defines keeps its id rather than inventing a label.
    [{ metricId: 'gone', value: 1, threshold: 2 }, 'gone 1.00 against a threshold of 2.00'],
  ])('says %j as "%s", by its label and unit', (alert, words) => {
    expect(alertDetail(alert, metrics)).toBe(words);
  });
});
