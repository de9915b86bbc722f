import type { ConsoleApi } from '../../shared/api';
import { consoleStore } from '../store/store';
import { connectApi } from './connect';

let api: ConsoleApi | null = null;

/** Connects once, wires pushed events into the store and loads the first session snapshot. */
export function bootApi(): ConsoleApi {
  if (api) return api;
  const store = consoleStore.getState();
  api = connectApi((state) => {
    consoleStore.getState().setConnection(state);
    if (state === 'open') void refreshSession();
  });
  api.onSession((session) => store.setSession(session));
  return api;
}

export function consoleApi(): ConsoleApi {
  if (!api) throw new Error('The console API is used before bootApi() ran.');
  return api;
}

async function refreshSession(): Promise<void> {
  const result = await consoleApi().getSession({});
  if (result.ok) consoleStore.getState().setSession(result.value);
  else consoleStore.getState().setSessionError(result.error);
}
