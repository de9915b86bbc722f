import { beforeAll, describe, expect, test } from 'vitest';
import { decide } from '../../../shared/engine/decide';
import { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import { isWithheldInRehearsal, wouldRunLine } from '../../../shared/engine/rehearsalTools';
import type { ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

const R = '2026-03-product-rollout';
const MORNING = at('2026-03-19T10:55:00Z');
const alice = { name: 'alice', role: 'PE' };
const oncall = { name: 'olu', role: 'on-call PE' };

let demo: Workspace;
/** The demo with real tools: no command declared rehearsal-safe, as any workspace's are by default. */
let realTools: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
  realTools = { ...demo, commands: demo.commands.map((c) => ({ ...c, rehearsalSafe: false })) };
});

const engine = (state: ConsoleState) => ({ ...state, metrics: {} });

/** S01's deploy step running: S01 in maintenance mode, its deploy just started. */
function deployRunning(): ConsoleState {
  const state = initialState();
  return applyEvents({ ...state, world: { ...state.world, maintenance: { S01: true } } }, [{ type: 'stepStarted', actor: alice, at: MORNING - 60_000, release: R, step: 'sdc-deploy', region: 'S01', retry: false, kind: 'command' }]);
}

const withheldDeploy = (rehearsal: boolean, last = true): Intent => ({
  kind: 'commandWithheld',
  release: R,
  step: 'sdc-deploy',
  region: 'S01',
  commandId: 'deploy-apply',
  argv: ['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'S01'],
  values: { package: 'rt-media-gateway', version: '4.13.0', region: 'S01' },
  last,
  rehearsal,
});

describe('which commands a rehearsal withholds', () => {
  test.each([
    { when: 'a live console, a real tool', rehearsalSafe: false, rehearsal: false, withheld: false },
    { when: 'a live console, a simulated tool', rehearsalSafe: true, rehearsal: false, withheld: false },
    { when: 'a rehearsal, a real tool', rehearsalSafe: false, rehearsal: true, withheld: true },
    { when: 'a rehearsal, a simulated tool', rehearsalSafe: true, rehearsal: true, withheld: false },
  ])('$when: withheld $withheld', ({ rehearsalSafe, rehearsal, withheld }) => {
    expect(isWithheldInRehearsal({ rehearsalSafe }, rehearsal)).toBe(withheld);
  });

  test('an unknown command is withheld in a rehearsal: nothing runs by default', () => {
    expect(isWithheldInRehearsal(undefined, true)).toBe(true);
  });

  test('says plainly what would have run', () => {
    expect(wouldRunLine(['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'S01'])).toBe('Rehearsal: would run deploy apply rt-media-gateway 4.13.0 --region S01, not run');
  });
});

describe('decide, on a withheld command', () => {
  test('logs "would run" with the argv, applies the deploy\'s effect, and ends the step done saying it did not run', () => {
    const decision = decide(withheldDeploy(true), engine(deployRunning()), MORNING, alice, realTools);
    if (!decision.allowed) throw new Error(decision.message);
    expect(decision.events.map((e) => e.type)).toEqual(['commandWouldRun', 'stepFinished']);
    for (const event of decision.events) expect(ReleaseEvent.safeParse(JSON.parse(JSON.stringify(event))).success).toBe(true);
    expect(decision.events[0]).toMatchObject({ step: 'sdc-deploy', region: 'S01', argv: ['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'S01'] });
    // The step's note names each of its commands: one per package of the release deployed in S01.
    const finished = decision.events[1];
    expect(finished?.type === 'stepFinished' && [finished.outcome, finished.note?.split('\n')]).toEqual([
      'done',
      [
        'Rehearsal: would run deploy apply rt-media-gateway 4.13.0 --region S01, not run',
        'Rehearsal: would run deploy apply routing-engine 2.9.0 --region S01, not run',
        'Rehearsal: would run deploy apply cdr-export-lambda 1.0.0 --region S01, not run',
        'Rehearsal: would run deploy apply transcribed 3.5.0 --region S01, not run',
        'Rehearsal: would run deploy apply stats-transcribed 1.9.1 --region S01, not run',
      ],
    ]);
    expect(applyEvents(deployRunning(), decision.events).world.deployed.S01).toEqual({ 'rt-media-gateway': '4.13.0' });
  });

  test('keeps the step running when more of its commands follow', () => {
    const decision = decide(withheldDeploy(true, false), engine(deployRunning()), MORNING, alice, realTools);
    expect(decision.allowed && decision.events.map((e) => e.type)).toEqual(['commandWouldRun']);
  });

  test.each([
    { when: 'outside a rehearsal', rehearsal: false, workspace: () => realTools },
    { when: 'for a rehearsal-safe command', rehearsal: true, workspace: () => demo },
  ])('refuses to record a would-run $when: that command runs for real', ({ rehearsal, workspace }) => {
    expect(decide(withheldDeploy(rehearsal), engine(deployRunning()), MORNING, alice, workspace())).toMatchObject({ allowed: false, code: 'conflict', message: expect.stringMatching(/runs for real here/) });
  });

  test('withholds a rollback\'s commands in a rehearsal too, with their effects, and the rollback walks on', () => {
    let state = applyEvents(deployRunning(), (decide(withheldDeploy(true), engine(deployRunning()), MORNING, alice, realTools) as { events: ReleaseEvent[] }).events);
    const step = (intent: Intent) => {
      const decision = decide(intent, engine(state), MORNING, oncall, realTools);
      if (!decision.allowed) throw new Error(`${intent.kind}: ${decision.message}`);
      state = applyEvents(state, decision.events);
      return decision.events;
    };
    step({ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' });
    const first = state.releases[R]!.rollbacks['HO-1234']!.steps[0]!;
    step({ kind: 'rollbackStepStarting', release: R, handover: 'HO-1234', stepId: first.id });
    const events = step({ kind: 'rollbackStepWithheld', release: R, handover: 'HO-1234', stepId: first.id, rehearsal: true });
    expect(events.map((e) => e.type)).toEqual(['commandWouldRun', 'rollbackChanged']);
    expect(events[0]).toMatchObject({ rollback: 'HO-1234', argv: first.argv });
    const after = state.releases[R]!.rollbacks['HO-1234']!.steps[0]!;
    expect([after.state, after.detail]).toEqual(['done', wouldRunLine(first.argv)]);
  });

  test("a stop asked of a withheld rollback step does not outlive it: the next command can still be stopped", () => {
    // A real workspace's rehearsal: every rollback command is withheld. The on-call PE presses Stop between a
    // step's start and its withholding; nothing ran, so nothing was killed, and the stop must end with the step.
    let state = applyEvents(deployRunning(), (decide(withheldDeploy(true), engine(deployRunning()), MORNING, alice, realTools) as { events: ReleaseEvent[] }).events);
    const step = (intent: Intent, now = MORNING) => {
      const decision = decide(intent, engine(state), now, oncall, realTools);
      if (!decision.allowed) throw new Error(`${intent.kind}: ${decision.message}`);
      state = applyEvents(state, decision.events);
      return decision.events;
    };
    step({ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' });
    const [first, second] = state.releases[R]!.rollbacks['HO-1234']!.steps;
    step({ kind: 'rollbackStepStarting', release: R, handover: 'HO-1234', stepId: first!.id });
    step({ kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: first!.id });
    step({ kind: 'rollbackStepWithheld', release: R, handover: 'HO-1234', stepId: first!.id, rehearsal: true });
    expect(state.releases[R]!.rollbacks['HO-1234']!.stopping).toBeNull();
    step({ kind: 'rollbackStepStarting', release: R, handover: 'HO-1234', stepId: second!.id });
    const stop = decide({ kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: second!.id }, engine(state), MORNING + 1_000, oncall, realTools);
    expect(stop.allowed ? stop.events.map((e) => (e.type === 'rollbackChanged' ? e.run.stopping : null)) : stop.message).toEqual([{ stepId: second!.id, by: 'olu', role: 'on-call PE', at: MORNING + 1_000 }]);
  });

  test("a stop asked of a withheld back-out step does not outlive it either", () => {
    let state = applyEvents(deployRunning(), (decide(withheldDeploy(true), engine(deployRunning()), MORNING, alice, realTools) as { events: ReleaseEvent[] }).events);
    const step = (intent: Intent) => {
      const decision = decide(intent, engine(state), MORNING, oncall, realTools);
      if (!decision.allowed) throw new Error(`${intent.kind}: ${decision.message}`);
      state = applyEvents(state, decision.events);
    };
    step({ kind: 'backOutRegion', release: R, region: 'S01', confirm: 'S01' });
    const [first, second] = state.releases[R]!.backOuts['S01']!.steps;
    step({ kind: 'backOutStepStarting', release: R, region: 'S01', stepId: first!.id });
    step({ kind: 'stopBackOutStep', release: R, region: 'S01', stepId: first!.id });
    step({ kind: 'backOutStepWithheld', release: R, region: 'S01', stepId: first!.id, rehearsal: true });
    expect(state.releases[R]!.backOuts['S01']!.stopping).toBeNull();
    step({ kind: 'backOutStepStarting', release: R, region: 'S01', stepId: second!.id });
    const stop = decide({ kind: 'stopBackOutStep', release: R, region: 'S01', stepId: second!.id }, engine(state), MORNING, oncall, realTools);
    expect(stop.allowed || stop.message).toBe(true);
    // A Stop still naming the first (pressed as it ended) stops nothing: the second runs on.
    const stale = decide({ kind: 'stopBackOutStep', release: R, region: 'S01', stepId: first!.id }, engine(state), MORNING, oncall, realTools);
    expect(stale.allowed ? 'allowed' : stale.message).toBe(`${first!.argv.join(' ')} in S01 is not running now: it is done. Backing S01 out now runs ${second!.argv.join(' ')} in S01; press Stop again to stop that.`);
    // The stopped command exits: the back-out stops there and keeps who stopped it, for its dialog to say so.
    step({ kind: 'stopBackOutStep', release: R, region: 'S01', stepId: second!.id });
    const interruption = { kind: 'stopped' as const, message: 'stopped by olu (on-call PE)' };
    step({ kind: 'backOutStepExited', release: R, region: 'S01', stepId: second!.id, outcome: { started: true, exitCode: 0, signal: 'SIGKILL', startedAt: MORNING, endedAt: MORNING + 10_000, transcriptFile: null, outputTail: '', interruption } });
    const stopped = state.releases[R]!.backOuts['S01']!;
    expect([stopped.status, stopped.stopping]).toEqual(['failed', { stepId: second!.id, by: 'olu', role: 'on-call PE', at: MORNING }]);
  });
});
