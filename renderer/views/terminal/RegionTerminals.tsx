import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import type { TerminalInfo } from '../../../shared/api';
import { send } from '../../api/actions';
import { consoleStore, useConsole } from '../../store/store';
import { mayTakeView } from './focusGuard';
import { keyPlatformOf } from '../shortcuts';
import { terminalKeyAction } from './keybindings';
import { clampPanelHeight, loadPanelPreferences, loadTabNames, savePanelPreferences, saveTabNames, tabNameKey } from './panelPreferences';
import { TerminalPanelOptions } from './TerminalPanelOptions';
import { TerminalTabs } from './TerminalTabs';
import { TerminalView } from './TerminalView';
import { TranscriptHistory } from './TranscriptHistory';
import { actorWords } from '../../../shared/words';
import { ActionButton } from '../ActionButton';

const DEFAULT_SIZE = { cols: 100, rows: 24 };
const SEARCH_TITLE = keyPlatformOf(navigator.platform || navigator.userAgent) === 'mac' ? 'Search (⌘F)' : 'Search (Ctrl+F)';
/** Arrow keys on the resize handle move it by this much: a keyboard can size the panel too. */
const RESIZE_STEP_PX = 24;

let preferencesLoaded = false;
/** The remembered panel size and tab names are read once per page and written back whenever they change. */
function usePanelPreferences() {
  useEffect(() => {
    if (preferencesLoaded) return;
    preferencesLoaded = true;
    consoleStore.getState().setPanel(loadPanelPreferences());
    const restoreNames = (terminals: Record<string, TerminalInfo>) => {
      const saved = loadTabNames();
      for (const info of Object.values(terminals)) {
        const name = saved[tabNameKey(info)];
        if (name !== undefined && consoleStore.getState().tabNames[info.sessionId] === undefined) consoleStore.getState().renameTab(info.sessionId, name);
      }
    };
    restoreNames(consoleStore.getState().terminals);
    consoleStore.subscribe((state, previous) => {
      if (state.panel !== previous.panel) savePanelPreferences(state.panel);
      if (state.terminalsListed && !previous.terminalsListed) restoreNames(state.terminals);
      if (state.tabNames !== previous.tabNames) {
        const saved = loadTabNames();
        for (const [sessionId, info] of Object.entries(state.terminals)) {
          const name = state.tabNames[sessionId];
          if (name === undefined) delete saved[tabNameKey(info)];
          else saved[tabNameKey(info)] = name;
        }
        saveTabNames(saved);
      }
    });
  }, []);
}

