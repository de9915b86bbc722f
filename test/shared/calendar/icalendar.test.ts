import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { frozenPeriodsOf, unreadablePeriod } from '../../../shared/calendar/calendarFreeze';
import { parseCalendar } from '../../../shared/calendar/icalendar';
import { ianaZoneOf } from '../../../shared/calendar/zones';
import { freezeRule } from '../../../shared/rules/rulesFor';
import type { Freeze } from '../../../shared/workspace/workspace';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/calendars');
const RANGE = { from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2027-12-31T00:00:00Z') };

function occurrences(file: string, zone = 'Europe/London') {
  const parsed = parseCalendar(readFileSync(path.join(fixtures, file), 'utf8'), { ...RANGE, zone });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.calendar.occurrences.map((o) => [o.summary, new Date(o.start).toISOString(), new Date(o.end).toISOString()]);
}

function calendarFreeze(file: string, zone: string): Freeze {
  const parsed = parseCalendar(readFileSync(path.join(fixtures, file), 'utf8'), { ...RANGE, zone });
  if (!parsed.ok) throw new Error(parsed.error);
  return { id: 'change-calendar', title: 'Retail change calendar', zone, periods: frozenPeriodsOf(parsed.calendar), exceptions: [] };
}

describe('calendar events become absolute intervals in their own time zone', () => {
  test.each([
    // Autumn: 22:00 BST to 06:00 GMT is 9 hours, not 8; spring in New York: 01:00 EST to 04:00 EDT is 2 hours.
    ['dst.ics', 'Europe/London', [
      ['Network maintenance', '2026-03-08T06:00:00.000Z', '2026-03-08T08:00:00.000Z'],
      ['Datacentre migration', '2026-10-24T21:00:00.000Z', '2026-10-25T06:00:00.000Z'],
    ]],
    // All-day events are whole days of the freeze's zone, the clocks-change weekend 49 hours long.
    ['all-day.ics', 'Europe/London', [
      ['Clocks-change weekend', '2026-10-23T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
      ['Black Friday weekend', '2026-11-27T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
      ['Christmas Day', '2026-12-25T00:00:00.000Z', '2026-12-26T00:00:00.000Z'],
    ]],
    ['all-day.ics', 'America/New_York', [
      ['Clocks-change weekend', '2026-10-24T04:00:00.000Z', '2026-10-26T04:00:00.000Z'],
      ['Black Friday weekend', '2026-11-27T05:00:00.000Z', '2026-11-30T05:00:00.000Z'],
      ['Christmas Day', '2026-12-25T05:00:00.000Z', '2026-12-26T05:00:00.000Z'],
    ]],
    // Weekly on Thursdays 16:00 Berlin: 15 Oct is an EXDATE, 22 Oct moved to Friday 09:00 (RECURRENCE-ID),
    // and from 29 Oct (after the clocks go back) 16:00 is 15:00 UTC.
    ['weekly-exception.ics', 'Europe/London', [
      ['Weekly finance close', '2026-10-01T14:00:00.000Z', '2026-10-01T16:00:00.000Z'],
      ['Weekly finance close', '2026-10-08T14:00:00.000Z', '2026-10-08T16:00:00.000Z'],
      ['Weekly finance close (moved)', '2026-10-23T07:00:00.000Z', '2026-10-23T08:00:00.000Z'],
      ['Weekly finance close', '2026-10-29T15:00:00.000Z', '2026-10-29T17:00:00.000Z'],
      ['Weekly finance close', '2026-11-05T15:00:00.000Z', '2026-11-05T17:00:00.000Z'],
    ]],
    // Outlook writes Windows zone names; each is read as its IANA zone, summer and winter alike.
    ['outlook-windows-zones.ics', 'UTC', [
      ['US launch', '2026-07-04T16:00:00.000Z', '2026-07-05T00:00:00.000Z'],
      ['UK month-end close', '2026-07-30T08:00:00.000Z', '2026-07-31T17:00:00.000Z'],
      ['EU trade fair', '2026-12-09T07:00:00.000Z', '2026-12-09T19:00:00.000Z'],
      ['US holiday launch', '2026-12-24T17:00:00.000Z', '2026-12-25T01:00:00.000Z'],
    ]],
    // A zone Outlook could not name ("Customized Time Zone") is read from the file's own VTIMEZONE: +02:00 in June, +01:00 in December.
    ['outlook-customized-zone.ics', 'UTC', [
      ['Board meeting', '2026-06-10T08:00:00.000Z', '2026-06-10T10:00:00.000Z'],
      ['Board dinner', '2026-12-10T18:00:00.000Z', '2026-12-10T21:00:00.000Z'],
    ]],
  ])('%s read in %s', (file, zone, expected) => {
    expect(occurrences(file, zone)).toEqual(expected);
  });

  test.each([
    ['GMT Standard Time', 'Europe/London'],
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['"Romance Standard Time"', 'Europe/Paris'],
    ['Europe/Dublin', 'Europe/Dublin'],
    ['Customized Time Zone', null],
  ])('maps the zone name %s to %s', (name, zone) => {
    expect(ianaZoneOf(name)).toBe(zone);
  });

  test('leaves out occurrences outside the range and walks an endless rule only as far as it', () => {
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:d', 'SUMMARY:Daily stand-down', 'DTSTART:20200101T120000Z', 'DTEND:20200101T130000Z', 'RRULE:FREQ=DAILY', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const parsed = parseCalendar(text, { from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-03-04T00:00:00Z'), zone: 'UTC' });
    expect(parsed.ok && parsed.calendar.occurrences.map((o) => new Date(o.start).toISOString())).toEqual(['2026-03-01T12:00:00.000Z', '2026-03-02T12:00:00.000Z', '2026-03-03T12:00:00.000Z']);
  });

  test.each([
    ['not a calendar at all', /^it is not an iCalendar file/],
    [['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:x', 'SUMMARY:Odd zone', 'DTSTART;TZID=Mars/Olympus:20261001T100000', 'DTEND;TZID=Mars/Olympus:20261001T110000', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n'), /^its event "Odd zone": its time zone "Mars\/Olympus" is neither an IANA zone, a Windows zone name nor a VTIMEZONE in the calendar$/],
    [['BEGIN:VCALENDAR', 'VERSION:2.0', 'X-CALENDAR-TYPE:SOMETIMES_OPEN', 'END:VCALENDAR'].join('\r\n'), /X-CALENDAR-TYPE is "SOMETIMES_OPEN"/],
  ])('refuses %j with a reason', (text, error) => {
    const parsed = parseCalendar(text, { ...RANGE, zone: 'UTC' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

describe('a Change Calendar becomes an ordinary freeze', () => {
  test('DEFAULT_OPEN: its events are the closed periods', () => {
    const freeze = calendarFreeze('change-calendar-default-open.ics', 'America/New_York');
    expect(freeze.periods).toEqual([{ kind: 'interval', start: '2026-11-27T05:00:00.000Z', end: '2026-11-30T05:00:00.000Z', summary: 'Black Friday change freeze' }]);
    const rule = freezeRule(freeze, undefined)!;
    expect(rule.verdict(Date.parse('2026-11-27T04:59:00Z'))).toMatchObject({ allowed: true, closesAt: Date.parse('2026-11-27T05:00:00Z') });
    const blocked = rule.verdict(Date.parse('2026-11-28T12:00:00Z'));
    expect(blocked).toMatchObject({ allowed: false, nextOpensAt: Date.parse('2026-11-30T05:00:00Z') });
    expect(rule.reason(Date.parse('2026-11-28T12:00:00Z'), blocked)).toMatch(/^Retail change calendar: no deploys \(Black Friday change freeze\) Fri 27 Nov – Sun 29 Nov, all day in New York \(Sat 28 Nov 07:00 now\)/);
  });

  test('DEFAULT_CLOSED: its events are the open periods, and the rest is frozen', () => {
    const freeze = calendarFreeze('change-calendar-default-closed.ics', 'America/New_York');
    const summary = 'outside the open periods of a DEFAULT_CLOSED change calendar';
    expect(freeze.periods).toEqual([
      { kind: 'interval', start: null, end: '2026-11-03T15:00:00.000Z', summary },
      { kind: 'interval', start: '2026-11-03T21:00:00.000Z', end: '2026-11-10T15:00:00.000Z', summary },
      { kind: 'interval', start: '2026-11-10T21:00:00.000Z', end: '2026-11-17T15:00:00.000Z', summary },
      { kind: 'interval', start: '2026-11-17T21:00:00.000Z', end: null, summary },
    ]);
    const rule = freezeRule(freeze, undefined)!;
    expect(rule.verdict(Date.parse('2026-11-10T16:00:00Z'))).toMatchObject({ allowed: true, closesAt: Date.parse('2026-11-10T21:00:00Z') });
    expect(rule.verdict(Date.parse('2026-11-10T14:59:00Z'))).toMatchObject({ allowed: false, opensAt: Date.parse('2026-11-10T15:00:00Z') });
    expect(rule.verdict(Date.parse('2026-11-11T12:00:00Z'))).toMatchObject({ allowed: false, opensAt: null, nextOpensAt: Date.parse('2026-11-17T15:00:00Z') });
    expect(rule.verdict(Date.parse('2027-06-01T12:00:00Z')).allowed).toBe(false);
  });

  test('a calendar that could not be read and has no copy freezes at every time, and says why', () => {
    const freeze: Freeze = { id: 'c', title: 'Retail change calendar', zone: 'UTC', periods: [unreadablePeriod('the SSM Change Calendar retail could not be read')], exceptions: [] };
    const rule = freezeRule(freeze, undefined)!;
    const verdict = rule.verdict(Date.parse('2026-05-05T12:00:00Z'));
    expect(verdict.allowed).toBe(false);
    expect(rule.reason(Date.parse('2026-05-05T12:00:00Z'), verdict)).toMatch(/^Retail change calendar: no deploys \(the SSM Change Calendar retail could not be read; with no earlier copy, every time counts as frozen\) at any time \(/);
  });
});
