import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { flushSync } from 'react-dom';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import type { TerminalReplay } from '../../../shared/api';
import { WrittenChars } from '../../../shared/terminal/flowControl';
import { sanitiseTitle } from '../../../shared/terminal/title';
import { describeArgv } from '../../../shared/terminal/argv';
import { consoleApi } from '../../api/boot';
import { consoleStore, useConsole } from '../../store/store';
import { keyPlatformOf } from '../shortcuts';
import { terminalKeyAction } from './keybindings';
import { terminalTheme } from '../terminal-theme';
import { OutputPacer } from './outputPacer';
import { multilinePasteQuestion } from './pasteGuard';
import { MIN_FITTED_COLS, openLink, refuseClipboardRequests, terminalOptions } from './terminalOptions';
import { TerminalRenderer } from './terminalRenderer';
import { TerminalSearch } from './TerminalSearch';
import { NAME_KEPT_CH, barSaysMoreThanTab, endedShellNote, stoppingOf, terminalBarName, terminalBarState } from './sessionLabels';

interface Props {
  sessionId: string;
  readOnly: boolean;
  /** Multi-line pastes ask first while a rollback runs (a pasted runbook must not run line by line unseen). */
  confirmMultilinePaste: boolean;
  /** Hidden terminals keep their xterm.js instance and keep writing; shown again, they only re-fit. */
  visible: boolean;
  /** Changes when the PE chose this tab: the terminal takes the keyboard then, and only then. */
  focusToken: number;
  /** Changes when the command palette asked for this terminal's find bar: it opens, its box taking the keyboard. */
  searchToken?: number;
  /** Opens a new shell in the terminal's region, as “+ Shell” does: offered where a shell has ended. */
  onNewShell?: () => void;
}

/** The host element carries its terminal (see where it is set). */
export type TerminalHost = HTMLDivElement & { terminal?: Terminal };

const KEY_PLATFORM = keyPlatformOf(navigator.platform || navigator.userAgent);

/** The paste guard's answer, asked before any text reaches the pty (keybinding, menu or browser paste). */
function pasteAllowed(text: string, rollbackActive: boolean): boolean {
  const question = multilinePasteQuestion(text, rollbackActive);
  return question === null || window.confirm(question);
}

/** The bar's name at its narrowest: its first characters and the ellipsis, as a tab keeps them (monospaced: 1ch a character). */
function barNameMinWidth(name: string): string {
  return `calc(${Math.min(name.length, NAME_KEPT_CH + 1)}ch + 2px)`;
}

/**
 * The room the bar's title asks for before its controls share the line: the name at its narrowest and the state on
 * one line. Where that and the controls do not fit, the controls go under it: at 1280 px beside S01's steps the
 * state "· ended: stopped by olu (PE), SIGKILL (137)" took three lines beside them.
 */
function barTitleBasis(name: string, state: string): string | undefined {
  return state ? `calc(${Math.min(name.length, NAME_KEPT_CH + 1) + state.length}ch + 2px)` : undefined;
}

