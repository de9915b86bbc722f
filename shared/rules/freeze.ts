import type { Freeze, FreezePeriod } from '../workspace/workspace';
import { hoursOn } from './window';
import { formatDate, formatDay, formatDayTime, runsWholeLocalDays, zoneLabel } from './localDay';
import type { LocalDay } from './localDay';
import { allowedOutside, memoByDay } from './verdict';
import type { Intervals } from './verdict';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthDay(day: LocalDay): string {
  return `${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

function isoDate(day: LocalDay): string {
  return `${day.year}-${monthDay(day)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether a whole local day falls inside a dated period (annual ranges may wrap the year end). */
function isFrozenDay(period: FreezePeriod, day: LocalDay): boolean {
  switch (period.kind) {
    case 'annual': {
      const md = monthDay(day);
      return period.from <= period.to ? md >= period.from && md <= period.to : md >= period.from || md <= period.to;
    }
    case 'dates': {
      const date = isoDate(day);
      return date >= period.from && date <= period.to;
    }
    case 'quarterEnd': {
      // Seed 001: the last N days of March, June, September and December (financial close).
      if (day.month % 3 !== 0) return false;
      return day.day > daysInMonth(day.year, day.month) - period.lastDays;
    }
    case 'weekly':
    case 'interval':
      return false;
  }
}

/** An absolute interval's part within one local day, if any (a null bound is open-ended). */
const intervalBounds = new WeakMap<FreezePeriod, readonly [number, number]>();

function intervalOn(period: Extract<FreezePeriod, { kind: 'interval' }>, day: LocalDay): readonly [number, number] | null {
  // A calendar brings thousands of intervals, each asked about every day a verdict looks at: parse once.
  let bounds = intervalBounds.get(period);
  if (!bounds) {
    bounds = [period.start === null ? -Infinity : Date.parse(period.start), period.end === null ? Infinity : Date.parse(period.end)];
    intervalBounds.set(period, bounds);
  }
  const start = Math.max(day.start, bounds[0]);
  const end = Math.min(day.end, bounds[1]);
  return start < end ? [start, end] : null;
}

/** The frozen part of one local day under one period. */
function frozenBy(period: FreezePeriod, day: LocalDay): Intervals {
  if (period.kind === 'weekly') return hoursOn(period, day);
  if (period.kind === 'interval') {
    const part = intervalOn(period, day);
    return part ? [part] : [];
  }
  return isFrozenDay(period, day) ? [[day.start, day.end]] : [];
}

function frozenOn(freeze: Freeze, day: LocalDay): Intervals {
  return freeze.periods.flatMap((period) => frozenBy(period, day));
}

const freezeIntervals = new WeakMap<Freeze, (day: LocalDay) => Intervals>();

export function allowedByFreeze(freeze: Freeze): (day: LocalDay) => Intervals {
  let allowedOn = freezeIntervals.get(freeze);
  if (!allowedOn) {
    allowedOn = memoByDay((day) => allowedOutside(day, frozenOn(freeze, day)));
    freezeIntervals.set(freeze, allowedOn);
  }
  return allowedOn;
}

function describeMonthDay(md: string): string {
  const [month, day] = md.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]}`;
}

/** The interval's ends as instants, or null where it has none. */
function endsOf(period: Extract<FreezePeriod, { kind: 'interval' }>): [number | null, number | null] {
  return [period.start === null ? null : Date.parse(period.start), period.end === null ? null : Date.parse(period.end)];
}

/** A calendar's all-day event runs from one local midnight to another, as the Calendar reads it (freezeDays). */
function isWholeDayInterval(period: Extract<FreezePeriod, { kind: 'interval' }>, zone: string): boolean {
  const [start, end] = endsOf(period);
  return start !== null && end !== null && runsWholeLocalDays(zone, start, end);
}

function describeInterval(period: Extract<FreezePeriod, { kind: 'interval' }>, zone: string): string {
  const what = period.summary ? `(${period.summary}) ` : '';
  const [start, end] = endsOf(period);
  if (start !== null && end !== null && isWholeDayInterval(period, zone)) {
    // Its end is the midnight after its last day: the day an instant before it belongs to.
    const [first, last] = [formatDay(start, zone), formatDay(end - 1, zone)];
    return first === last ? `${what}on ${first}` : `${what}${first} – ${last}`;
  }
  if (start !== null && end !== null) return `${what}from ${formatDayTime(start, zone)} to ${formatDayTime(end, zone)}`;
  if (end !== null) return `${what}until ${formatDayTime(end, zone)}`;
  if (start !== null) return `${what}from ${formatDayTime(start, zone)} on`;
  return `${what}at any time`;
}

/** "Thu 26 Nov 2026", "Thu 26 Nov – Fri 27 Nov 2026": a dated period's days, the year once when both share it. */
function describeDates(from: string, to: string): string {
  const [first, last] = [from, to].map((date) => formatDate(Date.parse(`${date}T00:00:00Z`), 'UTC'));
  if (from === to) return `on ${last}`;
  return `${from.slice(0, 4) === to.slice(0, 4) ? first?.slice(0, -5) : first} – ${last}`;
}

/** A period that freezes whole days: its zone qualifies every day of it, not its last one. */
function isWholeDays(period: FreezePeriod, zone: string): boolean {
  if (period.kind === 'weekly') return period.start === '00:00' && period.end === '24:00';
  return period.kind !== 'interval' || isWholeDayInterval(period, zone);
}

/**
 * The period with its zone, which never follows "at any time": "15 Dec – 2 Jan every year, all day in UTC" (as
 * the Calendar says "Tue 24 Mar, all day in London"; "from 15 Dec to 2 Jan UTC" read as if the zone were the
 * second date's), "(Payments platform migration) on Tue 3 Mar, all day in New York", "on Fri after 14:00 Los Angeles",
 * "from Wed 16 Sep 12:00 to Wed 16 Sep 16:00 UTC".
 */
export function describePeriodIn(period: FreezePeriod, zone: string): string {
  const when = describePeriod(period, zone);
  if (period.kind === 'interval' && period.start === null && period.end === null) return when;
  return isWholeDays(period, zone) ? `${when}, all day in ${zoneLabel(zone)}` : `${when} ${zoneLabel(zone)}`;
}

/** `zone` is the freeze's: an absolute interval is told in it. */
function describePeriod(period: FreezePeriod, zone: string): string {
  switch (period.kind) {
    case 'annual':
      return period.from === period.to ? `on ${describeMonthDay(period.from)} every year` : `${describeMonthDay(period.from)} – ${describeMonthDay(period.to)} every year`;
    case 'dates':
      return describeDates(period.from, period.to);
    case 'quarterEnd':
      return `in the last ${period.lastDays === 1 ? 'day' : `${period.lastDays} days`} of each quarter`;
    case 'weekly': {
      const days = period.days.join(', ');
      if (isWholeDays(period, zone)) return `on ${days}`;
      const hours = period.start === '00:00' ? `before ${period.end}` : period.end === '24:00' ? `after ${period.start}` : `between ${period.start} and ${period.end}`;
      return `on ${days} ${hours}`;
    }
    case 'interval':
      return describeInterval(period, zone);
  }
}

/** The period that freezes deploys at this instant, to name it in the reason. */
export function periodAt(freeze: Freeze, day: LocalDay, now: number): FreezePeriod | undefined {
  return freeze.periods.find((period) => frozenBy(period, day).some(([s, e]) => s <= now && now < e));
}
