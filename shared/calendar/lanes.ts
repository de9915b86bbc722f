import type { ApproverRequirement, Freeze, Window, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { allowedByFreeze } from '../rules/freeze';
import { localDayOf, nextDay, zoneLabel } from '../rules/localDay';
import { describeFreezeDays } from './freezeDays';
import type { LocalDay } from '../rules/localDay';
import type { Intervals } from '../rules/verdict';
import { allowedByWindow, describeWeeklyHours } from '../rules/window';

/** Issue 19: the Release board's calendar shows the coming two weeks. */
export const CALENDAR_DAYS = 14;
/** How far ahead an .ics export reaches unless asked otherwise: the board's two weeks and two more. */
export const DEFAULT_EXPORT_WEEKS = 4;
/** A year: a subscriber re-fetches long before then. */
export const MAX_EXPORT_WEEKS = 52;

/** One stretch [start, end) in epoch ms, already merged across midnights (a Mon–Fri "any time" is one block). */
export interface CalendarBlock {
  start: number;
  end: number;
  /** Cut at the calendar's edge: the block began before `from`, or goes on past `to`. */
  beganEarlier?: boolean;
  goesOn?: boolean;
}

export interface CalendarLane {
  /** `region:EUW2`, `release-type-window:standard`, `freeze:holiday-freeze`. */
  id: string;
  kind: 'window' | 'freeze';
  /** What the block's label names: the region, the window, or the freeze's title. */
  title: string;
  /** The rule in a few words for the lane's heading: "after 18:00 London", "freeze: holidays". */
  summary: string;
  /** The rule in full, in its own zone: the window's title and hours, who needs approval, a freeze's exceptions. */
  detail: string;
  /** The zone the rule is written in. */
  zone: string;
  blocks: CalendarBlock[];
}

/** A local day of the operator's zone: the calendar's columns (23 or 25 hours long on DST days). */
export interface CalendarDay {
  start: number;
  end: number;
  year: number;
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

export interface Calendar {
  zone: string;
  from: number;
  to: number;
  days: CalendarDay[];
  lanes: CalendarLane[];
}

function merged(intervals: Array<readonly [number, number]>): CalendarBlock[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const blocks: CalendarBlock[] = [];
  for (const [start, end] of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else blocks.push({ start, end });
  }
  return blocks;
}

/** The allowed stretches of a rule in [from, to), asked of the rule day by day in the rule's own zone. */
function allowedBetween(zone: string, allowedOn: (day: LocalDay) => Intervals, from: number, to: number): CalendarBlock[] {
  const clipped: Array<readonly [number, number]> = [];
  for (let day = localDayOf(zone, from); day.start < to; day = nextDay(day)) {
    for (const [start, end] of allowedOn(day)) {
      const s = Math.max(start, from);
      const e = Math.min(end, to);
      if (s < e) clipped.push([s, e]);
    }
  }
  return merged(clipped);
}

/** The gaps between allowed stretches: when a freeze blocks deploys. */
function complement(allowed: readonly CalendarBlock[], from: number, to: number): CalendarBlock[] {
  const blocked: CalendarBlock[] = [];
  let cursor = from;
  for (const { start, end } of allowed) {
    if (start > cursor) blocked.push({ start: cursor, end: start });
    cursor = Math.max(cursor, end);
  }
  if (cursor < to) blocked.push({ start: cursor, end: to });
  return blocked;
}

/** Marks the blocks the calendar's edges cut, asking the rule about the instant just outside each edge. */
function markEdges(blocks: CalendarBlock[], zone: string, allowedOn: (day: LocalDay) => Intervals, from: number, to: number, whenAllowed: boolean): CalendarBlock[] {
  const allowedAt = (t: number) => allowedOn(localDayOf(zone, t)).some(([start, end]) => start <= t && t < end);
  const first = blocks[0];
  if (first && first.start === from && allowedAt(from - 1) === whenAllowed) first.beganEarlier = true;
  const last = blocks[blocks.length - 1];
  if (last && last.end === to && allowedAt(to) === whenAllowed) last.goesOn = true;
  return blocks;
}

function windowBlocks(window: Window, from: number, to: number): CalendarBlock[] {
  const allowedOn = allowedByWindow(window);
  return markEdges(allowedBetween(window.zone, allowedOn, from, to), window.zone, allowedOn, from, to, true);
}

/**
 * When a freeze blocks deploys, from `allowedByFreeze` alone: whatever kinds of period a freeze has
 * (YAML or calendar-sourced), the calendar shows what `decide` and `check` enforce.
 */
export function freezeBlocks(freeze: Freeze, from: number, to: number): CalendarBlock[] {
  const allowedOn = allowedByFreeze(freeze);
  return markEdges(complement(allowedBetween(freeze.zone, allowedOn, from, to), from, to), freeze.zone, allowedOn, from, to, false);
}

function approversText(approvers: readonly ApproverRequirement[]): string {
  return approvers.map(({ role, count }) => (count > 1 ? `${count} × ${role}` : role)).join(' and ');
}

/** Seed 000: "in an emergency the on-call PE may agree otherwise". */
function overrideText(window: Window): string {
  if (!window.override) return '';
  const types = window.override.releaseTypes ? ` (${window.override.releaseTypes.join(', ')} releases)` : '';
  return `; outside it with approval from ${approversText(window.override.approvers)}${types}`;
}

/** "frozen all day Tue 24 – Wed 25 Mar in London; product launch; …": when first, in its zone as the console names zones, then why and who is exempt. */
function freezeDetail(freeze: Freeze, from: number): string {
  const exempt = freeze.exceptions.filter((e) => !e.approvers).map((e) => e.releaseType);
  const withApproval = freeze.exceptions.filter((e) => e.approvers).map((e) => e.releaseType);
  return [
    `frozen ${describeFreezeDays(freeze, from)} in ${zoneLabel(freeze.zone)}`,
    freeze.reason ?? null,
    exempt.length ? `${exempt.join(', ')} releases are exempt` : null,
    withApproval.length ? `${withApproval.join(', ')} releases need approval` : null,
  ]
    .filter((part) => part !== null)
    .join('; ');
}

/**
 * Every region's deployment window, every release type's windows and every freeze between `from` and
 * `to`. Pure: the caller hands in the instants; a lane's blocks are instants, drawn in any zone.
 */
export function calendarLanes(workspace: Workspace, from: number, to: number): CalendarLane[] {
  const index = indexWorkspace(workspace);
  const lanes: CalendarLane[] = [];
  for (const region of workspace.regions) {
    const window = region.timing ? index.windows.get(region.timing) : undefined;
    if (!window) continue;
    lanes.push({ id: `region:${region.id}`, kind: 'window', title: region.id, summary: describeWeeklyHours(window), detail: `${window.title}: ${describeWeeklyHours(window)}${overrideText(window)}`, zone: window.zone, blocks: windowBlocks(window, from, to) });
  }
  // Seed 001: release types deploy in their own windows (Standard; Extended with approval). One lane per
  // window, naming every release type that deploys in it.
  const typeWindows = new Map<string, { window: Window; free: string[]; withApproval: string[] }>();
  for (const type of workspace.releaseTypes) {
    for (const ref of type.deploymentWindows ?? []) {
      const window = index.windows.get(ref.window);
      if (!window) continue;
      const use = typeWindows.get(window.id) ?? { window, free: [], withApproval: [] };
      (ref.approvers ? use.withApproval : use.free).push(ref.approvers ? `${type.title} (approval from ${approversText(ref.approvers)})` : type.title);
      typeWindows.set(window.id, use);
    }
  }
  for (const { window, free, withApproval } of typeWindows.values()) {
    const who = [free.length ? `for ${free.join(', ')}` : null, withApproval.length ? `with approval for ${withApproval.join(', ')}` : null].filter((part) => part !== null).join('; ');
    lanes.push({ id: `release-type-window:${window.id}`, kind: 'window', title: window.title, summary: describeWeeklyHours(window), detail: `${describeWeeklyHours(window)}; ${who}`, zone: window.zone, blocks: windowBlocks(window, from, to) });
  }
  for (const freeze of workspace.freezes) {
    lanes.push({ id: `freeze:${freeze.id}`, kind: 'freeze', title: freeze.title, summary: freeze.reason ? `freeze: ${freeze.reason}` : 'freeze', detail: freezeDetail(freeze, from), zone: freeze.zone, blocks: freezeBlocks(freeze, from, to) });
  }
  return lanes;
}

/** The operator's coming days, starting at the local midnight of `now`'s day in `zone`. */
export function calendarDays(zone: string, now: number, count: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let day = localDayOf(zone, now); days.length < count; day = nextDay(day)) {
    days.push({ start: day.start, end: day.end, year: day.year, month: day.month, day: day.day, weekday: day.weekday });
  }
  return days;
}

/** The Release board's calendar: the operator's coming two weeks, from today's midnight in their zone. */
export function buildCalendar(workspace: Workspace, now: number, zone: string, dayCount: number = CALENDAR_DAYS): Calendar {
  const days = calendarDays(zone, now, dayCount);
  const from = days[0]?.start ?? now;
  const to = days[days.length - 1]?.end ?? now;
  return { zone, from, to, days, lanes: calendarLanes(workspace, from, to) };
}
