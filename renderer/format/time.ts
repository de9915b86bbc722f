/**
 * Formatting only: every instant arrives from main already decided; this turns it into words.
 *
 * One instant reads the same way everywhere on one screen, by one rule:
 * - A recorded instant (who did a step when, a baseline taken, an alert raised, a lease's expiry) is read in the
 *   operator's zone, the desk's own (`operatorZone`, `dayAndClockWithZone`).
 * - A view whose neighbours read in a region's zone (a region's graphs, whose axes are the region's clock) may read an
 *   instant there first; the operator's reading then follows in brackets when the operator sits in another zone:
 *   "10:55 London (10:55 UTC)" (`instantWithOperatorZone`), so the graphs' header and the step card beside it both
 *   say "10:55 UTC", even where the two zones' clocks agree (London in winter).
 * - A window (when a rule opens or closes) is read in the rule's zone, the region's and the operator's, each named
 *   once (`inZones`, `dayInZones`; DESIGN: timing semantics).
 * - An instant a rule sets in its own zone (a gate's deadline) is read in the operator's zone, the rule's reading in
 *   brackets when the operator sits in another: "Fri 20 Mar, 10:00 UTC (10:00 London)" (`instantWithRuleZone`).
 * - The console's clock, a rehearsal's too, reads in the operator's zone: "Thu 19 Mar, 10:55 UTC" beside the times it
 *   recorded; the rehearsal's own zone (`rehearsalClockZone`) is in the clock's tooltip.
 */
import { clockIn, clockWithZone, dayAndClockIn, dayAndClockWithZone, readingPerZone } from '../../shared/instantWords';
import { zoneLabel } from '../../shared/rules/localDay';

export { clockIn, clockWithZone, dayAndClockIn, dayAndClockWithZone, readingPerZone, zoneLabel };

const dayReading = readingPerZone({ weekday: 'short', day: 'numeric', month: 'short' });

function dayIn(epochMs: number, zone: string): string {
  return dayReading(zone).format(epochMs);
}

function isMidnightIn(epochMs: number, zone: string): boolean {
  return clockIn(epochMs, zone) === '00:00';
}

/**
 * A stretch of time as a person reads it in one zone: "Tue 24 Mar, all day in London", "Tue 24 Mar – Wed 25 Mar,
 * all day in London", "Thu 19 Mar, 18:00 – 24:00 London", "Thu 19 Mar, 11:00 – 13:00 London",
 * "Sun 29 Mar, 22:00 – Mon 30 Mar, 02:00 London". An end at midnight is 24:00 of the day before, never 00:00
 * (read as the start of a day, as if the block ended where it began); midnight is read on the zone's clock, so a
 * day of 23 or 25 hours (summer time) is still a whole day.
 */
export function spanIn(startMs: number, endMs: number, zone: string): string {
  const zoneName = zoneLabel(zone);
  if (endMs > startMs && isMidnightIn(startMs, zone) && isMidnightIn(endMs, zone)) {
    // The last day is the one the end's midnight closes: an instant before it is still that day.
    const first = dayIn(startMs, zone);
    const last = dayIn(endMs - 1, zone);
    return `${first === last ? first : `${first} – ${last}`}, all day in ${zoneName}`;
  }
  // A midnight end is 24:00 of the day before: the clock a day ends on.
  const endsAtMidnight = isMidnightIn(endMs, zone);
  const [endDay, endClock] = endsAtMidnight ? [dayIn(endMs - 1, zone), '24:00'] : [dayIn(endMs, zone), clockIn(endMs, zone)];
  const startDay = dayIn(startMs, zone);
  const end = endDay === startDay ? endClock : `${endDay}, ${endClock}`;
  return `${startDay}, ${clockIn(startMs, zone)} – ${end} ${zoneName}`;
}

/** "10:55 London" on the day `nowMs` is in `zone`, else "Wed 18 Mar, 22:10 London". */
export function instantWithZone(epochMs: number, nowMs: number, zone: string): string {
  return dayIn(epochMs, zone) === dayIn(nowMs, zone) ? clockWithZone(epochMs, zone) : dayAndClockWithZone(epochMs, zone);
}

/**
 * "10:55 London (10:55 UTC)": an instant a view reads in `zone` (a region's graphs), with the operator's reading after
 * it when the operator's zone is another; "10:55 London" alone for an operator in London. Each part names its day
 * when the instant is not today in its zone.
 */
export function instantWithOperatorZone(epochMs: number, nowMs: number, zone: string, operator: string): string {
  const shown = instantWithZone(epochMs, nowMs, zone);
  return operator === zone ? shown : `${shown} (${instantWithZone(epochMs, nowMs, operator)})`;
}

