import { useEffect, useMemo, useRef, useState } from 'react';
import { send } from '../../api/actions';
import { useConsole } from '../../store/store';
import { TerminalView } from './TerminalView';

const DEFAULT_SIZE = { cols: 100, rows: 24 };

function exitLabel(exit: { code: number; signal: string | null } | null): string {
  if (!exit) return '';
  return exit.signal ? ` · ${exit.signal} (${exit.code})` : ` · exit ${exit.code}`;
}

/** The region's terminals: its shell and the commands its steps ran, newest command shown as it starts. */
export function RegionTerminals({ regionId }: { regionId: string }) {
  const all = useConsole((s) => s.terminals);
  const rollbackActive = useConsole((s) => s.view?.handovers.some((h) => h.status.includes('Rollback Required')) ?? false);
  const sessions = useMemo(() => Object.values(all).filter((t) => t.regionId === regionId).sort((a, b) => a.startedAt - b.startedAt || a.sessionId.localeCompare(b.sessionId, undefined, { numeric: true })), [all, regionId]);
  const [selected, setSelected] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const newestCommand = [...sessions].reverse().find((s) => s.kind === 'command');

  // A step's command appearing takes the view, so the PE sees it run without hunting for a tab.
  useEffect(() => {
    if (newestCommand && newestCommand.phase !== 'exited') setSelected(newestCommand.sessionId);
  }, [newestCommand?.sessionId, newestCommand?.phase]);

  const current = sessions.find((s) => s.sessionId === selected) ?? newestCommand ?? sessions[0] ?? null;

  /** A chosen tab brings its terminal on screen: xterm.js draws nothing while it is scrolled out of view. */
  function show(sessionId: string) {
    setSelected(sessionId);
    requestAnimationFrame(() => section.current?.querySelector('.terminal-host')?.scrollIntoView({ block: 'nearest' }));
  }

  async function openShell() {
    const opened = await send('openTerminal', { regionId, ...DEFAULT_SIZE });
    if (opened) show(opened.info.sessionId);
  }

  return (
    <section ref={section} className="region-terminals" aria-label={`${regionId} terminals`}>
      <div className="tabs">
        <div className="tab-list" role="tablist" aria-label={`${regionId} terminal sessions`}>
          {sessions.map((s) => (
            <button
              type="button"
              role="tab"
              key={s.sessionId}
              aria-selected={current?.sessionId === s.sessionId}
              className={`tab tab-${s.phase} ${s.exit && s.exit.code !== 0 ? 'tab-failed' : ''}`}
              onClick={() => show(s.sessionId)}
              title={s.argv.join(' ')}
            >
              {s.kind === 'shell' ? 'Shell' : s.title}
              {exitLabel(s.exit)}
            </button>
          ))}
        </div>
        <button type="button" className="tab tab-new" onClick={() => void openShell()}>
          + Shell
        </button>
      </div>
      {current ? (
        <TerminalView key={current.sessionId} sessionId={current.sessionId} readOnly={current.kind === 'command'} confirmMultilinePaste={rollbackActive} />
      ) : (
        <p className="muted terminal-empty">No terminal in {regionId} yet. Commands that steps run appear here; “+ Shell” opens a shell in the region.</p>
      )}
    </section>
  );
}
