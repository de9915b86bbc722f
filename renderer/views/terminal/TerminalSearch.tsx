import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Terminal } from '@xterm/xterm';
import { SearchAddon, type ISearchOptions } from '@xterm/addon-search';

/** Match highlights in the terminal and on its scrollbar; the addon reports a count only when these are set. */
const DECORATIONS: ISearchOptions['decorations'] = {
  matchBackground: '#3a4a63',
  matchOverviewRuler: '#7f8ea3',
  activeMatchBackground: '#b5892a',
  activeMatchColorOverviewRuler: '#f2c14e',
};

/** The addon's default: past this many matches it stops highlighting and no longer knows the active one's position. */
const HIGHLIGHT_LIMIT = 1_000;

interface Results {
  index: number;
  count: number;
}

/**
 * "3 of 12"; with no active match (or past the addon's highlight limit) only the total is known. A regular
 * expression that does not compile says so, but only while there is one: an emptied box says nothing.
 */
export function matchCountLabel(query: string, results: Results | null, invalid: string | null = null): string {
  if (!query) return '';
  if (invalid !== null) return 'Invalid pattern';
  if (results === null) return '';
  if (results.count === 0) return 'No results';
  if (results.index < 0) return results.count >= HIGHLIGHT_LIMIT ? `${HIGHLIGHT_LIMIT}+ matches` : `${results.count} matches`;
  return `${results.index + 1} of ${results.count}`;
}

interface Props {
  terminal: Terminal;
  onClose: () => void;
  /** Changes when the bar is asked for again while open (Ctrl+F, the command palette's find): its box takes the keyboard back. */
  focusToken?: number;
}

/** The terminal's find bar (Ctrl+F / Cmd+F): Enter next, Shift+Enter previous, Escape back to the terminal. */
export function TerminalSearch({ terminal, onClose, focusToken = 0 }: Props) {
  const [query, setQuery] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [regex, setRegex] = useState(false);
  const [results, setResults] = useState<Results | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const addon = useRef<SearchAddon | null>(null);

  // The addon lives as long as the bar. After output or a resize it re-runs the search 200 ms later to
  // keep the highlights current; once the bar had closed (its term cleared) that re-run cleared the
  // terminal's selection, the match the PE closed the bar to copy (the WebGL spec's copy failed so, under
  // load). Disposing the addon with the bar cancels the re-run and its highlights, and keeps the selection.
  useEffect(() => {
    const search = new SearchAddon();
    terminal.loadAddon(search);
    addon.current = search;
    const subscription = search.onDidChangeResults(({ resultIndex, resultCount }) => setResults({ index: resultIndex, count: resultCount }));
    return () => {
      subscription.dispose();
      addon.current = null;
      search.dispose();
    };
  }, [terminal]);

  // In the same commit as the bar's opening: keys typed at once after Ctrl+F belong to the box.
  useLayoutEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusToken]);

  function find(direction: 'next' | 'previous', text = query, options = { caseSensitive, regex }, incremental = false) {
    const search = addon.current;
    if (!search) return;
    if (!text) {
      search.clearDecorations();
      setResults(null);
      setInvalid(null);
      return;
    }
    if (options.regex) {
      try {
        new RegExp(text);
      } catch (error) {
        // A half-typed pattern ("foo(") is not a search yet: say so instead of matching nothing silently.
        setInvalid(error instanceof Error ? error.message : 'not a regular expression');
        search.clearDecorations();
        return;
      }
    }
    setInvalid(null);
    // The addon (0.16) records new options before comparing them with the old, so a toggled option alone
    // would keep the old highlights and count: start the search afresh instead.
    if (options.caseSensitive !== caseSensitive || options.regex !== regex) search.clearDecorations();
    const searchOptions: ISearchOptions = { ...options, incremental, decorations: DECORATIONS };
    if (direction === 'next') search.findNext(text, searchOptions);
    else search.findPrevious(text, searchOptions);
  }

  return (
    <div className="terminal-search" role="search">
      <input
        ref={input}
        aria-label="Search the terminal"
        aria-invalid={invalid !== null}
        title={invalid ?? undefined}
        value={query}
        placeholder="Find"
        onChange={(e) => {
          setQuery(e.target.value);
          find('next', e.target.value, { caseSensitive, regex }, true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find(e.shiftKey ? 'previous' : 'next');
          }
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <span className="terminal-search-count" aria-live="polite">
        {matchCountLabel(query, results, invalid)}
      </span>
      <button
        type="button"
        className="icon toggle"
        aria-label="Match case"
        aria-pressed={caseSensitive}
        title="Match case"
        onClick={() => {
          setCaseSensitive(!caseSensitive);
          find('next', query, { caseSensitive: !caseSensitive, regex }, true);
        }}
      >
        Aa
      </button>
      <button
        type="button"
        className="icon toggle"
        aria-label="Use regular expression"
        aria-pressed={regex}
        title="Use regular expression"
        onClick={() => {
          setRegex(!regex);
          find('next', query, { caseSensitive, regex: !regex }, true);
        }}
      >
        .*
      </button>
      <button type="button" className="icon" aria-label="Previous match" title="Previous match (Shift+Enter)" onClick={() => find('previous')}>
        ↑
      </button>
      <button type="button" className="icon" aria-label="Next match" title="Next match (Enter)" onClick={() => find('next')}>
        ↓
      </button>
      <button type="button" className="icon" aria-label="Close search" title="Close (Escape)" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
