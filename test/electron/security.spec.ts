// Electron's security checklist on the real app (where an Electron binary exists): navigation, new windows
// and permissions are refused, and app:// pages carry the strict CSP. The decisions themselves are unit
// tested in test/main/electron/policy.test.ts; this proves they are wired to the real window.
import { _electron as electron, test, expect, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary, ROOT, SKIP_REASON } from './binary';

const binary = electronBinary();
test.skip(binary === null, SKIP_REASON);

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  app = await electron.launch({ executablePath: binary!, args: [ROOT], cwd: ROOT });
  page = await app.firstWindow();
  await expect(page.locator('.region-tile').first()).toBeVisible();
});

test.afterAll(async () => {
  await app?.close();
});

test('a page cannot navigate the window away or open another one', async () => {
  const opened = await page.evaluate(() => window.open('https://evil.example/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    location.href = 'https://evil.example/';
  });
  // The region pane is still the page (a navigation would have replaced it).
  await expect(page.locator('.region-tile')).toHaveCount(11);
  expect(page.url()).toBe('app://console/index.html');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('the console page may write to the clipboard, so every Copy button works', async () => {
  await page.evaluate(() => navigator.clipboard.writeText('HO-1234 rolled back'));
  expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe('HO-1234 rolled back');
  const read = await page.evaluate(() => navigator.clipboard.readText().then(() => 'read', (error: Error) => error.name));
  expect(read).toBe('NotAllowedError');
});

test('every other permission request is denied', async () => {
  const answers = await page.evaluate(async () => ({
    notification: await Notification.requestPermission(),
    media: await navigator.mediaDevices.getUserMedia({ audio: true }).then(
      () => 'granted',
      (error: Error) => error.name,
    ),
  }));
  expect(answers).toEqual({ notification: 'denied', media: 'NotAllowedError' });
});

test('app:// pages carry the strict CSP', async () => {
  const csp = await page.evaluate(async () => (await fetch('app://console/index.html')).headers.get('content-security-policy'));
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
});
