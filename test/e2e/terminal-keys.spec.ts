// The console's own keys in a focused terminal (VS Code's commandsToSkipShell): Ctrl+K and Alt+digit reach the
// console, and every key a shell needs still reaches the shell.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openConsole, openRegion, openShell, terminalRows } from './steps';

/**
 * Bash, whose readline recalls a line on ArrowUp, with a HOME without rc files: the user's shell start-up is not what
 * this tests. CI runs with no SHELL set, and the region shell is then /bin/sh, which prints ^[[A instead.
 */
const BARE_BASH = { SHELL: '/bin/bash', HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) };

async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test.describe('the console-wide keys in a region shell', () => {
  test.use({ serveEnv: BARE_BASH });
  test.setTimeout(90_000);

  test('Ctrl+K opens the palette from a focused shell; Escape gives the shell its keyboard back, and Ctrl+C, the arrows and Alt+2 still do what they did', async ({ page, served }) => {
    await openConsole(page, served.url);
    const s01 = await openRegion(page, 'S01');
    await openShell(s01);
    await typeLine(page, 'echo "ready-$((2 + 3))"');
    await expect(terminalRows(s01)).toContainText('ready-5');
    const shellInput = s01.locator('.terminal:not([hidden]) textarea.xterm-helper-textarea');
    await expect(shellInput).toBeFocused();

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await expect(palette.getByPlaceholder('Type a command…')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(palette).toHaveCount(0);
    await expect(shellInput).toBeFocused();
    // Typing goes on in the shell, without a click.
    await typeLine(page, 'echo "back-$((6 * 7))"');
    await expect(terminalRows(s01)).toContainText('back-42');

    // The shell's own keys are not the console's: Ctrl+C interrupts, ArrowUp recalls the last command.
    await typeLine(page, 'sleep 30; echo "slept"');
    await page.keyboard.press('Control+c');
    await typeLine(page, 'echo "up-$((1 + 1))"');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    // Two outputs (the rows join without line breaks): the typed command's and the recalled one's. Had Ctrl+C not
    // reached the shell, `sleep 30` would still hold it and neither would show within the wait.
    await expect(terminalRows(s01)).toContainText(/\)\)"up-2[\s\S]*\)\)"up-2/);
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Alt+digit switches screens from the shell too, as the nav's titles say.
    await page.keyboard.press('Alt+Digit2');
    await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Checklist', exact: true })).toHaveAttribute('aria-current', 'page');
  });
});
