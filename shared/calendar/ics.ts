import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { WEEKDAYS } from '../workspace/schema/common';
import type { Freeze, Window, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { localDayOf, nextDay } from '../rules/localDay';
import type { LocalDay } from '../rules/localDay';
import { isOnDay } from '../rules/window';
import { DEFAULT_EXPORT_WEEKS, MAX_EXPORT_WEEKS, freezeBlocks } from './lanes';

const PRODID = '-//Release Console//Windows and freezes//EN';
const WEEK_MS = 7 * 24 * 3_600_000;
/** Zones with no offset ever: their times are written as UTC ("Z"), with no VTIMEZONE. */
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']);
const BYDAY: Record<string, string> = { Mon: 'MO', Tue: 'TU', Wed: 'WE', Thu: 'TH', Fri: 'FR', Sat: 'SA', Sun: 'SU' };

/** A zone's VTIMEZONE from the IANA data timezones-ical-library ships, so a subscriber's calendar moves the window with DST. */
function timezoneFor(zone: string, cache: Map<string, ICAL.Timezone>): ICAL.Timezone {
  if (UTC_ZONES.has(zone)) return ICAL.Timezone.utcTimezone;
  let timezone = cache.get(zone);
  if (!timezone) {
    const block = tzlib_get_ical_block(zone);
    if (!Array.isArray(block) || !block[0]) throw new RangeError(`No VTIMEZONE is known for the zone "${zone}".`);
    timezone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(block[0]) as unknown[]));
    cache.set(zone, timezone);
  }
  return timezone;
}

function wallClock(day: LocalDay, time: string, timezone: ICAL.Timezone): ICAL.Time {
  // "24:00" closes a window at the next midnight (shared/workspace/schema/common.ts).
  const [date, hhmm] = time === '24:00' ? [nextDay(day), '00:00'] : [day, time];
  const [hour, minute] = hhmm.split(':').map(Number);
  return ICAL.Time.fromData({ year: date.year, month: date.month, day: date.day, hour: hour ?? 0, minute: minute ?? 0, second: 0, isDate: false }, timezone);
}

function instant(epochMs: number, timezone: ICAL.Timezone): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(epochMs), true).convertToZone(timezone);
}

function newEvent(events: ICAL.Component[], uid: string, stamp: ICAL.Time): ICAL.Event {
  const vevent = new ICAL.Component('vevent');
  events.push(vevent);
  const event = new ICAL.Event(vevent);
  event.uid = uid;
  vevent.updatePropertyWithValue('dtstamp', stamp);
  return event;
}

interface WindowUse {
  window: Window;
  /** Who deploys in it: regions by id, release types by title. */
  users: string[];
}

/** Each window a region or a release type deploys in, once, naming everyone who uses it. */
function windowsInUse(workspace: Workspace): WindowUse[] {
  const index = indexWorkspace(workspace);
  const uses = new Map<string, WindowUse>();
  const use = (id: string | undefined, user: string) => {
    const window = id ? index.windows.get(id) : undefined;
    if (!window) return;
    const found = uses.get(window.id) ?? { window, users: [] };
    found.users.push(user);
    uses.set(window.id, found);
  };
  for (const region of workspace.regions) use(region.timing, region.id);
  for (const type of workspace.releaseTypes) for (const ref of type.deploymentWindows ?? []) use(ref.window, `${type.title} releases${ref.approvers ? ' (with approval)' : ''}`);
  return [...uses.values()];
}

/**
 * A window as one recurring event: its first opening on or after `from` in its own zone, repeated
 * weekly on its days (daily when it names none) until `to`, with TZID so the wall-clock hours hold
 * across DST as the console evaluates them. (An hour the clocks skip or repeat is read by each calendar
 * app its own way; the console's own reading is shared/rules/localDay.ts's `instantAt`.)
 */
