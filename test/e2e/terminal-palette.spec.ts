// The command palette's terminal commands (VS Code's "Terminal: Create New Terminal", "Terminal: Find"…), for the
// region on screen, and refused with a reason where no region is open.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { enterPaletteCommand, openConsole, openRegion, terminalRows } from './steps';

/** A HOME without rc files: the user's shell start-up is not what this tests. */
const BARE_HOME = { HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) };

test.describe("the palette's terminal commands", () => {
  test.use({ serveEnv: BARE_HOME });
  test.setTimeout(90_000);

  test('from the control pane to LON: Ctrl+K "New shell" opens a shell there with the keyboard in it, "Find" opens its find bar, and the panel maximizes', async ({ page, served }) => {
    await openConsole(page, served.url);
    const palette = page.getByRole('dialog', { name: 'Command palette' });

    // On the control pane no region is open: the commands are listed, refused, with the way to one.
    await page.keyboard.press('Control+k');
    await page.getByLabel('Command', { exact: true }).fill('New shell');
    const refused = palette.getByRole('option', { name: /^New shell/ });
    await expect(refused).toHaveAttribute('aria-disabled', 'true');
    await expect(refused).toContainText('Needs a region on screen: choose one with “Go to Control pane” or by name.');
    await page.keyboard.press('Enter');
    await expect(palette).toBeVisible();
    await page.keyboard.press('Escape');

    const lon = await openRegion(page, 'LON');
    await page.keyboard.press('Control+k');
    // Found by "terminal" as well, as VS Code's "Terminal: …" commands are: the label need not say it.
    await page.getByLabel('Command', { exact: true }).fill('terminal');
    await expect(palette.getByRole('option', { name: 'New shell in LON' })).toBeVisible();
    await enterPaletteCommand(page, 'New shell in LON');
    await expect(palette).toHaveCount(0);
    await expect(lon.getByRole('tab', { selected: true })).toHaveText('Shell');
    const shellInput = lon.locator('.terminal:not([hidden]) textarea.xterm-helper-textarea');
    await expect(shellInput).toBeFocused();
    await page.keyboard.type('echo "from-palette-$((6 * 7))"');
    await page.keyboard.press('Enter');
    await expect(terminalRows(lon)).toContainText('from-palette-42');

    await page.keyboard.press('Control+k');
    await enterPaletteCommand(page, "Find in LON's terminal");
    const box = lon.getByRole('textbox', { name: 'Search the terminal' });
    await expect(box).toBeFocused();
    await page.keyboard.type('from-palette-42');
    await expect(lon.locator('.terminal-search-count')).toHaveText('1 of 1');
    await page.keyboard.press('Escape');
    await expect(shellInput).toBeFocused();
    // Again, typed at once after Enter as a PE does, at 1280x800 on a machine slowed as a loaded one is: the first keys
    // went to the page while the palette closed and the find bar opened, and the box read "edle".
    await page.setViewportSize({ width: 1280, height: 800 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await page.keyboard.press('Control+k');
    await enterPaletteCommand(page, "Find in LON's terminal");
    await page.keyboard.type('needle');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await expect(box).toBeFocused();
    await expect(box).toHaveValue('needle');
    await page.keyboard.press('Escape');
    await expect(shellInput).toBeFocused();

    // The keyboard elsewhere on the page, "Focus" gives it back to the terminal.
    await lon.getByRole('button', { name: 'History' }).focus();
    await page.keyboard.press('Control+k');
    await enterPaletteCommand(page, "Focus LON's terminal");
    await expect(shellInput).toBeFocused();

    await page.keyboard.press('Control+k');
    await enterPaletteCommand(page, "Maximize LON's terminal panel");
    await expect(lon.getByRole('button', { name: 'Restore the terminal panel' })).toBeVisible();
    await page.keyboard.press('Control+k');
    await enterPaletteCommand(page, "Restore LON's terminal panel");
    await expect(lon.getByRole('button', { name: 'Maximize the terminal panel' })).toBeVisible();

    await page.keyboard.press('Control+k');
    await enterPaletteCommand(page, "Open LON's terminal history");
    await expect(lon.getByRole('button', { name: 'History' })).toHaveAttribute('aria-pressed', 'true');
    // The keyboard goes with it, to the list (before: back on the nav's Commands button, the palette's opener).
    await expect(lon.getByRole('list', { name: 'LON command history' })).toBeFocused();
  });
});
