import { describe, expect, test } from 'vitest';
import { ReleaseEvent } from '../../../shared/engine/events';
import { applyEffects, applyEvent, applyEvents, initialState, recordOf } from '../../../shared/engine/fold';
import type { ConsoleState } from '../../../shared/engine/state';

const R = '2026-03-product-rollout';
const T = Date.parse('2026-03-19T11:00:00Z');
const alice = { name: 'alice', role: 'PE' };
const on = { actor: alice, at: T, release: R };

type Check = (after: ConsoleState, before: ConsoleState) => void;

const rows: Array<[string, ReleaseEvent, Check]> = [
  ['a started step is running, by whom and since when', { type: 'stepStarted', ...on, step: 'sdc-baseline', region: 'S01', retry: false, kind: 'baseline' }, (s) => expect(s.releases[R]!.steps['sdc-baseline@S01']).toEqual({ status: 'running', at: T, by: 'alice', role: 'PE' })],
  [
    'a finished step keeps its note and exit code; an interrupted one says so',
    { type: 'stepFinished', ...on, step: 'sdc-deploy', region: 'LON', outcome: 'failed', cause: 'interrupted', note: 'Interrupted', exitCode: null },
    (s) => expect(s.releases[R]!.steps['sdc-deploy@LON']).toEqual({ status: 'failed', at: T, by: 'alice', role: 'PE', note: 'Interrupted', interrupted: true }),
  ],
  ['a metric gate that held is done', { type: 'gateHeld', ...on, step: 'sdc-metric-gate', region: 'S01', minutes: 10 }, (s) => expect(s.releases[R]!.steps['sdc-metric-gate@S01']).toMatchObject({ status: 'done' })],
  ['an approval is added to the ones given', { type: 'approvalGiven', ...on, step: 'review-prod-cr', region: null, approver: { name: 'bob', role: 'PE', at: T } }, (s) => expect(s.releases[R]!.approvals['review-prod-cr@*']).toEqual([{ name: 'bob', role: 'PE', at: T }])],
  [
    'an override replaces an earlier one for the same step and region',
    { type: 'overrideGranted', ...on, step: 'x', region: 'EUW2', override: { stepId: 'x', region: 'EUW2', reason: 'r', approvers: [], by: 'alice', at: T, required: [] }, blockedBy: [] },
    (s) => expect(s.releases[R]!.overrides).toHaveLength(1),
  ],
  ['a QA tick is kept by item', { type: 'qaTicked', ...on, itemId: 'qa-post-rollout#2', tick: { outcome: 'fail', by: alice, at: T, note: 'regression' } }, (s) => expect(s.releases[R]!.qa['qa-post-rollout#2']).toMatchObject({ outcome: 'fail', note: 'regression' })],
  ['a QA tick is added to the ticks before it, in order', { type: 'qaTicked', ...on, itemId: 'qa-post-rollout#2', tick: { outcome: 'pass', by: alice, at: T } }, (s) => expect(s.releases[R]!.qaTicks).toEqual([{ itemId: 'qa-post-rollout#2', tick: { outcome: 'pass', by: alice, at: T } }])],
  ['a handover move keeps where it came from', { type: 'handoverMoved', ...on, handover: 'HO-1234', from: 'Ready for Production', to: 'Production Rollback Required' }, (s) => expect(s.releases[R]!.handovers['HO-1234']).toEqual({ status: 'Production Rollback Required', history: ['Ready for Production'] })],
  [
    "a command's exit adds its run and applies its effect to the world",
    {
      type: 'commandExited',
      ...on,
      runKey: 'sdc-maintenance-on@S01',
      region: 'S01',
      step: 'sdc-maintenance-on',
      run: { commandId: 'maintenance-enable', argv: ['maintenance', 'enable'], regionId: 'S01', exitCode: 0, startedAt: T, endedAt: T, transcriptFile: null, outputTail: '' },
      argv: ['maintenance', 'enable'],
      exitCode: 0,
      signal: null,
      error: null,
      effects: [{ kind: 'maintenance', region: 'S01', on: true }],
      rollback: null,
    },
    (s) => {
      expect(s.releases[R]!.runs['sdc-maintenance-on@S01']).toHaveLength(1);
      expect(s.world.maintenance).toEqual({ S01: true });
    },
  ],
  ['the operator is set', { type: 'operatorSet', actor: alice, at: T, from: alice, to: { name: 'bob', role: 'PE' } }, (s) => expect(s.operator).toEqual({ name: 'bob', role: 'PE' })],
  ['a release is selected', { type: 'releaseSelected', actor: alice, at: T, release: '2026-03-emergency-sip' }, (s) => expect(s.selectedRelease).toBe('2026-03-emergency-sip')],
  ['a refusal changes nothing', { type: 'refused', actor: alice, at: T, intent: 'startStep', release: R, region: 'EUW2', step: 'x', reasons: ['no'], opensAt: null, allowed: false, handover: null }, (s, before) => expect(s).toBe(before)],
  ['a clock move is where a restarted rehearsal resumes, and changes nothing else', { type: 'clockMoved', actor: alice, at: T, from: T, to: T + 60_000 }, (s, before) => expect(s).toEqual({ ...before, rehearsalClock: T + 60_000 })],
];