function addWindow(events: ICAL.Component[], { window, users }: WindowUse, from: number, to: number, stamp: ICAL.Time, zones: Map<string, ICAL.Timezone>): void {
  let day = localDayOf(window.zone, from);
  while (!isOnDay(window.days, day)) day = nextDay(day);
  if (day.start >= to) return;
  const timezone = timezoneFor(window.zone, zones);
  const event = newEvent(events, `window-${window.id}@release-console`, stamp);
  event.summary = `Window: ${window.title}`;
  event.description = `Deploys open ${users.join(', ')}${window.note ? `. ${window.note}` : ''}`;
  event.startDate = wallClock(day, window.start, timezone);
  event.endDate = wallClock(day, window.end, timezone);
  const recur = window.days
    ? ICAL.Recur.fromData({ freq: 'WEEKLY', byday: WEEKDAYS.filter((d) => window.days?.includes(d)).map((d) => BYDAY[d] ?? d), until: instant(to - 1, ICAL.Timezone.utcTimezone) })
    : ICAL.Recur.fromData({ freq: 'DAILY', until: instant(to - 1, ICAL.Timezone.utcTimezone) });
  event.component.addPropertyWithValue('rrule', recur);
  event.component.addPropertyWithValue('transp', 'TRANSPARENT');
  event.component.addPropertyWithValue('categories', 'Deployment window');
}

function isMidnight(epochMs: number, zone: string): boolean {
  return localDayOf(zone, epochMs).start === epochMs;
}

/** A freeze as the stretches `allowedByFreeze` blocks; whole local days become all-day events. */
function addFreeze(events: ICAL.Component[], freeze: Freeze, from: number, to: number, stamp: ICAL.Time, zones: Map<string, ICAL.Timezone>): void {
  const timezone = timezoneFor(freeze.zone, zones);
  // Whole days of the freeze's own zone, so a freeze that began before `from` still starts at a midnight.
  const start = localDayOf(freeze.zone, from).start;
  for (const block of freezeBlocks(freeze, start, to)) {
    const event = newEvent(events, `freeze-${freeze.id}-${block.start}@release-console`, stamp);
    event.summary = `Freeze: ${freeze.title}`;
    const exempt = freeze.exceptions.map((e) => `${e.releaseType}${e.approvers ? ' (with approval)' : ''}`);
    event.description = [freeze.reason ? `No deploys: ${freeze.reason}.` : 'No deploys.', exempt.length ? `Exceptions: ${exempt.join(', ')}.` : ''].filter(Boolean).join(' ');
    if (isMidnight(block.start, freeze.zone) && isMidnight(block.end, freeze.zone)) {
      const first = localDayOf(freeze.zone, block.start);
      const after = localDayOf(freeze.zone, block.end);
      event.startDate = ICAL.Time.fromData({ year: first.year, month: first.month, day: first.day, isDate: true });
      event.endDate = ICAL.Time.fromData({ year: after.year, month: after.month, day: after.day, isDate: true });
    } else {
      event.startDate = instant(block.start, timezone);
      event.endDate = instant(block.end, timezone);
    }
    event.component.addPropertyWithValue('categories', 'Freeze');
  }
}

export interface CalendarExport {
  filename: string;
  mediaType: 'text/calendar';
  content: string;
}

/**
 * The workspace's deployment windows and freezes over the coming `weeks` as an iCalendar document a
 * team subscribes to. Pure: `now` is handed in; the stamp is the console clock's.
 */
export function exportCalendar(workspace: Workspace, now: number, weeks: number = DEFAULT_EXPORT_WEEKS): CalendarExport {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_EXPORT_WEEKS) throw new RangeError(`weeks must be a whole number from 1 to ${MAX_EXPORT_WEEKS}; got ${weeks}.`);
  const from = localDayOf('UTC', now).start;
  const to = from + weeks * WEEK_MS;
  const zones = new Map<string, ICAL.Timezone>();
  const calendar = new ICAL.Component('vcalendar');
  calendar.updatePropertyWithValue('prodid', PRODID);
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('x-wr-calname', `${workspace.name}: deployment windows and freezes`);
  const stamp = instant(now, ICAL.Timezone.utcTimezone);
  const events: ICAL.Component[] = [];
  for (const use of windowsInUse(workspace)) addWindow(events, use, from, to, stamp, zones);
  for (const freeze of workspace.freezes) addFreeze(events, freeze, from, to, stamp, zones);
  // VTIMEZONEs before the events that name them, as RFC 5545 readers such as Outlook expect.
  for (const timezone of zones.values()) if (timezone.component) calendar.addSubcomponent(timezone.component);
  for (const vevent of events) calendar.addSubcomponent(vevent);
  const slug = workspace.id ?? (workspace.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workspace');
  return { filename: `${slug}-windows-and-freezes.ics`, mediaType: 'text/calendar', content: calendar.toString() };
}