export function TerminalView({ sessionId, readOnly, confirmMultilinePaste, visible, focusToken, searchToken = 0, onNewShell }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [title, setTitle] = useState('');
  // The find bar's terminal: state, not only the ref, so the bar renders once the terminal exists.
  const [terminal, setTerminal] = useState<Terminal | null>(null);
  const [searchOpen, setSearchOpen] = useState(false);
  // Counted at each ask for the find bar (Ctrl+F, its ⌕, the palette): its box takes the keyboard each time, also when
  // the bar was already open and the shell had the keyboard back (Ctrl+F then left the keys to the shell).
  const [searchAsks, setSearchAsks] = useState(0);
  const openSearch = () => {
    setSearchOpen(true);
    setSearchAsks((n) => n + 1);
  };
  const termRef = useRef<Terminal | null>(null);
  const rendererRef = useRef<TerminalRenderer | null>(null);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const refit = useRef<() => void>(() => undefined);
  const confirmPaste = useRef(confirmMultilinePaste);
  confirmPaste.current = confirmMultilinePaste;
  const toastError = useConsole((s) => s.toastError);
  const setPanel = useConsole((s) => s.setPanel);
  const theme = useConsole((s) => s.theme);
  const rendererPreference = useConsole((s) => s.panel.renderer);
  const exit = useConsole((s) => s.terminals[sessionId]?.exit ?? null);
  // A step's run is named over its output by its command line: "Command output" said nothing of which of a region's runs it was.
  // A shell by the name on its tab: every shell's bar read "Shell", so two open read alike.
  const sessionName = useConsole((s) => {
    const info = s.terminals[sessionId];
    if (!info) return null;
    return info.kind === 'command' ? describeArgv(info.argv) : (s.tabNames[sessionId] ?? info.title);
  });
  const stopping = useConsole((s) => stoppingOf(s.terminals[sessionId], s.view?.gates.flatMap((g) => g.steps) ?? []));
  // Read by the input handler: an ended shell's pty is gone, so what is typed would be dropped without a word.
  const endedNoteRef = useRef<HTMLParagraphElement>(null);
  const endedRef = useRef(exit !== null);
  endedRef.current = exit !== null;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const api = consoleApi();
    const term = new Terminal({ ...terminalOptions(readOnly), ...terminalTheme(consoleStore.getState().theme) });
    termRef.current = term;
    const fit = new FitAddon();
    term.loadAddon(fit);
    setTerminal(term);
    term.loadAddon(new WebLinksAddon(openLink));
    refuseClipboardRequests(term);
    term.onTitleChange((raw) => setTitle(sanitiseTitle(raw)));
    term.open(element);
    const renderer = new TerminalRenderer(term, element);
    renderer.apply(consoleStore.getState().panel.renderer, visibleRef.current);
    // The terminal bench reads what a WebGL-drawn terminal holds here: its canvas has no text to read.
    (element as TerminalHost).terminal = term;
    rendererRef.current = renderer;

    let disposed = false;
    // A hidden terminal has no size to fit to: it keeps its rows and columns until it is shown again. So does one
    // squeezed below a readable width for a moment: its shell would erase output redrawing its prompt.
    refit.current = () => {
      if (element.clientWidth === 0 || element.clientHeight === 0) return;
      const proposed = fit.proposeDimensions();
      if (!proposed || proposed.cols < MIN_FITTED_COLS) return;
      const before = `${term.cols}x${term.rows}`;
      fit.fit();
      if (`${term.cols}x${term.rows}` !== before) void api.resizeTerminal({ sessionId, cols: term.cols, rows: term.rows });
    };
    refit.current();

    term.attachCustomKeyEventHandler((event) => {
      const action = terminalKeyAction(event, KEY_PLATFORM);
      if (action === null) return true;
      // Not xterm.js's and not prevented: the key bubbles on to the console's own listener (App's useShortcuts).
      if (action === 'console') return false;
      // The browser's own meaning (find in page, devtools on Ctrl+Shift+C, a second native paste) must not follow.
      event.preventDefault();
      // Opened and focused before this keydown returns: the next key typed is the box's, not the shell's.
      if (action === 'search') flushSync(openSearch);
      else if (action === 'maximize') setPanel({ maximized: !consoleStore.getState().panel.maximized });
      else if (action === 'copy') {
        const selection = term.getSelection();
        if (selection) void navigator.clipboard.writeText(selection).catch(() => consoleStore.getState().toast('error', 'The clipboard refused the copy.'));
      } else if (!readOnly) {
        void navigator.clipboard.readText().then(
          (text) => {
            if (text && !disposed && pasteAllowed(text, confirmPaste.current)) term.paste(text);
          },
          () => consoleStore.getState().toast('error', 'The clipboard could not be read: the console has no permission to paste.'),
        );
      }
      return false;
    });
    // Copy-on-select copies what the mouse selected, when the button comes up: a search's highlighted
    // match or a selection being dragged must not overwrite the clipboard on every change.
    const onMouseUp = () => {
      if (!consoleStore.getState().panel.copyOnSelect || !term.hasSelection()) return;
      void navigator.clipboard.writeText(term.getSelection()).catch(() => consoleStore.getState().toast('error', 'The clipboard refused the copy.'));
    };
    element.addEventListener('mouseup', onMouseUp);

    let replayEnd = 0;
    const written = new WrittenChars();
    const pending: { data: string; offset: number }[] = [];
    let ready = false;

    // Acknowledged once xterm.js has parsed it, so main's flow control paces the pty to this window.
    const write = (data: string, parsed?: () => void) => {
      term.write(data, () => {
        const chars = written.written(data.length);
        if (chars > 0 && !disposed) void api.ackTerminal({ sessionId, chars });
        parsed?.();
      });
    };
    const pacer = new OutputPacer(write);
    const deliver = (data: string, offset: number) => {
      // Live chunks that the replay already held are skipped; one that straddles its end is cut.
      const end = offset + data.length;
      if (end <= replayEnd) return;
      pacer.push(offset < replayEnd ? data.slice(replayEnd - offset) : data);
    };
    const unsubscribe = api.onTerminalOutput((chunk) => {
      if (chunk.sessionId !== sessionId || disposed) return;
      if (!ready) pending.push(chunk);
      else deliver(chunk.data, chunk.offset);
    });

    void api.attachTerminal({ sessionId }).then((result) => {
      if (disposed) return;
      if (!result.ok) {
        toastError(result.error);
        return;
      }
      const replay: TerminalReplay = result.value;
      replayEnd = replay.replayEnd;
      if (replay.replay) write(replay.replay);
      ready = true;
      for (const chunk of pending.splice(0)) deliver(chunk.data, chunk.offset);
      if (element.clientWidth > 0) void api.resizeTerminal({ sessionId, cols: term.cols, rows: term.rows });
    });

    const input = readOnly
      ? null
      : term.onData((data) => {
          if (endedRef.current) return;
          consoleStore.getState().noteInput(sessionId, Date.now());
          void api.writeTerminal({ sessionId, data });
        });
    // The browser's own paste (context menu, middle click): the same guard as the keybinding.
    const onPaste = (event: ClipboardEvent) => {
      const text = event.clipboardData?.getData('text') ?? '';
      if (!pasteAllowed(text, confirmPaste.current)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    };
    element.addEventListener('paste', onPaste, true);
    const resize = new ResizeObserver(() => refit.current());
    resize.observe(element);

    return () => {
      disposed = true;
      pacer.dispose();
      resize.disconnect();
      element.removeEventListener('paste', onPaste, true);
      element.removeEventListener('mouseup', onMouseUp);
      input?.dispose();
      unsubscribe();
      void api.detachTerminal({ sessionId });
      termRef.current = null;
      rendererRef.current = null;
      renderer.dispose();
      term.dispose();
    };
  }, [sessionId, readOnly, toastError, setPanel]);

  // The renderer changes in place, like the theme: the same xterm.js instance keeps its buffer and
  // scrollback. A hidden terminal gives up its WebGL context (see TerminalRenderer) and takes one when shown.
  useEffect(() => {
    rendererRef.current?.apply(rendererPreference, visible);
  }, [rendererPreference, visible]);

  useEffect(() => {
    if (!visible) return;
    const frame = requestAnimationFrame(() => refit.current());
    return () => cancelAnimationFrame(frame);
  }, [visible]);

  useEffect(() => {
    if (focusToken > 0 && visible) termRef.current?.focus();
  }, [focusToken, visible]);

  // Before the browser takes the next key: a passive effect ran a frame or more after the palette closed, and the
  // keys typed in between went to the page ("edle" for "needle").
  // Each ask once: a bar closed since is not opened again when its tab is shown again.
  const searchAnswered = useRef(0);
  useLayoutEffect(() => {
    if (searchToken <= searchAnswered.current || !visible) return;
    searchAnswered.current = searchToken;
    openSearch();
  }, [searchToken, visible]);

  function closeSearch() {
    setSearchOpen(false);
    termRef.current?.focus();
  }

  const barName = terminalBarName(readOnly ? 'command' : 'shell', sessionName ?? (readOnly ? 'Command output' : 'Shell'), title);
  const barState = terminalBarState(exit, stopping);
  const endedNote = readOnly ? null : endedShellNote(exit);

  // An ended shell takes no typing: no cursor inviting it, no keystroke sent to a pty that is gone.
  useEffect(() => {
    const term = termRef.current;
    if (!term || readOnly) return;
    term.options.disableStdin = exit !== null;
    term.options.cursorBlink = exit === null;
    term.options.cursorInactiveStyle = exit === null ? 'outline' : 'none';
    // Someone typing when it ended has the keyboard moved to the note that says so, next to the way on: not left in a
    // terminal that takes nothing, nor on the button itself, where the next space typed would open a shell.
    if (exit !== null && host.current?.contains(document.activeElement)) endedNoteRef.current?.focus();
  }, [exit, readOnly, terminal]);

  // The theme changes in place: recreating the terminal would drop what it shows.
  useEffect(() => {
    if (termRef.current) termRef.current.options = terminalTheme(theme);
  }, [theme]);

  return (
    <div className={visible ? 'terminal' : 'terminal-parked'} hidden={!visible}>
      {/* Its controls (Options, ⌕) are the panel's, on the tabs' row (RegionTerminals). In a narrow panel the bar shows only
          when it says more than the tab or holds the find box: one line of chrome over the output at 1024 px, not two. */}
      <div className={`terminal-bar${searchOpen || barSaysMoreThanTab(exit, stopping) ? '' : ' terminal-bar-quiet'}`}>
        {/* The name gives way, down to its first characters; how the run ended or who asked it to stop stays whole,
            wrapping between its words where the bar is too narrow for it. Whole in the tooltip. */}
        <span
          className="terminal-title"
          title={`${barName}${barState}`}
          style={{ flexBasis: barTitleBasis(barName, barState), '--bar-name-min': barNameMinWidth(barName), '--bar-state-width': `${barState.length}ch` } as CSSProperties}
        >
          <span className="terminal-title-name">
            {barName}
          </span>
          {barState && <span className="terminal-title-state">{barState}</span>}
        </span>
        <span className="spacer" />
        {searchOpen && terminal ? <TerminalSearch terminal={terminal} onClose={closeSearch} focusToken={searchAsks} /> : null}
      </div>
      {endedNote !== null && (
        <p className="terminal-ended" role="note" tabIndex={-1} ref={endedNoteRef}>
          {endedNote}
          {onNewShell && (
            <button type="button" onClick={onNewShell}>
              Open a new shell
            </button>
          )}
        </p>
      )}
      <div className="terminal-host" ref={host} data-session={sessionId} />
    </div>
  );
}
