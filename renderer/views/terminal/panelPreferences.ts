import { DEFAULT_PANEL, type TerminalPanel } from '../../store/terminal-slice';

const STORAGE_KEY = 'release-console.terminal-panel';

/** The panel can be dragged between these: a few rows at least, and never taller than a big screen. */
export const PANEL_MIN_PX = 120;
export const PANEL_MAX_PX = 2_000;

export function clampPanelHeight(px: number): number {
  return Math.round(Math.min(PANEL_MAX_PX, Math.max(PANEL_MIN_PX, px)));
}

/** The remembered height and copy-on-select; maximized is not remembered (a restart opens the normal layout). */
export function loadPanelPreferences(): TerminalPanel {
  try {
    const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<TerminalPanel>;
    return {
      heightPx: typeof saved.heightPx === 'number' ? clampPanelHeight(saved.heightPx) : DEFAULT_PANEL.heightPx,
      maximized: false,
      copyOnSelect: saved.copyOnSelect === true,
    };
  } catch {
    // Unreadable or foreign data in storage: the defaults, rather than a console that will not open.
    return DEFAULT_PANEL;
  }
}

export function savePanelPreferences(panel: TerminalPanel): void {
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ heightPx: panel.heightPx, copyOnSelect: panel.copyOnSelect }));
}
