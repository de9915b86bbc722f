import { beforeAll, describe, expect, test } from 'vitest';
import { buildBackOutPlan } from '../../../shared/rollback/backOut';
import type { RollbackState } from '../../../shared/rollback/plan';
import type { HandoverStatus, Release, Workspace } from '../../../shared/workspace/workspace';
import { loadTemplate } from '../loadTemplate';

let demo: Workspace;
let release: Release;

beforeAll(async () => {
  demo = await loadTemplate('demo');
  release = demo.releases.find((r) => r.id === '2026-03-product-rollout')!;
});

/** The release as the log holds it (engine/live.ts): HO-1234 at the status its rollback left it in. */
const withHo1234At = (status: HandoverStatus): Release => ({ ...release, handovers: release.handovers.map((ho) => (ho.id === 'HO-1234' ? { ...ho, status } : ho)) });

/**
 * LON after HO-1234's rollback was aborted once its first LON command (rt-media-gateway back to 4.12.0) was
 * done: routing-engine 2.9.0 and the new cdr-export-lambda 1.0.0 still run there, beside HO-1240's packages;
 * LON is still in maintenance mode from the rollout.
 */
const afterAbortedRollback: RollbackState = {
  deployed: { LON: { 'rt-media-gateway': '4.12.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0', transcribed: '3.5.0', 'stats-transcribed': '1.9.1' } },
  maintenance: { LON: true },
  handovers: { 'HO-1234': { status: 'Production Rollback Required', history: ['Ready for Production'] } },
};

describe('buildBackOutPlan: a back-out leaves nothing of the release in its region', () => {
  test.each([
    ['aborted part-way ("Production Rollback Required")', 'Production Rollback Required'],
    ['stopped after its production regions ("Stage Rollback Required")', 'Stage Rollback Required'],
    ['ended with a step skipped ("Failed Production Rollout")', 'Failed Production Rollout'],
  ] as const)('rolls back what HO-1234 still has in LON after its rollback was %s, with HO-1240', (_name, status) => {
    const plan = buildBackOutPlan(demo, withHo1234At(status), afterAbortedRollback, 'LON');
    expect(plan.flags).toEqual([]);
    expect(plan.handovers).toEqual(['HO-1234', 'HO-1240']);
    const argv = plan.steps.map((s) => s.argv.join(' '));
    // rt-media-gateway is back at 4.12.0 already: the rest of HO-1234 is rolled back, not it.
    expect(argv).toContain('deploy rollback routing-engine 2.8.1 --region LON');
    expect(argv).toContain('deploy rollback cdr-export-lambda 0.0.0 --region LON');
    expect(argv.some((a) => a.includes('rt-media-gateway'))).toBe(false);
    expect(plan.steps.filter((s) => s.kind === 'rollback' || s.kind === 'remove').map((s) => s.package)).toEqual(expect.arrayContaining(['routing-engine', 'cdr-export-lambda', 'transcribed', 'stats-transcribed']));
    expect(argv.at(-1)).toMatch(/^maintenance disable --region LON/);
  });

  test('a package it cannot take out is named with what stays, and the plan cannot run', () => {
    const noInstructions = { ...withHo1234At('Production Rollback Required') };
    noInstructions.handovers = noInstructions.handovers.map((ho) => (ho.id === 'HO-1234' ? { ...ho, rollback: [] } : ho));
    const plan = buildBackOutPlan(demo, noInstructions, afterAbortedRollback, 'LON');
    expect(plan.flags).toEqual([
      "HO-1234's cdr-export-lambda 1.0.0 is still in LON: cdr-export-lambda is a new package (no previous version) and HO-1234 has no rollback instructions: seed 000 needs them before it can be removed from LON.",
    ]);
  });

  test('a handover with nothing left in the region is not in its plan', () => {
    const lon = { ...afterAbortedRollback.deployed.LON, 'routing-engine': '2.8.1' };
    delete (lon as Record<string, string>)['cdr-export-lambda'];
    const plan = buildBackOutPlan(demo, withHo1234At('Failed Production Rollout'), { ...afterAbortedRollback, deployed: { LON: lon } }, 'LON');
    expect(plan.handovers).toEqual(['HO-1240']);
  });
});
