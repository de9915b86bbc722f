import { beforeAll, describe, expect, test } from 'vitest';
import { evaluateRollbackCriteria } from '../../../shared/rollback/criteria';
import type { MetricSeries } from '../../../shared/rollback/criteria';
import type { Workspace } from '../../../shared/workspace/workspace';
import { loadTemplate } from '../loadTemplate';

const NOW = Date.parse('2026-03-20T18:30:00Z');
const MIN = 60_000;

/** One point a minute for the last `minutes` minutes, all at `v` (the last `recent` minutes at `spike`). */
function series(minutes: number, v: number, spike?: { recent: number; v: number }): MetricSeries {
  return Array.from({ length: minutes + 1 }, (_, i) => {
    const t = NOW - (minutes - i) * MIN;
    return { t, v: spike && NOW - t <= spike.recent * MIN ? spike.v : v };
  });
}

let demo: Workspace;
let governed: Workspace;
let flags: Workspace;
beforeAll(async () => {
  [demo, governed, flags] = (await Promise.all(['demo', 'blue-green-governed', 'blue-green-feature-flags'].map(loadTemplate))) as [Workspace, Workspace, Workspace];
});

describe('rollback criteria as data', () => {
  test.each([
    // seed 001 thresholds (demo): immediate > 5% or p99 > 3x, consider > 1% or 2x for 5 minutes
    ['healthy', series(10, 0.2), series(10, 200), 'none', true],
    ['error rate 6%', series(10, 0.2, { recent: 1, v: 6 }), series(10, 200), 'immediate', false],
    ['p99 at 3.5x baseline', series(10, 0.2), series(10, 200, { recent: 0, v: 700 }), 'immediate', false],
    ['error rate 2% for 6 minutes', series(10, 0.2, { recent: 6, v: 2 }), series(10, 200), 'consider', false],
    ['error rate 2% for 3 minutes', series(10, 0.2, { recent: 3, v: 2 }), series(10, 200), 'none', true],
    ['p99 at 2.5x for 5 minutes', series(10, 0.2), series(10, 200, { recent: 5, v: 500 }), 'consider', false],
    ['no error-rate data', [], series(10, 200), 'consider', false],
    ['stale error-rate data', series(10, 0.2).map((p) => ({ ...p, t: p.t - 30 * MIN })), series(10, 200), 'consider', false],
  ] as const)('%s → %s (healthy %s)', (_name, errorRate, latencyP99, level, healthy) => {
    const verdict = evaluateRollbackCriteria(demo.rollbackCriteria, { errorRate, latencyP99, throughput: series(10, 1000) }, { errorRate: 0.2, latencyP99: 200, throughput: 1000 }, NOW);
    expect(verdict.level).toBe(level === 'none' && !healthy ? 'consider' : level);
    expect(verdict.healthy).toBe(healthy);
  });

  test('fails closed when there is no baseline for a baseline-relative criterion', () => {
    const verdict = evaluateRollbackCriteria(demo.rollbackCriteria, { errorRate: series(10, 0.2), latencyP99: series(10, 200), throughput: series(10, 1000) }, { errorRate: 0.2, throughput: 1000 }, NOW);
    expect(verdict.healthy).toBe(false);
    expect(verdict.results.find((r) => r.criterion.id === 'immediate-p99')?.reason).toMatch(/no baseline for latencyP99/);
  });

  test.each([
    // seed 002: error rate > baseline + 10% for > 5 minutes (consider: a config issue is fixed forward, issue 19); p95 > 360 ms for > 5 minutes
    [series(10, 1.0, { recent: 6, v: 1.2 }), series(10, 250), 'consider'],
    [series(10, 1.0, { recent: 6, v: 1.05 }), series(10, 250), 'none'],
    [series(10, 1.0), series(10, 250, { recent: 4, v: 400 }), 'none'],
    [series(10, 1.0), series(10, 250, { recent: 5, v: 400 }), 'immediate'],
  ] as const)("seed 002's sustained criteria: case %# is %s", (errorRate, latencyP95, level) => {
    expect(evaluateRollbackCriteria(governed.rollbackCriteria, { errorRate, latencyP95 }, { errorRate: 1.0, latencyP95: 250 }, NOW).level).toBe(level);
  });

  test.each([
    // seed 004: error rate > baseline + 0.5 points, p95 > 25% above baseline, error rate > 1%, CPU > 70% for 5 minutes
    [0.3, 100, 40, 'none'],
    [0.85, 100, 40, 'immediate'],
    [0.3, 130, 40, 'immediate'],
    [0.3, 100, 80, 'consider'],
  ] as const)("seed 004's thresholds: error rate %s, p95 %s, CPU %s → %s", (error, p95, cpu, level) => {
    const verdict = evaluateRollbackCriteria(flags.rollbackCriteria, { errorRate: series(10, error), latencyP95: series(10, p95), cpu: series(10, cpu), throughput: series(10, 50) }, { errorRate: 0.3, latencyP95: 100, cpu: 40, throughput: 50 }, NOW);
    expect(verdict.level).toBe(level);
  });
});
