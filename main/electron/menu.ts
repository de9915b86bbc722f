import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu can ask main to do; main.ts wires each to a dialog, a console swap or the browser. */
export interface MenuActions {
  openWorkspace(): void;
  openRecent(dir: string): void;
  closeWorkspace(): void;
  openDemo(): void;
  openReadme(): void;
  openWorkspaceDocs(): void;
}

export interface MenuContext {
  /** `app.isPackaged`: a packaged build offers no DevTools (issue 16: the stock View menu exposed them). */
  isPackaged: boolean;
  platform: string;
  /** Workspace folders, most recent first. */
  recent: readonly string[];
  /** The open workspace's `docs` link, or null when it names none (the item is then disabled). */
  workspaceDocs: string | null;
}

/** DevTools can read the token-free API object and every payload; in the hands of whoever sits at a packaged app they stay closed. */
export function allowsDevTools(isPackaged: boolean): boolean {
  return !isPackaged;
}

/**
 * File, Edit, View, Window and Help (with the app menu first on macOS). Built from data so a test walks it
 * for packaged and development builds without a display.
 */
export function menuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] = context.recent.length
    ? context.recent.map((dir) => ({ label: `${path.basename(dir)} — ${dir}`, click: () => actions.openRecent(dir) }))
    : [{ label: 'No recent workspaces', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
      { label: 'Open Recent', submenu: recent },
      { label: 'Open the Demo', click: () => actions.openDemo() },
      { type: 'separator' },
      { label: 'Close Workspace', click: () => actions.closeWorkspace() },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const devTools = allowsDevTools(context.isPackaged);
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(devTools ? [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Release Console README', click: () => actions.openReadme() },
      { label: "This Workspace's Documentation", enabled: context.workspaceDocs !== null, click: () => actions.openWorkspaceDocs() },
    ],
  };
  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }, help];
}
