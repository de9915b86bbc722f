import { useEffect, useMemo, useRef, useState } from 'react';
import { useConsole } from '../store/store';
import type { Screen } from '../store/release-slice';

export interface PaletteCommand {
  id: string;
  label: string;
  shortcut?: string;
  run: () => void;
}

/** Ctrl/Cmd+K: every common action by name, so nobody hunts for a button at 2 a.m. */
export function CommandPalette({ commands }: { commands: PaletteCommand[] }) {
  const open = useConsole((s) => s.paletteOpen);
  const setOpen = useConsole((s) => s.setPaletteOpen);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return commands.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
  }, [commands, query]);

  useEffect(() => {
    if (open) {
      setQuery('');
      setIndex(0);
      setTimeout(() => input.current?.focus(), 0);
    }
  }, [open]);

  if (!open) return null;
  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    setOpen(false);
    command.run();
  };
  return (
    <div className="dialog-backdrop" onClick={() => setOpen(false)}>
      <div className="palette" role="dialog" aria-label="Command palette" onClick={(e) => e.stopPropagation()}>
        <input
          ref={input}
          aria-label="Command"
          placeholder="Type a command…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, matches.length - 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
            else if (e.key === 'Enter') run(matches[index]);
            else if (e.key === 'Escape') setOpen(false);
          }}
        />
        <ul role="listbox">
          {matches.map((c, i) => (
            <li key={c.id} role="option" aria-selected={i === index} className={i === index ? 'active' : ''} onMouseEnter={() => setIndex(i)} onClick={() => run(c)}>
              <span>{c.label}</span>
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </li>
          ))}
          {matches.length === 0 && <li className="muted">No command matches.</li>}
        </ul>
      </div>
    </div>
  );
}

export const SCREEN_SHORTCUTS: { screen: Screen; key: string; label: string }[] = [
  { screen: 'regions', key: '1', label: 'Control pane' },
  { screen: 'checklist', key: '2', label: 'Checklist' },
  { screen: 'board', key: '3', label: 'Release board' },
  { screen: 'qa', key: '4', label: 'QA checklist' },
  { screen: 'evidence', key: '5', label: 'Evidence and exports' },
];
