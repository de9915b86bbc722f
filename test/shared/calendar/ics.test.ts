import ICAL from 'ical.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { exportCalendar } from '../../../shared/calendar/ics';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, iso, loadTemplate } from '../loadTemplate';

let demo: Workspace;
let canary: Workspace;
let flags: Workspace;
beforeAll(async () => {
  [demo, canary, flags] = (await Promise.all(['demo', 'canary-progressive', 'blue-green-feature-flags'].map(loadTemplate))) as [Workspace, Workspace, Workspace];
});

/** Parses the export back the way a subscriber's calendar would: VTIMEZONEs registered, then each event read. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  return { calendar, events };
}

function event(events: ICAL.Event[], summary: string): ICAL.Event {
  const found = events.find((e) => e.summary === summary);
  if (!found) throw new Error(`no event "${summary}" among ${events.map((e) => e.summary).join(', ')}`);
  return found;
}

/** Every occurrence's [start, end) as UTC instants, as a calendar app expands the RRULE. */
function occurrences(e: ICAL.Event, until: number): Array<[string | null, string | null]> {
  const expansion = e.iterator();
  const found: Array<[string | null, string | null]> = [];
  for (let next = expansion.next(); next && next.toJSDate().getTime() < until; next = expansion.next()) {
    const details = e.getOccurrenceDetails(next);
    found.push([iso(details.startDate.toJSDate().getTime()), iso(details.endDate.toJSDate().getTime())]);
  }
  return found;
}

describe('the .ics export of windows and freezes', () => {
  test('is an iCalendar document with one recurring event per window in use, in its own zone', () => {
    const { filename, content: text } = exportCalendar(demo, at('2026-11-30T09:00:00Z'), 2);
    expect(filename).toBe('demo-regional-rt-platform-windows-and-freezes.ics');
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toEqual(['Europe/London']);
    // Four windows are some region's timing; the CAI and Friday-check windows belong to packages and steps.
    expect(events.map((e) => e.summary).sort()).toEqual([
      'Window: APSE1/APSE2 out-of-hours window',
      'Window: Any time',
      'Window: EUW2/EUC1 out-of-hours window',
      'Window: USE2/USW2 out-of-hours window',
    ]);
    const eu = event(events, 'Window: EUW2/EUC1 out-of-hours window');
    expect(eu.description).toBe('Deploys open EUW2, EUC1');
    expect(eu.startDate.zone?.tzid).toBe('Europe/London');
    expect(eu.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/London');
    expect(eu.isRecurring()).toBe(true);
    expect(String(eu.component.getFirstPropertyValue('rrule'))).toMatch(/^FREQ=DAILY;UNTIL=20261213T235959Z$/);
    expect(occurrences(eu, at('2026-12-20T00:00:00Z'))).toHaveLength(14);
  });

  test('keeps a London window at 18:00 London across the change to summer time', () => {
    const { content: text } = exportCalendar(demo, at('2027-03-26T09:00:00Z'), 1);
    const { events } = parse(text);
    expect(occurrences(event(events, 'Window: EUW2/EUC1 out-of-hours window'), at('2027-03-31T00:00:00Z'))).toEqual([
      ['2027-03-26T18:00:00Z', '2027-03-27T00:00:00Z'],
      ['2027-03-27T18:00:00Z', '2027-03-28T00:00:00Z'],
      ['2027-03-28T17:00:00Z', '2027-03-28T23:00:00Z'],
      ['2027-03-29T17:00:00Z', '2027-03-29T23:00:00Z'],
      ['2027-03-30T17:00:00Z', '2027-03-30T23:00:00Z'],
    ]);
  });

  test('repeats a window on its weekdays only, and names the release types that need approval in it', () => {
    const { content: text } = exportCalendar(canary, at('2026-11-30T09:00:00Z'), 1);
    const { events } = parse(text);
    const standard = event(events, 'Window: Standard window');
    expect(String(standard.component.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=20261206T235959Z');
    expect(occurrences(standard, at('2026-12-07T00:00:00Z'))).toEqual([
      ['2026-11-30T14:00:00Z', '2026-11-30T18:00:00Z'],
      ['2026-12-01T14:00:00Z', '2026-12-01T18:00:00Z'],
      ['2026-12-02T14:00:00Z', '2026-12-02T18:00:00Z'],
      ['2026-12-03T14:00:00Z', '2026-12-03T18:00:00Z'],
    ]);
    expect(event(events, 'Window: Extended window').description).toMatch(/\(with approval\)/);
  });

  test('gives a freeze of whole days as all-day events, across the year end', () => {
    const { content: text } = exportCalendar(canary, at('2026-12-20T09:00:00Z'), 4);
    const { events } = parse(text);
    const holiday = event(events, 'Freeze: Holiday freeze');
    expect(holiday.startDate.isDate).toBe(true);
    expect(holiday.startDate.toString()).toBe('2026-12-20');
    // DTEND of an all-day event is exclusive: the freeze's last day is 2 January.
    expect(holiday.endDate.toString()).toBe('2027-01-03');
    expect(holiday.description).toBe('No deploys: holidays. Exceptions: security.');
    expect(event(events, 'Freeze: Quarter-end freeze').startDate.toString()).toBe('2026-12-29');
    expect(events.some((e) => e.summary === 'Freeze: Product launch freeze')).toBe(false);
  });

  test('gives a freeze of part days as timed events in its zone', () => {
    const { content: text } = exportCalendar(flags, at('2026-12-02T09:00:00Z'), 2);
    const { events } = parse(text);
    const blackouts = events.filter((e) => e.summary === 'Freeze: Friday afternoon and weekend blackout');
    expect(blackouts.map((e) => [iso(e.startDate.toJSDate().getTime()), iso(e.endDate.toJSDate().getTime())])).toEqual([
      ['2026-12-04T22:00:00Z', '2026-12-07T08:00:00Z'],
      ['2026-12-11T22:00:00Z', '2026-12-14T08:00:00Z'],
    ]);
    expect(blackouts[0]?.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('America/Los_Angeles');
  });

  test.each([0, 53, 1.5])('refuses %s weeks with a sentence saying what is allowed', (weeks) => {
    expect(() => exportCalendar(demo, at('2026-11-30T09:00:00Z'), weeks)).toThrow(/weeks must be a whole number from 1 to 52/);
  });
});
