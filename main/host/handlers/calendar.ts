import { exportCalendar } from '../../../shared/calendar/ics';
import { buildCalendar } from '../../../shared/calendar/lanes';
import type { Clock } from '../../../shared/clock';
import type { Workspace } from '../../../shared/workspace/workspace';
import type { Handlers } from '../host';
import type { CalendarRefresher } from '../../workspace/calendar-refresh';

/**
 * The Release board's calendar and its .ics export (issue 19): shared/calendar computes both from the
 * workspace's windows and freezes at the console clock, so a rehearsal shows its simulated fortnight.
 */
export function calendarHandlers(workspace: () => Workspace, clock: Clock, refresher: Pick<CalendarRefresher, 'refresh'>): Pick<Handlers, 'getCalendar' | 'exportCalendar' | 'refreshCalendars'> {
  return {
    getCalendar: ({ zone }) => {
      const now = clock.now();
      return { ...buildCalendar(workspace(), now, zone), now };
    },
    exportCalendar: ({ weeks }) => exportCalendar(workspace(), clock.now(), weeks),
    refreshCalendars: async () => ({ calendars: [...(await refresher.refresh())] }),
  };
}