/** The region's terminals: its shells and the commands its steps ran, a new command shown as it starts. */
export function RegionTerminals({ regionId }: { regionId: string }) {
  usePanelPreferences();
  const all = useConsole((s) => s.terminals);
  const listed = useConsole((s) => s.terminalsListed);
  const panel = useConsole((s) => s.panel);
  const setPanel = useConsole((s) => s.setPanel);
  const rollbackActive = useConsole((s) => s.view?.handovers.some((h) => h.status.includes('Rollback Required')) ?? false);
  const lease = useConsole((s) => s.view?.regions.find((r) => r.id === regionId)?.lease ?? null);
  const sessions = useMemo(
    () =>
      Object.values(all)
        .filter((t) => t.regionId === regionId)
        .sort((a, b) => a.startedAt - b.startedAt || a.sessionId.localeCompare(b.sessionId, undefined, { numeric: true })),
    [all, regionId],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const [focusToken, setFocusToken] = useState(0);
  const [historyOpen, setHistoryOpen] = useState(false);
  /** Bumped when the palette opens the history: its list then takes the keyboard. */
  const [historyFocus, setHistoryFocus] = useState(0);
  // The command palette's "Find in …'s terminal": the session whose find bar it opens, counted so each ask opens (or refocuses) it once.
  const [searchAsk, setSearchAsk] = useState<{ sessionId: string; n: number } | null>(null);
  const request = useConsole((s) => (s.terminalRequest?.regionId === regionId ? s.terminalRequest : null));
  const section = useRef<HTMLElement>(null);
  const known = useRef<Set<string> | null>(null);
  // With no tab chosen, the newest command is shown, but only one already seen: whether a command that
  // has just appeared may take the view is the effect below's decision, not this fallback's.
  const seenSessions = known.current === null ? sessions : sessions.filter((s) => known.current!.has(s.sessionId));
  const current =
    sessions.find((s) => s.sessionId === selected) ?? [...seenSessions].reverse().find((s) => s.kind === 'command') ?? seenSessions[0] ?? null;

  // A step's command that starts takes the view, so the PE sees it run without hunting for a tab; but never
  // from a shell being typed in (VS Code's rule): then its tab flashes and the keystrokes stay with the shell.
  useEffect(() => {
    if (!listed) return;
    if (known.current === null) {
      known.current = new Set(sessions.map((s) => s.sessionId));
      return;
    }
    const seen = known.current;
    const fresh = sessions.filter((s) => !seen.has(s.sessionId));
    for (const s of fresh) seen.add(s.sessionId);
    const command = fresh.filter((s) => s.kind === 'command').at(-1);
    if (!command) return;
    const state = consoleStore.getState();
    const typedAt = current?.kind === 'shell' ? (state.lastInputAt[current.sessionId] ?? null) : null;
    // Reading the history is not interrupted either: the new run waits behind its flashing tab.
    if (mayTakeView(typedAt, Date.now()) && !historyOpen) {
      setSelected(command.sessionId);
      return;
    }
    state.flagAttention(command.sessionId);
    // Pinned, so the fallback does not hand the view to the new command on the next render.
    if (current) setSelected(current.sessionId);
  }, [sessions, current, listed, historyOpen]);

  // The palette's ask for this region, carried out once: a new shell, the shown terminal taking the keyboard or its find bar, the history.
  // In the commit that closed the palette, so the find box has the keyboard before the next key is typed.
  useLayoutEffect(() => {
    if (!request) return;
    consoleStore.getState().requestTerminal(null);
    if (request.action === 'newShell') void openShell();
    else if (request.action === 'history') {
      setHistoryOpen(true);
      setHistoryFocus((n) => n + 1);
    }
    else if (current) {
      // Find gives the keyboard to its bar's box, not the terminal: the terminal taking it after the box would leave the box unfocused.
      show(current.sessionId, request.action === 'focus');
      if (request.action === 'find') findInCurrent(current.sessionId);
    }
  });

  /** Opens (or refocuses) the find bar of the shown terminal: each ask counted, so each one gives its box the keyboard. */
  function findInCurrent(sessionId: string) {
    setSearchAsk((ask) => ({ sessionId, n: (ask?.n ?? 0) + 1 }));
  }

  /** A chosen tab brings its terminal on screen (xterm.js draws nothing while scrolled out of view) and takes the keyboard. */
  function show(sessionId: string, takeKeyboard = true) {
    setSelected(sessionId);
    setHistoryOpen(false);
    if (takeKeyboard) setFocusToken((n) => n + 1);
    consoleStore.getState().clearAttention(sessionId);
    requestAnimationFrame(() => section.current?.querySelector('.terminal:not([hidden]) .terminal-host')?.scrollIntoView({ block: 'nearest' }));
  }

  async function openShell() {
    const opened = await send('openTerminal', { regionId, ...DEFAULT_SIZE });
    if (opened) {
      known.current?.add(opened.info.sessionId);
      show(opened.info.sessionId);
    }
  }

  async function closeShell(session: TerminalInfo) {
    if (session.sessionId === current?.sessionId) {
      const index = sessions.indexOf(session);
      setSelected((sessions[index + 1] ?? sessions[index - 1])?.sessionId ?? null);
    }
    await send('closeTerminal', { sessionId: session.sessionId });
  }

  function startResize(event: React.PointerEvent<HTMLDivElement>) {
    const startY = event.clientY;
    const startHeight = panel.heightPx;
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => setPanel({ heightPx: clampPanelHeight(startHeight + e.clientY - startY) });
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  }

  const style = { '--terminal-height': `${panel.heightPx}px` } as CSSProperties;
  return (
    <section
      ref={section}
      className={`region-terminals ${panel.maximized ? 'region-terminals-maximized' : ''}`}
      style={style}
      aria-label={`${regionId} terminals`}
      onKeyDown={(e) => {
        // Inside a terminal xterm.js's key handler already took it; this is the shortcut from the tabs and the bar.
        if (!e.defaultPrevented && terminalKeyAction(e, keyPlatformOf(navigator.platform || navigator.userAgent)) === 'maximize') {
          e.preventDefault();
          setPanel({ maximized: !panel.maximized });
        }
      }}
    >
      <TerminalTabs
        sessions={sessions}
        currentId={current?.sessionId ?? null}
        onShow={show}
        onClose={(s) => void closeShell(s)}
        onNewShell={() => void openShell()}
        maximized={panel.maximized}
        onToggleMaximized={() => setPanel({ maximized: !panel.maximized })}
        historyOpen={historyOpen}
        onToggleHistory={() => setHistoryOpen(!historyOpen)}
        controls={
          <>
            <TerminalPanelOptions />
            {/* The shown terminal's find bar, as Ctrl+F and the palette's "Find in …" open it. */}
            <ActionButton className="icon terminal-search-button" aria-label="Search" title={SEARCH_TITLE} disabledReason={current ? null : `No terminal in ${regionId} to search yet`} onClick={() => {
                if (!current) return;
                show(current.sessionId, false);
                findInCurrent(current.sessionId);
              }}
            >
              ⌕
            </ActionButton>
          </>
        }
      />
      {historyOpen ? <TranscriptHistory regionId={regionId} focusToken={historyFocus} /> : null}
      {sessions.map((s) => (
        <TerminalView
          key={s.sessionId}
          sessionId={s.sessionId}
          readOnly={s.kind === 'command'}
          confirmMultilinePaste={rollbackActive}
          visible={!historyOpen && s.sessionId === current?.sessionId}
          focusToken={s.sessionId === current?.sessionId ? focusToken : 0}
          searchToken={searchAsk?.sessionId === s.sessionId ? searchAsk.n : 0}
          onNewShell={() => void openShell()}
        />
      ))}
      {historyOpen ? null : current === null ? (
        <p className="muted terminal-empty">
          {lease
            ? // A run holds the region and has no terminal here: it runs in another desk's console, whose terminal has its output.
              `No terminal in ${regionId} at this desk: ${actorWords(lease.holder)} holds ${regionId} ${lease.takenOverFrom ? `(taken over from ${lease.takenOverFrom.holder.name})` : `for ${lease.purpose}`}, and its output is in their desk's terminal. Commands run at this desk appear here; “+ Shell” opens a shell in the region.`
            : `No terminal in ${regionId} yet. Commands that steps run appear here; “+ Shell” opens a shell in the region.`}
        </p>
      ) : !panel.maximized ? (
        <div
          className="terminal-resize"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize the terminal panel"
          aria-valuenow={panel.heightPx}
          tabIndex={0}
          onPointerDown={startResize}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
            e.preventDefault();
            setPanel({ heightPx: clampPanelHeight(panel.heightPx + (e.key === 'ArrowDown' ? RESIZE_STEP_PX : -RESIZE_STEP_PX)) });
          }}
        />
      ) : null}
    </section>
  );
}
