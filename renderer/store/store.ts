import { createStore, useStore } from 'zustand';
import { createSessionSlice, type SessionSlice } from './session-slice';

export type ConsoleState = SessionSlice;

/** One store built from slices; it mirrors what main pushed and never re-derives a rule. */
export function createConsoleStore() {
  return createStore<ConsoleState>()((...args) => ({
    ...createSessionSlice(...args),
  }));
}

export const consoleStore = createConsoleStore();

export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  return useStore(consoleStore, selector);
}
