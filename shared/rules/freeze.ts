import type { Freeze, FreezePeriod } from '../workspace/workspace';
import { hoursOn } from './window';
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
      return false;
  }
}

function frozenOn(freeze: Freeze, day: LocalDay): Intervals {
  const blocked: Array<readonly [number, number]> = [];
  for (const period of freeze.periods) {
    if (period.kind === 'weekly') blocked.push(...hoursOn(period, day));
    else if (isFrozenDay(period, day)) blocked.push([day.start, day.end]);
  }
  return blocked;
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

export function describePeriod(period: FreezePeriod): string {
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
  }
}

/** The period that freezes deploys at this instant, to name it in the reason. */
export function periodAt(freeze: Freeze, day: LocalDay, now: number): FreezePeriod | undefined {
  return freeze.periods.find((period) =>
    period.kind === 'weekly' ? hoursOn(period, day).some(([s, e]) => s <= now && now < e) : isFrozenDay(period, day),
  );
}
