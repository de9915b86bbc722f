import type { ConsoleApi } from '../../shared/api';
import { consoleStore } from '../store/store';
import { connectApi } from './connect';
import { loadMetrics, wireMetricsEvents } from './metrics-sync';
import { showNotice } from './notices';
import { createViewSync } from './view-sync';

let api: ConsoleApi | null = null;
let viewSync: ReturnType<typeof createViewSync> | null = null;

/** Connects once, wires pushed events into the store and loads the first snapshots. */
export function bootApi(): ConsoleApi {
  if (api) return api;
  api = connectApi((state) => {
    consoleStore.getState().setConnection(state);
    // After bootApi returns: under Electron the connection is open before connectApi has returned.
    if (state === 'open') queueMicrotask(() => void refresh());
  });
  api.onSession((session) => consoleStore.getState().setSession(session));
  // The folder was read again: still its errors, or loaded, and then the console is behind the same URL.
  api.onWorkspaceProblem((problem) => {
    if (problem) consoleStore.getState().setWorkspaceProblem(problem);
    else window.location.reload();
  });
  api.onCalendars(({ calendars }) => consoleStore.getState().setCalendars(calendars));
  api.onAnnouncementsChanged(({ releaseId }) => consoleStore.getState().announcementsChanged(releaseId));
  viewSync = createViewSync(api);
  api.onTerminalState((info) => consoleStore.getState().upsertTerminal(info));
  api.onNotice(showNotice);
  api.onPresence((presence) => consoleStore.getState().setPresence(presence));
  api.onRollbackProgress((run) => {
    consoleStore.getState().upsertRollbackRun(run);
    // A region rolled back in a drill recovers its simulated metrics: re-read the drills' state.
    if (run.status !== 'running') void loadMetrics(consoleApi());
  });
  wireMetricsEvents(api);
  return api;
}

export function consoleApi(): ConsoleApi {
  if (!api) throw new Error('The console API is used before bootApi() ran.');
  return api;
}

async function refresh(): Promise<void> {
  const store = consoleStore.getState();
  // A workspace that does not load answers nothing else: ask first, so the page shows why, not every call refused.
  const problem = await consoleApi().getWorkspaceProblem({});
  if (problem.ok && problem.value) {
    store.setWorkspaceProblem(problem.value);
    return;
  }
  void loadMetrics(consoleApi());
  const [session, , terminals] = await Promise.all([consoleApi().getSession({}), viewSync!.watch(), consoleApi().listTerminals({})]);
  if (session.ok) store.setSession(session.value);
  else store.setSessionError(session.error);
  if (terminals.ok) store.setTerminals(terminals.value.terminals);
}
