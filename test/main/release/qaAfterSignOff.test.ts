// Seed 000 gate 5's "QA post-rollout testing" is QA's sign-off; its "Testing Failure" section has QA find a
// problem after the rollout and "inform on-call engineer ASAP". So a failure found after the sign-off is not
// refused: it reopens the sign-off, on record, and the step is not done again until its checklist passes.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { ReleaseView, Result } from '../../../shared/api';
import type { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import { progressOf } from '../../../shared/engine/live';
import { emptyReleaseRecord } from '../../../shared/engine/state';
import { computeStepStates } from '../../../shared/engine/stepStates';
import { indexWorkspace } from '../../../shared/workspace/workspace';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { loadWorkspace } from '../../../main/workspace/load';
import { logEvents, rehearsalDir } from '../../release-log';

const R = '2026-03-product-rollout';
const AT = '2026-03-20T08:30:00Z';
const SIGNED = Date.parse('2026-03-19T20:00:00Z');
const demoDir = path.resolve(__dirname, '..', '..', '..', 'workspaces', 'demo');
const quinn = { name: 'quinn', role: 'QA' };
let host: Host | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
});

async function call<T>(h: Host, name: string, payload: unknown): Promise<T> {
  const result = (await h.invoke(name, payload, { transport: 'browser', connectionId: 'qa' })) as Result<T>;
  if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
  return result.value;
}

// Before, quinn failed "Regression" the morning after signing the checklist off, and the sign-off stayed done:
// the release read as tested, the steps after it went on, and nothing said the sign-off no longer held.
test('a QA item failed after the sign-off reopens the QA step, on record, until its checklist passes again', async () => {
  const loaded = await loadWorkspace(demoDir);
  if (!loaded.ok) throw new Error('the demo workspace does not load');
  const workspace = loaded.workspace;
  const release = indexWorkspace(workspace).releases.get(R)!;
  // Every step done, every QA item passed by quinn, and HO-1234 running everywhere: the rollout as signed off.
  const done: ReleaseEvent[] = computeStepStates({ workspace, release, progress: progressOf(emptyReleaseRecord(), initialState().world), now: 0 })
    .filter((s) => s.kind !== 'approval' && s.kind !== 'soak')
    .map((s) => ({ type: 'stepFinished', actor: s.stepId === 'qa-post-rollout' ? quinn : { name: 'alice', role: 'PE' }, at: SIGNED, release: R, step: s.stepId, region: s.region, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
  const qaStep = indexWorkspace(workspace).runbooks.get(release.runbook)!.gates.flatMap((g) => g.steps).find((s) => s.id === 'qa-post-rollout')!;
  if (qaStep.kind !== 'manual') throw new Error('qa-post-rollout is a manual step with a checklist');
  const ticks: ReleaseEvent[] = qaStep.checklist.map((_title, i) => ({ type: 'qaTicked', actor: quinn, at: SIGNED - 60_000, release: R, itemId: `qa-post-rollout#${i + 1}`, tick: { outcome: 'pass', by: quinn, at: SIGNED - 60_000 } }));
  const folded = applyEvents(initialState(), [...ticks, ...done]);
  const deployed = Object.fromEntries(workspace.regions.map((r) => [r.id, { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' }]));
  const state = { ...folded, world: { ...folded.world, deployed } };

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-qa-signoff-'));
  mkdirSync(rehearsalDir(dataDir, AT), { recursive: true });
  writeFileSync(path.join(rehearsalDir(dataDir, AT), 'state.json'), JSON.stringify({ ...state, operator: quinn }));
  ({ host } = await createConsole({ workspaceDir: demoDir, dataDir, rehearsalStart: Date.parse(AT), operator: quinn }));
  const h = host;
  await call(h, 'setOperator', quinn);
  const stepOf = (view: ReleaseView) => view.gates.flatMap((g) => g.steps).find((s) => s.stepId === 'qa-post-rollout')!;
  expect(stepOf(await call<ReleaseView>(h, 'getReleaseView', {})).state).toBe('done');

  await call(h, 'tickQaItem', { releaseId: R, itemId: 'qa-post-rollout#2', outcome: 'fail', note: 'calls drop after transfer' });

  const after = await call<ReleaseView>(h, 'getReleaseView', {});
  expect(after.qa.find((i) => i.id === 'qa-post-rollout#2')).toMatchObject({ outcome: 'fail', by: { name: 'quinn' } });
  expect(stepOf(after).state).not.toBe('done');
  expect(stepOf(after).reasons.join(' ')).toMatch(/QA checklist must pass first: 1 of 11 items not passed yet \(Regression\)/);
  // Its row says so from the record: who failed which item, when.
  expect(stepOf(after).reopened).toEqual({ by: quinn, at: Date.parse(AT), reason: '“Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer' });
  const logged = logEvents(rehearsalDir(dataDir, AT)).filter((e) => e.type === 'qaTicked' || e.type === 'stepReopened');
  expect(logged).toMatchObject([
    { type: 'qaTicked', actor: quinn, itemId: 'qa-post-rollout#2' },
    { type: 'stepReopened', actor: quinn, release: R, step: 'qa-post-rollout', region: null, reason: '“Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer' },
  ]);

  // Passing it again lets QA sign off again; the record keeps both.
  await call(h, 'tickQaItem', { releaseId: R, itemId: 'qa-post-rollout#2', outcome: 'pass', note: 'retested after the fix' });
  await call(h, 'completeStep', { releaseId: R, stepId: 'qa-post-rollout', regionId: null, outcome: 'done' });
  const signedAgain = stepOf(await call<ReleaseView>(h, 'getReleaseView', {}));
  expect(signedAgain.state).toBe('done');
  expect(signedAgain.reopened).toBeNull();
}, 60_000);
