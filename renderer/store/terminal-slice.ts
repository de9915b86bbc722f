import type { StateCreator } from 'zustand';
import type { TerminalInfo } from '../../shared/api';

export interface TerminalSlice {
  terminals: Record<string, TerminalInfo>;
  setTerminals: (list: TerminalInfo[]) => void;
  upsertTerminal: (info: TerminalInfo) => void;
}

export const createTerminalSlice: StateCreator<TerminalSlice, [], [], TerminalSlice> = (set, get) => ({
  terminals: {},
  setTerminals: (list) => set({ terminals: Object.fromEntries(list.map((t) => [t.sessionId, t])) }),
  upsertTerminal: (info) => {
    const next = { ...get().terminals };
    if (info.phase === 'closed') delete next[info.sessionId];
    else next[info.sessionId] = info;
    set({ terminals: next });
  },
});
