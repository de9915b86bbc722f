import { beforeAll, describe, expect, test } from 'vitest';
import { evaluateAlerts } from '../../../shared/metrics/alerts';
import type { BaselineSummary } from '../../../shared/metrics/baseline';
import { evaluateCriterion, thresholdValue } from '../../../shared/metrics/criteria';
import { verificationRows } from '../../../shared/metrics/verification';
import { evaluateRollbackCriteria } from '../../../shared/rollback/criteria';
import { RollbackFile } from '../../../shared/workspace/schema/rollback';
import type { Workspace } from '../../../shared/workspace/workspace';
import { loadTemplate } from '../loadTemplate';

const NOW = Date.parse('2026-03-20T12:30:00Z');
const MIN = 60_000;

/** One point a minute for the last `minutes` minutes at `v`, the last `recent` minutes at `then`. */
function series(minutes: number, v: number, then?: { recent: number; v: number }) {
  return Array.from({ length: minutes + 1 }, (_, i) => {
    const t = NOW - (minutes - i) * MIN;
    return { t, v: then && NOW - t <= then.recent * MIN ? then.v : v };
  });
}

function baseline(metricId: string, mean: number): BaselineSummary {
  return { regionId: 'EUW2', metricId, startMs: NOW - 60 * MIN, endMs: NOW - 45 * MIN, mean, p50: mean, p95: mean, max: mean, count: 15 };
}

let demo: Workspace;
let flags: Workspace;
beforeAll(async () => {
  [demo, flags] = (await Promise.all(['demo', 'blue-green-feature-flags'].map(loadTemplate))) as [Workspace, Workspace];
});

const criterion = (workspace: () => Workspace, id: string) => () => {
  const found = workspace().rollbackCriteria.find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
};
const riseOfErrors = criterion(() => demo, 'rise-error-rate');
const demoDrop = criterion(() => demo, 'throughput-drop');
const seed004Drop = criterion(() => flags, 'throughput-drop');

describe('issue 17, "Errors up 6,807% showed OK": a relative rise from a near-zero baseline uses the workspace floor', () => {
  test.each([
    // seed 002 "Error rate exceeds baseline by >10% for >5 minutes", floored at the demo's 0.5%
    ['0.01% → 0.69% for 6 minutes (+6,807%)', 'breached', 0.01, series(10, 0.01, { recent: 6, v: 0.69 })],
    ['0.01% → 0.69% for 3 minutes: not yet sustained', 'ok', 0.01, series(10, 0.01, { recent: 3, v: 0.69 })],
    ['0.01% → 0.04% for 10 minutes: noise, under the floor', 'ok', 0.01, series(10, 0.04)],
    ['2% → 2.3% for 6 minutes: over the floor, relative line decides', 'breached', 2, series(10, 2, { recent: 6, v: 2.3 })],
    ['2% → 2.1% for 6 minutes: within 10%', 'ok', 2, series(10, 2, { recent: 6, v: 2.1 })],
  ] as const)('%s → %s', (_name, state, mean, points) => {
    expect(evaluateCriterion(riseOfErrors(), points, baseline('errorRate', mean), NOW, MIN).state).toBe(state);
  });

  test('the line drawn and quoted is the floor while 10% above the baseline is under it', () => {
    expect(thresholdValue(riseOfErrors(), { mean: 0.01 })).toBe(0.5);
    expect(thresholdValue(riseOfErrors(), { mean: 2 })).toBeCloseTo(2.2);
  });

  test('the verification row for the error rate says CONSIDER, not OK, after a 6,807% rise', () => {
    const errorRate = demo.metrics.find((m) => m.id === 'errorRate');
    if (!errorRate) throw new Error('demo has no errorRate');
    const [row] = verificationRows([{ metric: errorRate, points: series(10, 0.01, { recent: 6, v: 0.6907 }), baseline: baseline('errorRate', 0.01), isStale: false }], demo.rollbackCriteria, NOW);
    expect(row).toMatchObject({ baseline: '0.01%', delta: '+0.68 pp', status: 'CONSIDER' });
  });

  test('a floor on an absolute criterion is an error at load, saying where', () => {
    const parsed = RollbackFile.safeParse({ criteria: [{ id: 'x', title: 'X', level: 'immediate', metric: 'errorRate', comparison: 'above', threshold: 5, floor: 1 }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['criteria', 0, 'floor'], message: expect.stringContaining('rise from the baseline') });
  });
});

describe('issue 17, "A throughput drop of 59% raised no alert": drops alert by the criteria', () => {
  test.each([
    // demo: more than 30% below baseline for 5 minutes (consider); seed 004: "Critical business metric drops > 10%" (immediate)
    // Each row: workspace, case, state, baseline mean, series.
    ['demo', 'a 59% drop held 6 minutes', 'breached', 1000, series(10, 1000, { recent: 6, v: 410 })],
    ['demo', 'a 59% drop held 3 minutes', 'ok', 1000, series(10, 1000, { recent: 3, v: 410 })],
    ['demo', 'a 20% drop (the day winding down)', 'ok', 1000, series(10, 800)],
    ['demo', 'a rise is never a drop', 'ok', 1000, series(10, 1500)],
    ['seed 004', 'an 11% drop held 6 minutes', 'breached', 50, series(10, 50, { recent: 6, v: 44.5 })],
    ['seed 004', 'a 9% drop held 10 minutes', 'ok', 50, series(10, 45.5)],
  ] as const)('%s: %s → %s', (workspace, _name, state, mean, points) => {
    const drop = workspace === 'demo' ? demoDrop() : seed004Drop();
    expect(evaluateCriterion(drop, points, baseline('throughput', mean), NOW, MIN).state).toBe(state);
  });

  test('the rollback verdict names the drop and its level', () => {
    const verdict = evaluateRollbackCriteria(
      flags.rollbackCriteria,
      { errorRate: series(10, 0.3), latencyP95: series(10, 100), cpu: series(10, 40), throughput: series(10, 50, { recent: 6, v: 20.5 }) },
      { errorRate: 0.3, latencyP95: 100, cpu: 40, throughput: 50 },
      NOW,
    );
    expect(verdict.level).toBe('immediate');
    expect(verdict.results.find((r) => r.criterion.id === 'throughput-drop')?.reason).toBe('Throughput more than 10% below baseline for 5 minutes: throughput is 20.50, below 45 for 5 minutes.');
  });

  test('a drop raises an alert quoting the value and the line; maintenance mode (traffic at the sibling) clears it', () => {
    const inputs = {
      regionIds: ['EUW2'],
      criteria: [demoDrop()],
      metrics: demo.metrics,
      pointsOf: () => series(10, 1000, { recent: 6, v: 410 }),
      baselineOf: () => baseline('throughput', 1000),
      handoversIn: () => ['HO-1234'],
      now: NOW,
    };
    const raised = evaluateAlerts(inputs, new Map());
    expect(raised.raised).toEqual([expect.objectContaining({ id: 'EUW2/throughput-drop', value: 410, threshold: 700, action: 'Roll back HO-1234' })]);
    const inMaintenance = evaluateAlerts({ ...inputs, inMaintenance: (regionId: string) => regionId === 'EUW2' }, raised.current);
    expect(inMaintenance.current.size).toBe(0);
    expect(inMaintenance.cleared).toEqual([expect.objectContaining({ id: 'EUW2/throughput-drop', active: false })]);
  });
});
