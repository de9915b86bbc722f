import type { Freeze, FreezePeriod } from '../workspace/workspace';
import { hoursOn } from './window';
import { formatDayTime, zoneLabel } from './localDay';
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

function describeInterval(period: Extract<FreezePeriod, { kind: 'interval' }>, zone: string): string {
  const what = period.summary ? `(${period.summary}) ` : '';
  const start = period.start === null ? null : formatDayTime(Date.parse(period.start), zone);
  const end = period.end === null ? null : formatDayTime(Date.parse(period.end), zone);
  if (start && end) return `${what}from ${start} to ${end}`;
  if (end) return `${what}until ${end}`;
  if (start) return `${what}from ${start} on`;
  return `${what}at any time`;
}

/** "from Tue 3 Mar 00:00 to Wed 4 Mar 00:00 New York", "at any time": the period with its zone, which never follows "at any time". */
export function describePeriodIn(period: FreezePeriod, zone: string): string {
  const when = describePeriod(period, zone);
  return period.kind === 'interval' && period.start === null && period.end === null ? when : `${when} ${zoneLabel(zone)}`;
}

/** `zone` is the freeze's: an absolute interval is told in it. */
function describePeriod(period: FreezePeriod, zone: string): string {
  switch (period.kind) {
    case 'annual':
      return `from ${describeMonthDay(period.from)} to ${describeMonthDay(period.to)}`;
    case 'dates':
      return period.from === period.to ? `on ${period.from}` : `from ${period.from} to ${period.to}`;
    case 'quarterEnd':
      return `in the last ${period.lastDays} days of each quarter`;
    case 'weekly': {
      const days = period.days.join(', ');
      const hours = period.start === '00:00' && period.end === '24:00' ? 'all day' : period.start === '00:00' ? `before ${period.end}` : period.end === '24:00' ? `after ${period.start}` : `between ${period.start} and ${period.end}`;
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
