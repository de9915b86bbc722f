import { beforeAll, describe, expect, test } from 'vitest';
import { initialState } from '../../../shared/engine/fold';
import { emptyReleaseRecord, type ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { buildReleaseView } from '../../../main/release/view';
import { loadTemplate } from '../../shared/loadTemplate';

/**
 * Each handover card's "Roll back" says why it would be refused: the release view carries the answer, worked out once
 * per change by main from the plan decide refuses a start on. Before, every card asked main for the plan on every push.
 */
const R = '2026-03-product-rollout';
const MORNING = Date.parse('2026-03-19T10:55:00Z');
let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

function refusals(state: ConsoleState): Record<string, string | null> {
  const release = demo.releases.find((r) => r.id === R)!;
  const view = buildReleaseView({ workspace: demo, release, state: { ...state, metrics: {} }, now: MORNING, operator: { name: 'oscar', role: 'on-call PE' }, storageWarnings: [] }, []);
  return Object.fromEntries(view.handovers.map((ho) => [ho.id, ho.rollbackRefusal]));
}

describe("the release view's rollback refusal of each handover", () => {
  test('says why for a handover deployed in no region, and is null for one there to roll back', () => {
    const deployedInLon: ConsoleState = { ...initialState(), world: { maintenance: {}, deployed: { LON: { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' } } } };
    expect(refusals(deployedInLon)).toEqual({
      'HO-1234': null,
      'HO-1240': 'HO-1240 is deployed in no region: there is nothing to roll back, and its status stays "Ready for Production". A rollback can start once one of its packages runs at its new version in a region, or while a deploy of it runs.',
      'HO-1242': expect.stringMatching(/^HO-1242 is "Failed P\.E Review": a rollback starts from/),
    });
  });

  test('is null for a handover whose rollback has a run to look at, whatever its plan would say now', () => {
    const base = initialState();
    const run = { handoverId: 'HO-1240', status: 'done', path: { start: 'Production Rollback Required', afterProduction: 'Stage Rollback Required', end: 'Failed Production Rollout' }, startedAt: MORNING, startedBy: { name: 'oscar', role: 'on-call PE' }, endedAt: MORNING, reason: 'test', abortRequested: false, stopping: null, trigger: null, deployedAt: null, notes: [], history: [], restoredAt: null, waitingFor: null, steps: [] } as const;
    const state = { ...base, releases: { [R]: { ...emptyReleaseRecord(), rollbacks: { 'HO-1240': run } } } } as unknown as ConsoleState;
    expect(refusals(state)['HO-1240']).toBeNull();
  });
});
