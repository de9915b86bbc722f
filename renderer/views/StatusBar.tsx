import { useConsole } from '../store/store';

const CONNECTION_LABEL = { connecting: 'Connecting…', open: 'Connected', closed: 'Disconnected — retrying' } as const;

export function StatusBar() {
  const session = useConsole((s) => s.session);
  const connection = useConsole((s) => s.connection);
  return (
    <header className="status-bar">
      <span className="brand">Release Console</span>
      {session && (
        <span className="workspace" title={session.workspace.dir}>
          {session.workspace.name}
          {session.workspace.isDemo && <span className="tag tag-demo">demo</span>}
        </span>
      )}
      <span className="spacer" />
      {session && <span className="tag">{session.transport === 'electron' ? 'Desktop' : 'Browser mode'}</span>}
      {session?.clockMode === 'simulated' && <span className="tag tag-warn">Rehearsal clock</span>}
      <span className={`connection connection-${connection}`} role="status">
        {CONNECTION_LABEL[connection]}
      </span>
    </header>
  );
}
