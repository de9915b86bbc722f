import { DateTime } from 'luxon';
import type { Workspace } from './workspace';

/**
 * The demo workspace is written for one sprint (cycle start Monday 2 March 2026); its rollout morning is
 * Thursday 19 March, 10:55 London, just before SDC/LON's "around 11:00" window, with gate 5 due on the
 * Friday. A newcomer who starts the demo on any other day is moved to the coming rollout morning instead
 * of a museum whose gates were due months ago.
 */
const DEMO_ZONE = 'Europe/London';
const DEMO_ROLLOUT_MORNING = { year: 2026, month: 3, day: 19, hour: 10, minute: 55 } as const;

export interface DemoWeek {
  /** Whole weeks added to every date of the demo (0 when today is in the demo's own rollout week). */
  weeks: number;
  /** Epoch ms of the rehearsal start: 10:55 London on the coming Thursday, whatever the UTC offset that day. */
  rehearsalStart: number;
}

function rolloutMorning(): DateTime {
  return DateTime.fromObject(DEMO_ROLLOUT_MORNING, { zone: DEMO_ZONE });
}

/**
 * The coming Thursday is today when today is a Thursday in London, else the next one. Counted on London
 * calendar dates, never in 24-hour steps, so a week that crosses a DST change keeps the 10:55 wall clock.
 */
export function comingDemoWeek(today: number): DemoWeek {
  if (!Number.isFinite(today)) throw new RangeError(`comingDemoWeek needs a finite epoch time in milliseconds, not ${today}.`);
  const base = rolloutMorning();
  const todayInLondon = DateTime.fromMillis(today, { zone: DEMO_ZONE }).startOf('day');
  const daysToThursday = (4 - todayInLondon.weekday + 7) % 7; // luxon: Monday 1 … Sunday 7; Thursday 4
  const thursday = todayInLondon.plus({ days: daysToThursday });
  const days = Math.round(thursday.diff(base.startOf('day'), 'days').days);
  const weeks = Math.round(days / 7);
  return { weeks, rehearsalStart: base.plus({ weeks }).toMillis() };
}

/** Adds whole weeks to an ISO calendar date ("2026-03-02"): a calendar shift, so no zone or DST enters. */
export function shiftIsoDate(isoDate: string, weeks: number): string {
  const date = DateTime.fromISO(isoDate, { zone: 'UTC' });
  if (!date.isValid) throw new RangeError(`"${isoDate}" is not an ISO date (YYYY-MM-DD).`);
  return date.plus({ weeks }).toISODate()!;
}

/**
 * The demo with every release moved by whole weeks: gate deadlines count weeks and weekdays from a release's
 * cycle start in the rule's zone, so moving the cycle start moves every deadline and keeps its wall clock.
 */
export function shiftWorkspaceWeeks(workspace: Workspace, weeks: number): Workspace {
  if (!Number.isInteger(weeks)) throw new RangeError(`A workspace is shifted by whole weeks, not ${weeks}.`);
  if (weeks === 0) return workspace;
  return { ...workspace, releases: workspace.releases.map((release) => ({ ...release, cycleStart: shiftIsoDate(release.cycleStart, weeks) })) };
}

/**
 * How the console's clock starts: the system clock, or a rehearsal from a start time (with the demo moved).
 * `switchable`: the demo opened without a pinned clock may be reopened live or as a rehearsal with one click.
 */
export type StartingClock = ({ mode: 'system' } | { mode: 'simulated'; start: number }) & { demoWeeks: number; switchable: boolean };

/**
 * With no workspace chosen the console opens the demo as a rehearsal on the coming rollout morning, so a
 * newcomer can walk a rollout at once; `--live` asks for the real clock, with the demo's dates in the same
 * coming week. A pinned `--rehearsal-at` keeps the demo's written dates (tests, screenshots and benches pin
 * it), and a chosen workspace is live unless pinned.
 */
export function startingClock(request: { workspaceChosen: boolean; rehearsalAt: number | null; live: boolean; today: number }): StartingClock {
  if (request.live && request.rehearsalAt !== null) throw new RangeError('A console is either live or a rehearsal: --live and --rehearsal-at cannot be given together.');
  const switchable = !request.workspaceChosen && request.rehearsalAt === null;
  if (request.rehearsalAt !== null) return { mode: 'simulated', start: request.rehearsalAt, demoWeeks: 0, switchable };
  if (request.workspaceChosen) return { mode: 'system', demoWeeks: 0, switchable };
  const week = comingDemoWeek(request.today);
  if (request.live) return { mode: 'system', demoWeeks: week.weeks, switchable };
  return { mode: 'simulated', start: week.rehearsalStart, demoWeeks: week.weeks, switchable };
}
