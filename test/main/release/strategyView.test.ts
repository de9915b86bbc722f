import { describe, expect, test } from 'vitest';
import { initialState } from '../../../shared/engine/fold';
import { buildReleaseView } from '../../../main/release/view';
import { loadTemplate } from '../../shared/loadTemplate';

/**
 * Issue 17: the exports print the strategy the release view carries. Seed 002's deployment log says
 * "strategy": "blue-green"; it said "region-by-region" for every workspace before.
 */
describe("the release view's strategy, as the exports print it", () => {
  test.each([
    ['demo', 'region-by-region'],
    ['canary-progressive', 'canary'],
    ['blue-green-governed', 'blue-green'],
    ['gated-release', 'phased-gates'],
    ['blue-green-feature-flags', 'blue-green'],
  ] as const)('%s: %s', async (name, strategy) => {
    const workspace = await loadTemplate(name);
    const release = workspace.releases.find((r) => r.id === workspace.defaultRelease) ?? workspace.releases[0]!;
    const view = buildReleaseView({ workspace, release, state: { ...initialState(), metrics: {} }, now: Date.parse('2026-03-03T19:00:00Z'), operator: { name: 'alice', role: 'PE' }, storageWarnings: [] }, []);
    expect(view.release.strategy).toBe(strategy);
  });
});
