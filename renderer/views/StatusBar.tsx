import { useEffect, useState } from 'react';
import type { Actor, Role } from '../../shared/api';
import { send } from '../api/actions';
import { dayAndClockWithZone, operatorZone, rehearsalClockZone } from '../format/time';
import { useConsole } from '../store/store';
import { CONNECTION_LABEL } from './connection-words';
import { DrillControl } from './DrillControl';
import { useNow } from './use-now';
import { useLogRecord } from './record/useLogRecord';
import { rehearsalClockTitle } from './rehearsal-words';


function RehearsalClock() {
  const now = useNow();
  const zone = rehearsalClockZone(useConsole((s) => s.session?.regions));
  const desk = operatorZone();
  const advance = (minutes: number) => void send('moveRehearsalClock', { advanceMs: minutes * 60_000 });
  // Read in the desk's zone, as every recorded time beside it is; the rehearsal's own zone (London for the demo) is
  // in the tooltip, as the bar has no room for a second reading beside a drill.
  const planned = zone === desk ? '' : `\nIn the rehearsal's zone: ${dayAndClockWithZone(now, zone)}`;
  // Desks on one shared log share the rehearsal's clock, as the banner says: another desk's "+1 min" moves it too.
  const onSharedLog = useLogRecord()?.sharedLog != null;
  return (
    <span className="rehearsal" aria-label="Rehearsal clock" title={`${rehearsalClockTitle(onSharedLog)}${planned}`}>
      <span className="mono rehearsal-time">{dayAndClockWithZone(now, desk)}</span>
      <button type="button" onClick={() => advance(1)}>+1 min</button>
      <button type="button" onClick={() => advance(15)}>+15 min</button>
      <button type="button" onClick={() => advance(60)}>+1 h</button>
    </span>
  );
}

/** Until the console has said which clock it runs on, and where it stands: a rehearsal's time is never the wall clock's. */
const CLOCK_PLACEHOLDER = '--:--';

/**
 * The console's clock: the rehearsal's with its buttons, or the real one ticking. Before the session (which
 * clock) and the view (its time) have both arrived it is a placeholder: the bar showed the wall clock there,
 * then the rehearsal's time in UTC, then jumped to the rehearsal's clock, today's time read as the drill's.
 */
function ConsoleClock() {
  const clockMode = useConsole((s) => (s.view === null ? null : (s.session?.clockMode ?? null)));
  const now = useNow();
  if (clockMode === null) {
    return (
      <span className="mono muted status-clock" aria-label="Console clock, not known yet" title="The console's clock shows once the console has said which it runs on: a rehearsal's or the real one">
        {CLOCK_PLACEHOLDER}
      </span>
    );
  }
  return clockMode === 'simulated' ? <RehearsalClock /> : <span className="mono muted status-clock">{dayAndClockWithZone(now, operatorZone())}</span>;
}

/**
 * Who this window acts as. Outside rehearsals and the demo: the desk's identity as AWS said it (issue 15),
 * shown and never editable. In them: a simulated persona, chosen per window and marked as such, so one
 * machine can rehearse a PE, a second PE and QA in three windows.
 */
function Operator() {
  const operator = useConsole((s) => s.view?.operator);
  if (!operator) return null;
  return operator.persona ? <Persona operator={operator} /> : <DeskIdentity operator={operator} />;
}

function DeskIdentity({ operator }: { operator: Actor }) {
  const detail = [operator.arn ? `AWS identity: ${operator.arn}` : 'No AWS identity: this console has no team store, or AWS could not say who this desk is', operator.osUser ? `OS user: ${operator.osUser}` : null]
    .filter((line) => line !== null)
    .join('\n');
  return (
    <span className="operator operator-desk" data-operator={`${operator.name}|${operator.role}`} aria-label="Signed in as" title={detail}>
      <span className="operator-name">{operator.name}</span>
      <span className="tag">{operator.role}</span>
      {operator.arn && <span className="muted operator-source">via AWS</span>}
    </span>
  );
}

function Persona({ operator }: { operator: Actor }) {
  // The workspace's own roles (issue 17), as workspace.yaml declares them; main refuses any other.
  const roles = useConsole((s) => s.session?.workspace.roles) ?? [];
  const [name, setName] = useState(operator.name);
  useEffect(() => setName(operator.name), [operator.name]);
  // Name and role are sent together, on Enter or when the field is left: what the log records is what the window shows.
  const commitName = () => name.trim() && name.trim() !== operator.name && void send('setOperator', { name: name.trim(), role: operator.role as Role });
  return (
    <span className="operator operator-persona" data-operator={`${operator.name}|${operator.role}`} role="group" aria-label="Persona (simulated)">
      <span className="tag tag-warn" title="A rehearsal or the demo: this window acts as a simulated persona, not as an AWS identity">
        <span className="persona-word">persona </span>(simulated)
      </span>
      <input aria-label="Operator name" value={name} onChange={(e) => setName(e.target.value)} onBlur={commitName} onKeyDown={(e) => e.key === 'Enter' && commitName()} />
      <select aria-label="Role" value={operator.role} onChange={(e) => void send('setOperator', { name: name.trim() || operator.name, role: e.target.value as Role })}>
        {roles.map((r) => (
          <option key={r.name} value={r.name} title={r.description ?? undefined}>
            {r.name}
          </option>
        ))}
        {!roles.some((r) => r.name === operator.role) && <option value={operator.role}>{operator.role}</option>}
      </select>
    </span>
  );
}

export function StatusBar() {
  const session = useConsole((s) => s.session);
  const release = useConsole((s) => s.view?.release);
  const connection = useConsole((s) => s.connection);
  const theme = useConsole((s) => s.theme);
  const setTheme = useConsole((s) => s.setTheme);
  return (
    <header className="status-bar">
      <span className="brand">Release Console</span>
      {session && (
        <span className="workspace" title={`${session.workspace.name}\n${session.workspace.dir}`}>
          <span className="workspace-name">{session.workspace.name}</span>
          {session.workspace.isDemo && <span className="tag tag-demo">demo</span>}
        </span>
      )}
      {release && (
        <span className="release-title" title={release.title}>
          {release.title}
        </span>
      )}
      <span className="spacer" />
      <ConsoleClock />
      <DrillControl />
      {/* Who you are and whether main hears you wrap as one: "Connected" alone on a second line read as a stray word. */}
      <span className="status-bar-you">
        <Operator />
        <button type="button" className="icon" aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        {session && <span className="tag transport">{session.transport === 'electron' ? 'Desktop' : 'Browser mode'}</span>}
        <span className={`connection connection-${connection}`} role="status" title={session ? (session.transport === 'electron' ? 'Desktop app' : 'Browser mode') : undefined}>
          {CONNECTION_LABEL[connection]}
        </span>
      </span>
    </header>
  );
}

/**
 * Browser mode asks before showing desktop notices (a window opening, a gate 30 minutes away, a breach);
 * a browser only allows the question from a click. Under Electron main shows them natively.
 */
export function NotificationsButton() {
  const isBrowser = useConsole((s) => s.session?.transport === 'browser');
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'denied' : Notification.permission));
  if (!isBrowser || permission !== 'default') return null;
  return (
    <button type="button" className="compact" title="Windows opening, gate deadlines and breaches as desktop notifications" onClick={() => void Notification.requestPermission().then(setPermission)}>
      Enable notifications
    </button>
  );
}
