import { useConsole } from '../store/store';
import { RegionPane } from './RegionPane';
import { StatusBar } from './StatusBar';

export function App() {
  const session = useConsole((s) => s.session);
  const error = useConsole((s) => s.sessionError);
  return (
    <div className="app">
      <StatusBar />
      <main className="app-main">
        {error && (
          <div role="alert" className="banner banner-error">
            {error.message}
          </div>
        )}
        {session ? <RegionPane regions={session.regions} now={session.now} /> : <p className="muted">Connecting to the console…</p>}
      </main>
    </div>
  );
}
