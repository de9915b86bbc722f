import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import type { TerminalReplay } from '../../../shared/api';
import { WrittenChars } from '../../../shared/terminal/flowControl';
import { sanitiseTitle } from '../../../shared/terminal/title';
import { consoleApi } from '../../api/boot';
import { consoleStore, useConsole } from '../../store/store';
import { terminalTheme } from '../terminal-theme';
import { OutputPacer } from './outputPacer';
import { openLink, refuseClipboardRequests, terminalOptions } from './terminalOptions';

interface Props {
  /** Attach to this session; with `regionId` instead, open a new shell in that region. */
  sessionId: string;
  readOnly: boolean;
  /** Multi-line pastes ask first while a rollback runs (a pasted runbook must not run line by line unseen). */
  confirmMultilinePaste: boolean;
}

export function TerminalView({ sessionId, readOnly, confirmMultilinePaste }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [title, setTitle] = useState('');
  const [searchOpen, setSearchOpen] = useState(false);
  const [query, setQuery] = useState('');
  const searchRef = useRef<SearchAddon | null>(null);
  const confirmPaste = useRef(confirmMultilinePaste);
  confirmPaste.current = confirmMultilinePaste;
  const toastError = useConsole((s) => s.toastError);
  const theme = useConsole((s) => s.theme);
  const termRef = useRef<Terminal | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const api = consoleApi();
    const term = new Terminal({ ...terminalOptions(readOnly), ...terminalTheme(consoleStore.getState().theme) });
    termRef.current = term;
    const fit = new FitAddon();
    const search = new SearchAddon();
    searchRef.current = search;
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon(openLink));
    refuseClipboardRequests(term);
    term.onTitleChange((raw) => setTitle(sanitiseTitle(raw)));
    term.open(element);
    fit.fit();

    let disposed = false;
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
      void api.resizeTerminal({ sessionId, cols: term.cols, rows: term.rows });
    });

    const input = readOnly ? null : term.onData((data) => void api.writeTerminal({ sessionId, data }));
    const onPaste = (event: ClipboardEvent) => {
      const text = event.clipboardData?.getData('text') ?? '';
      if (!confirmPaste.current || !/\r|\n/.test(text.trimEnd())) return;
      const lines = text.trimEnd().split(/\r?\n/).length;
      if (!window.confirm(`A rollback is running. Paste ${lines} lines into this terminal? Pasted lines can run as commands.`)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    };
    element.addEventListener('paste', onPaste, true);
    const resize = new ResizeObserver(() => {
      fit.fit();
      void api.resizeTerminal({ sessionId, cols: term.cols, rows: term.rows });
    });
    resize.observe(element);

    return () => {
      disposed = true;
      pacer.dispose();
      resize.disconnect();
      element.removeEventListener('paste', onPaste, true);
      input?.dispose();
      unsubscribe();
      void api.detachTerminal({ sessionId });
      termRef.current = null;
      term.dispose();
    };
  }, [sessionId, readOnly, toastError]);

  // The theme changes in place: recreating the terminal would drop what it shows.
  useEffect(() => {
    if (termRef.current) termRef.current.options = terminalTheme(theme);
  }, [theme]);

  return (
    <div className="terminal">
      <div className="terminal-bar">
        <span className="terminal-title" title={title}>
          {title || (readOnly ? 'Command output' : 'Shell')}
        </span>
        <span className="spacer" />
        {searchOpen && (
          <input
            aria-label="Search the terminal"
            autoFocus
            value={query}
            placeholder="Search"
            onChange={(e) => {
              setQuery(e.target.value);
              searchRef.current?.findNext(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') searchRef.current?.[e.shiftKey ? 'findPrevious' : 'findNext'](query);
              if (e.key === 'Escape') setSearchOpen(false);
            }}
          />
        )}
        <button type="button" className="icon" aria-label="Search" onClick={() => setSearchOpen(!searchOpen)}>
          ⌕
        </button>
      </div>
      <div className="terminal-host" ref={host} data-session={sessionId} />
    </div>
  );
}
