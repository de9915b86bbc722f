import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { gateDeadline } from '../../../shared/engine/gates';
import { stepVerdict } from '../../../shared/engine/decide';
import { initialState } from '../../../shared/engine/fold';
import { comingDemoWeek, shiftIsoDate, shiftWorkspaceWeeks, startingClock } from '../../../shared/workspace/demoWeek';
import { loadWorkspace } from '../../../main/workspace/load';

describe('the demo placed on the coming rollout week', () => {
  test.each([
    // today (UTC instant)          London day            weeks  rehearsal start (UTC)
    ['2026-03-19T09:00:00Z', 'the demo\'s own Thursday', 0, '2026-03-19T10:55:00Z'],
    ['2026-03-19T23:30:00Z', 'the demo\'s Thursday, late evening', 0, '2026-03-19T10:55:00Z'],
    ['2026-03-20T08:00:00Z', 'the demo\'s Friday: next week', 1, '2026-03-26T10:55:00Z'],
    ['2026-11-28T19:30:00Z', 'a Saturday evening', 37, '2026-12-03T10:55:00Z'],
    ['2026-11-29T23:59:00Z', 'a Sunday just before midnight', 37, '2026-12-03T10:55:00Z'],
    ['2026-12-03T22:30:00Z', 'a Thursday night: that morning', 37, '2026-12-03T10:55:00Z'],
    ['2026-12-04T17:00:00Z', 'a Friday at 17:00: next week', 38, '2026-12-10T10:55:00Z'],
    // Spring: clocks go forward on Sunday 29 March 2026; the Thursday after is in BST.
    ['2026-03-27T12:00:00Z', 'the Friday before spring forward', 2, '2026-04-02T09:55:00Z'],
    ['2026-03-29T00:30:00Z', 'the spring-forward Sunday, before the change', 2, '2026-04-02T09:55:00Z'],
    ['2026-03-29T01:30:00Z', 'the spring-forward Sunday, after the change', 2, '2026-04-02T09:55:00Z'],
    // Autumn: clocks go back on Sunday 25 October 2026.
    ['2026-10-21T12:00:00Z', 'the Wednesday before fall back (BST Thursday)', 31, '2026-10-22T09:55:00Z'],
    ['2026-10-25T00:30:00Z', 'the fall-back Sunday, before the change', 32, '2026-10-29T10:55:00Z'],
    ['2026-10-26T07:00:00Z', 'the Monday after fall back (GMT Thursday)', 32, '2026-10-29T10:55:00Z'],
    // Already Thursday in London while still Wednesday in UTC.
    ['2026-07-01T23:30:00Z', 'Thursday 00:30 BST', 15, '2026-07-02T09:55:00Z'],
    ['2025-01-01T12:00:00Z', 'a day before the demo was written', -63, '2025-01-02T10:55:00Z'],
  ])('%s (%s) is %i weeks on, rehearsing from %s', (today, _day, weeks, start) => {
    const week = comingDemoWeek(Date.parse(today));
    expect(week.weeks).toBe(weeks);
    expect(new Date(week.rehearsalStart).toISOString()).toBe(new Date(start).toISOString());
  });

  test('the rehearsal always starts on a Thursday at 10:55 London, never before today', () => {
    for (let day = 0; day < 800; day++) {
      const today = Date.parse('2026-01-01T18:00:00Z') + day * 86_400_000;
      const { rehearsalStart } = comingDemoWeek(today);
      const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(rehearsalStart);
      expect(london).toBe('Thu 10:55');
      expect(rehearsalStart - today).toBeGreaterThan(-86_400_000);
      expect(rehearsalStart - today).toBeLessThan(7 * 86_400_000);
    }
  });

  test('refuses a time that is not a number', () => {
    expect(() => comingDemoWeek(Number.NaN)).toThrow(/finite epoch time/);
  });

  test.each([
    ['2026-03-02', 0, '2026-03-02'],
    ['2026-03-02', 4, '2026-03-30'],
    ['2026-03-02', 39, '2026-11-30'],
    ['2026-03-02', -10, '2025-12-22'],
  ])('shifts %s by %i weeks to %s', (date, weeks, shifted) => {
    expect(shiftIsoDate(date, weeks)).toBe(shifted);
  });

  test('refuses a date that is not an ISO date', () => {
    expect(() => shiftIsoDate('2 March', 1)).toThrow(/"2 March" is not an ISO date/);
  });

  test('the shifted demo has gate 5 due on the Friday after the rehearsal Thursday, at 10:00 London across DST', async () => {
    const loaded = await loadWorkspace(path.resolve(__dirname, '../../../workspaces/demo'));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const gate5 = loaded.workspace.runbooks.find((r) => r.id === 'production-rollout')!.gates[0]!.deadline!;
    for (const [today, due] of [
      ['2026-11-28T19:30:00Z', '2026-12-04T10:00:00Z'],
      ['2026-03-27T12:00:00Z', '2026-04-03T09:00:00Z'],
      ['2026-10-21T12:00:00Z', '2026-10-23T09:00:00Z'],
    ] as const) {
      const shifted = shiftWorkspaceWeeks(loaded.workspace, comingDemoWeek(Date.parse(today)).weeks);
      const rollout = shifted.releases.find((r) => r.id === loaded.workspace.defaultRelease)!;
      expect(new Date(gateDeadline(rollout.cycleStart, gate5)).toISOString()).toBe(new Date(due).toISOString());
    }
    expect(shiftWorkspaceWeeks(loaded.workspace, 0)).toBe(loaded.workspace);
    expect(() => shiftWorkspaceWeeks(loaded.workspace, 0.5)).toThrow(/whole weeks/);
  });
});

