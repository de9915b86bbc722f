import type { FreezePeriod } from '../workspace/workspace';
import type { ParsedCalendar } from './icalendar';

type IntervalPeriod = Extract<FreezePeriod, { kind: 'interval' }>;

function iso(t: number): string {
  return new Date(t).toISOString();
}

/**
 * The frozen periods a calendar says. An ordinary calendar (Outlook, Google) and a DEFAULT_OPEN Change
 * Calendar list the closed periods; a DEFAULT_CLOSED Change Calendar lists the open ones, so the frozen
 * periods are the gaps between them, open-ended before the first and after the last (AWS: "closed unless
 * an event says otherwise").
 */
export function frozenPeriodsOf(calendar: ParsedCalendar): IntervalPeriod[] {
  const events = calendar.occurrences;
  if (calendar.calendarType !== 'DEFAULT_CLOSED') {
    return events.map((event) => ({ kind: 'interval', start: iso(event.start), end: iso(event.end), summary: event.summary }));
  }
  const summary = 'outside the open periods of a DEFAULT_CLOSED change calendar';
  const frozen: IntervalPeriod[] = [];
  let cursor: number | null = null;
  let started = false;
  for (const open of events) {
    if (!started || (cursor !== null && open.start > cursor)) frozen.push({ kind: 'interval', start: started && cursor !== null ? iso(cursor) : null, end: iso(open.start), summary });
    started = true;
    cursor = cursor === null ? open.end : Math.max(cursor, open.end);
  }
  frozen.push({ kind: 'interval', start: cursor === null ? null : iso(cursor), end: null, summary });
  return frozen;
}

/**
 * A calendar that could not be read and has no earlier copy freezes at all times: an unreadable freeze
 * calendar is never read as "no freeze". The reason names the source and what went wrong.
 */
export function unreadablePeriod(problem: string): IntervalPeriod {
  return { kind: 'interval', start: null, end: null, summary: `${problem}; with no earlier copy, every time counts as frozen` };
}
