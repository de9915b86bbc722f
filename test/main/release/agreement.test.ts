// Issue 14: one decision. For a step that cannot be filled, a QA-owned step, a metric gate, a step in a
// closed window and a rollback, the view's verdict, the handler's verdict and `check --release --step`
// all come from `decide`, and they agree with it and with each other.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ReleaseView, Result } from '../../../shared/api';
import { decide, primaryIntentOf, type Decision } from '../../../shared/engine/decide';
import type { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import { progressOf } from '../../../shared/engine/live';
import { emptyReleaseRecord, type ConsoleState } from '../../../shared/engine/state';
import { computeStepStates } from '../../../shared/engine/stepStates';
import type { Workspace } from '../../../shared/workspace/workspace';
import { indexWorkspace } from '../../../shared/workspace/workspace';
import { runCheck } from '../../../main/cli/check';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { loadWorkspace } from '../../../main/workspace/load';
import { logEntries, rehearsalDir } from '../../release-log';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const context = { transport: 'browser' as const, connectionId: 'agreement' };
const R = '2026-03-product-rollout';
let host: Host | null = null;
let demoDir: string;
let unfillableDir: string;

beforeAll(() => {
  demoDir = path.join(root, 'workspaces', 'demo');
  // The demo with one version the workspace's version pattern refuses: its deploy command cannot be filled.
  unfillableDir = mkdtempSync(path.join(os.tmpdir(), 'rc-unfillable-'));
  cpSync(demoDir, unfillableDir, { recursive: true });
  const releases = path.join(unfillableDir, 'releases.yaml');
  writeFileSync(releases, readFileSync(releases, 'utf8').replace('newVersion: 4.13.0,', 'newVersion: "4.13.0;reboot",'));
});

afterEach(async () => {
  await host?.close();
  host = null;
});

async function workspaceAt(dir: string): Promise<Workspace> {
  const loaded = await loadWorkspace(dir);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.workspace;
}

/** Every step of the release done except the listed ones (recorded as the console would have folded them). */
function doneExcept(workspace: Workspace, open: string[], maintenance: Record<string, boolean> = {}): ConsoleState {
  const release = indexWorkspace(workspace).releases.get(R)!;
  const state = initialState();
  const events: ReleaseEvent[] = computeStepStates({ workspace, release, progress: progressOf(emptyReleaseRecord(), state.world), now: 0 })
    .filter((s) => !open.includes(s.stepId) && s.kind !== 'approval' && s.kind !== 'soak')
    .map((s) => ({ type: 'stepFinished', actor: { name: 'alice', role: 'PE' }, at: Date.parse('2026-03-19T08:00:00Z'), release: R, step: s.stepId, region: s.region, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
  const approvals: ReleaseEvent[] = open.includes('review-prod-cr') ? [] : [{ type: 'approvalGiven', actor: { name: 'bob', role: 'PE' }, at: Date.parse('2026-03-19T08:00:00Z'), release: R, step: 'review-prod-cr', region: null, approver: { name: 'bob', role: 'PE', at: Date.parse('2026-03-19T08:00:00Z') } }];
  const folded = applyEvents(state, [...events, ...approvals]);
  return { ...folded, world: { ...folded.world, maintenance } };
}

interface Case {
  name: string;
  workspaceDir: () => string;
  state: (workspace: Workspace) => ConsoleState;
  at: string;
  operator: { name: string; role: string };
  step: string;
  region: string | null;
  /** What all three must say. */
  expected: { allowed: boolean; state: string; reason?: RegExp };
}

const cases: Case[] = [
  {
    name: 'a step whose command cannot be filled',
    workspaceDir: () => unfillableDir,
    state: (w) => doneExcept(w, ['sdc-deploy', 'sdc-check-versions', 'sdc-metric-gate', 'sdc-maintenance-off'], { S01: true }),
    at: '2026-03-19T10:55:00Z',
    operator: { name: 'alice', role: 'PE' },
    step: 'sdc-deploy',
    region: 'S01',
    expected: { allowed: false, state: 'blocked', reason: /4\.13\.0;reboot/ },
  },
  {
    name: 'a QA-owned step with its checklist open',
    workspaceDir: () => demoDir,
    state: (w) => doneExcept(w, ['qa-post-rollout', 'final-check-versions', 'mark-rollout-complete']),
    at: '2026-03-19T19:00:00Z',
    operator: { name: 'quinn', role: 'QA' },
    step: 'qa-post-rollout',
    region: null,
    expected: { allowed: false, state: 'blocked', reason: /QA checklist must pass first: 11 of 11 items not passed yet \(Feature functionality, Regression, Sanity and 8 more\)/ },
  },
  {
    name: 'a metric gate ready to watch',
    workspaceDir: () => demoDir,
    state: (w) => doneExcept(w, ['sdc-metric-gate', 'sdc-maintenance-off'], { S01: true }),
    at: '2026-03-19T10:55:00Z',
    operator: { name: 'alice', role: 'PE' },
    step: 'sdc-metric-gate',
    region: 'S01',
    expected: { allowed: true, state: 'ready' },
  },
  {
    name: 'a step in a closed window',
    workspaceDir: () => demoDir,
    state: (w) => doneExcept(w, ['eu-first-maintenance-on', 'eu-first-deploy', 'eu-first-check-versions', 'eu-first-metric-gate', 'eu-first-maintenance-off', 'eu-first-soak', 'eu-rest-baseline', 'eu-rest-maintenance-on', 'eu-rest-deploy', 'eu-rest-check-versions', 'eu-rest-metric-gate', 'eu-rest-maintenance-off', 'qa-post-rollout', 'final-check-versions', 'mark-rollout-complete']),
    at: '2026-03-19T17:30:00Z',
    operator: { name: 'alice', role: 'PE' },
    step: 'eu-first-maintenance-on',
    region: 'EUW2',
    expected: { allowed: false, state: 'blocked', reason: /after 18:00 London \(17:30 now\)/ },
  },
];

async function openConsole(workspaceDir: string, state: ConsoleState, at: string, operator: { name: string; role: string }): Promise<{ host: Host; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-agree-'));
  mkdirSync(rehearsalDir(dataDir, at), { recursive: true });
  writeFileSync(path.join(rehearsalDir(dataDir, at), 'state.json'), JSON.stringify({ ...state, operator }));
  const opened = await createConsole({ workspaceDir, dataDir, rehearsalStart: Date.parse(at), operator });
  return { host: opened.host, dataDir };
}

async function checkCli(workspaceDir: string, dataDir: string, at: string, step: string, region: string | null) {
  const out: string[] = [];
  const args = ['--release', R, '--step', step, ...(region ? ['--region', region] : []), '--workspace', workspaceDir, '--data-dir', dataDir, '--rehearsal', '--at', at, '--json'];
  const code = await runCheck(args, { out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, result: JSON.parse(out[0] ?? '{}') as { allowed: boolean; state: string; reasons: string[] } };
}

describe('the view, the handlers and check agree, because each asks decide', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const workspace = await workspaceAt(c.workspaceDir());
    const state = c.state(workspace);
    const opened = await openConsole(c.workspaceDir(), state, c.at, c.operator);
    host = opened.host;
    const now = Date.parse(c.at);

    // decide itself, on the same state.
    const step = indexWorkspace(workspace).runbooks.get(indexWorkspace(workspace).releases.get(R)!.runbook)!.gates.flatMap((g) => g.steps).find((s) => s.id === c.step)!;
    const intent = primaryIntentOf(step, { release: R, step: c.step, region: c.region })!;
    const decision: Decision = decide(intent, { ...state, metrics: {} }, now, c.operator, workspace);
    expect(decision.allowed).toBe(c.expected.allowed);

    // The view.
    const view = ((await host.invoke('getReleaseView', {}, context)) as Result<ReleaseView>);
    if (!view.ok) throw new Error(view.error.message);
    const shown = view.value.gates.flatMap((g) => g.steps).find((s) => s.stepId === c.step && s.regionId === c.region)!;
    expect(shown.state).toBe(c.expected.state);

    // check --release --step.
    const checked = await checkCli(c.workspaceDir(), opened.dataDir, c.at, c.step, c.region);
    expect(checked.code).toBe(c.expected.allowed ? 0 : 1);
    expect(checked.result).toMatchObject({ allowed: c.expected.allowed, state: c.expected.state });
    expect(checked.result.reasons).toEqual(shown.reasons.filter((r) => checked.result.reasons.includes(r)));
    if (!decision.allowed) {
      expect(checked.result.reasons).toEqual(decision.reasons);
      expect(shown.reasons).toEqual(expect.arrayContaining(decision.reasons));
      if (c.expected.reason) expect(decision.reasons.join(' ')).toMatch(c.expected.reason);
    }

    // The handler, last: an allowed intent changes the state.
    const call = intent.kind === 'completeStep' ? 'completeStep' : 'startStep';
    const payload = { releaseId: R, stepId: c.step, regionId: c.region, ...(intent.kind === 'completeStep' ? { outcome: 'done' } : {}) };
    const handled = (await host.invoke(call, payload, context)) as Result<unknown>;
    expect(handled.ok).toBe(c.expected.allowed);
    if (!handled.ok && !decision.allowed) expect(handled.error).toEqual({ code: decision.code, message: decision.message });
  });

  test('a rollback step: the handler refuses exactly what decide refuses, and logs it', async () => {
    const workspace = await workspaceAt(demoDir);
    const deployed = { ...initialState(), world: { maintenance: {}, deployed: { LON: { 'rt-media-gateway': '4.13.0' } } } };
    const operator = { name: 'quinn', role: 'QA' };
    const opened = await openConsole(demoDir, deployed, '2026-03-19T12:00:00Z', operator);
    host = opened.host;
    const intent: Intent = { kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' };
    const decision = decide(intent, { ...deployed, metrics: {} }, Date.parse('2026-03-19T12:00:00Z'), operator, workspace);
    if (decision.allowed) throw new Error('QA must not start a rollback');
    const handled = (await host.invoke('startRollback', { releaseId: R, handoverId: 'HO-1234', confirm: 'HO-1234' }, context)) as Result<unknown>;
    expect(handled).toEqual({ ok: false, error: { code: decision.code, message: decision.message } });
    const log = (logEntries(rehearsalDir(opened.dataDir)) as unknown as { kind: string; actor: string; data: Record<string, unknown> }[]);
    expect(log.find((e) => e.kind === 'decision' && e.data.intent === 'startRollback')).toMatchObject({ actor: 'quinn', data: { allowed: false, reasons: decision.reasons } });
  });
});
