import { beforeAll, describe, expect, test } from 'vitest';
import { buildCalendar } from '../../../shared/calendar/lanes';
import type { Calendar, CalendarLane } from '../../../shared/calendar/lanes';
import type { Freeze, FreezePeriod, Workspace } from '../../../shared/workspace/workspace';
import { at, iso, loadTemplate } from '../loadTemplate';

let demo: Workspace;
let canary: Workspace;
let flags: Workspace;
beforeAll(async () => {
  [demo, canary, flags] = (await Promise.all(['demo', 'canary-progressive', 'blue-green-feature-flags'].map(loadTemplate))) as [Workspace, Workspace, Workspace];
});

function lane(calendar: Calendar, id: string): CalendarLane {
  const found = calendar.lanes.find((l) => l.id === id);
  if (!found) throw new Error(`no lane ${id} in ${calendar.lanes.map((l) => l.id).join(', ')}`);
  return found;
}

const blocks = (l: CalendarLane) => l.blocks.map((b) => [iso(b.start), iso(b.end)]);
const HOUR = 3_600_000;

describe('the Release board calendar', () => {
  test("starts at the operator's midnight and runs fourteen of their days, each a column", () => {
    const calendar = buildCalendar(demo, at('2026-11-30T12:00:00Z'), 'America/New_York');
    expect(iso(calendar.from)).toBe('2026-11-30T05:00:00Z');
    expect(iso(calendar.to)).toBe('2026-12-14T05:00:00Z');
    expect(calendar.days).toHaveLength(14);
    expect(calendar.days.map((d) => d.weekday).slice(0, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  test("shows a London window to a New York operator at London's hours: EUW2 after 18:00 London is 13:00 in New York", () => {
    const calendar = buildCalendar(demo, at('2026-11-30T12:00:00Z'), 'America/New_York');
    const euw2 = lane(calendar, 'region:EUW2');
    expect(euw2.kind).toBe('window');
    expect(euw2.zone).toBe('Europe/London');
    expect(euw2.detail).toBe('EUW2/EUC1 out-of-hours window: after 18:00 London; outside it with approval from on-call PE (emergency releases)');
    expect(blocks(euw2).slice(0, 2)).toEqual([
      ['2026-11-30T18:00:00Z', '2026-12-01T00:00:00Z'],
      ['2026-12-01T18:00:00Z', '2026-12-02T00:00:00Z'],
    ]);
    expect(euw2.blocks).toHaveLength(14);
    // USE2 "before 14:00 London": the day's first block is cut at the calendar's start (midnight in New York).
    expect(blocks(lane(calendar, 'region:USE2'))[0]).toEqual(['2026-11-30T05:00:00Z', '2026-11-30T14:00:00Z']);
    // "Any time" every day is one block for the whole fortnight, not fourteen.
    expect(blocks(lane(calendar, 'region:S01'))).toEqual([['2026-11-30T05:00:00Z', '2026-12-14T05:00:00Z']]);
    // Cut at both edges, and marked so: it was open before the calendar starts and stays open after it ends.
    expect(lane(calendar, 'region:S01').blocks[0]).toMatchObject({ beganEarlier: true, goesOn: true });
    expect(euw2.blocks.some((b) => b.beganEarlier || b.goesOn)).toBe(false);
  });

  test.each([
    // Europe/London, last Sunday of March 2027: clocks go forward, the day is 23 hours.
    ['2027-03-28T12:00:00Z', 23, ['2027-03-27T18:00:00Z', '2027-03-28T00:00:00Z'], ['2027-03-28T17:00:00Z', '2027-03-28T23:00:00Z']],
    // Last Sunday of October 2026: clocks go back, the day is 25 hours.
    ['2026-10-25T12:00:00Z', 25, ['2026-10-24T17:00:00Z', '2026-10-24T23:00:00Z'], ['2026-10-25T18:00:00Z', '2026-10-26T00:00:00Z']],
  ])('on the DST day of %s, London days are %i hours and EUW2 opens at 18:00 local on both sides', (now, hours, dayBefore, dstDay) => {
    const before = buildCalendar(demo, at(now) - 24 * HOUR, 'Europe/London');
    const dst = before.days[1]!;
    expect((dst.end - dst.start) / HOUR).toBe(hours);
    expect((before.days[0]!.end - before.days[0]!.start) / HOUR).toBe(24);
    const euw2 = blocks(lane(before, 'region:EUW2'));
    expect(euw2[0]).toEqual(dayBefore);
    expect(euw2[1]).toEqual(dstDay);
    // "Before 14:00" on the DST day runs from its local midnight: 14 wall-clock hours are 13 or 15 real ones.
    const use2 = lane(before, 'region:USE2').blocks[1]!;
    expect(use2.start).toBe(dst.start);
    expect((use2.end - use2.start) / HOUR).toBe(hours - 10);
  });

  test('draws an annual freeze across the year end as one block, and quarter-end inside it', () => {
    const calendar = buildCalendar(canary, at('2026-12-25T10:00:00Z'), 'UTC');
    const holiday = lane(calendar, 'freeze:holiday-freeze');
    expect(holiday.kind).toBe('freeze');
    expect(holiday.title).toBe('Holiday freeze');
    expect(holiday.detail).toBe('frozen all day 15 Dec – 2 Jan every year in UTC; holidays; security releases are exempt');
    expect(blocks(holiday)).toEqual([['2026-12-25T00:00:00Z', '2027-01-03T00:00:00Z']]);
    // It began on 15 December, before the calendar's first day; it ends inside the fortnight.
    expect(holiday.blocks[0]?.beganEarlier).toBe(true);
    expect(holiday.blocks[0]?.goesOn).toBeUndefined();
    expect(blocks(lane(calendar, 'freeze:quarter-end'))).toEqual([['2026-12-29T00:00:00Z', '2027-01-01T00:00:00Z']]);
    expect(blocks(lane(calendar, 'freeze:product-launch'))).toEqual([]);
  });

  test("gives each release type's window one lane, naming who needs approval in it", () => {
    const calendar = buildCalendar(canary, at('2026-11-30T10:00:00Z'), 'UTC');
    const standard = lane(calendar, 'release-type-window:standard');
    expect(standard.detail).toMatch(/^on Mon–Thu between 14:00 and 18:00 UTC; for Standard deployment, Hotfix deployment/);
    expect(blocks(standard).slice(0, 1)).toEqual([['2026-11-30T14:00:00Z', '2026-11-30T18:00:00Z']]);
    expect(lane(calendar, 'release-type-window:extended').detail).toMatch(/with approval for Standard deployment \(approval from Engineering Manager\)/);
  });

  test.each<[string, FreezePeriod[], string]>([
    ['one whole date', [{ kind: 'dates', from: '2026-12-24', to: '2026-12-24' }], 'frozen all day Thu 24 Dec in London; product launch'],
    ['whole dates in one month', [{ kind: 'dates', from: '2026-03-24', to: '2026-03-25' }], 'frozen all day Tue 24 – Wed 25 Mar in London; product launch'],
    ['whole dates across a month, the next year', [{ kind: 'dates', from: '2027-03-30', to: '2027-04-02' }], 'frozen all day Tue 30 Mar – Fri 2 Apr 2027 in London; product launch'],
    ['a day every year', [{ kind: 'annual', from: '12-24', to: '12-24' }], 'frozen all day 24 Dec every year in London; product launch'],
    ['days every year', [{ kind: 'annual', from: '12-24', to: '12-26' }, { kind: 'annual', from: '12-31', to: '01-02' }], 'frozen all day 24 – 26 Dec every year and all day 31 Dec – 2 Jan every year in London; product launch'],
    ['the end of each quarter', [{ kind: 'quarterEnd', lastDays: 1 }], 'frozen all day the last day of each quarter in London; product launch'],
    ['Friday afternoons and weekends', [{ kind: 'weekly', days: ['Fri'], start: '14:00', end: '24:00' }, { kind: 'weekly', days: ['Sat', 'Sun'], start: '00:00', end: '24:00' }], 'frozen Fri after 14:00 and all day Sat and Sun in London; product launch'],
    ["a calendar's all-day event", [{ kind: 'interval', start: '2026-12-24T00:00:00Z', end: '2026-12-26T00:00:00Z', summary: 'Christmas' }], 'frozen all day Thu 24 – Fri 25 Dec (Christmas) in London; product launch'],
    ["a calendar's afternoon", [{ kind: 'interval', start: '2026-12-03T12:00:00Z', end: '2026-12-03T16:00:00Z' }], 'frozen Thu 3 Dec 12:00 – 16:00 in London; product launch'],
    ['a calendar that could not be read', [{ kind: 'interval', start: null, end: null }], 'frozen throughout in London; product launch'],
    ['a year of events', Array.from({ length: 5 }, (_, i) => ({ kind: 'dates' as const, from: `2026-12-0${i + 1}`, to: `2026-12-0${i + 1}` })), 'frozen all day Tue 1 Dec, all day Wed 2 Dec, all day Thu 3 Dec and 2 more times in London; product launch'],
  ])('words a freeze of %s as a PE says it, in the zone as the console names it', (_, periods, detail) => {
    const launch: Freeze = { id: 'launch', title: 'Launch freeze', reason: 'product launch', zone: 'Europe/London', periods, exceptions: [] };
    const calendar = buildCalendar({ ...demo, freezes: [launch] }, at('2026-12-02T12:00:00Z'), 'Europe/London');
    expect(lane(calendar, 'freeze:launch').detail).toBe(detail);
  });

  test("joins seed 004's Friday-afternoon and weekend freeze into one block, at Pacific hours", () => {
    const calendar = buildCalendar(flags, at('2026-12-02T12:00:00Z'), 'Europe/London');
    const blackout = lane(calendar, 'freeze:friday-afternoon');
    expect(blocks(blackout)).toEqual([
      ['2026-12-04T22:00:00Z', '2026-12-07T08:00:00Z'],
      ['2026-12-11T22:00:00Z', '2026-12-14T08:00:00Z'],
    ]);
  });
});