describe('applyEvent', () => {
  test.each(rows)('%s', (_name, event, check) => {
    expect(ReleaseEvent.safeParse(event).success).toBe(true);
    const before = initialState();
    const frozen = JSON.stringify(before);
    check(applyEvent(before, event), before);
    // Pure: the state handed in is never changed.
    expect(JSON.stringify(before)).toBe(frozen);
  });

  test('state is the fold of the events, whatever way they are grouped', () => {
    const events = rows.map(([, event]) => event);
    const once = applyEvents(initialState(), events);
    const inTwo = applyEvents(applyEvents(initialState(), events.slice(0, 5)), events.slice(5));
    expect(inTwo).toEqual(once);
    expect(events.reduce(applyEvent, initialState())).toEqual(once);
  });

  test('a release id from the log finds no inherited record', () => {
    expect(recordOf(initialState(), '__proto__').steps).toEqual({});
    expect(recordOf(initialState(), 'constructor').steps).toEqual({});
  });
});

describe('drills', () => {
  const drill = (scenario: 'errorSpike' | 'healthy', at = T): ReleaseEvent => ({ type: 'drillSet', actor: alice, at, region: 'S01', scenario });
  const backOut = (status: 'running' | 'done', at: number) => ({ type: 'backOutChanged', actor: alice, at, release: R, region: 'S01', step: null, intent: 'backOutFinished', detail: {}, run: { status } }) as unknown as ReleaseEvent;

  test('a drill runs from its entry, by whom, until Healthy ends it', () => {
    const running = applyEvents(initialState(), [drill('errorSpike')]);
    expect(ReleaseEvent.safeParse(drill('errorSpike')).success).toBe(true);
    expect(running.drills).toEqual({ S01: { scenario: 'errorSpike', startedMs: T, rolledBackMs: null, by: { name: 'alice', role: 'PE' } } });
    expect(applyEvents(running, [drill('healthy', T + 60_000)]).drills).toEqual({});
  });

  test("the region's back-out ending recovers it once, from then; a new drill starts unrecovered", () => {
    const backedOut = applyEvents(initialState(), [drill('errorSpike'), backOut('running', T + 60_000), backOut('done', T + 120_000), backOut('done', T + 180_000)]);
    expect(backedOut.drills?.S01).toMatchObject({ rolledBackMs: T + 120_000 });
    expect(applyEvents(backedOut, [drill('errorSpike', T + 240_000)]).drills?.S01).toMatchObject({ startedMs: T + 240_000, rolledBackMs: null });
  });

  test("a rollback step that leaves the region on the old versions recovers it; other steps do not", () => {
    const step = (regionRolledBack: string | undefined, at: number) => ({ type: 'rollbackChanged', actor: alice, at, release: R, handover: 'HO-1234', step: 's', intent: 'rollbackStepDone', detail: { rollback: 'HO-1234', step: 's', ...(regionRolledBack ? { regionRolledBack } : {}) }, run: { handoverId: 'HO-1234' } }) as unknown as ReleaseEvent;
    const state = applyEvents(initialState(), [drill('errorSpike'), step(undefined, T + 60_000), step('LON', T + 90_000)]);
    expect(state.drills?.S01?.rolledBackMs).toBeNull();
    expect(applyEvents(state, [step('S01', T + 120_000)]).drills?.S01?.rolledBackMs).toBe(T + 120_000);
  });
});

describe('the world', () => {
  test.each([
    ['maintenance on, then off', [{ kind: 'maintenance', region: 'S01', on: true }, { kind: 'maintenance', region: 'S01', on: false }], { maintenance: { S01: false }, deployed: {} }],
    ['a deploy, then its rollback', [{ kind: 'version', region: 'LON', package: 'rt-media-gateway', version: '4.13.0' }, { kind: 'version', region: 'LON', package: 'rt-media-gateway', version: '4.12.0' }], { maintenance: {}, deployed: { LON: { 'rt-media-gateway': '4.12.0' } } }],
    ['a new package removed again', [{ kind: 'version', region: 'LON', package: 'cdr-export-lambda', version: '1.0.0' }, { kind: 'version', region: 'LON', package: 'cdr-export-lambda', version: null }], { maintenance: {}, deployed: { LON: {} } }],
  ] as const)('%s', (_name, effects, world) => {
    expect(applyEffects({ maintenance: {}, deployed: {} }, effects.map((e) => ({ ...e })))).toEqual(world);
  });
});
