import { useEffect } from 'react';
import { send } from '../api/actions';
import { useConsole } from '../store/store';

/** Tells main which screen this window shows, whenever it changes or the connection comes back. */
export function useReportScreen(): void {
  const screen = useConsole((s) => s.screen);
  const selectedRegion = useConsole((s) => s.selectedRegion);
  const connection = useConsole((s) => s.connection);
  const setPresence = useConsole((s) => s.setPresence);
  useEffect(() => {
    if (connection !== 'open') return;
    void send('showScreen', { screen, regionId: screen === 'regions' ? selectedRegion : null }).then((view) => view && setPresence(view));
  }, [screen, selectedRegion, connection, setPresence]);
}

/** "priya (QA) is on the QA checklist": the other desks (or, without a team store, this console's other windows). */
export function Presence() {
  const presence = useConsole((s) => s.presence);
  if (!presence) return null;
  const heading = presence.source === 'store' ? 'Also at this release' : 'Other windows';
  return (
    <section className="presence" aria-label={heading}>
      <h2 className="presence-heading">{heading}</h2>
      {presence.others.length === 0 ? (
        <p className="muted presence-none">{presence.source === 'store' ? 'No other desk' : 'No other window'}</p>
      ) : (
        <ul>
          {presence.others.map((other) => (
            <li key={`${other.where}:${other.name}:${other.screen}:${other.at}`} className="presence-line">
              {other.line}
            </li>
          ))}
        </ul>
      )}
      {presence.problem && (
        <p className="presence-problem" role="status">
          {presence.problem}
        </p>
      )}
    </section>
  );
}
