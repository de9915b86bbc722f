import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { allowsDevTools, menuTemplate, type MenuActions } from '../../../main/electron/menu';

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    openWorkspace: () => calls.push('openWorkspace'),
    openRecent: (dir) => calls.push(`openRecent ${dir}`),
    closeWorkspace: () => calls.push('closeWorkspace'),
    openDemo: () => calls.push('openDemo'),
    openReadme: () => calls.push('openReadme'),
    openWorkspaceDocs: () => calls.push('openWorkspaceDocs'),
  };
  return { calls, actions };
}

/** Every item of the template, submenus included. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function topLabels(template: MenuItemConstructorOptions[]): string[] {
  return template.map((item) => item.label ?? item.role ?? '?');
}

function find(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = items(template).find((i) => i.label === label);
  if (!item) throw new Error(`no menu item "${label}"`);
  return item;
}

const CONTEXT = { isPackaged: true, platform: 'linux', recent: ['/home/pe/rt-workspace', '/home/pe/cai'], workspaceDocs: 'https://confluence.example.com/rt' };

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help, with the app menu first on macOS', () => {
    const { actions } = recorder();
    expect(topLabels(menuTemplate(CONTEXT, actions))).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
    expect(topLabels(menuTemplate({ ...CONTEXT, platform: 'darwin' }, actions))).toEqual(['appMenu', 'File', 'editMenu', 'View', 'windowMenu', 'help']);
  });

  it('offers no DevTools and no force reload in a packaged build', () => {
    const roles = items(menuTemplate(CONTEXT, recorder().actions)).map((i) => i.role);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('forceReload');
    expect(roles).not.toContain('viewMenu');
    expect(roles).toContain('reload');
    expect(allowsDevTools(true)).toBe(false);
  });

  it('offers DevTools in a development build', () => {
    const roles = items(menuTemplate({ ...CONTEXT, isPackaged: false }, recorder().actions)).map((i) => i.role);
    expect(roles).toContain('toggleDevTools');
    expect(roles).toContain('forceReload');
    expect(allowsDevTools(false)).toBe(true);
  });

  it('opens a workspace, a recent one, the demo, or closes it from File', () => {
    const { calls, actions } = recorder();
    const template = menuTemplate(CONTEXT, actions);
    find(template, 'Open Workspace…').click!(undefined as never, undefined, undefined as never);
    find(template, 'cai — /home/pe/cai').click!(undefined as never, undefined, undefined as never);
    find(template, 'Open the Demo').click!(undefined as never, undefined, undefined as never);
    find(template, 'Close Workspace').click!(undefined as never, undefined, undefined as never);
    expect(calls).toEqual(['openWorkspace', 'openRecent /home/pe/cai', 'openDemo', 'closeWorkspace']);
    expect(find(template, 'Open Workspace…').accelerator).toBe('CmdOrCtrl+O');
    expect((find(template, 'Open Recent').submenu as MenuItemConstructorOptions[]).map((i) => i.label)).toEqual(['rt-workspace — /home/pe/rt-workspace', 'cai — /home/pe/cai']);
  });

  it('says there is no recent workspace rather than showing an empty submenu', () => {
    const recent = find(menuTemplate({ ...CONTEXT, recent: [] }, recorder().actions), 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(recent).toEqual([{ label: 'No recent workspaces', enabled: false }]);
  });

  it("links the README and the workspace's docs from Help, the docs item disabled when it names none", () => {
    const { calls, actions } = recorder();
    const template = menuTemplate(CONTEXT, actions);
    find(template, 'Release Console README').click!(undefined as never, undefined, undefined as never);
    find(template, "This Workspace's Documentation").click!(undefined as never, undefined, undefined as never);
    expect(calls).toEqual(['openReadme', 'openWorkspaceDocs']);
    expect(find(menuTemplate({ ...CONTEXT, workspaceDocs: null }, actions), "This Workspace's Documentation").enabled).toBe(false);
  });
});
