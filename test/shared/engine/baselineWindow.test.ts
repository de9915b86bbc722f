import { beforeAll, describe, expect, test } from 'vitest';
import { decide, stepVerdict, type EngineState } from '../../../shared/engine/decide';
import type { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import type { ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

/**
 * The demo walk: S01 rolled first (10:55 maintenance on, 11:10 off), then S02's baseline. S01's sibling is
 * S02, so for those 15 minutes S02 carried S01's traffic; a 30-minute baseline taken at 11:10 counted it,
 * and when it went home S02 read "Throughput more than 30% below baseline" with "Roll back HO-1234/HO-1240"
 * offered for a healthy release.
 */
const R = '2026-03-product-rollout';
const ON = at('2026-03-19T10:55:00Z');
const OFF = at('2026-03-19T11:10:00Z');
const alice = { name: 'alice', role: 'PE' };

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

function maintenance(region: string, on: boolean, when: number): ReleaseEvent {
  const step = on ? 'sdc-maintenance-on' : 'sdc-maintenance-off';
  return { type: 'commandWouldRun', actor: alice, at: when, release: R, runKey: `${step}@${region}`, region, step, commandId: on ? 'maintenance-enable' : 'maintenance-disable', argv: ['maintenance', on ? 'enable' : 'disable', '--region', region], effects: [{ kind: 'maintenance', region, on }], rollback: null };
}

/** The Production CR written and reviewed, and S01's maintenance mode as `s01` says. */
function afterS01(s01: 'untouched' | 'on' | 'on and off'): ConsoleState {
  const reviewed: ReleaseEvent[] = ['write-prod-cr', 'review-prod-cr'].map((step) => ({ type: 'stepFinished', actor: alice, at: ON, release: R, step, region: null, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
  const s01Events = s01 === 'untouched' ? [] : s01 === 'on' ? [maintenance('S01', true, ON)] : [maintenance('S01', true, ON), maintenance('S01', false, OFF)];
  return applyEvents(initialState(), [...reviewed, ...s01Events]);
}

const engine = (state: ConsoleState): EngineState => ({ ...state, metrics: {} });
const baselineOf = (region: string): Intent => ({ kind: 'startStep', release: R, step: 'sdc-baseline', region });

describe("a region's baseline waits until its whole window is its own traffic, not its sibling's (seed 000: maintenance mode redirects traffic to the sibling)", () => {
  test.each([
    ['S01 never in maintenance mode: S02 at 11:10', 'untouched', 'S02', OFF, true, null, null],
    ['S01 in maintenance mode: S02 at 11:05', 'on', 'S02', at('2026-03-19T11:05:00Z'), false, "S02 is carrying S01's traffic (S01 is in maintenance mode): a baseline now would count it as S02's own. It can be taken 30 minutes after maintenance mode is disabled in S01.", null],
    ['S01 out of maintenance at 11:10: S02 at 11:10', 'on and off', 'S02', OFF, false, "S02 carried S01's traffic until 07:10 New York (11:10 UTC) (S01 was in maintenance mode): its 30-minute baseline window must hold only S02's own traffic. It can be taken from 07:40 New York (11:40 UTC).", at('2026-03-19T11:40:00Z')],
    ['S01 out of maintenance at 11:10: S02 at 11:39', 'on and off', 'S02', at('2026-03-19T11:39:00Z'), false, "S02 carried S01's traffic until 07:10 New York (11:10 UTC)", at('2026-03-19T11:40:00Z')],
    ['S01 out of maintenance at 11:10: S02 at 11:40, a whole clean window', 'on and off', 'S02', at('2026-03-19T11:40:00Z'), true, null, null],
    ['S01 out of maintenance at 11:10: LON (S01 does not send it traffic) at 11:10', 'on and off', 'LON', OFF, true, null, null],
  ] as const)('%s: allowed %s', (_name, s01, region, now, allowed, reason, opensAt) => {
    const state = engine(afterS01(s01));
    const decision = decide(baselineOf(region), state, now, alice, demo);
    expect(decision.allowed).toBe(allowed);
    if (decision.allowed || reason === null) return;
    expect(decision.code).toBe('blocked');
    expect(decision.reasons[0]).toContain(reason);
    // The step's pane asks the same question and shows the same sentence and the same opening.
    expect(stepVerdict({ release: R, step: 'sdc-baseline', region }, state, now, alice, demo)).toMatchObject({ allowed: false, state: 'blocked', reasons: [expect.stringContaining(reason)] });
    expect(decision.opensAt).toBe(opensAt);
  });

  test('nothing overrides it: a baseline counting the sibling’s share would raise a false throughput breach', () => {
    const decision = decide({ kind: 'overrideStep', release: R, step: 'sdc-baseline', region: 'S02', reason: 'in a hurry', approvers: [{ name: 'olu', role: 'on-call PE' }] }, engine(afterS01('on and off')), OFF, alice, demo);
    expect(decision.allowed).toBe(false);
  });

  test("retaking S02's baseline is held the same way, and allowed once the window is S02's own", () => {
    const taken: ReleaseEvent = { type: 'stepFinished', actor: alice, at: ON, release: R, step: 'sdc-baseline', region: 'S02', outcome: 'done', cause: 'baseline', note: null, exitCode: null };
    const state = engine(applyEvents(afterS01('on and off'), [taken]));
    const retake: Intent = { kind: 'retakeBaseline', release: R, step: 'sdc-baseline', region: 'S02' };
    const held = decide(retake, state, OFF, alice, demo);
    expect(held).toMatchObject({ allowed: false, code: 'blocked', opensAt: at('2026-03-19T11:40:00Z'), reasons: [expect.stringContaining("S02 carried S01's traffic until 07:10 New York (11:10 UTC)")] });
    expect(decide(retake, state, at('2026-03-19T11:40:00Z'), alice, demo).allowed).toBe(true);
  });

  test("its reason names when S01 came out and when the window is clean, each read in S02's zone, for a desk to read in its own", () => {
    const instants = [
      { at: at('2026-03-19T11:10:00Z'), words: '07:10 New York (11:10 UTC)', zone: 'America/New_York' },
      { at: at('2026-03-19T11:40:00Z'), words: '07:40 New York (11:40 UTC)', zone: 'America/New_York' },
    ];
    expect(decide(baselineOf('S02'), engine(afterS01('on and off')), OFF, alice, demo)).toMatchObject({ allowed: false, instants });
    const taken: ReleaseEvent = { type: 'stepFinished', actor: alice, at: ON, release: R, step: 'sdc-baseline', region: 'S02', outcome: 'done', cause: 'baseline', note: null, exitCode: null };
    const retake: Intent = { kind: 'retakeBaseline', release: R, step: 'sdc-baseline', region: 'S02' };
    expect(decide(retake, engine(applyEvents(afterS01('on and off'), [taken])), OFF, alice, demo)).toMatchObject({ allowed: false, instants });
  });

  test('the fold keeps when maintenance mode was switched off, region by region', () => {
    expect(afterS01('on and off').world.maintenanceOffAt).toEqual({ S01: OFF });
    expect(afterS01('on').world.maintenanceOffAt).toBeUndefined();
  });
});
