import { WEEKDAYS } from '../workspace/schema/common';
import type { Weekday, Window } from '../workspace/workspace';
import { instantAt, zoneLabel } from './localDay';
import type { LocalDay } from './localDay';
import { memoByDay } from './verdict';
import type { Intervals } from './verdict';

export interface WeeklyHours {
  zone: string;
  days?: readonly Weekday[] | undefined;
  start: string;
  end: string;
}

export function isOnDay(days: readonly Weekday[] | undefined, day: LocalDay): boolean {
  return !days || days.includes(WEEKDAYS[day.weekday - 1] as Weekday);
}

/** The [start, end) wall-clock hours on a local day, when the day is one of the listed weekdays. */
export function hoursOn(hours: Omit<WeeklyHours, 'zone'>, day: LocalDay): Intervals {
  if (!isOnDay(hours.days, day)) return [];
  return [[instantAt(day, hours.start, 'first'), instantAt(day, hours.end, 'last')]];
}

const windowIntervals = new WeakMap<Window, (day: LocalDay) => Intervals>();

export function allowedByWindow(window: Window): (day: LocalDay) => Intervals {
  let allowedOn = windowIntervals.get(window);
  if (!allowedOn) {
    allowedOn = memoByDay((day) => hoursOn(window, day));
    windowIntervals.set(window, allowedOn);
  }
  return allowedOn;
}

/** "Mon–Thu", "Fri", "Mon, Wed and Fri". */
export function describeDays(days: readonly Weekday[] | undefined): string {
  if (!days || days.length === 7) return '';
  const indexes = days.map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const consecutive = indexes.every((value, i) => i === 0 || value === (indexes[i - 1] ?? -2) + 1);
  if (consecutive && indexes.length > 2) return `${WEEKDAYS[indexes[0] ?? 0]}–${WEEKDAYS[indexes[indexes.length - 1] ?? 0]}`;
  const names = indexes.map((i) => WEEKDAYS[i] ?? '');
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
}

/** "after 18:00", "before 14:00", "between 11:00 and 13:00", "at any time". */
export function describeHours(start: string, end: string): string {
  if (isAllDay({ start, end })) return 'at any time';
  if (start === '00:00') return `before ${end}`;
  if (end === '24:00') return `after ${start}`;
  return `between ${start} and ${end}`;
}

/** "on Mon–Thu between 14:00 and 18:00 UTC", "at any time": a zone follows a clock time, so never "at any time London". */
export function describeWeeklyHours(hours: WeeklyHours): string {
  const days = describeDays(hours.days);
  const clock = describeHours(hours.start, hours.end);
  return `${days ? `on ${days} ` : ''}${isAllDay(hours) ? clock : `${clock} ${zoneLabel(hours.zone)}`}`;
}

function isAllDay(hours: Pick<WeeklyHours, 'start' | 'end'>): boolean {
  return hours.start === '00:00' && hours.end === '24:00';
}
