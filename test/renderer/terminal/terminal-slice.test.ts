import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import type { TerminalInfo } from '../../../shared/api';
import { createTerminalSlice, DEFAULT_PANEL, type TerminalSlice } from '../../../renderer/store/terminal-slice';

function shell(sessionId: string, phase: TerminalInfo['phase'] = 'running'): TerminalInfo {
  return { sessionId, regionId: 'LON', kind: 'shell', title: 'bash', argv: ['bash'], phase, pid: 1, exit: null, cols: 80, rows: 24, startedAt: 1, endedAt: null };
}

describe('the terminal slice', () => {
  it('is not listed until main sends its list, so sessions from before a reload are not taken for new ones', () => {
    const store = createStore<TerminalSlice>()(createTerminalSlice);
    expect(store.getState().terminalsListed).toBe(false);
    store.getState().setTerminals([shell('term-1')]);
    expect(store.getState().terminalsListed).toBe(true);
    expect(Object.keys(store.getState().terminals)).toEqual(['term-1']);
  });

  it("forgets a closed session's name, flash and last keystroke with it", () => {
    const store = createStore<TerminalSlice>()(createTerminalSlice);
    const s = store.getState();
    s.upsertTerminal(shell('term-2'));
    s.renameTab('term-2', '  deploy watcher  ');
    s.flagAttention('term-2');
    s.noteInput('term-2', 42);
    expect(store.getState().tabNames).toEqual({ 'term-2': 'deploy watcher' });
    expect(store.getState().attention).toEqual({ 'term-2': true });
    s.upsertTerminal(shell('term-2', 'closed'));
    expect(store.getState()).toMatchObject({ terminals: {}, tabNames: {}, attention: {}, lastInputAt: {} });
  });

  it('a blank name gives the tab its own title back', () => {
    const store = createStore<TerminalSlice>()(createTerminalSlice);
    store.getState().renameTab('term-3', 'mine');
    store.getState().renameTab('term-3', '   ');
    expect(store.getState().tabNames).toEqual({});
  });

  it('changes the panel piece by piece', () => {
    const store = createStore<TerminalSlice>()(createTerminalSlice);
    expect(store.getState().panel).toEqual(DEFAULT_PANEL);
    store.getState().setPanel({ maximized: true });
    store.getState().setPanel({ heightPx: 500 });
    expect(store.getState().panel).toEqual({ ...DEFAULT_PANEL, maximized: true, heightPx: 500 });
  });
});
