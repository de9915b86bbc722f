import { useId, type CSSProperties } from 'react';
import { useConsole } from '../../store/store';
import { RendererControl } from './RendererControl';

/**
 * The panel's preferences, copy-on-select and the renderer, behind one "Options" button on the tabs' row: they
 * hold for every terminal of the panel and are seldom changed mid-release. On the bar they took ~300 px, and at 1280 px
 * beside a region's steps a stopped run's "· ended: stopped by alice (PE), SIGKILL (137)" and they needed ~726 px of
 * the bar's ~546: the controls went to a second line over the output.
 */
export function TerminalPanelOptions() {
  const copyOnSelect = useConsole((s) => s.panel.copyOnSelect);
  const setPanel = useConsole((s) => s.setPanel);
  const id = useId();
  // The popover stands under its button (CSS anchor positioning); each bar's button is its own anchor.
  const anchor = `--terminal-options-${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <>
      <button type="button" className="terminal-options-button" popoverTarget={id} title="Copy on select and the renderer, for every terminal here" style={{ anchorName: anchor } as CSSProperties}>
        <span className="strip-word">Options</span>
        <span className="strip-sign" aria-hidden="true">
          ⚙
        </span>
      </button>
      <div id={id} popover="auto" className="terminal-options" role="group" aria-label="Terminal options" style={{ positionAnchor: anchor } as CSSProperties}>
        <label className="terminal-option" title="Copy selected text to the clipboard as soon as it is selected">
          <input type="checkbox" checked={copyOnSelect} onChange={(e) => setPanel({ copyOnSelect: e.target.checked })} />
          Copy on select
        </label>
        <RendererControl />
      </div>
    </>
  );
}
