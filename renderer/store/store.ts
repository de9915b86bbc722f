import { createStore, useStore } from 'zustand';
import { createMetricsSlice, type MetricsSlice } from './metrics-slice';
import { createReleaseSlice, type ReleaseSlice } from './release-slice';
import { createRollbackSlice, type RollbackSlice } from './rollback-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createTerminalSlice, type TerminalSlice } from './terminal-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createPresenceSlice, type PresenceSlice } from './presence-slice';

export type ConsoleState = SessionSlice & ReleaseSlice & UiSlice & TerminalSlice & MetricsSlice & RollbackSlice & PresenceSlice;

/** One store built from slices; it mirrors what main pushed and never re-derives a rule. */
export function createConsoleStore() {
  return createStore<ConsoleState>()((...args) => ({
    ...createSessionSlice(...args),
    ...createReleaseSlice(...args),
    ...createUiSlice(...args),
    ...createTerminalSlice(...args),
    ...createMetricsSlice(...args),
    ...createRollbackSlice(...args),
    ...createPresenceSlice(...args),
  }));
}

export const consoleStore = createConsoleStore();

// An alert's notice points to its banner: once main's view no longer raises the alert, the notice goes with it.
consoleStore.subscribe((state, previous) => {
  if (state.view?.alerts === previous.view?.alerts) return;
  state.dropNoticesOfClearedAlerts((state.view?.alerts ?? []).map((alert) => alert.id));
});

export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  return useStore(consoleStore, selector);
}
