import { useEffect, useState } from 'react';
import { describeAge } from '../../shared/calendar/calendarStatus';
import { useConsole } from '../store/store';

/** How often the copies' ages are redrawn: they are told in minutes. */
const AGE_REDRAW_MS = 30_000;

/**
 * Issue 19: the freezes kept in calendars, where each was read from and how old the copy in use is. A
 * copy was fetched in real time, so its age is against the wall clock, even in a rehearsal.
 */
export function FreezeCalendars() {
  const calendars = useConsole((s) => s.session?.workspace.calendars) ?? [];
  const [wallNow, setWallNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWallNow(Date.now()), AGE_REDRAW_MS);
    return () => clearInterval(timer);
  }, []);
  if (!calendars.length) return null;
  return (
    <section aria-label="Freeze calendars">
      <h2>Freeze calendars</h2>
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
