import { IANAZone } from 'luxon';
import { z } from 'zod';
import { IdString } from './bounds';
import { defineCall } from './contract';
import { MAX_EXPORT_WEEKS } from '../calendar/lanes';

/** The operator's zone, as their browser or desktop reports it; checked against the IANA data before any rule is asked. */
const OperatorZone = IdString.refine((zone) => IANAZone.isValidZone(zone), { error: 'a valid IANA zone such as Europe/London or America/New_York' });

const CalendarBlock = z.object({ start: z.number(), end: z.number(), beganEarlier: z.boolean().optional(), goesOn: z.boolean().optional() });

/** shared/calendar/lanes.ts's Calendar, as the Release board draws it. */
export const CalendarView = z.object({
  zone: z.string(),
  from: z.number(),
  to: z.number(),
  /** The console clock when it was built: the rehearsal's simulated time in a rehearsal. */
  now: z.number(),
  days: z.array(z.object({ start: z.number(), end: z.number(), year: z.number(), month: z.number(), day: z.number(), weekday: z.number() })),
  lanes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['window', 'freeze']),
      title: z.string(),
      summary: z.string(),
      detail: z.string(),
      zone: z.string(),
      blocks: z.array(CalendarBlock),
    }),
  ),
});
export type CalendarView = z.infer<typeof CalendarView>;

/** shared/calendar/calendarStatus.ts's CalendarStatus: how one calendar freeze's copy in use was read, and when. */
export const CalendarStatusView = z.object({ freeze: z.string(), title: z.string(), source: z.string(), fetchedAt: z.number().nullable(), error: z.string().nullable() });

export const calendarCalls = {
  /** Issue 19: the coming two weeks of windows and freezes, from today's midnight in the operator's zone. */
  getCalendar: defineCall(z.object({ zone: OperatorZone }).strict(), CalendarView),
  /** The windows and freezes of the coming weeks as an iCalendar file (also served at /calendar.ics in browser mode). */
  exportCalendar: defineCall(
    z.object({ weeks: z.number().int().min(1).max(MAX_EXPORT_WEEKS).optional() }).strict(),
    z.object({ filename: z.string(), mediaType: z.literal('text/calendar'), content: z.string() }),
  ),
  /**
   * Reads the URL and Change Calendar freezes again now (they are also read on an interval): their new
   * freezes decide at once, and a source that fails keeps its last good copy, as at start.
   */
  refreshCalendars: defineCall(z.object({}).strict(), z.object({ calendars: z.array(CalendarStatusView) })),
};

export const calendarEvents = {
  /** Pushed after every refresh of the calendar freezes, so each window's list and banner show the copies in use. */
  calendars: z.object({ calendars: z.array(CalendarStatusView) }),
};
