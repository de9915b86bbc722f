import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { consoleStore, useConsole } from '../../store/store';
import { terminalTheme } from '../terminal-theme';
import { keyPlatformOf } from '../shortcuts';
import { terminalKeyAction } from './keybindings';
import { TerminalRenderer } from './terminalRenderer';
import { openLink, refuseClipboardRequests, terminalOptions } from './terminalOptions';
import { TerminalSearch } from './TerminalSearch';

const KEY_PLATFORM = keyPlatformOf(navigator.platform || navigator.userAgent);

interface Props {
  output: string;
  /** A step's output was neutralised when stored (plain lines ending in \n); a shell's is what its terminal received. */
  plainText: boolean;
  label: string;
  /** What stands in place of an empty transcript: why nothing is there. */
  emptyWords: string;
}

/**
 * A finished run's whole kept output in a read-only xterm.js, searchable like a live terminal. Nothing
 * typed here goes anywhere, and the console's hardened options (no OSC 52, http(s) links only) apply.
 */
export function TranscriptViewer({ output, plainText, label, emptyWords }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [terminal, setTerminal] = useState<Terminal | null>(null);
  const [searchOpen, setSearchOpen] = useState(false);
  const termRef = useRef<Terminal | null>(null);
  const rendererRef = useRef<TerminalRenderer | null>(null);
  const rendererPreference = useConsole((s) => s.panel.renderer);
  const theme = useConsole((s) => s.theme);
  // Nothing was kept: said in words, not shown as an empty terminal that reads as one still loading.
  const empty = output.length === 0;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // Plain stored lines end in \n alone: xterm.js must return the carriage too. Coloured as the live terminals are.
    const term = new Terminal({ ...terminalOptions(true), ...terminalTheme(consoleStore.getState().theme), convertEol: plainText });
    termRef.current = term;
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon(openLink));
    refuseClipboardRequests(term);
    setTerminal(term);
    term.attachCustomKeyEventHandler((event) => {
      const action = terminalKeyAction(event, KEY_PLATFORM);
      // A console-wide key bubbles on to the console, as from a live terminal.
      if (action === 'console') return false;
      if (action !== 'search' && action !== 'copy') return true;
      event.preventDefault();
      if (action === 'search') setSearchOpen(true);
      else if (term.hasSelection()) void navigator.clipboard.writeText(term.getSelection()).catch(() => undefined);
      return false;
    });
    term.open(element);
    const renderer = new TerminalRenderer(term, element);
    rendererRef.current = renderer;
    fit.fit();
    // No cursor: nothing will ever be typed here, and a blinking block reads as a live prompt.
    term.write(`${output}\x1b[?25l`);
    const resize = new ResizeObserver(() => {
      if (element.clientWidth > 0) fit.fit();
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      termRef.current = null;
      rendererRef.current = null;
      renderer.dispose();
      term.dispose();
    };
  }, [output, plainText, empty]);

  // The theme changes in place, as a live terminal's does.
  useEffect(() => {
    if (termRef.current) termRef.current.options = terminalTheme(theme);
  }, [theme]);

  // The first run of this effect follows the one above, so the new terminal gets its renderer here too.
  useEffect(() => {
    rendererRef.current?.apply(rendererPreference);
  }, [rendererPreference, output, plainText]);

  return (
    <div className="terminal transcript-viewer">
      <div className="terminal-bar">
        <span className="terminal-title" title={label}>
          {label}
        </span>
        <span className="spacer" />
        {empty ? null : searchOpen && terminal ? (
          <TerminalSearch
            terminal={terminal}
            onClose={() => {
              setSearchOpen(false);
              termRef.current?.focus();
            }}
          />
        ) : (
          <button type="button" className="icon" aria-label="Search" title={KEY_PLATFORM === 'mac' ? 'Search (⌘F)' : 'Search (Ctrl+F)'} onClick={() => setSearchOpen(true)}>
            ⌕
          </button>
        )}
      </div>
      {empty ? (
        <p className="muted terminal-empty" role="note">
          {emptyWords}
        </p>
      ) : (
        <div className="terminal-host" ref={host} />
      )}
    </div>
  );
}
