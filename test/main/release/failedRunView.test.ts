import { beforeAll, describe, expect, test } from 'vitest';
import { initialState } from '../../../shared/engine/fold';
import { emptyReleaseRecord, type ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { buildStepView } from '../../../main/release/view';
import { loadTemplate } from '../../shared/loadTemplate';

/**
 * S01's deploy failed on HO-1234's rt-media-gateway; HO-1234 was then rolled back and took its failure path, so the step
 * deploys only HO-1240 now. Its card read "deploy apply rt-media-gateway 4.13.0 --region S01 exited with 1." over a
 * command list without that command, as if a retry would run it again.
 */
const R = '2026-03-product-rollout';
const MORNING = Date.parse('2026-03-19T10:55:00Z');
const FAILED = ['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'S01'];
const NOTE = `${FAILED.join(' ')} exited with 1.`;
let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

function s01Deploy(handoverStatus: string | null, note = NOTE) {
  const release = demo.releases.find((r) => r.id === R)!;
  const run = { commandId: 'deploy', argv: FAILED, regionId: 'S01', exitCode: 1, startedAt: MORNING, endedAt: MORNING, transcriptFile: null, outputTail: '' };
  const record = {
    ...emptyReleaseRecord(),
    steps: { 'sdc-deploy@S01': { status: 'failed', at: MORNING, by: 'alice', role: 'PE', note, exitCode: 1 } },
    runs: { 'sdc-deploy@S01': [run] },
    handovers: handoverStatus ? { 'HO-1234': { status: handoverStatus, history: ['Ready for Production', 'Production Rollback Required'] } } : {},
  };
  const state = { ...initialState(), releases: { [R]: record } } as unknown as ConsoleState;
  return buildStepView({ workspace: demo, release, state: { ...state, metrics: {} }, now: MORNING, operator: { name: 'oscar', role: 'on-call PE' }, storageWarnings: [] }, 'sdc-deploy@S01')!;
}

describe("a failed deploy's card once the command that failed is no longer the step's", () => {
  test('says the failure as it was while the command is still among those a retry runs', () => {
    const step = s01Deploy(null);
    expect(step.commands).toContainEqual(FAILED);
    expect(step.reasons).toEqual([NOTE]);
  });

  test("says whose it was, where that handover is now, and that a retry runs only the commands listed", () => {
    const step = s01Deploy('Failed Production Rollout');
    expect(step.commands).not.toContainEqual(FAILED);
    expect(step.commands.length).toBeGreaterThan(0);
    expect(step.reasons).toEqual([`${NOTE} It was HO-1234's, now “Failed Production Rollout”: it is no longer this step's, and a retry runs only the commands below.`]);
  });

  test('leaves a note about something else (a step failed by hand after its command ran) as it is', () => {
    expect(s01Deploy('Failed Production Rollout', 'Marked failed: the change window closed').reasons).toEqual(['Marked failed: the change window closed']);
  });
});
