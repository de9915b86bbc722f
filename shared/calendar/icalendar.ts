import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { ianaZoneOf } from './zones';

/** One occurrence of a calendar event, as an absolute interval [start, end) in epoch ms. */
export interface CalendarOccurrence {
  summary: string;
  start: number;
  end: number;
}

/** AWS Change Calendar's own property: which state the calendar is in outside its events. */
export type CalendarType = 'DEFAULT_OPEN' | 'DEFAULT_CLOSED';

export interface ParsedCalendar {
  /** Null for an ordinary calendar (Outlook, Google): its events are the frozen periods. */
  calendarType: CalendarType | null;
  occurrences: CalendarOccurrence[];
}

export type CalendarParse = { ok: true; calendar: ParsedCalendar } | { ok: false; error: string };

export interface ExpansionRange {
  /** Occurrences ending before this are left out. */
  from: number;
  /** Occurrences starting at or after this are left out. */
  to: number;
  /** Where all-day and floating events are placed: the freeze's zone. */
  zone: string;
}

/**
 * A daily rule from decades ago still has to be walked from its first occurrence; 100,000 steps is
 * 270 years of a daily rule, so a calendar that needs more is broken rather than long.
 */
const MAX_STEPS = 100_000;

type Time = ICAL.Time;

const DAY_MS = 86_400_000;

/** What one VTIMEZONE says, for a TZID that is neither IANA nor a Windows name Outlook writes. */
function ownTimezones(root: ICAL.Component): Map<string, ICAL.Timezone> {
  const zones = new Map<string, ICAL.Timezone>();
  for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
    const tzid = vtimezone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') zones.set(tzid, new ICAL.Timezone(vtimezone));
  }
  return zones;
}

/**
 * The instant a calendar time means. Recurrences are expanded in wall-clock time (RFC 5545: a rule
 * repeats in its own zone's local time), so 09:00 stays 09:00 across a DST change; the wall time is then
 * placed in the event's zone by luxon, which knows every DST rule of the IANA database.
 */
function instantOf(time: Time, tzid: string | null, ownZones: Map<string, ICAL.Timezone>, fallbackZone: string): number | string {
  const wall = { year: time.year, month: time.month, day: time.day, hour: time.isDate ? 0 : time.hour, minute: time.isDate ? 0 : time.minute, second: time.isDate ? 0 : time.second };
  if (!time.isDate && time.zone?.tzid === 'UTC') return DateTime.fromObject(wall, { zone: 'UTC' }).toMillis();
  if (time.isDate || tzid === null) return DateTime.fromObject(wall, { zone: fallbackZone }).toMillis();
  const zone = ianaZoneOf(tzid);
  if (zone) return DateTime.fromObject(wall, { zone }).toMillis();
  const own = ownZones.get(tzid);
  if (!own) return `its time zone "${tzid}" is neither an IANA zone, a Windows zone name nor a VTIMEZONE in the calendar`;
  const placed = time.clone();
  placed.zone = own;
  return placed.toUnixTime() * 1000;
}

function tzidOf(component: ICAL.Component, property: 'dtstart' | 'dtend'): string | null {
  const tzid = component.getFirstProperty(property)?.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : null;
}

const exactDurations = new WeakMap<ICAL.Event, number | string>();

/** DTEND − DTSTART of a series' first occurrence, in ms, worked out once per series. */
function exactDuration(master: ICAL.Event, startTzid: string | null, ownZones: Map<string, ICAL.Timezone>, zone: string): number | string {
  let lasts = exactDurations.get(master);
  if (lasts === undefined) {
    const firstStart = instantOf(master.startDate, startTzid, ownZones, zone);
    const firstEnd = instantOf(master.endDate, tzidOf(master.component, 'dtend') ?? startTzid, ownZones, zone);
    lasts = typeof firstStart === 'string' ? firstStart : typeof firstEnd === 'string' ? firstEnd : firstEnd - firstStart;
    exactDurations.set(master, lasts);
  }
  return lasts;
}

/**
 * One occurrence as [start, end) in epoch ms. RFC 5545: a recurrence's members last the same exact time
 * as the first (DTEND − DTSTART), so a night that spans the clocks going back lasts as long every week;
 * an all-day event's days are whole local days; a moved occurrence (RECURRENCE-ID) keeps its own times.
 */
