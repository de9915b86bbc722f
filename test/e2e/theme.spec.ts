import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openConsole, openRegion, run, terminalRows, enterPaletteCommand, rehearsalAt, reviewProductionCrAndBaselineS01 } from './steps';

/** Issue 20: the theme follows the OS until chosen, is remembered across reloads, and terminals follow it. */
test.use(rehearsalAt(ROLLOUT_MORNING));

test('follows prefers-color-scheme until the operator chooses, then keeps the choice across a reload', async ({ page, served }) => {
  const html = page.locator('html');
  await page.emulateMedia({ colorScheme: 'light' });
  await openConsole(page, served.url);
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');

  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Connected');
  await expect(html).toHaveAttribute('data-theme', 'light');
  // Chosen: the OS no longer moves it.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.keyboard.press('Control+k');
  await enterPaletteCommand(page, 'Follow the system theme');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Connected');
  await expect(html).toHaveAttribute('data-theme', 'dark');
});

test('a terminal and its active tab follow the theme, without losing what the terminal shows', async ({ page, served }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openConsole(page, served.url);
  await reviewProductionCrAndBaselineS01(page);
  const workspace = await openRegion(page, 'S01');
  await run(page, 'sdc-maintenance-on@S01');
  const rows = terminalRows(workspace);
  await expect(rows).toContainText('maintenance');
  // xterm.js paints its background on the scrollable element that holds the rows.
  const screen = workspace.locator('.terminal .xterm-scrollable-element');
  await expect(screen).toHaveCSS('background-color', 'rgb(11, 14, 18)');

  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(screen).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(rows).toContainText('maintenance');
  const tab = workspace.getByRole('tab', { selected: true });
  await expect(tab).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(tab).toHaveCSS('color', 'rgb(31, 35, 40)');
  await workspace.locator('.region-terminals').screenshot({ path: testInfo.outputPath('terminal-light.png') });
});
