import { beforeAll, describe, expect, test } from 'vitest';
import { decide, refusalEvent, type EngineState } from '../../../shared/engine/decide';
import { leaseLastHeartbeat, takeOverBlocked } from '../../../shared/engine/decideLease';
import { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState, recordOf } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import { computeStepStates } from '../../../shared/engine/stepStates';
import { progressOf } from '../../../shared/engine/live';
import { emptyReleaseRecord, type ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';
import { wordsWithInstants } from '../../../renderer/format/refusal';

/** Issue 15, "Region leases": decided in shared/engine/decideLease.ts, carried by log events. */
const R = '2026-03-product-rollout';
const MORNING = at('2026-03-19T10:55:00Z');
const MINUTE = 60_000;
const alice = { name: 'alice', role: 'PE' };
const carol = { name: 'carol', role: 'on-call PE' };
const oncall = { name: 'olu', role: 'on-call PE' };

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

const engine = (state: ConsoleState, leaseBeats: EngineState['leaseBeats'] = {}): EngineState => ({ ...state, metrics: {}, leaseBeats });

function allowed(intent: Intent, state: ConsoleState, now: number, actor: { name: string; role: string }): ReleaseEvent[] {
  const decision = decide(intent, engine(state), now, actor, demo);
  if (!decision.allowed) throw new Error(`${intent.kind} refused: ${decision.message}`);
  for (const event of decision.events) expect(ReleaseEvent.safeParse(JSON.parse(JSON.stringify(event))).success).toBe(true);
  return decision.events;
}

/** Every step done except the listed ones, S01 in maintenance: sdc-deploy is ready to start. */
function readyToDeployInS01(): ConsoleState {
  const release = demo.releases.find((r) => r.id === R)!;
  const open = ['sdc-deploy', 'sdc-metric-gate', 'sdc-maintenance-off', 'qa-post-rollout'];
  const state = initialState();
  const events: ReleaseEvent[] = computeStepStates({ workspace: demo, release, progress: progressOf(emptyReleaseRecord(), state.world), now: MORNING })
    .filter((s) => !open.includes(s.stepId))
    .map((s) => ({ type: 'stepFinished', actor: alice, at: MORNING - 3_600_000, release: R, step: s.stepId, region: s.region, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
  const done = applyEvents(state, events);
  return { ...done, world: { ...done.world, maintenance: { S01: true } } };
}

/** Another desk's rollback took S01 at 10:55, as its log events say. */
function heldByCarol(state: ConsoleState): ConsoleState {
  return applyEvents(state, [{ type: 'leaseTaken', actor: carol, at: MORNING, lease: { region: 'S01', holder: carol, release: R, run: 'rollback-HO-1234', purpose: "HO-1234's rollback", since: MORNING, expiresAt: MORNING + 5 * MINUTE, takenOverFrom: null } }]);
}

const deployS01: Intent = { kind: 'startStep', release: R, step: 'sdc-deploy', region: 'S01' };

describe("a region's lease", () => {
  test('a command step takes its region\'s lease when it starts, and gives it back when its command ends', () => {
    const startedEvents = allowed(deployS01, readyToDeployInS01(), MORNING, alice);
    expect(startedEvents.map((e) => e.type)).toEqual(['stepStarted', 'leaseTaken']);
    const running = applyEvents(readyToDeployInS01(), startedEvents);
    expect(running.leases.S01).toMatchObject({ holder: alice, run: 'sdc-deploy@S01', since: MORNING, expiresAt: MORNING + MINUTE });
    const ended = allowed({ kind: 'interrupted', release: R, step: 'sdc-deploy', region: 'S01' }, running, MORNING + MINUTE, alice);
    expect(ended.map((e) => e.type)).toEqual(['stepFinished', 'leaseReleased']);
    expect(applyEvents(running, ended).leases).toEqual({});
  });

  test('a second run in a region another run holds is refused with who holds it, for what, since and until when', () => {
    const decision = decide(deployS01, engine(heldByCarol(readyToDeployInS01())), MORNING + 2 * MINUTE, alice, demo);
    expect(decision).toMatchObject({ allowed: false, code: 'conflict', message: "S01 is held by carol (on-call PE) for HO-1234's rollback since 10:55 UTC, until 11:00 UTC." });
    if (decision.allowed) return;
    // Both instants it names go with it, in its order, for a desk to read in its own zone.
    expect(decision.instants).toEqual([{ at: MORNING, words: '10:55 UTC' }, { at: MORNING + 5 * MINUTE, words: '11:00 UTC' }]);
    // The refusal goes into the desk's record, with the region.
    expect(refusalEvent(deployS01, decision, MORNING + 2 * MINUTE, alice)).toMatchObject({ type: 'refused', intent: 'startStep', region: 'S01', reasons: [decision.message] });
  });

  test('a heartbeat (outside the log) moves the expiry on; without one the lease shows as expired, and is still not taken silently', () => {
    const state = heldByCarol(readyToDeployInS01());
    const beaten = decide(deployS01, engine(state, { S01: { run: 'rollback-HO-1234', expiresAt: MORNING + 9 * MINUTE } }), MORNING + 6 * MINUTE, alice, demo);
    expect(beaten).toMatchObject({ allowed: false, message: expect.stringContaining('until 11:04 UTC') });
    const expired = decide(deployS01, engine(state), MORNING + 6 * MINUTE, alice, demo);
    expect(expired).toMatchObject({ allowed: false, code: 'conflict', message: expect.stringMatching(/^S01's lease, held by carol \(on-call PE\) for HO-1234's rollback since 10:55 UTC, expired at 11:00 UTC without a heartbeat; take it over with a reason/) });
  });

  // Before, the log's `since` (the taker's clock, here three hours ahead) stood beside this desk's expiry: "since 13:55, until 11:04".
  test("a lease's since is the one the heartbeat port put on this desk's clock, as its expiry is, when the two desks' clocks disagree", () => {
    const state = heldByCarol(readyToDeployInS01());
    const aheadBy3h = { ...state, leases: { S01: { ...state.leases.S01!, since: MORNING + 3 * 60 * MINUTE } } };
    const beats = { S01: { run: 'rollback-HO-1234', expiresAt: MORNING + 9 * MINUTE, beatAt: MORNING + 8 * MINUTE, since: MORNING } };
    const beaten = decide(deployS01, engine(aheadBy3h, beats), MORNING + 8 * MINUTE, alice, demo);
    expect(beaten).toMatchObject({ allowed: false, message: "S01 is held by carol (on-call PE) for HO-1234's rollback since 10:55 UTC, until 11:04 UTC." });
    expect(leaseLastHeartbeat(engine(aheadBy3h, beats), aheadBy3h.leases.S01!)).toBe(MORNING + 8 * MINUTE);
  });
});

describe('taking over a lease', () => {
  const takeOver = (reason: string): Intent => ({ kind: 'takeOverLease', region: 'S01', reason });

  test('is refused while the holder still holds it, saying until when', () => {
    const decision = decide(takeOver('carol is unreachable'), engine(heldByCarol(initialState())), MORNING + 2 * MINUTE, alice, demo);
    expect(decision).toMatchObject({ allowed: false, code: 'blocked', opensAt: MORNING + 5 * MINUTE, message: expect.stringContaining('a lease can be taken over only after it expires') });
  });

  test('is refused while a heartbeat keeps it, even past the expiry the log knows', () => {
    const decision = decide(takeOver('carol is unreachable'), engine(heldByCarol(initialState()), { S01: { run: 'rollback-HO-1234', expiresAt: MORNING + 8 * MINUTE } }), MORNING + 6 * MINUTE, alice, demo);
    expect(decision).toMatchObject({ allowed: false, code: 'blocked', opensAt: MORNING + 8 * MINUTE });
  });

  // Before, the later of the two counted: a dead desk whose clock ran a day ahead logged an expiry a day away, and
  // its region could not be taken over (nor rolled back) for a day, though the store saw it silent for minutes.
  test("is allowed once the heartbeat port, on this desk's clock, sees the holder silent, whatever expiry the holder's clock logged", () => {
    const aDayAhead = applyEvents(initialState(), [{ type: 'leaseTaken', actor: carol, at: MORNING, lease: { region: 'S01', holder: carol, release: R, run: 'rollback-HO-1234', purpose: "HO-1234's rollback", since: MORNING, expiresAt: MORNING + 24 * 60 * MINUTE + 5 * MINUTE, takenOverFrom: null } }]);
    const decision = decide(takeOver("carol's desk went quiet"), engine(aDayAhead, { S01: { run: 'rollback-HO-1234', expiresAt: MORNING + 5 * MINUTE } }), MORNING + 6 * MINUTE, alice, demo);
    expect(decision.allowed ? decision.events.map((e) => e.type) : decision.message).toEqual(['leaseTakenOver']);
  });

  test('needs a reason, of bounded length', () => {
    const state = engine(heldByCarol(initialState()));
    expect(decide(takeOver('   '), state, MORNING + 6 * MINUTE, alice, demo)).toMatchObject({ allowed: false, code: 'invalid_request', message: expect.stringContaining('needs a reason') });
    expect(decide(takeOver('x'.repeat(501)), state, MORNING + 6 * MINUTE, alice, demo)).toMatchObject({ allowed: false, code: 'invalid_request', message: expect.stringContaining('keep it within 500') });
    expect(decide({ kind: 'takeOverLease', region: 'NOPE', reason: 'x' }, state, MORNING + 6 * MINUTE, alice, demo)).toMatchObject({ allowed: false, code: 'not_found' });
    expect(decide(takeOver('nobody holds it'), engine(initialState()), MORNING, alice, demo)).toMatchObject({ allowed: false, code: 'not_found' });
  });

  test('after expiry, with a reason, is logged with whose lease it was, and lets the taker run there', () => {
    const state = heldByCarol(readyToDeployInS01());
    const events = allowed(takeOver('carol\'s laptop died mid-rollback; paged her, no answer'), state, MORNING + 6 * MINUTE, alice);
    expect(events).toEqual([
      expect.objectContaining({ type: 'leaseTakenOver', actor: alice, reason: "carol's laptop died mid-rollback; paged her, no answer", lease: expect.objectContaining({ holder: alice, takenOverFrom: { holder: carol, run: 'rollback-HO-1234', expiredAt: MORNING + 5 * MINUTE, reason: "carol's laptop died mid-rollback; paged her, no answer" } }) }),
    ]);
    const taken = applyEvents(state, events);
    expect(allowed(deployS01, taken, MORNING + 6 * MINUTE + 30_000, alice).map((e) => e.type)).toEqual(['stepStarted', 'leaseTaken']);
    // Another desk still may not run there.
    expect(decide(deployS01, engine(taken), MORNING + 6 * MINUTE + 30_000, oncall, demo)).toMatchObject({ allowed: false, message: expect.stringContaining('S01 is held by alice (PE) for taken over from carol') });
  });
});

describe('what the region pane is told about a lease', () => {
  const beat = (run: string, beatAt: number) => ({ S01: { run, expiresAt: beatAt + MINUTE, beatAt } });
  test.each([
    ['no beat yet: the taking itself', {}, MORNING],
    ["the holder's latest beat", beat('rollback-HO-1234', MORNING + 2 * MINUTE), MORNING + 2 * MINUTE],
    ["another run's beat says nothing about this lease", beat('sdc-deploy@S01', MORNING + 2 * MINUTE), MORNING],
  ])('its last heartbeat: %s', (_, beats, expected) => {
    const state = engine(heldByCarol(readyToDeployInS01()), beats);
    expect(leaseLastHeartbeat(state, state.leases.S01!)).toBe(expected);
  });

  test.each([
    ['held, within the expiry the log knows', {}, MORNING + 4 * MINUTE, 'blocked'],
    ['past the log’s expiry, but a beat keeps it', beat('rollback-HO-1234', MORNING + 5 * MINUTE), MORNING + 5 * MINUTE + 30_000, 'blocked'],
    ['expired without a beat', {}, MORNING + 5 * MINUTE, null],
    ['its last beat ran out', beat('rollback-HO-1234', MORNING + 5 * MINUTE), MORNING + 6 * MINUTE, null],
  ])('"Take over" is offered exactly when decide allows it: %s', (_, beats, now, code) => {
    const state = engine(heldByCarol(readyToDeployInS01()), beats);
    expect(takeOverBlocked(state, 'S01', now)?.code ?? null).toBe(code);
    expect(decide({ kind: 'takeOverLease', region: 'S01', reason: 'carol is not answering' }, state, now, oncall, demo).allowed).toBe(code === null);
  });

  test('a region without a lease has none to take over', () => {
    expect(takeOverBlocked(engine(readyToDeployInS01()), 'LON', MORNING)?.code).toBe('not_found');
  });
});

describe('a rollback confirmed while a deploy runs in a region it covers', () => {
  test('a second on-call engineer pressing "Roll back" is told who is rolling it back and since when', () => {
    const deploying = applyEvents(readyToDeployInS01(), allowed(deployS01, readyToDeployInS01(), MORNING, alice));
    const rollback: Intent = { kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' };
    const state = applyEvents(deploying, allowed(rollback, deploying, MORNING + 2 * MINUTE, carol));
    expect(decide(rollback, engine(state), MORNING + 3 * MINUTE, oncall, demo)).toMatchObject({ allowed: false, code: 'conflict', reasons: ['HO-1234 is already being rolled back by carol (on-call PE) since 10:57 UTC.'] });
  });

  test('waits for the deploy, logged once, then rolls back what the deploy actually left', () => {
    const deploying = applyEvents(readyToDeployInS01(), allowed(deployS01, readyToDeployInS01(), MORNING, alice));
    const LATER = MORNING + 30_000;
    let state = applyEvents(deploying, allowed({ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, deploying, LATER, oncall));
    const run = () => recordOf(state, R).rollbacks['HO-1234']!;
    const first = run().steps.find((s) => s.state === 'pending')!;
    expect(first.regionId).toBe('S01');
    const starting: Intent = { kind: 'rollbackStepStarting', release: R, handover: 'HO-1234', stepId: first.id };

    const waiting = allowed(starting, state, LATER, oncall);
    expect(waiting).toEqual([expect.objectContaining({ type: 'rollbackChanged', intent: 'rollbackWaiting' })]);
    state = applyEvents(state, waiting);
    // The log names the deploy's start in UTC, as every refusal does, and says which words name it: a desk in New York
    // reads "since Thu 19 Mar, 06:55 New York" (renderer/format/refusal.ts). Before: "since 10:55", no zone, no instant.
    expect(run().waitingFor).toBe('waiting for the deploy "Deploy — SDC/LON (~11:00 London)" in S01 to finish (alice, since 10:55 UTC)');
    expect(run().waitingInstants).toEqual([{ at: MORNING, words: '10:55 UTC' }]);
    expect(wordsWithInstants(run().waitingFor!, run().waitingInstants, 'America/New_York')).toBe('waiting for the deploy "Deploy — SDC/LON (~11:00 London)" in S01 to finish (alice, since Thu 19 Mar, 06:55 New York)');
    // Asked again while the deploy still runs: nothing new is logged.
    expect(decide(starting, engine(state, { S01: { run: 'sdc-deploy@S01', expiresAt: MORNING + 5 * MINUTE } }), MORNING + 2 * MINUTE, oncall, demo)).toMatchObject({ allowed: false, code: 'conflict' });
    // Nor for a wait a console logged before its words named their zone.
    const record = recordOf(state, R);
    const loggedBefore: ConsoleState = { ...state, releases: { ...state.releases, [R]: { ...record, rollbacks: { ...record.rollbacks, 'HO-1234': { ...run(), waitingFor: run().waitingFor!.replace(' UTC)', ')'), waitingInstants: [] } } } } };
    expect(decide(starting, engine(loggedBefore, { S01: { run: 'sdc-deploy@S01', expiresAt: MORNING + 5 * MINUTE } }), MORNING + 2 * MINUTE, oncall, demo)).toMatchObject({ allowed: false, code: 'conflict' });

    // The deploy ends having put only rt-media-gateway in place, then failing.
    state = applyEvents(state, [
      { type: 'commandExited', actor: alice, at: MORNING + 3 * MINUTE, release: R, runKey: 'sdc-deploy@S01', region: 'S01', step: 'sdc-deploy', run: null, argv: [], exitCode: 1, signal: null, error: null, effects: [{ kind: 'version', region: 'S01', package: 'rt-media-gateway', version: '4.13.0' }], rollback: null },
      { type: 'stepFinished', actor: alice, at: MORNING + 3 * MINUTE, release: R, step: 'sdc-deploy', region: 'S01', outcome: 'failed', cause: 'command', note: null, exitCode: 1 },
      { type: 'leaseReleased', actor: alice, at: MORNING + 3 * MINUTE, region: 'S01', run: 'sdc-deploy@S01' },
    ]);
    const next = run().steps.find((s) => s.state === 'pending')!;
    const go = allowed({ ...starting, stepId: next.id }, state, MORNING + 3 * MINUTE, oncall);
    expect(go.map((e) => e.type)).toEqual(['rollbackChanged', 'leaseTaken']);
    state = applyEvents(state, go);
    expect(run().waitingFor).toBeNull();
    const s01 = run().steps.filter((s) => s.regionId === 'S01');
    expect(s01.filter((s) => s.kind === 'rollback' || s.kind === 'remove').map((s) => s.package)).toEqual(['rt-media-gateway']);
    expect(state.leases.S01).toMatchObject({ holder: oncall, run: 'rollback-HO-1234', purpose: "HO-1234's rollback" });
  });
});

describe('backing a region out holds its lease', () => {
  const backOutS01: Intent = { kind: 'backOutRegion', release: R, region: 'S01', confirm: 'S01', reason: 'S01 deploy blocked until the next slot' };

  test('is refused while another run holds the region, with who holds it, for what and since when', () => {
    const decision = decide(backOutS01, engine(heldByCarol(readyToDeployInS01())), MORNING + 2 * MINUTE, oncall, demo);
    expect(decision).toMatchObject({ allowed: false, code: 'conflict', message: "S01 is held by carol (on-call PE) for HO-1234's rollback since 10:55 UTC, until 11:00 UTC." });
  });

  test('takes the lease when decided, so no step starts there while it runs, and gives it back when it ends', () => {
    const startedEvents = allowed(backOutS01, readyToDeployInS01(), MORNING, oncall);
    expect(startedEvents.map((e) => e.type)).toEqual(['backOutChanged', 'leaseTaken']);
    let state = applyEvents(readyToDeployInS01(), startedEvents);
    expect(state.leases.S01).toMatchObject({ holder: oncall, run: 'backout@S01', purpose: 'backing S01 out', since: MORNING });
    expect(decide(deployS01, engine(state), MORNING + MINUTE / 2, alice, demo)).toMatchObject({ allowed: false, code: 'conflict', message: 'S01 is held by olu (on-call PE) for backing S01 out since 10:55 UTC, until 10:56 UTC.' });

    // Its steps run under the lease it holds, which stays taken until the last one ends.
    for (const step of recordOf(state, R).backOuts.S01!.steps) {
      const starting = allowed({ kind: 'backOutStepStarting', release: R, region: 'S01', stepId: step.id }, state, MORNING + 1_000, oncall);
      expect(starting.map((e) => e.type)).toEqual(['backOutChanged']);
      state = applyEvents(state, starting);
      const outcome = { started: true as const, exitCode: 0, signal: null, startedAt: MORNING + 1_000, endedAt: MORNING + 2_000, transcriptFile: null, outputTail: '' };
      const exited = allowed({ kind: 'backOutStepExited', release: R, region: 'S01', stepId: step.id, outcome }, state, MORNING + 2_000, oncall);
      expect(exited.map((e) => e.type)).not.toContain('leaseReleased');
      state = applyEvents(state, exited);
    }
    expect(state.leases.S01?.run).toBe('backout@S01');
    const finished = allowed({ kind: 'backOutFinishing', release: R, region: 'S01' }, state, MORNING + 3_000, oncall);
    expect(finished.map((e) => e.type)).toEqual(['backOutChanged', 'leaseReleased']);
    expect(applyEvents(state, finished).leases).toEqual({});
  });

  test('a back-out running when the console stopped is failed on restart, never assumed done, and its lease given back', () => {
    let state = applyEvents(readyToDeployInS01(), allowed(backOutS01, readyToDeployInS01(), MORNING, oncall));
    const first = recordOf(state, R).backOuts.S01!.steps[0]!;
    state = applyEvents(state, allowed({ kind: 'backOutStepStarting', release: R, region: 'S01', stepId: first.id }, state, MORNING + 1_000, oncall));
    const interrupted = allowed({ kind: 'backOutInterrupted', release: R, region: 'S01' }, state, MORNING + 5 * MINUTE, oncall);
    expect(interrupted.map((e) => e.type)).toEqual(['backOutChanged', 'leaseReleased']);
    const after = applyEvents(state, interrupted);
    const run = recordOf(after, R).backOuts.S01!;
    expect(run).toMatchObject({ status: 'failed', endedAt: MORNING + 5 * MINUTE });
    expect(run.steps[0]).toMatchObject({ state: 'failed', detail: 'Interrupted: the console stopped while this ran. Check the region, then back it out again.' });
    expect(after.leases).toEqual({});
    // Backed out again, from what the region runs now.
    expect(allowed(backOutS01, after, MORNING + 6 * MINUTE, oncall).map((e) => e.type)).toEqual(['backOutChanged', 'leaseTaken']);
    // Nothing to interrupt once it has ended.
    expect(decide({ kind: 'backOutInterrupted', release: R, region: 'S01' }, engine(after), MORNING + 6 * MINUTE, oncall, demo)).toMatchObject({ allowed: false, code: 'conflict' });
  });
});

// Before, a back-out said "S01 is backed out" once its steps were done, whatever the region ran by then: a deploy whose
// exit was observed under it (its desk's lease taken over, its command ending late) left HO-1234 running in S01 again.
describe('a back-out that finds the release deployed again when its steps are done', () => {
  test('ends failed, not "backed out", naming what runs there, and gives the lease back', () => {
    const backOutS01: Intent = { kind: 'backOutRegion', release: R, region: 'S01', confirm: 'S01', reason: 'S01 deploy blocked until the next slot' };
    let state = applyEvents(readyToDeployInS01(), allowed(backOutS01, readyToDeployInS01(), MORNING, oncall));
    for (const step of recordOf(state, R).backOuts.S01!.steps) {
      state = applyEvents(state, allowed({ kind: 'backOutStepStarting', release: R, region: 'S01', stepId: step.id }, state, MORNING + 1_000, oncall));
      const outcome = { started: true as const, exitCode: 0, signal: null, startedAt: MORNING + 1_000, endedAt: MORNING + 2_000, transcriptFile: null, outputTail: '' };
      state = applyEvents(state, allowed({ kind: 'backOutStepExited', release: R, region: 'S01', stepId: step.id, outcome }, state, MORNING + 2_000, oncall));
    }
    // The late deploy's effect, as its commandExited would leave it.
    state = { ...state, world: { ...state.world, deployed: { S01: { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' } } } };
    const finished = allowed({ kind: 'backOutFinishing', release: R, region: 'S01' }, state, MORNING + 3_000, oncall);
    expect(finished.map((e) => e.type)).toEqual(['backOutChanged', 'leaseReleased']);
    const run = recordOf(applyEvents(state, finished), R).backOuts.S01!;
    expect(run.status).toBe('failed');
    expect(run.steps.at(-1)).toMatchObject({
      state: 'failed',
      title: 'Check what S01 runs now',
      detail: "HO-1234 (rt-media-gateway 4.13.0, routing-engine 2.9.0, cdr-export-lambda 1.0.0) runs in S01 at the new version after the back-out's steps: deployed while it ran. S01 is not backed out; back it out again.",
    });
  });
});
