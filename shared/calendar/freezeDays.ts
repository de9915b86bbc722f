import { DateTime } from 'luxon';
import type { Freeze, FreezePeriod } from '../workspace/workspace';
import { runsWholeLocalDays } from '../rules/localDay';
import { describeDays, describeHours } from '../rules/window';

/** A calendar's freeze may hold an event a day for a year: the lane's detail names the first few and counts the rest. */
const PERIODS_NAMED = 3;

/** Months as the console prints them ("24 Dec"); a month-day ("12-24") has no weekday to name. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthDay(md: string): string {
  const [month, day] = md.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]}`;
}

/** "24 Dec", "24 – 26 Dec", "31 Dec – 2 Jan". */
function monthDayRange(from: string, to: string): string {
  if (from === to) return monthDay(from);
  return from.slice(0, 2) === to.slice(0, 2) ? `${Number(from.slice(3))} – ${monthDay(to)}` : `${monthDay(from)} – ${monthDay(to)}`;
}

/**
 * Inclusive days as a PE says them: "Fri 24 Dec", "Tue 24 – Wed 25 Mar", "Mon 30 Mar – Thu 2 Apr"; the year
 * only where it is not the calendar's (`year`), once, at the end.
 */
function dayRange(first: DateTime, last: DateTime, year: number): string {
  const yearText = last.year !== year || first.year !== year ? ` ${last.year}` : '';
  const end = last.toFormat('ccc d LLL');
  if (first.hasSame(last, 'day')) return `${end}${yearText}`;
  const start = first.hasSame(last, 'month') && first.year === last.year ? first.toFormat('ccc d') : first.toFormat(first.year === last.year ? 'ccc d LLL' : 'ccc d LLL yyyy');
  return `${start} – ${end}${yearText}`;
}

function describeInterval(period: Extract<FreezePeriod, { kind: 'interval' }>, zone: string, year: number): string {
  const start = period.start === null ? null : Date.parse(period.start);
  const end = period.end === null ? null : Date.parse(period.end);
  const at = (t: number) => DateTime.fromMillis(t, { zone });
  const moment = (t: number) => at(t).toFormat(at(t).year === year ? 'ccc d LLL HH:mm' : 'ccc d LLL yyyy HH:mm');
  let when: string;
  // A calendar's all-day event: from one local midnight to another.
  if (start !== null && end !== null && runsWholeLocalDays(zone, start, end)) when = `all day ${dayRange(at(start), at(end - 1), year)}`;
  else if (start !== null && end !== null) when = at(start).hasSame(at(end), 'day') ? `${moment(start)} – ${at(end).toFormat('HH:mm')}` : `from ${moment(start)} to ${moment(end)}`;
  else if (end !== null) when = `until ${moment(end)}`;
  else if (start !== null) when = `from ${moment(start)} on`;
  else when = 'throughout';
  return period.summary ? `${when} (${period.summary})` : when;
}

/** One period in a PE's words, its days and hours in the freeze's zone. */
function describePeriod(period: FreezePeriod, zone: string, year: number): string {
  switch (period.kind) {
    case 'dates':
      return `all day ${dayRange(DateTime.fromISO(period.from, { zone: 'UTC' }), DateTime.fromISO(period.to, { zone: 'UTC' }), year)}`;
    case 'annual':
      return `all day ${monthDayRange(period.from, period.to)} every year`;
    case 'quarterEnd':
      return `all day the last ${period.lastDays === 1 ? 'day' : `${period.lastDays} days`} of each quarter`;
    case 'weekly': {
      const days = describeDays(period.days) || 'every day';
      return period.start === '00:00' && period.end === '24:00' ? `all day ${days}` : `${days} ${describeHours(period.start, period.end)}`;
    }
    case 'interval':
      return describeInterval(period, zone, year);
  }
}

/**
 * When a freeze stops deploys, as the Calendar's detail says it: "all day Fri 24 Dec", "Fri after 14:00 and
 * all day Sat and Sun". `from`: the calendar's first instant, whose year goes unsaid.
 */
export function describeFreezeDays(freeze: Freeze, from: number): string {
  const year = DateTime.fromMillis(from, { zone: freeze.zone }).year;
  const named = freeze.periods.slice(0, PERIODS_NAMED).map((period) => describePeriod(period, freeze.zone, year));
  const more = freeze.periods.length - named.length;
  if (!named.length) return 'on no days yet';
  if (more > 0) return `${named.join(', ')} and ${more} more time${more === 1 ? '' : 's'}`;
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? '');
}
