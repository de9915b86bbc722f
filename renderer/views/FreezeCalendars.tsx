import { useEffect, useState } from 'react';
import { describeAge, describeCalendarStatus } from '../../shared/calendar/calendarStatus';
import { send } from '../api/actions';
import { useConsole } from '../store/store';
import { ActionButton } from './ActionButton';

/** How often the copies' ages are redrawn: they are told in minutes. */
const AGE_REDRAW_MS = 30_000;

/** The wall clock, redrawn every half minute: a copy was fetched in real time, so its age is too, even in a rehearsal. */
function useWallNow(): number {
  const [wallNow, setWallNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWallNow(Date.now()), AGE_REDRAW_MS);
    return () => clearInterval(timer);
  }, []);
  return wallNow;
}

/**
 * Issue 19: the freezes kept in calendars, where each was read from and how old the copy in use is. A URL
 * or Change Calendar is read again on its interval, and now with "Refresh"; the list follows each read.
 */
export function FreezeCalendars() {
  const calendars = useConsole((s) => s.session?.workspace.calendars) ?? [];
  const wallNow = useWallNow();
  const [refreshing, setRefreshing] = useState(false);
  if (!calendars.length) return null;
  const refresh = async () => {
    setRefreshing(true);
    // The answer also comes to every window as the pushed `calendars` event, which updates this list.
    await send('refreshCalendars', {});
    setRefreshing(false);
  };
  return (
    <section aria-label="Freeze calendars">
      {/* The button beside the heading, not in it: the section's name stays "Freeze calendars". */}
      <div className="calendar-sources-head">
        <h2>Freeze calendars</h2>
        <ActionButton className="muted" onClick={() => void refresh()} disabledReason={refreshing ? 'Reading the calendars again…' : null}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </ActionButton>
      </div>
      <ul className="calendar-sources">
        {calendars.map((calendar) => (
          <li key={calendar.freeze} className={calendar.error ? 'calendar-source failed' : 'calendar-source'} aria-label={`Freeze calendar: ${calendar.title}`}>
            <span className="calendar-title">{calendar.title}</span>
            <span className="muted">from {calendar.source}</span>
            <span className={calendar.error ? 'bad' : 'muted'}>
              {calendar.fetchedAt === null ? 'no copy: every time counts as frozen' : `fetched ${describeAge(wallNow - calendar.fetchedAt)} ago`}
              {calendar.error && calendar.fetchedAt !== null ? ' (last good copy)' : ''}
            </span>
            {calendar.error && <p className="calendar-error">{calendar.error}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A freeze calendar that did not answer, said where everyone looks, with the live age of the copy in use. */
export function FreezeCalendarBanners() {
  const calendars = useConsole((s) => s.session?.workspace.calendars) ?? [];
  const wallNow = useWallNow();
  return (
    <>
      {calendars
        .filter((calendar) => calendar.error)
        .map((calendar) => (
          <div key={calendar.freeze} role="alert" className="banner banner-warn">
            {describeCalendarStatus(calendar, wallNow)}
          </div>
        ))}
    </>
  );
}
