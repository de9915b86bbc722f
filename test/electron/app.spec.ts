import { _electron as electron, test, expect, type ElectronApplication } from '@playwright/test';
import { electronBinary, ROOT, SKIP_REASON } from './binary';

const binary = electronBinary();
test.skip(binary === null, SKIP_REASON);

let app: ElectronApplication;

test.beforeAll(async () => {
  app = await electron.launch({ executablePath: binary!, args: [ROOT], cwd: ROOT });
});

test.afterAll(async () => {
  await app?.close();
});

test('the window loads the console from app://console and shows the seed 000 regions', async () => {
  const window = await app.firstWindow();
  expect(window.url()).toBe('app://console/index.html');
  await expect(window.locator('.region-tile')).toHaveCount(11);
  await expect(window.getByText('Desktop')).toBeVisible();
});

test('the renderer sees no require and exactly the contract on its API object', async () => {
  const window = await app.firstWindow();
  const { hasRequire, keys } = await window.evaluate(() => ({
    hasRequire: typeof (globalThis as { require?: unknown }).require !== 'undefined',
    keys: Object.keys((window as unknown as { releaseConsole: object }).releaseConsole).sort(),
  }));
  const { apiKeys } = await import('../../shared/api');
  expect(hasRequire).toBe(false);
  expect(keys).toEqual([...apiKeys].sort());
});

test('the window runs with context isolation, sandbox and no node integration', async () => {
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    const web = (contents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
    return { contextIsolation: web.contextIsolation, sandbox: web.sandbox, nodeIntegration: web.nodeIntegration, webSecurity: web.webSecurity };
  });
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
});
