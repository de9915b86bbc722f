import type { TerminalInfo } from '../../../shared/api';
import { DEFAULT_PANEL, type TerminalPanel } from '../../store/terminal-slice';
import { isRendererPreference } from './rendererChoice';

const STORAGE_KEY = 'release-console.terminal-panel';

/** The panel can be dragged between these: a few rows at least, and never taller than a big screen. */
export const PANEL_MIN_PX = 120;
export const PANEL_MAX_PX = 2_000;

export function clampPanelHeight(px: number): number {
  return Math.round(Math.min(PANEL_MAX_PX, Math.max(PANEL_MIN_PX, px)));
}

/** The remembered height, copy-on-select and renderer; maximized is not remembered (a restart opens the normal layout). */
export function loadPanelPreferences(): TerminalPanel {
  try {
    const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<TerminalPanel>;
    return {
      heightPx: typeof saved.heightPx === 'number' ? clampPanelHeight(saved.heightPx) : DEFAULT_PANEL.heightPx,
      maximized: false,
      copyOnSelect: saved.copyOnSelect === true,
      renderer: isRendererPreference(saved.renderer) ? saved.renderer : DEFAULT_PANEL.renderer,
    };
  } catch {
    // Unreadable or foreign data in storage: the defaults, rather than a console that will not open.
    return DEFAULT_PANEL;
  }
}

export function savePanelPreferences(panel: TerminalPanel): void {
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ heightPx: panel.heightPx, copyOnSelect: panel.copyOnSelect, renderer: panel.renderer }));
}

const NAMES_KEY = 'release-console.terminal-tab-names';
/** Enough for a long Friday's shells; older names fall off first. */
const NAMES_KEPT = 100;

/**
 * A tab's name is kept under its session id and start time: ids restart with the console, so a name
 * must not land on a different shell that happens to get the same id after a restart.
 */
export function tabNameKey(info: Pick<TerminalInfo, 'sessionId' | 'startedAt'>): string {
  return `${info.sessionId}@${info.startedAt}`;
}

export function loadTabNames(): Record<string, string> {
  try {
    const saved: unknown = JSON.parse(window.localStorage.getItem(NAMES_KEY) ?? '{}');
    if (typeof saved !== 'object' || saved === null) return {};
    return Object.fromEntries(Object.entries(saved).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

export function saveTabNames(names: Record<string, string>): void {
  window.localStorage.setItem(NAMES_KEY, JSON.stringify(Object.fromEntries(Object.entries(names).slice(-NAMES_KEPT))));
}
