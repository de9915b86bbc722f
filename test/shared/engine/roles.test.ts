// Issue 17, "Workspace roles": each seed's roles in its own words, declared once, and decide holding every
// step owner, approver and rollback role to them. Each test names the seed line it enforces. Steps of seeds
// 001–004 are found by what they are (the approval asking for a role, a manual step a role owns), not by id.
import { beforeAll, describe, expect, test } from 'vitest';
import { decide } from '../../../shared/engine/decide';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import { liveRelease, progressOf } from '../../../shared/engine/live';
import { isApproved } from '../../../shared/engine/approval';
import { computeStepStates } from '../../../shared/engine/stepStates';
import { emptyReleaseRecord, type Actor, type ConsoleState } from '../../../shared/engine/state';
import { recordOf } from '../../../shared/engine/fold';
import type { ReleaseEvent } from '../../../shared/engine/events';
import type { Release, Step, Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

const SEEDS = { demo: '000', 'canary-progressive': '001', 'blue-green-governed': '002', 'gated-release': '003', 'blue-green-feature-flags': '004' } as const;
type Seed = keyof typeof SEEDS;
const workspaces = {} as Record<Seed, Workspace>;

beforeAll(async () => {
  for (const name of Object.keys(SEEDS) as Seed[]) workspaces[name] = await loadTemplate(name);
});

/** The demo's product release, walked through seed 000's gates 1–3 (its runbook product-release.yaml). */
function productRelease(): Release {
  const rollout = defaultRelease(workspaces.demo);
  const release = { ...rollout, id: 'product-gates', runbook: 'product-release' };
  workspaces.demo = { ...workspaces.demo, releases: [...workspaces.demo.releases.filter((r) => r.id !== release.id), release] };
  return release;
}

/** A Tuesday afternoon, inside every seed's weekday windows that matter for a manual step or an approval. */
const NOW = at('2026-03-17T15:00:00Z');

function defaultRelease(ws: Workspace): Release {
  return ws.releases.find((r) => r.id === ws.defaultRelease) ?? ws.releases[0]!;
}

function stepsOf(ws: Workspace, release: Release): Step[] {
  return ws.runbooks.find((r) => r.id === release.runbook)!.gates.flatMap((g) => g.steps);
}

/** Every step instance of the release done except `open`: the step is then ready, waiting only for its person. */
function readyFor(ws: Workspace, release: Release, open: string[]): ConsoleState {
  const state = initialState();
  const someone: Actor = { name: 'setup', role: ws.roles[0]!.name };
  const events: ReleaseEvent[] = computeStepStates({ workspace: ws, release, progress: progressOf(emptyReleaseRecord(), state.world), now: NOW })
    .filter((s) => !open.includes(s.stepId))
    .map((s) => ({ type: 'stepFinished', actor: someone, at: NOW - 3_600_000, release: release.id, step: s.stepId, region: s.region, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
  return applyEvents(state, events);
}

function ask(ws: Seed, intent: Intent, state: ConsoleState, actor: Actor) {
  return decide(intent, { ...state, metrics: {} }, NOW, actor, workspaces[ws]);
}

function approvalAskingFor(ws: Seed, role: string): { release: Release; step: Extract<Step, { kind: 'approval' }> } {
  const release = defaultRelease(workspaces[ws]);
  const step = stepsOf(workspaces[ws], release).find((s): s is Extract<Step, { kind: 'approval' }> => s.kind === 'approval' && s.approvers.some((a) => a.role === role));
  if (!step) throw new Error(`seed ${SEEDS[ws]}'s runbook has no approval asking for ${role}`);
  return { release, step };
}

function manualStepOwnedBy(ws: Seed, owner: string): { release: Release; step: Step } {
  const release = defaultRelease(workspaces[ws]);
  const step = stepsOf(workspaces[ws], release).find((s) => s.kind === 'manual' && s.owner === owner && !s.deploys && s.timing.length === 0 && !s.regions);
  if (!step) throw new Error(`seed ${SEEDS[ws]}'s runbook has no manual step owned by ${owner}`);
  return { release, step };
}

describe('each seed workspace declares the roles its seed names', () => {
  test.each([
    ['demo', ['PE', 'on-call PE', 'QA', 'release manager', 'CCB', 'CAI team', 'dev']],
    // Seed 001 lines 64–112: Team Lead, Engineering Manager, VP Engineering, Engineering Manager + DBA, SRE Lead + Engineering Manager.
    ['canary-progressive', ['SRE', 'on-call engineer', 'dev', 'QA', 'Team Lead', 'Engineering Manager', 'VP Engineering', 'DBA', 'SRE Lead']],
    // Seed 002 lines 410–413 ("Contacts") and 276 ("Any two Governance Board members").
    ['blue-green-governed', ['deployment engineer', 'on-call engineer', 'Governance Sentinel', 'Service Owner', 'Governance Board member']],
    // Seed 003 gate 3: "CAB or Release Manager Approval".
    ['gated-release', ['SRE', 'Release Manager', 'CAB']],
    // Seed 004 line 26: "Code review approved by 2+ engineers"; lines 425–426: on-call and the Engineering Manager.
    ['blue-green-feature-flags', ['engineer', 'on-call engineer', 'Engineering Manager']],
  ] as Array<[Seed, string[]]>)('%s', (ws, roles) => {
    expect(workspaces[ws].roles.map((r) => r.name)).toEqual(roles);
  });

  test('a runbook\'s "release manager" is the declared "Release Manager" once loaded (seed 003)', () => {
    const { step } = approvalAskingFor('gated-release', 'Release Manager');
    expect(step.owner).toBe('Release Manager');
  });
});

describe('step owners (issue 17: "owner: QA" means only someone in the QA role completes it)', () => {
  // Seed 000 line 44: "| QA tests functionality on QA envs | QA |" — the finding "Anyone can mark a QA-owned step done".
  test('seed 000: a PE cannot tick the QA-owned "QA tests functionality"; for QA, only its checklist holds it', () => {
    const release = productRelease();
    const state = readyFor(workspaces.demo, release, ['qa-functionality']);
    const tick: Intent = { kind: 'completeStep', release: release.id, step: 'qa-functionality', region: null, outcome: 'done' };
    expect(ask('demo', tick, state, { name: 'alice', role: 'PE' })).toMatchObject({
      allowed: false,
      code: 'blocked',
      message: 'Only QA may complete "QA tests functionality on QA environments"; you are PE.',
    });
    // The QA checklist rule (qa.ts) still holds for QA: the step is QA's, and its items pass first.
    expect(ask('demo', tick, state, { name: 'quinn', role: 'QA' })).toMatchObject({ allowed: false, message: expect.stringContaining('needs its QA checklist passed first') });
  });

  // Seed 000 line 20: "| Emergency | As needed | Varies | On-call PE |" — the on-call PE is a PE on rotation (actsAs: [PE]).
  test('seed 000: the on-call PE may do a PE step; QA may not start one', () => {
    const release = productRelease();
    const state = readyFor(workspaces.demo, release, ['pe-review-handovers']);
    const tick: Intent = { kind: 'completeStep', release: release.id, step: 'pe-review-handovers', region: null, outcome: 'done' };
    expect(ask('demo', tick, state, { name: 'olu', role: 'on-call PE' })).toMatchObject({ allowed: true });
    expect(ask('demo', tick, state, { name: 'quinn', role: 'QA' })).toMatchObject({ allowed: false, message: 'Only PE may complete "PE reviews all HOs and clarifies issues"; you are QA.' });
  });

  // Seed 001 line 5: "**Owner:** SRE Team"; the code-readiness checklist (lines 123–130) is the developer's.
  test('seed 001: a step the dev owns is refused to the SRE, in the workspace\'s words', () => {
    const { release, step } = manualStepOwnedBy('canary-progressive', 'dev');
    const state = readyFor(workspaces['canary-progressive'], release, [step.id]);
    const tick: Intent = { kind: 'completeStep', release: release.id, step: step.id, region: null, outcome: 'done' };
    expect(ask('canary-progressive', tick, state, { name: 'sam', role: 'SRE' })).toMatchObject({ allowed: false, message: `Only dev may complete "${step.title}"; you are SRE.` });
    expect(ask('canary-progressive', tick, state, { name: 'dee', role: 'dev' })).toMatchObject({ allowed: true });
  });
});

describe('approvals by the seed\'s roles', () => {
  // Seed 000 line 57: "| CRs brought to CCB meeting (11:15 GMT Friday) | All |".
  test('seed 000: the CCB approves the CRs, not a PE', () => {
    const release = productRelease();
    const state = readyFor(workspaces.demo, release, ['ccb-approval']);
    const approve: Intent = { kind: 'approveStep', release: release.id, step: 'ccb-approval', region: null };
    expect(ask('demo', approve, { ...state }, { name: 'alice', role: 'PE' })).toMatchObject({ allowed: false, message: expect.stringContaining('needs approval from CCB, not PE') });
    expect(ask('demo', approve, state, { name: 'cora', role: 'CCB' })).toMatchObject({ allowed: true, events: [{ type: 'approvalGiven', approver: { name: 'cora', role: 'CCB' } }] });
  });

  // Seed 001 line 64: "| **Approval Required** | Team Lead |".
  test('seed 001: a standard deployment is approved by the Team Lead', () => {
    const { release, step } = approvalAskingFor('canary-progressive', 'Team Lead');
    const state = readyFor(workspaces['canary-progressive'], release, [step.id]);
    const approve: Intent = { kind: 'approveStep', release: release.id, step: step.id, region: null };
    expect(ask('canary-progressive', approve, state, { name: 'sam', role: 'SRE' })).toMatchObject({ allowed: false, message: expect.stringContaining('needs approval from Team Lead, not SRE') });
    expect(ask('canary-progressive', approve, state, { name: 'tess', role: 'Team Lead' })).toMatchObject({ allowed: true });
  });

  // Seed 002 line 83: "**Approval Required:** Governance Sentinel + Service Owner".
  test('seed 002: production needs the Governance Sentinel and the Service Owner; a deployment engineer\'s approval is refused', () => {
    const { release, step } = approvalAskingFor('blue-green-governed', 'Governance Sentinel');
    let state = readyFor(workspaces['blue-green-governed'], release, [step.id]);
    const approve: Intent = { kind: 'approveStep', release: release.id, step: step.id, region: null };
    expect(ask('blue-green-governed', approve, state, { name: 'dev', role: 'deployment engineer' })).toMatchObject({
      allowed: false,
      message: expect.stringContaining('needs approval from Governance Sentinel or Service Owner, not deployment engineer'),
    });
    const sentinel = ask('blue-green-governed', approve, state, { name: 'gina', role: 'Governance Sentinel' });
    if (!sentinel.allowed) throw new Error(sentinel.message);
    state = applyEvents(state, sentinel.events);
    expect(isApproved(step, null, progressOf(recordOf(state, release.id), state.world))).toBe(false);
    const owner = ask('blue-green-governed', approve, state, { name: 'omar', role: 'Service Owner' });
    if (!owner.allowed) throw new Error(owner.message);
    state = applyEvents(state, owner.events);
    expect(isApproved(step, null, progressOf(recordOf(state, release.id), state.world))).toBe(true);
  });

  // Seed 003, gate 3: "CAB or Release Manager Approval".
  test('seed 003: the Release Manager approves gate 3; the SRE cannot', () => {
    const { release, step } = approvalAskingFor('gated-release', 'Release Manager');
    const state = readyFor(workspaces['gated-release'], release, [step.id]);
    const approve: Intent = { kind: 'approveStep', release: release.id, step: step.id, region: null };
    expect(ask('gated-release', approve, state, { name: 'sam', role: 'SRE' })).toMatchObject({ allowed: false, message: expect.stringContaining('not SRE') });
    expect(ask('gated-release', approve, state, { name: 'rhea', role: 'release manager' })).toMatchObject({ allowed: true });
  });

  // Seed 004 line 40: "| Production | Live user traffic | No | Yes (2 approvers) |" and line 26: "Code review approved by 2+ engineers".
  test('seed 004: production needs two distinct engineers; the same one twice does not count', () => {
    const { release, step } = approvalAskingFor('blue-green-feature-flags', 'engineer');
    expect(step.approvers).toEqual([{ role: 'engineer', count: 2 }]);
    let state = readyFor(workspaces['blue-green-feature-flags'], release, [step.id]);
    const approve: Intent = { kind: 'approveStep', release: release.id, step: step.id, region: null };
    const first = ask('blue-green-feature-flags', approve, state, { name: 'ana', role: 'engineer' });
    if (!first.allowed) throw new Error(first.message);
    state = applyEvents(state, first.events);
    expect(isApproved(step, null, progressOf(recordOf(state, release.id), state.world))).toBe(false);
    expect(ask('blue-green-feature-flags', approve, state, { name: 'ana', role: 'engineer' })).toMatchObject({ allowed: false, message: expect.stringContaining('ana has already approved') });
    expect(ask('blue-green-feature-flags', approve, state, { name: 'ed', role: 'Engineering Manager' })).toMatchObject({ allowed: false, message: expect.stringContaining('not Engineering Manager') });
    const second = ask('blue-green-feature-flags', approve, state, { name: 'ben', role: 'engineer' });
    if (!second.allowed) throw new Error(second.message);
    state = applyEvents(state, second.events);
    expect(isApproved(step, null, progressOf(recordOf(state, release.id), state.world))).toBe(true);
  });
});

describe('who may start a rollback, per workspace', () => {
  const rollback = (ws: Seed): Intent => {
    const release = defaultRelease(workspaces[ws]);
    const handover = liveRelease(release, emptyReleaseRecord()).handovers[0]!.id;
    return { kind: 'startRollback', release: release.id, handover, confirm: handover };
  };

  test.each([
    // Seed 002 line 195: "Manual decision by Governance Sentinel or on-call engineer"; line 411: "On-Call Engineer: Monitoring and rollback authority".
    ['blue-green-governed', { name: 'dev', role: 'deployment engineer' }, 'A rollback is run by Governance Sentinel or on-call engineer; dev is signed in as deployment engineer.'],
    // Seed 000 lines 195 and 208: QA informs the on-call engineer, who rolls back.
    ['demo', { name: 'quinn', role: 'QA' }, 'A rollback is run by on-call PE or PE; quinn is signed in as QA.'],
    // Seed 004 lines 425–426: the on-call rotation, then the Engineering Manager; the deploying engineer shifts traffic back.
    ['blue-green-feature-flags', { name: 'x', role: 'no role' }, 'A rollback is run by engineer or on-call engineer or Engineering Manager; x is signed in as no role.'],
  ] as Array<[Seed, Actor, string]>)('%s refuses a rollback outside its declared roles', (ws, actor, message) => {
    expect(ask(ws, rollback(ws), initialState(), actor)).toMatchObject({ allowed: false, code: 'blocked', message });
  });

  test('seed 002: the on-call engineer is not refused for their role', () => {
    const decision = ask('blue-green-governed', rollback('blue-green-governed'), initialState(), { name: 'olu', role: 'on-call engineer' });
    if (!decision.allowed) expect(decision.message).not.toMatch(/A rollback is run by/);
  });
});

describe('personas choose only a declared role', () => {
  test('seed 002: a persona may be the Governance Sentinel, not a PE, which the workspace does not declare', () => {
    const set = (role: string): Intent => ({ kind: 'setOperator', operator: { name: 'gina', role, persona: true }, personas: true });
    expect(ask('blue-green-governed', set('Governance Sentinel'), initialState(), { name: 'x', role: 'deployment engineer' })).toMatchObject({ allowed: true });
    expect(ask('blue-green-governed', set('PE'), initialState(), { name: 'x', role: 'deployment engineer' })).toMatchObject({
      allowed: false,
      code: 'invalid_request',
      message: '"PE" is not a role of this workspace; it declares deployment engineer, on-call engineer, Governance Sentinel, Service Owner, Governance Board member.',
    });
  });
});