/**
 * ["Fri 20 Mar, 10:00 UTC", "(10:00 London)"]: an instant a rule set in its own zone (a gate's deadline, a rehearsal's
 * clock), read first as the desk reads every recorded time, then in the rule's zone when the desk sits in another,
 * even where the two clocks agree (London in winter), so the rule's own words are on screen too. The rule's reading
 * names its day only when that day is not the desk's. ["Fri 20 Mar, 10:00 London"] alone for a desk in London.
 * Two parts, read with a space between them: a line that must break does so between them, not inside either.
 */
export function instantWithRuleZone(epochMs: number, ruleZone: string, operator: string): string[] {
  const shown = dayAndClockWithZone(epochMs, operator);
  if (ruleZone === operator) return [shown];
  const sameDay = dayIn(epochMs, ruleZone) === dayIn(epochMs, operator);
  return [shown, `(${sameDay ? clockWithZone(epochMs, ruleZone) : dayAndClockWithZone(epochMs, ruleZone)})`];
}

/** How long the desk's zone, once read, is taken as still its zone. */
const ZONE_READ_FOR_MS = 1_000;
let zoneRead: { zone: string; atMs: number } | null = null;

/**
 * The desk's zone, from the system. Reading it builds a formatter (~50 µs) and every recorded time on a screen asks
 * for it, so one reading serves a second: a desk whose system zone changes (a laptop that travelled) reads its
 * new zone from the next render a second on.
 */
export function operatorZone(): string {
  const nowMs = performance.now();
  if (zoneRead === null || nowMs - zoneRead.atMs > ZONE_READ_FOR_MS) zoneRead = { zone: Intl.DateTimeFormat().resolvedOptions().timeZone, atMs: nowMs };
  return zoneRead.zone;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const relativeTime = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
const durations = {
  day: new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'day', unitDisplay: 'long' }),
  hour: new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'hour', unitDisplay: 'long' }),
  minute: new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'minute', unitDisplay: 'long' }),
};

/** "7 hours 5 minutes", "2 days 3 hours", "7 hours": the smaller unit only when it is not zero. */
function twoUnits(abs: number): string {
  const [largeUnit, largeMs, smallUnit, smallMs] = abs < DAY ? (['hour', HOUR, 'minute', MINUTE] as const) : (['day', DAY, 'hour', HOUR] as const);
  const large = durations[largeUnit].format(Math.floor(abs / largeMs));
  const small = Math.floor((abs % largeMs) / smallMs);
  return small ? `${large} ${durations[smallUnit].format(small)}` : large;
}

/**
 * "in 42 seconds", "3 minutes ago", "in 7 hours 5 minutes", "2 days 3 hours ago", "253 days ago".
 * Between an hour and a week two units say it (a countdown to 18:00 needs its minutes); Intl picks
 * "1 minute" or "2 minutes", and a relative time of months reads in days, never in thousands of hours.
 */
export function relative(targetMs: number, nowMs: number): string {
  const delta = targetMs - nowMs;
  const abs = Math.abs(delta);
  const sign = delta < 0 ? -1 : 1;
  if (abs < MINUTE) return relativeTime.format(sign * Math.floor(abs / SECOND), 'second');
  if (abs < HOUR) return relativeTime.format(sign * Math.floor(abs / MINUTE), 'minute');
  if (abs >= WEEK) return relativeTime.format(sign * Math.floor(abs / DAY), 'day');
  const text = twoUnits(abs);
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}

/**
 * The zone a rehearsal's clock is read in: the workspace's own when all its regions share one (seed 004's
 * Pacific staging and production), else London, where the demo's rollout is planned.
 */
export function rehearsalClockZone(regions: readonly { zone: string }[] | undefined): string {
  const zones = new Set((regions ?? []).map((r) => r.zone));
  return zones.size === 1 ? [...zones][0]! : 'Europe/London';
}


/** The same instant in each distinct zone: the rule's, the region's and the operator's (DESIGN: timing semantics). */
/** ["Mon 4 Jan, 14:00 UTC", "Mon 4 Jan, 09:00 New York"]: past today the day goes with the clock, one part per zone. */
export function dayInZones(epochMs: number, zones: (string | null | undefined)[]): string[] {
  const unique = [...new Set(zones.filter((zone): zone is string => Boolean(zone)))];
  return unique.map((zone) => `${dayAndClockIn(epochMs, zone)} ${zoneLabel(zone)}`);
}

export function inZones(epochMs: number, zones: (string | null | undefined)[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const zone of zones) {
    if (!zone || seen.has(zone)) continue;
    seen.add(zone);
    parts.push(`${clockIn(epochMs, zone)} ${zoneLabel(zone)}`);
  }
  return parts.join(' · ');
}