describe('a fresh start of the demo at any date', () => {
  test('opens on a rehearsal morning where the first step can be done and gate 5 is still ahead, every 7 hours over two years', async () => {
    const loaded = await loadWorkspace(path.resolve(__dirname, '../../../workspaces/demo'));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const gate5 = loaded.workspace.runbooks.find((r) => r.id === 'production-rollout')!.gates[0]!.deadline!;
    const refused: string[] = [];
    // Every 7 hours lands on every hour of every weekday in turn, DST weeks included.
    for (let today = Date.parse('2026-01-01T00:00:00Z'); today < Date.parse('2028-01-01T00:00:00Z'); today += 7 * 3_600_000) {
      const starting = startingClock({ workspaceChosen: false, rehearsalAt: null, live: false, today });
      if (starting.mode !== 'simulated') throw new Error('the demo with no flags is a rehearsal');
      const workspace = shiftWorkspaceWeeks(loaded.workspace, starting.demoWeeks);
      const rollout = workspace.releases.find((r) => r.id === workspace.defaultRelease)!;
      const verdict = stepVerdict({ release: rollout.id, step: 'write-prod-cr', region: null }, { ...initialState(), metrics: {} }, starting.start, { name: 'alice', role: 'PE' }, workspace);
      if (!verdict.allowed || gateDeadline(rollout.cycleStart, gate5) <= starting.start) refused.push(new Date(today).toISOString());
    }
    expect(refused).toEqual([]);
  });
});

describe('how the console clock starts', () => {
  const today = Date.parse('2026-11-28T19:30:00Z');
  test.each([
    ['no workspace chosen: the demo rehearsal on the coming Thursday', { workspaceChosen: false, rehearsalAt: null, live: false }, { mode: 'simulated', start: Date.parse('2026-12-03T10:55:00Z'), demoWeeks: 37, switchable: true }],
    ['no workspace chosen, --live: the real clock, the demo in the coming week', { workspaceChosen: false, rehearsalAt: null, live: true }, { mode: 'system', demoWeeks: 37, switchable: true }],
    ['a pinned --rehearsal-at keeps the demo dates', { workspaceChosen: false, rehearsalAt: Date.parse('2026-03-19T10:55:00Z'), live: false }, { mode: 'simulated', start: Date.parse('2026-03-19T10:55:00Z'), demoWeeks: 0, switchable: false }],
    ['a chosen workspace is live', { workspaceChosen: true, rehearsalAt: null, live: false }, { mode: 'system', demoWeeks: 0, switchable: false }],
    ['a chosen workspace pinned is a rehearsal', { workspaceChosen: true, rehearsalAt: Date.parse('2026-03-20T10:55:00Z'), live: false }, { mode: 'simulated', start: Date.parse('2026-03-20T10:55:00Z'), demoWeeks: 0, switchable: false }],
  ] as const)('%s', (_name, request, expected) => {
    expect(startingClock({ ...request, today })).toEqual(expected);
  });

  test('refuses --live with --rehearsal-at', () => {
    expect(() => startingClock({ workspaceChosen: false, rehearsalAt: today, live: true, today })).toThrow(/either live or a rehearsal/);
  });
});
