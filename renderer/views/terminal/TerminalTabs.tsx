import { useState } from 'react';
import type { TerminalInfo } from '../../../shared/api';
import { useConsole } from '../../store/store';

function exitLabel(exit: { code: number; signal: string | null; withheld?: true | undefined } | null): string {
  if (!exit) return '';
  if (exit.withheld) return ' · not run (rehearsal)';
  return exit.signal ? ` · ${exit.signal} (${exit.code})` : ` · exit ${exit.code}`;
}

interface Props {
  sessions: TerminalInfo[];
  currentId: string | null;
  onShow: (sessionId: string) => void;
  onClose: (session: TerminalInfo) => void;
  onNewShell: () => void;
  maximized: boolean;
  onToggleMaximized: () => void;
  historyOpen: boolean;
  onToggleHistory: () => void;
}

/** One row of tabs that scrolls sideways: free shells can be closed, any tab renamed (double-click or right-click). */
export function TerminalTabs({ sessions, currentId, onShow, onClose, onNewShell, maximized, onToggleMaximized, historyOpen, onToggleHistory }: Props) {
  const attention = useConsole((s) => s.attention);
  const names = useConsole((s) => s.tabNames);
  const renameTab = useConsole((s) => s.renameTab);
  const [renaming, setRenaming] = useState<string | null>(null);

  return (
    <div className="terminal-strip">
      <div className="tabs" role="tablist" aria-label="Terminals">
        {sessions.map((s) => {
          const label = names[s.sessionId] ?? (s.kind === 'shell' ? 'Shell' : s.title);
          const classes = ['tab', `tab-${s.phase}`, s.exit && s.exit.code !== 0 ? 'tab-failed' : '', attention[s.sessionId] ? 'tab-attention' : ''];
          return (
            <span key={s.sessionId} className="tab-slot">
              {renaming === s.sessionId ? (
                <input
                  className="tab tab-rename"
                  aria-label={`Rename ${label}`}
                  autoFocus
                  defaultValue={label}
                  maxLength={80}
                  onBlur={(e) => {
                    renameTab(s.sessionId, e.target.value);
                    setRenaming(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') e.currentTarget.blur();
                    if (e.key === 'Escape') setRenaming(null);
                  }}
                />
              ) : (
                <button
                  type="button"
                  role="tab"
                  aria-selected={!historyOpen && currentId === s.sessionId}
                  className={classes.filter(Boolean).join(' ')}
                  onClick={() => onShow(s.sessionId)}
                  onDoubleClick={() => setRenaming(s.sessionId)}
                  onContextMenu={(e) => {
                    e.preventDefault();
                    setRenaming(s.sessionId);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'F2') setRenaming(s.sessionId);
                    if (e.key === 'Delete' && s.kind === 'shell') onClose(s);
                  }}
                  aria-keyshortcuts={s.kind === 'shell' ? 'F2 Delete' : 'F2'}
                  title={`${s.argv.join(' ')}\nDouble-click or F2 to rename${s.kind === 'shell' ? '; Delete closes it' : ''}`}
                >
                  {label}
                  {exitLabel(s.exit)}
                </button>
              )}
              {s.kind === 'shell' && (
                // A tab list holds tabs only (ARIA): the × is the mouse's way, Delete on the tab the keyboard's.
                <button type="button" className="tab-close" aria-hidden="true" tabIndex={-1} title="Close this shell (ends what runs in it)" onClick={() => onClose(s)}>
                  ×
                </button>
              )}
            </span>
          );
        })}
      </div>
      <button type="button" className="tab tab-new" onClick={onNewShell}>
        + Shell
      </button>
      <button type="button" className="terminal-history-toggle" aria-pressed={historyOpen} title="Every step run in this region, whole and searchable" onClick={onToggleHistory}>
        History
      </button>
      <button
        type="button"
        className="icon terminal-maximize"
        aria-pressed={maximized}
        aria-label={maximized ? 'Restore the terminal panel' : 'Maximize the terminal panel'}
        title={`${maximized ? 'Restore' : 'Maximize'} (Ctrl+Shift+M)`}
        onClick={onToggleMaximized}
      >
        {maximized ? '⤡' : '⤢'}
      </button>
    </div>
  );
}
