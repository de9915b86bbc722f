// The terminals on xterm.js's WebGL renderer (issue 18): here Chromium draws WebGL with SwiftShader, so
// Auto picks DOM and these tests force WebGL through the panel's Renderer control. With WebGL there are no
// `.xterm-rows`: what the terminal holds is read the way a user reaches it, through Ctrl+F and a copy.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openConsole, openRegion, openShell, openTerminalOptions, terminalRows } from './steps';

const BARE_HOME = { HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) };
const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** The shown terminal's host, which says which renderer draws it. */
function shownHost(region: Locator): Locator {
  return region.locator('.terminal:not([hidden]) .terminal-host');
}

/** Ctrl+F for `text` until the count reads `expected` (the output may still be on its way), then Escape. */
async function findCount(page: Page, region: Locator, text: string, expected: RegExp): Promise<void> {
  await page.keyboard.press('Control+f');
  const box = region.getByRole('textbox', { name: 'Search the terminal' });
  await expect(async () => {
    await box.fill('');
    await box.fill(text);
    await expect(region.locator('.terminal-search-count')).toHaveText(expected, { timeout: 1_000 });
  }).toPass();
}

/** The label around the shown terminal's Renderer control: its title says what was picked and why. */
function rendererLabel(region: Locator): Locator {
  return region.locator('label.terminal-option').filter({ hasText: 'Renderer', visible: true });
}

