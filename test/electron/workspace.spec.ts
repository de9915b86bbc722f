// The desktop shell's own screens on the real app (where an Electron binary exists): a workspace error is
// shown with each file:line:column and "Reload" opens the fixed workspace; a last workspace that is gone
// brings up the start screen; a window saved on a display that is gone opens on one that exists. The
// decisions are unit tested in test/main/electron/.
import { _electron as electron, test, expect } from '@playwright/test';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronBinary, ROOT, SKIP_REASON } from './binary';

const binary = electronBinary();
test.skip(binary === null, SKIP_REASON);

test('a workspace with an error is shown with each file:line:column, and Reload opens it once the file is fixed', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-electron-ws-'));
  const workspace = path.join(dir, 'rt');
  cpSync(path.join(ROOT, 'workspaces', 'demo'), workspace, { recursive: true });
  const regions = path.join(workspace, 'regions.yaml');
  const good = readFileSync(regions, 'utf8');
  writeFileSync(regions, good.replace('zone: Europe/London', 'zone: Europe/Londn'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [ROOT, `--user-data-dir=${path.join(dir, 'user-data')}`],
    cwd: ROOT,
    env: { ...process.env, RELEASE_CONSOLE_WORKSPACE: workspace },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading')).toHaveText(`The workspace ${workspace} could not be loaded.`);
    await expect(window.getByRole('list', { name: 'Workspace errors' }).getByRole('listitem').first()).toHaveText(/^regions\.yaml:\d+:\d+: .*Europe\/Londn/);
    await expect(window.getByRole('link').first()).toHaveText('Reload');
    // The person fixes the file, then presses Reload.
    writeFileSync(regions, good);
    await window.getByRole('link', { name: 'Reload' }).click();
    await expect(window.locator('.region-tile')).toHaveCount(11);
    expect(window.url()).toBe('app://console/index.html');
  } finally {
    await app.close();
  }
});

test('a last workspace that is gone brings up the start screen, whose "Open the Demo" opens the console', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-electron-start-'));
  const userData = path.join(dir, 'user-data');
  mkdirSync(userData, { recursive: true });
  writeFileSync(path.join(userData, 'window.json'), JSON.stringify({ last: { kind: 'dir', dir: path.join(dir, 'unplugged') }, recent: [path.join(dir, 'unplugged')] }));
  const app = await electron.launch({ executablePath: binary!, args: [ROOT, `--user-data-dir=${userData}`], cwd: ROOT });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading')).toHaveText(`The last workspace cannot be found: ${path.join(dir, 'unplugged')}`);
    await expect(window.getByRole('navigation', { name: 'Choices' }).getByRole('link')).toHaveText(['Open Workspace…', 'Open the Demo', 'Quit']);
    await window.getByRole('link', { name: 'Open the Demo' }).click();
    await expect(window.locator('.region-tile')).toHaveCount(11);
    await expect(window.getByRole('region', { name: 'Rehearsal' })).toContainText('Rehearsal — simulated clock');
  } finally {
    await app.close();
  }
});

test('a window saved on a display that is gone opens on one that exists', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-electron-bounds-'));
  const userData = path.join(dir, 'user-data');
  mkdirSync(userData, { recursive: true });
  writeFileSync(path.join(userData, 'window.json'), JSON.stringify({ bounds: { x: 40_000, y: 30_000, width: 1200, height: 800 } }));
  const app = await electron.launch({ executablePath: binary!, args: [ROOT, `--user-data-dir=${userData}`], cwd: ROOT });
  try {
    const window = await app.firstWindow();
    await expect(window.locator('.region-tile').first()).toBeVisible();
    const { bounds, areas } = await app.evaluate(({ BrowserWindow, screen }) => ({
      bounds: BrowserWindow.getAllWindows()[0]!.getBounds(),
      areas: screen.getAllDisplays().map((d) => d.workArea),
    }));
    const onSomeDisplay = areas.some((a) => bounds.x >= a.x - 1 && bounds.y >= a.y - 1 && bounds.x < a.x + a.width && bounds.y < a.y + a.height);
    expect(onSomeDisplay).toBe(true);
  } finally {
    await app.close();
  }
});
