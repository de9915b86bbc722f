import { DateTime } from 'luxon';

/** One calendar day in a zone: DST days are 23 or 25 hours long, so its bounds come from the zone, not arithmetic. */
export interface LocalDay {
  zone: string;
  year: number;
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  key: string;
  start: number;
  end: number;
}

const days = new Map<string, LocalDay>();
const lastByZone = new Map<string, LocalDay>();

function dayFor(zone: string, year: number, month: number, day: number): LocalDay {
  const key = `${zone}|${year}-${month}-${day}`;
  let found = days.get(key);
  if (!found) {
    const start = DateTime.fromObject({ year, month, day }, { zone }).startOf('day');
    found = { zone, year, month, day, weekday: start.weekday, key, start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
    days.set(key, found);
  }
  return found;
}

/** The local day containing an instant (the rules are evaluated thousands of times a second in a drill). */
export function localDayOf(zone: string, t: number): LocalDay {
  const last = lastByZone.get(zone);
  if (last && t >= last.start && t < last.end) return last;
  const local = DateTime.fromMillis(t, { zone });
  const day = dayFor(zone, local.year, local.month, local.day);
  lastByZone.set(zone, day);
  return day;
}

/**
 * Whether [start, end) runs from one local midnight to another in `zone`, as a calendar's all-day event does
 * (a summer-time day of 23 or 25 hours too). Its last day is the one an instant before `end` falls on.
 */
export function runsWholeLocalDays(zone: string, start: number, end: number): boolean {
  return end > start && localDayOf(zone, start).start === start && localDayOf(zone, end).start === end;
}

const following = new Map<string, LocalDay>();

export function nextDay(day: LocalDay): LocalDay {
  let next = following.get(day.key);
  if (!next) {
    const local = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: day.zone }).plus({ days: 1 });
    next = dayFor(day.zone, local.year, local.month, local.day);
    following.set(day.key, next);
  }
  return next;
}

/** Clocks change by an hour in the zones the seeds use. */
const DST_SHIFT_MS = 3_600_000;

/**
 * Wall-clock "HH:MM" on a local day; "24:00" is the next midnight; a time skipped by DST moves forward.
 * A time that happens twice (clocks going back) is its first occurrence when a window opens there and
 * its second when a window closes there, so the window covers every minute the wall clock shows it.
 */
export function instantAt(day: LocalDay, time: string, occurrence: 'first' | 'last' = 'first'): number {
  if (time === '24:00') return day.end;
  if (time === '00:00') return day.start;
  const [hour, minute] = time.split(':').map(Number);
  const t = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: day.zone }).toMillis();
  const earlier = DateTime.fromMillis(t - DST_SHIFT_MS, { zone: day.zone });
  const repeated = earlier.hour === hour && earlier.minute === minute && earlier.day === day.day;
  if (occurrence === 'first' && repeated) return t - DST_SHIFT_MS;
  if (occurrence === 'last' && !repeated) {
    const later = DateTime.fromMillis(t + DST_SHIFT_MS, { zone: day.zone });
    if (later.hour === hour && later.minute === minute && later.day === day.day) return t + DST_SHIFT_MS;
  }
  return t;
}

/** Formatting dominates evaluation time; a whole release is evaluated at one instant, so remember recent texts. */
const FORMAT_CACHE_LIMIT = 2_000;
const formatted = new Map<string, string>();

function format(t: number, zone: string, pattern: string): string {
  const key = `${pattern}|${zone}|${t}`;
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= FORMAT_CACHE_LIMIT) formatted.clear();
    text = DateTime.fromMillis(t, { zone }).toFormat(pattern);
    formatted.set(key, text);
  }
  return text;
}

/**
 * "Europe/London" → "London", "America/New_York" → "New York": a zone as the console names it to people,
 * in a rule's reason as beside it ("opens at 18:00 London"), so one screen never gives one zone two names.
 */
export function zoneLabel(zone: string): string {
  const city = zone.split('/').at(-1) ?? zone;
  return city.replace(/_/g, ' ');
}

export function formatTime(t: number, zone: string): string {
  return format(t, zone, 'HH:mm');
}

export function formatDayTime(t: number, zone: string): string {
  return format(t, zone, 'ccc d LLL HH:mm');
}

/** "Tue 3 Mar": a day without its clock or year. */
export function formatDay(t: number, zone: string): string {
  return format(t, zone, 'ccc d LLL');
}

export function formatDate(t: number, zone: string): string {
  return format(t, zone, 'ccc d LLL yyyy');
}
