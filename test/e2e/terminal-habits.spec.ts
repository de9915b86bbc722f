import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, expectState, openRegion, press, terminalRows, writeAndReviewProductionCr } from './steps';

/** A HOME without rc files: the user's shell start-up is not what these test, and under load it can take seconds. */
const BARE_HOME = { HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) };
const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

async function openShell(page: Page, regionId: string): Promise<Locator> {
  const region = await openRegion(page, regionId);
  await region.getByRole('button', { name: '+ Shell' }).click();
  await expect(region.getByRole('tab', { selected: true })).toHaveText('Shell');
  await region.locator('.terminal .xterm').click();
  return region;
}

async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test.describe('a step terminal and a shell being typed in', () => {
  test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING], serveEnv: { ...BARE_HOME, RELEASE_CONSOLE_DEMO_SPEED: '0' } });
  test.setTimeout(120_000);

  test("a step's command that starts while the PE types in S01's shell flashes its tab, and the keystrokes stay with the shell", async ({ page, context, served }) => {
    // A second window (a colleague, or the PE's other screen) runs the step while this one is typed in.
    const other = await context.newPage();
    await other.goto(served.url);
    await expect(other.getByRole('status')).toHaveText('Connected');
    await writeAndReviewProductionCr(other);
    await openRegion(other, 'S01');
    await press(other, 'sdc-baseline@S01', 'Capture baseline');
    await expectState(other, 'sdc-baseline@S01', 'Done');

    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const s01 = await openShell(page, 'S01');
    await typeLine(page, 'echo "typed-$((1 + 1))"');
    await expect(terminalRows(s01)).toContainText('typed-2');
    // Half a command typed when the step starts.
    await page.keyboard.type('echo "still-');

    await press(other, 'sdc-maintenance-on@S01', 'Run');
    const stepTab = s01.getByRole('tab', { name: /maintenance/ });
    await expect(stepTab).toHaveClass(/tab-attention/);
    await expect(s01.getByRole('tab', { selected: true })).toHaveText('Shell');

    // The rest of the line goes to the same shell, without a click.
    await typeLine(page, '$((2 + 3))"');
    await expect(terminalRows(s01)).toContainText('still-5');
    await expect(s01.getByRole('tab', { selected: true })).toHaveText('Shell');
    await s01.screenshot({ path: path.join(SCREENSHOTS, 'terminal-attention.png') });

    // Looking at the flashed tab shows the step's output and ends the flash.
    await stepTab.click();
    await expect(stepTab).toHaveAttribute('aria-selected', 'true');
    await expect(stepTab).not.toHaveClass(/tab-attention/);
    await expect(terminalRows(s01)).toContainText('Maintenance mode enabled in S01');
    // And the shell kept its xterm.js: back on its tab, what was typed is still there, with no reload.
    await s01.getByRole('tab', { name: 'Shell' }).click();
    await expect(terminalRows(s01)).toContainText('still-5');
  });

  test('with no recent typing, the step command takes the view', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await writeAndReviewProductionCr(page);
    const s01 = await openRegion(page, 'S01');
    await s01.getByRole('button', { name: '+ Shell' }).click();
    await expect(s01.getByRole('tab', { selected: true })).toHaveText('Shell');
    await press(page, 'sdc-baseline@S01', 'Capture baseline');
    await expectState(page, 'sdc-baseline@S01', 'Done');
    await press(page, 'sdc-maintenance-on@S01', 'Run');
    await expect(s01.getByRole('tab', { selected: true })).toContainText(/maintenance/);
    await expect(terminalRows(s01)).toContainText('Maintenance mode enabled in S01');
  });
});

test.describe('searching a terminal', () => {
  test.use({ serveEnv: BARE_HOME });

  test('Ctrl+F finds a line with its count, steps through matches, honours case and regex, and Escape returns to the shell', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const lon = await openShell(page, 'LON');
    // The quotes keep the typed command line itself from matching: only the twelve printed rows do.
    await typeLine(page, "seq -f 'row %g nee''dle' 1 12");
    const rows = terminalRows(lon);
    await expect(rows).toContainText('row 12 needle');

    await page.keyboard.press('Control+f');
    const box = lon.getByRole('textbox', { name: 'Search the terminal' });
    await expect(box).toBeFocused();
    await page.keyboard.type('needle');
    const count = lon.locator('.terminal-search-count');
    await expect(count).toHaveText(/^\d+ of 12$/);
    const first = Number((await count.textContent())!.split(' ')[0]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(count).toHaveText(`${((first + 1) % 12) + 1} of 12`);
    await page.keyboard.press('Shift+Enter');
    await expect(count).toHaveText(`${(first % 12) + 1} of 12`);
    await lon.screenshot({ path: path.join(SCREENSHOTS, 'terminal-search.png') });

    await box.fill('NEEDLE');
    await expect(count).toHaveText(/ of 12$/);
    await lon.getByRole('button', { name: 'Match case' }).click();
    await expect(count).toHaveText('No results');
    await lon.getByRole('button', { name: 'Match case' }).click();
    await lon.getByRole('button', { name: 'Use regular expression' }).click();
    await box.fill('row 1[0-2] needle');
    await expect(count).toHaveText(/^\d of 3$/);
    await box.fill('row (1');
    await expect(count).toHaveText('Invalid pattern');

    await box.press('Escape');
    await expect(box).toHaveCount(0);
    await typeLine(page, 'echo "back-$((3 + 4))"');
    await expect(rows).toContainText('back-7');
  });
});
