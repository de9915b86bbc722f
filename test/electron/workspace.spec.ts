// The desktop shell's own screens on the real app (where an Electron binary exists): a workspace error is
// shown with each file:line:column and "Reload" opens the fixed workspace; a window saved on a display that
// is gone opens on one that exists. The decisions are unit tested in test/main/electron/.
import { _electron as electron, test, expect } from '@playwright/test';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronBinary, ROOT, SKIP_REASON } from './binary';

const binary = electronBinary();
test.skip(binary === null, SKIP_REASON);

/**
 * Native message boxes cannot be clicked by Playwright: this module, loaded before the app, records each
 * one to a file and answers with the button the test names, as a person would.
 */
function dialogAnswerer(dir: string, answer: string): string {
  const file = path.join(dir, 'answer-dialogs.cjs');
  writeFileSync(
    file,
    `const { dialog } = require('electron');
const fs = require('node:fs');
dialog.showMessageBox = async (...args) => {
  const options = args.find((a) => a && Array.isArray(a.buttons));
  fs.appendFileSync(${JSON.stringify(path.join(dir, 'dialogs.jsonl'))}, JSON.stringify(options) + '\\n');
  const fix = ${JSON.stringify(path.join(dir, 'fix.cjs'))};
  if (fs.existsSync(fix)) require(fix)();
  return { response: Math.max(0, options.buttons.indexOf(${JSON.stringify(answer)})), checkboxChecked: false };
};
`,
  );
  return file;
}

test('a workspace with an error is shown with each file:line:column, and Reload opens it once the file is fixed', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-electron-ws-'));
  const workspace = path.join(dir, 'rt');
  cpSync(path.join(ROOT, 'workspaces', 'demo'), workspace, { recursive: true });
  const regions = path.join(workspace, 'regions.yaml');
  const good = readFileSync(regions, 'utf8');
  writeFileSync(regions, good.replace('zone: Europe/London', 'zone: Europe/Londn'));
  // The person fixes the file while the error window is up, then presses Reload.
  writeFileSync(path.join(dir, 'fix.cjs'), `module.exports = () => require('node:fs').writeFileSync(${JSON.stringify(regions)}, ${JSON.stringify(good)});`);
  const app = await electron.launch({
    executablePath: binary!,
    args: [ROOT, `--user-data-dir=${path.join(dir, 'user-data')}`],
    cwd: ROOT,
    env: { ...process.env, RELEASE_CONSOLE_WORKSPACE: workspace, NODE_OPTIONS: `--require ${dialogAnswerer(dir, 'Reload')}` },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.locator('.region-tile')).toHaveCount(11);
    const shown = readFileSync(path.join(dir, 'dialogs.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { message: string; detail: string; buttons: string[] });
    expect(shown).toHaveLength(1);
    expect(shown[0]!.message).toBe(`The workspace ${workspace} could not be loaded.`);
    expect(shown[0]!.detail).toMatch(/^regions\.yaml:\d+:\d+: .*Europe\/Londn/m);
    expect(shown[0]!.buttons[0]).toBe('Reload');
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