async function openWebglShell(page: Page): Promise<Locator> {
  const lon = await openRegion(page, 'LON');
  await openShell(lon);
  const renderer = (await openTerminalOptions(lon)).getByRole('combobox', { name: 'Terminal renderer' });
  // What Auto picked on this machine, and why, before WebGL is forced.
  await expect(renderer.locator('option[value="auto"]')).toHaveText('Auto (DOM)');
  await expect(rendererLabel(lon)).toHaveAttribute('title', 'DOM: WebGL here is software (SwiftShader)');
  await expect(shownHost(lon)).toHaveAttribute('data-renderer', 'dom');
  await renderer.selectOption('webgl');
  await expect(shownHost(lon)).toHaveAttribute('data-renderer', 'webgl');
  await expect(rendererLabel(lon)).toHaveAttribute('title', /^WebGL: chosen in the preference \(ANGLE .*SwiftShader/);
  await lon.locator('.terminal .xterm').filter({ visible: true }).click();
  return lon;
}

test.describe('a shell on the WebGL renderer', () => {
  test.use({ serveEnv: BARE_HOME });
  test.setTimeout(90_000);

  test('draws on a sized canvas, Ctrl+F counts its output, copy takes it, and switching back to DOM keeps everything', async ({ page, context, served }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
    await openConsole(page, served.url);
    const lon = await openWebglShell(page);

    // The WebGL renderer replaced the DOM rows with a canvas the size of the terminal's screen.
    const host = shownHost(lon);
    await expect(host.locator('.xterm-rows')).toHaveCount(0);
    const canvas = host.locator('.xterm-screen canvas').first();
    await expect(canvas).toBeVisible();
    const screen = (await host.locator('.xterm-screen').boundingBox())!;
    const drawn = (await canvas.boundingBox())!;
    expect(drawn.width).toBeGreaterThan(300);
    expect(drawn.height).toBeGreaterThan(100);
    expect(Math.abs(drawn.width - screen.width)).toBeLessThan(2);
    expect(Math.abs(drawn.height - screen.height)).toBeLessThan(2);

    // The quotes keep the typed command line itself from matching: only the twelve printed rows do.
    await typeLine(page, "seq -f 'row %g nee''dle' 1 12");
    await findCount(page, lon, 'needle', /^\d+ of 12$/);
    await lon.screenshot({ path: path.join(SCREENSHOTS, 'terminal-webgl-search.png') });
    await lon.getByRole('textbox', { name: 'Search the terminal' }).fill('row 7 needle');
    await expect(lon.locator('.terminal-search-count')).toHaveText('1 of 1');
    await page.keyboard.press('Escape');
    // Search selected its match; copy takes the selection out of the WebGL-drawn terminal.
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('row 7 needle');

    // Maximized, the canvas is re-fitted to the bigger panel, and fitted back on restore.
    const before = (await canvas.boundingBox())!;
    await lon.getByRole('button', { name: 'Maximize the terminal panel' }).click();
    await expect.poll(async () => (await canvas.boundingBox())!.height).toBeGreaterThan(before.height + 100);
    await lon.getByRole('button', { name: 'Restore the terminal panel' }).click();
    await expect.poll(async () => Math.round((await canvas.boundingBox())!.height)).toBe(Math.round(before.height));

    // Back to DOM in place: the same terminal, its rows now in the page with what it held.
    await (await openTerminalOptions(lon)).getByRole('combobox', { name: 'Terminal renderer' }).selectOption('dom');
    await expect(host).toHaveAttribute('data-renderer', 'dom');
    await expect(terminalRows(lon)).toContainText('row 12 needle');
    await lon.locator('.terminal .xterm').filter({ visible: true }).click();
    await typeLine(page, 'echo "dom-$((4 * 5))"');
    await expect(terminalRows(lon)).toContainText('dom-20');
  });

  test('a line printed just before Escape closes search leaves the match selected, and copy takes it', async ({ page, context, served }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
    await openConsole(page, served.url);
    const lon = await openWebglShell(page);
    // The command prints one more line when the test creates `go`, then keeps running, so no prompt follows it.
    const go = path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-go-')), 'go');
    await typeLine(page, `seq -f 'row %g nee''dle' 1 12; until [ -e '${go}' ]; do sleep 0.05; done; echo "late-$((5 * 5))"; cat > /dev/null`);
    await findCount(page, lon, 'row 7 needle', /^1 of 1$/);
    await expect(shownHost(lon).locator('.xterm-decoration')).not.toHaveCount(0);

    // The search is closed the moment the late line is parsed, as a PE closes it while a command still prints.
    await shownHost(lon).evaluate((element) => {
      const terminal = (element as HTMLElement & { terminal: { onWriteParsed: (listener: () => void) => { dispose(): void } } }).terminal;
      (window as unknown as { closedOnOutput: Promise<void> }).closedOnOutput = new Promise((resolve) => {
        const once = terminal.onWriteParsed(() => {
          once.dispose();
          document.querySelector<HTMLInputElement>('input[aria-label="Search the terminal"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
          resolve();
        });
      });
    });
    writeFileSync(go, '');
    await page.evaluate(() => (window as unknown as { closedOnOutput: Promise<void> }).closedOnOutput);
    await expect(lon.getByRole('textbox', { name: 'Search the terminal' })).toHaveCount(0);
    // Closed, the search leaves no highlight behind.
    await expect(shownHost(lon).locator('.xterm-decoration')).toHaveCount(0);
    // A person's pause before copying. @xterm/addon-search re-runs its search 200 ms after output; once
    // the search was closed, that re-run cleared the selection (TerminalSearch.tsx).
    await page.waitForTimeout(500);
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('row 7 needle');
  });

  test('a lost WebGL context leaves the terminal on DOM with its text, and says so once', async ({ page, served }) => {
    await openConsole(page, served.url);
    const lon = await openWebglShell(page);
    await typeLine(page, 'echo "before-$((6 * 7))"');
    await findCount(page, lon, 'before-42', /^1 of 1$/);
    await page.keyboard.press('Escape');

    const host = shownHost(lon);
    // As the GPU process going away would: the terminal's own context is lost.
    const lost = await host.evaluate((element) => {
      for (const canvas of element.querySelectorAll('canvas')) {
        const gl = canvas.getContext('webgl2');
        const loss = gl?.getExtension('WEBGL_lose_context');
        if (loss) {
          loss.loseContext();
          return true;
        }
      }
      return false;
    });
    expect(lost).toBe(true);
    // xterm.js waits 3 s for the browser to restore the context before it gives up on it.
    await expect(host).toHaveAttribute('data-renderer', 'dom', { timeout: 10_000 });
    await expect(terminalRows(lon)).toContainText('before-42');
    const toast = page.locator('.toast', { hasText: 'WebGL lost its context' });
    await expect(toast).toHaveText(/the terminals continue on the DOM renderer, with what they showed/);
    await expect(toast).toHaveCount(1);
    const renderer = (await openTerminalOptions(lon)).getByRole('combobox', { name: 'Terminal renderer' });
    await expect(rendererLabel(lon)).toHaveAttribute('title', 'DOM: WebGL failed on this page (it lost its context or could not load)');
    await expect(renderer.locator('option:checked')).toHaveText('WebGL (on DOM)');
    await lon.screenshot({ path: path.join(SCREENSHOTS, 'terminal-webgl-lost.png') });

    // The terminal carries on: typing still reaches the shell and its output is drawn in rows.
    await lon.locator('.terminal .xterm').filter({ visible: true }).click();
    await typeLine(page, 'echo "after-$((6 * 8))"');
    await expect(terminalRows(lon)).toContainText('after-48');
    // A new shell of the page does not try WebGL again, though the preference still says WebGL.
    await openShell(lon);
    await expect(shownHost(lon)).toHaveAttribute('data-renderer', 'dom');
    await expect(page.locator('.toast', { hasText: 'WebGL' })).toHaveCount(1);
  });

  test("the history's transcript viewer draws with the chosen renderer, searchable, and the choice survives a reload", async ({ page, served }) => {
    await openConsole(page, served.url);
    const lon = await openWebglShell(page);
    await typeLine(page, 'echo "kept-$((7 * 9))"');
    await findCount(page, lon, 'kept-63', /^1 of 1$/);
    await page.keyboard.press('Escape');
    // The shell ends, so its transcript is whole on disk.
    await typeLine(page, 'exit');

    // Read after a reload: the preference was kept with the panel's others, and the viewer follows it.
    await page.reload();
    await expect(page.getByRole('status')).toHaveText('Connected');
    const again = await openRegion(page, 'LON');
    await again.getByRole('button', { name: 'History' }).click();
    await again.getByRole('list', { name: 'LON command history' }).getByRole('button', { name: /^Shell/ }).click();
    const viewer = again.locator('.transcript-viewer');
    await expect(viewer.locator('.terminal-host')).toHaveAttribute('data-renderer', 'webgl');
    await expect(viewer.locator('.xterm-rows')).toHaveCount(0);
    await viewer.locator('.xterm').click();
    await page.keyboard.press('Control+f');
    await page.keyboard.type('kept-63');
    await expect(viewer.locator('.terminal-search-count')).toHaveText('1 of 1');
  });

  test('a link in WebGL-drawn output is found under the mouse and held to the workspace allowlist', async ({ page, served }) => {
    await openConsole(page, served.url);
    const lon = await openWebglShell(page);
    await typeLine(page, "clear; printf '%s\\n' https://intranet.example.org/secrets");
    await findCount(page, lon, 'intranet.example.org/secrets', /^1 of 1$/);
    await page.keyboard.press('Escape');

    // After `clear` the link is the top row: its first cells, where a person would Ctrl-click it.
    const screen = shownHost(lon).locator('.xterm-screen');
    const rows = await shownHost(lon).evaluate((element) => (element as HTMLElement & { terminal: { rows: number } }).terminal.rows);
    const box = (await screen.boundingBox())!;
    const at = { x: box.x + 20, y: box.y + box.height / rows / 2 };
    await page.mouse.move(at.x, at.y);
    await expect(screen).toHaveClass(/xterm-cursor-pointer/);
    await page.keyboard.down('Control');
    await page.mouse.click(at.x, at.y);
    await page.keyboard.up('Control');
    await expect(page.getByText("Not opened: intranet.example.org is not one of the workspace's externalLinks.")).toBeVisible();
  });

  test('only the shown terminal holds a WebGL context: a hidden tab is on DOM and gets WebGL back, content kept, when shown', async ({ page, served }) => {
    await openConsole(page, served.url);
    const lon = await openWebglShell(page);
    await typeLine(page, 'echo "first-$((2 * 21))"');
    await findCount(page, lon, 'first-42', /^1 of 1$/);
    await page.keyboard.press('Escape');

    // Chromium keeps 16 WebGL contexts a page; the console keeps every tab's terminal alive.
    await openShell(lon);
    const hosts = lon.locator('.terminal-host');
    await expect(hosts).toHaveCount(2);
    await expect(hosts.nth(0)).toHaveAttribute('data-renderer', 'dom');
    await expect(hosts.nth(0).locator('canvas')).toHaveCount(0);
    await expect(hosts.nth(1)).toHaveAttribute('data-renderer', 'webgl');

    await lon.getByRole('tab', { name: 'Shell' }).first().click();
    await expect(hosts.nth(0)).toHaveAttribute('data-renderer', 'webgl');
    await expect(hosts.nth(1)).toHaveAttribute('data-renderer', 'dom');
    await lon.locator('.terminal .xterm').filter({ visible: true }).click();
    await findCount(page, lon, 'first-42', /^1 of 1$/);
    await page.keyboard.press('Escape');

    // Past Chromium's 16: eighteen shells, each shown once as it opens. Had each kept its context, the
    // oldest would have been lost, and xterm.js reports a loss 3 s after it happens.
    for (let i = 0; i < 16; i++) await lon.getByRole('button', { name: '+ Shell' }).click();
    await expect(hosts).toHaveCount(18);
    await expect(lon.locator('.terminal-host[data-renderer="webgl"]')).toHaveCount(1);
    await lon.getByRole('tab', { name: 'Shell' }).first().click();
    await expect(hosts.nth(0)).toHaveAttribute('data-renderer', 'webgl');
    await page.waitForTimeout(4_000);
    await expect(page.locator('.toast', { hasText: 'WebGL' })).toHaveCount(0);
    await expect(hosts.nth(0)).toHaveAttribute('data-renderer', 'webgl');
  });
});
