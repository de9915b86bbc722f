// Seed 000 gate 5's "QA post-rollout testing" is QA's sign-off; its "Testing Failure" section has QA find a
// problem after the rollout and "inform on-call engineer ASAP". So a failure found after the sign-off is not
// refused: it reopens the sign-off, on record, and the step is not done again until its checklist passes.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { ReleaseView, Result, RollbackRunView } from '../../../shared/api';
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
import { until } from '../until';
import { demoToolsOfEachTest } from './demo-console';

const R = '2026-03-product-rollout';
const AT = '2026-03-20T08:30:00Z';
const SIGNED = Date.parse('2026-03-19T20:00:00Z');
const demoDir = path.resolve(__dirname, '..', '..', '..', 'workspaces', 'demo');
const quinn = { name: 'quinn', role: 'QA' };
let host: Host | null = null;
demoToolsOfEachTest();

afterEach(async () => {
  await host?.close();
  host = null;
});

async function call<T>(h: Host, name: string, payload: unknown): Promise<T> {
  const result = (await h.invoke(name, payload, { transport: 'browser', connectionId: 'qa' })) as Result<T>;
  if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
  return result.value;
}

/** The rollout as signed off the evening before, in a real console: every step done, every QA item passed by quinn, HO-1234 running in `regions`. */
async function signedOffConsole(regions?: string[]): Promise<{ h: Host; dataDir: string }> {
  const loaded = await loadWorkspace(demoDir);
  if (!loaded.ok) throw new Error('the demo workspace does not load');
  const workspace = loaded.workspace;
  const release = indexWorkspace(workspace).releases.get(R)!;
  // Every step done, every QA item passed by quinn, and HO-1234 running in `regions` (everywhere by default).
  const done: ReleaseEvent[] = computeStepStates({ workspace, release, progress: progressOf(emptyReleaseRecord(), initialState().world), now: 0 })
    .filter((s) => s.kind !== 'approval' && s.kind !== 'soak')
    .map((s) => ({ type: 'stepFinished', actor: s.stepId === 'qa-post-rollout' ? quinn : { name: 'alice', role: 'PE' }, at: SIGNED, release: R, step: s.stepId, region: s.region, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
  const qaStep = indexWorkspace(workspace).runbooks.get(release.runbook)!.gates.flatMap((g) => g.steps).find((s) => s.id === 'qa-post-rollout')!;
  if (qaStep.kind !== 'manual') throw new Error('qa-post-rollout is a manual step with a checklist');
  const ticks: ReleaseEvent[] = qaStep.checklist.map((_title, i) => ({ type: 'qaTicked', actor: quinn, at: SIGNED - 60_000, release: R, itemId: `qa-post-rollout#${i + 1}`, tick: { outcome: 'pass', by: quinn, at: SIGNED - 60_000 } }));
  const folded = applyEvents(initialState(), [...ticks, ...done]);
  const deployed = Object.fromEntries((regions ?? workspace.regions.map((r) => r.id)).map((r) => [r, { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' }]));
  const state = { ...folded, world: { ...folded.world, deployed } };
  // The demo tools run what the console's world says runs, so the rollback's commands find the versions to undo.
  const tools = Object.entries(deployed).flatMap(([region, versions]) => Object.entries(versions).map(([name, version]) => `version ${region} ${name} ${version}\n`));
  writeFileSync(process.env.RELEASE_CONSOLE_DEMO_STATE!, tools.join(''));

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-qa-signoff-'));
  mkdirSync(rehearsalDir(dataDir, AT), { recursive: true });
  writeFileSync(path.join(rehearsalDir(dataDir, AT), 'state.json'), JSON.stringify({ ...state, operator: quinn }));
  ({ host } = await createConsole({ workspaceDir: demoDir, dataDir, rehearsalStart: Date.parse(AT), operator: quinn }));
  return { h: host, dataDir };
}

// Before, quinn failed "Regression" the morning after signing the checklist off, and the sign-off stayed done:
// the release read as tested, the steps after it went on, and nothing said the sign-off no longer held.
test('a QA item failed after the sign-off reopens the QA step, on record, until its checklist passes again', async () => {
  const { h, dataDir } = await signedOffConsole();
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

// Seed 000, "Failed on Production" → "Testing Failure": all packages in the handover rolled back, QA must inform
// the on-call engineer ASAP. Before, the failure's alert only said "QA failed: Regression" and offered the checklist:
// the on-call PE had to find HO-1234, open its rollback elsewhere, and write the reason again.
test('a testing failure is on the banner until its handover is rolled back, with the rollback and its reason one action away', async () => {
  const { h } = await signedOffConsole(['S01', 'LON']);
  await call(h, 'setOperator', quinn);
  await call(h, 'tickQaItem', { releaseId: R, itemId: 'qa-post-rollout#2', outcome: 'fail', note: 'calls drop after transfer' });
  const words = "Testing failure: “Regression” failed by quinn (QA) at Fri 20 Mar 08:30 UTC, after QA's sign-off “QA post-rollout testing”: calls drop after transfer";

  const olu = { name: 'olu', role: 'on-call PE' };
  await call(h, 'setOperator', olu);
  const banner = (view: ReleaseView) => view.alerts.find((a) => a.id === 'qa:qa-post-rollout#2');
  expect(banner(await call<ReleaseView>(h, 'getReleaseView', {}))).toEqual({
    id: 'qa:qa-post-rollout#2',
    severity: 'critical',
    regionId: null,
    title: 'Testing failure: “Regression” failed after QA\'s sign-off',
    detail: "quinn (QA) failed it at Fri 20 Mar 08:30 UTC, after QA's sign-off “QA post-rollout testing”: calls drop after transfer. Seed 000: on-call to roll back HO-1234 (all packages of the handover) at once; QA to provide the issue details in the ticket",
    at: Date.parse(AT),
    actions: [
      { kind: 'rollback', label: 'Roll back HO-1234', handoverId: 'HO-1234' },
      // The demo workspace names #rm-netops: the on-call announcement is offered until the handover is rolled back.
      { kind: 'open-announcements', label: 'Announce to on-call (#rm-netops)', handoverId: null },
      { kind: 'open-qa', label: 'Open the QA checklist', handoverId: null },
    ],
    decision: null,
    summary: 'HO-1234: rollback not started',
  });

  // QA informs on-call ASAP: the post's text (a rehearsal records it as "would post"), from the same record.
  await call(h, 'setOperator', quinn);
  const posted = await call<{ posts: { message: string; state: string }[] }>(h, 'postAnnouncement', { releaseId: R, channel: '#rm-netops', kind: 'testing-failure' });
  expect(posted.posts.at(-1)?.state).toBe('wouldPost');
  expect(posted.posts.at(-1)?.message.split('\n').slice(0, 6)).toEqual([
    'TESTING FAILURE ON PRODUCTION — on-call engineer, please act',
    '--------------------',
    "Failed: “Regression” — quinn (QA) at Fri 20 Mar 08:30 UTC, after QA's sign-off “QA post-rollout testing” (reopened)",
    'Issue: calls drop after transfer',
    'Roll back: HO-1234 (all packages of the handover)',
    'Status: rollback not started',
  ]);
  await call(h, 'setOperator', olu);

  const preview = await call<{ plan: { reason?: string | null; regions: { regionId: string }[] } }>(h, 'previewRollback', { releaseId: R, handoverId: 'HO-1234' });
  expect(preview.plan.reason).toBe(words);
  expect(preview.plan.regions.map((r) => r.regionId).sort()).toEqual(['LON', 'S01']);
  await call(h, 'startRollback', { releaseId: R, handoverId: 'HO-1234', confirm: 'HO-1234', reason: preview.plan.reason });
  const run = await until('the rollback to stop', () => call<RollbackRunView | null>(h, 'getRollback', { releaseId: R, handoverId: 'HO-1234' }), (r): r is RollbackRunView => r !== null && r.status !== 'running', 30_000);
  expect(run, JSON.stringify(run.regions.flatMap((r) => r.steps).filter((s) => s.state === 'failed'))).toMatchObject({ status: 'done', reason: words, startedBy: olu });

  const after = await call<ReleaseView>(h, 'getReleaseView', {});
  expect(after.handovers.find((ho) => ho.id === 'HO-1234')?.status).toBe('Failed Production Rollout');
  expect(banner(after)).toMatchObject({
    severity: 'info',
    title: 'Testing failure dealt with: “Regression”',
    detail: "quinn (QA) failed it at Fri 20 Mar 08:30 UTC, after QA's sign-off “QA post-rollout testing”: calls drop after transfer. Seed 000: QA to provide the issue details in the ticket",
    actions: [
      { kind: 'rollback', label: 'HO-1234 rolled back: open the record', handoverId: 'HO-1234' },
      { kind: 'open-qa', label: 'Open the QA checklist', handoverId: null },
    ],
    summary: 'HO-1234: rolled back, now “Failed Production Rollout”',
  });
  expect(banner(after)?.decision).toMatch(/^HO-1234 rolled back by olu \(on-call PE\), started Fri 20 Mar 08:30 UTC, finished Fri 20 Mar 08:\d\d UTC; now “Failed Production Rollout”\. QA's sign-off “QA post-rollout testing” stays reopened on record until it is done again\.$/);
  // The QA step's reopening stays on record.
  expect(after.gates.flatMap((g) => g.steps).find((s) => s.stepId === 'qa-post-rollout')?.reopened).toMatchObject({ by: quinn, at: Date.parse(AT) });

  // Seed 000's "provide issue details in ticket": the CR evidence carries them, with HO-1234's tickets and its rollback.
  const cr = (await call<{ content: string }>(h, 'exportEvidence', { releaseId: R, format: 'cr-markdown' })).content;
  const section = cr.slice(cr.indexOf('## Testing failures'), cr.indexOf('## Steps'));
  expect(section.split('\n')).toEqual([
    '## Testing failures',
    '',
    '### Testing failure: “Regression”',
    '',
    '- Failed by: quinn (QA) at 2026-03-20T08:30:00Z',
    "- After the sign-off: QA's “QA post-rollout testing”, reopened on record until it is done again",
    "- QA's note: calls drop after transfer",
    '- Handovers: HO-1234 (tickets RT-5521, RT-5530, PLAT-881)',
    expect.stringMatching(/^- Rollback: HO-1234: done — started by olu \(on-call PE\) at 2026-03-20T08:30:00Z, ended 2026-03-20T08:\d\d:\d\dZ; status “Failed Production Rollout”$/),
    '',
    '',
  ]);
}, 90_000);
