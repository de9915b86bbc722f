import { describe, expect, test } from 'vitest';
import { allowedByWindow, describeDays, describeHours, describeWeeklyHours } from '../../../shared/rules/window';
import { verdictOf } from '../../../shared/rules/verdict';
import type { Window } from '../../../shared/workspace/workspace';
import { at, iso } from '../loadTemplate';

const newYorkOffice: Window = { id: 'ny-office', title: 'New York office hours', zone: 'America/New_York', days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], start: '09:00', end: '17:00' };
const londonEvening: Window = { id: 'london-evening', title: 'London evening', zone: 'Europe/London', start: '18:00', end: '24:00' };
const newYorkNight: Window = { id: 'ny-night', title: 'New York small hours', zone: 'America/New_York', start: '01:00', end: '02:00' };

function check(window: Window, instant: string) {
  return verdictOf(window.zone, allowedByWindow(window), at(instant));
}

describe('windows in a named zone across DST changes', () => {
  test.each([
    // America/New_York: 2026 changes on 8 Mar and 1 Nov; 2027 on 14 Mar and 7 Nov.
    [newYorkOffice, '2026-03-06T13:30:00Z', false, '2026-03-06T14:00:00Z'],
    [newYorkOffice, '2026-03-09T13:30:00Z', true, null],
    [newYorkOffice, '2026-10-30T13:00:00Z', true, null],
    [newYorkOffice, '2026-11-02T13:30:00Z', false, '2026-11-02T14:00:00Z'],
    [newYorkOffice, '2027-03-12T13:30:00Z', false, '2027-03-12T14:00:00Z'],
    [newYorkOffice, '2027-03-15T13:00:00Z', true, null],
    [newYorkOffice, '2027-11-05T13:00:00Z', true, null],
    [newYorkOffice, '2027-11-08T13:30:00Z', false, '2027-11-08T14:00:00Z'],
    // Europe/London: 2026 changes on 29 Mar and 25 Oct; 2027 on 28 Mar and 31 Oct.
    [londonEvening, '2026-03-27T17:30:00Z', false, '2026-03-27T18:00:00Z'],
    [londonEvening, '2026-03-30T17:30:00Z', true, null],
    [londonEvening, '2027-03-26T17:30:00Z', false, '2027-03-26T18:00:00Z'],
    [londonEvening, '2027-10-29T17:30:00Z', true, null],
    [londonEvening, '2027-11-01T17:30:00Z', false, '2027-11-01T18:00:00Z'],
  ])('%#: %s at %s is allowed=%s and opens at %s', (window, instant, allowed, opensAt) => {
    const verdict = check(window, instant);
    expect(verdict.allowed).toBe(allowed);
    expect(iso(verdict.opensAt)).toBe(opensAt);
  });

  test.each([
    // Weeks when the US has changed and the UK has not: the two offices are 4 hours apart, not 5.
    ['2026-03-09', '13:00', '18:00'],
    ['2026-03-30', '13:00', '17:00'],
    ['2026-10-26', '13:00', '18:00'],
    ['2026-11-02', '14:00', '18:00'],
    ['2027-03-15', '13:00', '18:00'],
    ['2027-11-01', '13:00', '18:00'],
    ['2027-11-08', '14:00', '18:00'],
  ])('on %s New York opens at %s UTC and London at %s UTC', (date, nyOpen, londonOpen) => {
    expect(iso(check(newYorkOffice, `${date}T00:00:00Z`).nextOpensAt)).toBe(`${date}T${nyOpen}:00Z`);
    expect(iso(check(londonEvening, `${date}T00:00:00Z`).nextOpensAt)).toBe(`${date}T${londonOpen}:00Z`);
  });

  test('a weekday window says it will not open on a Sunday and names Monday as the next opening', () => {
    const verdict = check(newYorkOffice, '2026-03-08T15:00:00Z');
    expect(verdict).toMatchObject({ allowed: false, opensAt: null });
    expect(iso(verdict.nextOpensAt)).toBe('2026-03-09T13:00:00Z');
  });

  test('a window in the hour repeated when clocks go back lasts two hours that night', () => {
    expect(check(newYorkNight, '2026-11-01T05:30:00Z').allowed).toBe(true);
    expect(check(newYorkNight, '2026-11-01T06:30:00Z').allowed).toBe(true);
    expect(check(newYorkNight, '2026-11-01T07:00:00Z').allowed).toBe(false);
  });

  test('a window that ends at 24:00 closes at local midnight, even on a 25-hour day', () => {
    expect(iso(check(londonEvening, '2026-10-25T20:00:00Z').closesAt)).toBe('2026-10-26T00:00:00Z');
    expect(iso(check(londonEvening, '2026-03-29T20:00:00Z').closesAt)).toBe('2026-03-29T23:00:00Z');
  });

  test.each([
    [['Mon', 'Tue', 'Wed', 'Thu'] as const, 'Mon–Thu'],
    [['Fri'] as const, 'Fri'],
    [['Sat', 'Sun'] as const, 'Sat and Sun'],
    [['Mon', 'Wed', 'Fri'] as const, 'Mon, Wed and Fri'],
  ])('describes days %j as "%s"', (days, text) => {
    expect(describeDays([...days])).toBe(text);
  });

  test.each([
    ['00:00', '14:00', 'before 14:00'],
    ['18:00', '24:00', 'after 18:00'],
    ['11:00', '13:00', 'between 11:00 and 13:00'],
    ['00:00', '24:00', 'at any time'],
  ])('describes %s–%s as "%s"', (start, end, text) => {
    expect(describeHours(start, end)).toBe(text);
  });

  test.each([
    [{ zone: 'Europe/London', start: '18:00', end: '24:00' }, 'after 18:00 London'],
    [{ zone: 'Europe/London', start: '00:00', end: '24:00' }, 'at any time'],
    [{ zone: 'UTC', days: ['Sat', 'Sun'] as const, start: '00:00', end: '24:00' }, 'on Sat and Sun at any time'],
    [{ zone: 'America/New_York', days: ['Mon', 'Tue', 'Wed', 'Thu'] as const, start: '09:00', end: '13:00' }, 'on Mon–Thu between 09:00 and 13:00 New York'],
  ])('describes the weekly hours %j as "%s": a zone only after a clock time', (hours, text) => {
    expect(describeWeeklyHours({ ...hours, days: 'days' in hours ? [...hours.days] : undefined })).toBe(text);
  });
});
