import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { failedDeploy } from '../../../shared/release/failedDeploy';
import { loadWorkspace } from '../../../main/workspace/load';

async function demo() {
  const loaded = await loadWorkspace(path.resolve(__dirname, '../../../workspaces/demo'));
  if (!loaded.ok) throw new Error('the demo workspace does not load');
  const workspace = loaded.workspace;
  const release = workspace.releases.find((r) => r.id === '2026-03-product-rollout')!;
  const steps = workspace.runbooks.find((r) => r.id === release.runbook)!.gates.flatMap((g) => g.steps);
  return { workspace, release, stepOf: (id: string) => steps.find((s) => s.id === id)! };
}

describe('seed 000: what a failed step means for the handovers', () => {
  test('a failed production deploy rolls back every live handover it deploys, on Production and Stage; a failed HO is not offered', async () => {
    const { workspace, release, stepOf } = await demo();
    const failed = failedDeploy(workspace, release, stepOf('sdc-deploy'), 'S01');
    expect(failed?.handoverIds).toEqual(['HO-1234', 'HO-1240']);
    expect(failed?.rule).toContain('rolled back whole on Production and on Stage');
  });

  test('the handovers the failed run reached: the one whose command failed, and any whose packages already run there', async () => {
    const { workspace, release, stepOf } = await demo();
    const note = 'deploy apply rt-media-gateway 4.13.0 --region S01 exited with 1.';
    expect(failedDeploy(workspace, release, stepOf('sdc-deploy'), 'S01', { note, world: { maintenance: {}, deployed: {} } })?.handoverIds).toEqual(['HO-1234']);
    expect(failedDeploy(workspace, release, stepOf('sdc-deploy'), 'S01', { note, world: { maintenance: {}, deployed: { S01: { transcribed: '3.5.0' } } } })?.handoverIds).toEqual(['HO-1234', 'HO-1240']);
    const failed = failedDeploy(workspace, release, stepOf('sdc-deploy'), 'S01', { note, world: { maintenance: {}, deployed: {} } });
    expect(failed?.rule).toBe("A failed deployment: the whole of HO-1234 is rolled back on Production and on Stage (its packages are assumed interdependent) and its error output goes in the HO's comments.");
  });

  test('a handover that runs in no region now: the rule says why its rollback runs no command, so "nothing left to roll back" beside it agrees', async () => {
    const { workspace, release, stepOf } = await demo();
    const note = 'deploy apply rt-media-gateway 4.13.0 --region S01 exited with 1.';
    const failed = failedDeploy(workspace, release, stepOf('sdc-deploy'), 'S01', { note, world: { maintenance: {}, deployed: {} }, runsNowhere: ['HO-1234', 'HO-1240'] });
    expect(failed?.rule).toBe(
      "A failed deployment: the whole of HO-1234 is rolled back on Production and on Stage (its packages are assumed interdependent) and its error output goes in the HO's comments. Usually that runs commands in each region the handover reached; for HO-1234 there is none to run.",
    );
    // One that reached a region keeps the rule's usual words.
    const reached = failedDeploy(workspace, release, stepOf('sdc-deploy'), 'S01', { note, world: { maintenance: {}, deployed: { S01: { transcribed: '3.5.0' } } }, runsNowhere: ['HO-1234'] });
    expect(reached?.rule).toBe(
      "A failed deployment: each of HO-1234, HO-1240 is rolled back whole on Production and on Stage (its packages are assumed interdependent) and its error output goes in the HO's comments. Usually that runs commands in each region the handover reached; for HO-1234 there is none to run.",
    );
  });

  test("once the failed handover is moved on its failure path, the failure names no other: HO-1240's packages never ran", async () => {
    const { workspace, release, stepOf } = await demo();
    const note = 'deploy apply rt-media-gateway 4.13.0 --region S01 exited with 1.';
    const moved = { ...release, handovers: release.handovers.map((ho) => (ho.id === 'HO-1234' ? { ...ho, status: 'Production Rollback Required' as const } : ho)) };
    expect(failedDeploy(workspace, moved, stepOf('sdc-deploy'), 'S01', { note, world: { maintenance: {}, deployed: {} } })).toBeNull();
    // Had HO-1240 reached S01 (a package at its new version there), it is still to be rolled back.
    expect(failedDeploy(workspace, moved, stepOf('sdc-deploy'), 'S01', { note, world: { maintenance: {}, deployed: { S01: { transcribed: '3.5.0' } } } })?.handoverIds).toEqual(['HO-1240']);
    // A failure its note does not tie to a handover still names every live one.
    expect(failedDeploy(workspace, moved, stepOf('sdc-deploy'), 'S01', { note: 'the tool crashed', world: { maintenance: {}, deployed: {} } })?.handoverIds).toEqual(['HO-1240']);
  });

  test('a failed step that deploys nothing (the maintenance switch) is retried, not rolled back', async () => {
    const { workspace, release, stepOf } = await demo();
    expect(failedDeploy(workspace, release, stepOf('sdc-maintenance-on'), 'S01')).toBeNull();
  });
});
