import type { ConsoleApi, ReleaseView } from '../../shared/api';
import type { Screen } from '../store/release-slice';
import { consoleStore } from '../store/store';
import { connectApi } from './connect';
import { loadMetrics, wireMetricsEvents } from './metrics-sync';
import { showNotice } from './notices';

let api: ConsoleApi | null = null;
let openedOnRole = false;

/** Each role opens on what it does first (issue 6): QA on the checklist, a release manager on the board. */
const FIRST_SCREEN: Record<string, Screen> = { PE: 'regions', 'on-call PE': 'regions', QA: 'qa', 'release manager': 'board' };

function receiveView(view: ReleaseView): void {
  const store = consoleStore.getState();
  store.setView(view);
  if (!openedOnRole) {
    openedOnRole = true;
    if (!store.screenChosen) store.showScreen(FIRST_SCREEN[view.operator.role] ?? 'regions');
  }
}

/** Connects once, wires pushed events into the store and loads the first snapshots. */
export function bootApi(): ConsoleApi {
  if (api) return api;
  api = connectApi((state) => {
    consoleStore.getState().setConnection(state);
    if (state === 'open') void refresh();
  });
  api.onSession((session) => consoleStore.getState().setSession(session));
  api.onReleaseView(receiveView);
  api.onTerminalState((info) => consoleStore.getState().upsertTerminal(info));
  api.onNotice(showNotice);
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
  void loadMetrics(consoleApi());
  const [session, view, terminals] = await Promise.all([consoleApi().getSession({}), consoleApi().getReleaseView({}), consoleApi().listTerminals({})]);
  if (session.ok) store.setSession(session.value);
  else store.setSessionError(session.error);
  if (view.ok) receiveView(view.value);
  else store.setSessionError(view.error);
  if (terminals.ok) store.setTerminals(terminals.value.terminals);
}
