import type { StateCreator } from 'zustand';
import type { TerminalInfo } from '../../shared/api';
import type { RendererPreference } from '../views/terminal/rendererChoice';

/** The terminal panel's size: remembered between runs by the view (see panelPreferences). */
export interface TerminalPanel {
  heightPx: number;
  maximized: boolean;
  copyOnSelect: boolean;
  /** xterm.js's renderer for every console terminal (views/terminal/rendererChoice decides what auto means). */
  renderer: RendererPreference;
}

export const DEFAULT_PANEL: TerminalPanel = { heightPx: 360, maximized: false, copyOnSelect: false, renderer: 'auto' };

/**
 * What the command palette asks of the terminals of the region on screen: carried out once by that region's panel,
 * which alone knows its chosen tab and whether its history is open.
 */
export interface TerminalRequest {
  regionId: string;
  action: 'newShell' | 'focus' | 'find' | 'history';
}

export interface TerminalSlice {
  terminals: Record<string, TerminalInfo>;
  /** Main's list has arrived: sessions that appear after this are new, not ones that existed before a reload. */
  terminalsListed: boolean;
  /** When each shell last had a keystroke (console page clock): a new step terminal does not take its view. */
  lastInputAt: Record<string, number>;
  /** Tabs that flash because their terminal started while the PE was typing elsewhere. */
  attention: Record<string, true>;
  /** Names the PE gave tabs; the session's own title otherwise. */
  tabNames: Record<string, string>;
  panel: TerminalPanel;
  /** The palette's ask not yet carried out; the panel takes it (and clears it) as it renders. */
  terminalRequest: TerminalRequest | null;
  setTerminals: (list: TerminalInfo[]) => void;
  upsertTerminal: (info: TerminalInfo) => void;
  noteInput: (sessionId: string, at: number) => void;
  flagAttention: (sessionId: string) => void;
  clearAttention: (sessionId: string) => void;
  renameTab: (sessionId: string, name: string) => void;
  setPanel: (panel: Partial<TerminalPanel>) => void;
  requestTerminal: (request: TerminalRequest | null) => void;
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

export const createTerminalSlice: StateCreator<TerminalSlice, [], [], TerminalSlice> = (set, get) => ({
  terminals: {},
  terminalsListed: false,
  lastInputAt: {},
  attention: {},
  tabNames: {},
  panel: DEFAULT_PANEL,
  terminalRequest: null,
  setTerminals: (list) => set({ terminals: Object.fromEntries(list.map((t) => [t.sessionId, t])), terminalsListed: true }),
  upsertTerminal: (info) => {
    const { terminals, attention, tabNames, lastInputAt } = get();
    if (info.phase === 'closed') {
      set({
        terminals: without(terminals, info.sessionId),
        attention: without(attention, info.sessionId),
        tabNames: without(tabNames, info.sessionId),
        lastInputAt: without(lastInputAt, info.sessionId),
      });
    } else set({ terminals: { ...terminals, [info.sessionId]: info } });
  },
  noteInput: (sessionId, at) => set({ lastInputAt: { ...get().lastInputAt, [sessionId]: at } }),
  flagAttention: (sessionId) => set({ attention: { ...get().attention, [sessionId]: true } }),
  clearAttention: (sessionId) => set({ attention: without(get().attention, sessionId) }),
  renameTab: (sessionId, name) => {
    const trimmed = name.trim();
    set({ tabNames: trimmed ? { ...get().tabNames, [sessionId]: trimmed.slice(0, 80) } : without(get().tabNames, sessionId) });
  },
  setPanel: (panel) => set({ panel: { ...get().panel, ...panel } }),
  requestTerminal: (request) => set({ terminalRequest: request }),
});
