import { describe, expect, test } from 'vitest';
import { qaItemsOf } from '../../../shared/engine/qa';
import { initialState, recordOf } from '../../../shared/engine/fold';
import { loadTemplate } from '../loadTemplate';

describe('the QA checklist', () => {
  test("holds seed 004's post-deployment validation, which engineers tick (qaChecklist), and not its pre-deployment checks", async () => {
    const flags = await loadTemplate('blue-green-feature-flags');
    const release = flags.releases.find((r) => r.id === 'v1.2.3')!;
    const items = qaItemsOf(flags, release, recordOf(initialState(), 'v1.2.3'));
    expect(items.map((i) => [i.id, i.title])).toEqual([
      ['post-deployment#1', 'Smoke tests pass in production'],
      ['post-deployment#2', 'Metrics validated against v1.2.2'],
      ['post-deployment#3', 'No new errors in Sentry'],
      ['post-deployment#4', 'Feature flags validated'],
    ]);
  });

  test('a manual step with a checklist that neither QA owns nor says qaChecklist stays off it (seed 003)', async () => {
    const gated = await loadTemplate('gated-release');
    const release = gated.releases[0]!;
    expect(qaItemsOf(gated, release, recordOf(initialState(), release.id)).some((i) => i.id.startsWith('readiness-review#'))).toBe(false);
  });
});