function occurrenceInterval(master: ICAL.Event, item: ICAL.Event, startDate: Time, endDate: Time, ownZones: Map<string, ICAL.Timezone>, zone: string): [number, number] | string {
  const startTzid = tzidOf(item.component, 'dtstart');
  const start = instantOf(startDate, startTzid, ownZones, zone);
  if (typeof start === 'string') return start;
  if (item !== master || !master.isRecurring() || startDate.isDate) {
    // DTEND may name its own zone; without one, or with DURATION, the end is in the start's zone.
    const own = item !== master || !master.isRecurring() ? item.endDate : endDate;
    const end = instantOf(own, tzidOf(item.component, 'dtend') ?? startTzid, ownZones, zone);
    return typeof end === 'string' ? end : [start, end];
  }
  const lasts = exactDuration(master, startTzid, ownZones, zone);
  if (typeof lasts === 'string') return lasts;
  return [start, start + lasts];
}

function summaryOf(event: ICAL.Event): string {
  return event.summary?.trim() || 'Untitled event';
}

/**
 * Pure: parses an iCalendar text (RFC 5545) and expands every event within the range, recurrence rules
 * with their EXDATEs and RECURRENCE-ID exceptions included, each in its own time zone.
 */
export function parseCalendar(text: string, range: ExpansionRange): CalendarParse {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    return { ok: false, error: `it is not an iCalendar file (${error instanceof Error ? error.message : String(error)})` };
  }
  if (root.name !== 'vcalendar') return { ok: false, error: `it is not an iCalendar file (it holds a ${root.name.toUpperCase()}, not a VCALENDAR)` };
  const type = root.getFirstPropertyValue('x-calendar-type');
  if (type !== null && type !== 'DEFAULT_OPEN' && type !== 'DEFAULT_CLOSED') {
    return { ok: false, error: `its X-CALENDAR-TYPE is "${String(type)}"; a Change Calendar is DEFAULT_OPEN or DEFAULT_CLOSED` };
  }
  const ownZones = ownTimezones(root);
  const vevents = root.getAllSubcomponents('vevent');
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Event[] = [];
  for (const vevent of vevents) {
    const event = new ICAL.Event(vevent);
    if (!event.startDate) return { ok: false, error: `its event "${summaryOf(event)}" has no DTSTART` };
    if (event.isRecurrenceException()) exceptions.push(event);
    else masters.set(event.uid ?? `#${masters.size}`, event);
  }
  // A moved occurrence may land anywhere, so the walk never skips a slot of a series that has one.
  const moved = new Set<ICAL.Event>();
  for (const exception of exceptions) {
    const master = masters.get(exception.uid);
    if (master) moved.add(master);
    if (master) master.relateException(exception);
    else masters.set(`${exception.uid}#${exception.recurrenceId.toString()}`, exception);
  }

  const occurrences: CalendarOccurrence[] = [];
  for (const event of masters.values()) {
    const iterator = event.iterator();
    const lasts = Math.max(0, event.duration.toSeconds() * 1000);
    const recurring = event.isRecurring();
    const summary = summaryOf(event);
    const plain = recurring && !moved.has(event) && !event.startDate.isDate;
    for (let steps = 0; ; steps++) {
      if (steps >= MAX_STEPS) return { ok: false, error: `its event "${summaryOf(event)}" repeats more than ${MAX_STEPS} times before the range the console needs` };
      const next = iterator.next();
      if (!next) break;
      // Read as UTC, a wall time is within a day of its instant: enough to skip or stop without placing it.
      const roughly = next.toUnixTime() * 1000;
      if (roughly - DAY_MS >= range.to) break;
      if (recurring && !moved.has(event) && roughly + lasts + DAY_MS < range.from) continue;
      // ical.js works out an occurrence's details with a dozen new Time objects; a plain member of a timed
      // series needs none of them (its start is the slot, its length the series'), and most are plain.
      const details = plain ? null : event.getOccurrenceDetails(next);
      const item = details?.item ?? event;
      const interval = occurrenceInterval(event, item, details?.startDate ?? next, details?.endDate ?? next, ownZones, range.zone);
      if (typeof interval === 'string') return { ok: false, error: `its event "${summaryOf(item)}": ${interval}` };
      const [start, end] = interval;
      if (end > range.from && start < range.to && end > start) occurrences.push({ summary: item === event ? summary : summaryOf(item), start, end });
      if (!recurring) break;
    }
  }
  occurrences.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ok: true, calendar: { calendarType: type, occurrences } };
}
