import type { Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, expectState, openRegion, openScreen, openShell, press, run, scrollToTerminal, startS01MaintenanceOn, step, terminalRows, writeAndReviewProductionCr, captureBaseline, deployToS01AndLon } from './steps';

test.describe('a step command runs in the region terminal', () => {
  test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0' } });
  test.setTimeout(120_000);

  test("S01's maintenance enable, run from S01's workspace, prints in S01's terminal and the step turns done", async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await writeAndReviewProductionCr(page);

    // The SDC/LON slot is open at 10:55 London; the PE works in S01's own workspace.
    const s01 = await openRegion(page, 'S01');
    await expect(s01.locator('.terminal-empty')).toContainText('No terminal in S01 yet');
    await captureBaseline(page, 'sdc-baseline@S01');
    await press(page, 'sdc-maintenance-on@S01', 'Run');

    // The demo tool's own output, drawn by xterm.js in S01's terminal, in the tab the run opened.
    const rows = terminalRows(s01);
    await expect(rows).toContainText('Checking S02 capacity');
    await expect(rows).toContainText('100% of calls routed to S02');
    await expect(rows).toContainText('Maintenance mode enabled in S01, traffic served by S02');
    await expectState(page, 'sdc-maintenance-on@S01', 'Done');
    await expect(step(page, 'sdc-maintenance-on@S01')).toContainText('Done by alice (PE)');
    await expect(step(page, 'sdc-maintenance-on@S01')).toContainText('exit 0');
    await expect(s01.getByRole('tab', { selected: true })).toContainText('exit 0');
    // The bar over the output says the run ended, and how: a finished run does not read as one still running, and it names the command line (it read "Command output").
    await expect(s01.locator('.terminal-title')).toHaveText('maintenance enable --region S01 · ended: exit 0');

    // The next command runs in the same region: its output follows in a tab of its own.
    await run(page, 'sdc-deploy@S01');
    await expect(terminalRows(s01)).toContainText(/deployed to S01 \(was /);
  });
});

test.describe('a free-standing shell', () => {
  // A HOME without rc files: the user's shell start-up (pyenv, conda…) is not what this tests, and under load it can take seconds.
  test.use({ serveEnv: { HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) } });
  test('"+ Shell" in a region echoes what is typed, and a reload reattaches and replays it', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const lon = await openRegion(page, 'LON');
    await lon.getByRole('button', { name: '+ Shell' }).click();
    await expect(lon.getByRole('tab', { selected: true })).toHaveText('Shell');
    await lon.locator('.terminal .xterm').click();
    // The shell computes the answer, so the row shows the shell's output, not just the echoed keys.
    await page.keyboard.type('echo "answer-$((6 * 7))"');
    await page.keyboard.press('Enter');
    const rows = terminalRows(lon);
    await expect(rows).toContainText('answer-42');

    await page.reload();
    await expect(page.getByRole('status')).toHaveText('Connected');
    const again = await openRegion(page, 'LON');
    await expect(again.getByRole('tab', { name: 'Shell' })).toHaveCount(1);
    // Nothing chose a tab or scrolled since the reload: the PE scrolls down to the shell to read it.
    const replayed = await scrollToTerminal(again);
    await expect(replayed).toContainText('echo "answer-$((6 * 7))"');
    await expect(replayed).toContainText('answer-42');

    // Still the same live shell: it keeps its state and answers new input.
    await again.locator('.terminal .xterm').click();
    await page.keyboard.type('echo "still-$((40 + 2))"');
    await page.keyboard.press('Enter');
    await expect(replayed).toContainText('still-42');
  });

  test('two shells in LON read "Shell" and "Shell 2", on their tabs and over them; the second keeps its name when the first closes and after a reload', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const lon = await openRegion(page, 'LON');
    await openShell(lon);
    await openShell(lon);
    // Before, both read "Shell": a PE with two open could not tell which was which.
    const tabs = lon.getByRole('tab');
    await expect(tabs).toHaveText(['Shell', 'Shell 2']);
    const bar = lon.locator('.terminal:not([hidden]) .terminal-title');
    await expect(bar).toHaveText('Shell 2');
    await tabs.first().click();
    await expect(bar).toHaveText('Shell');

    await tabs.first().press('Delete');
    await expect(tabs).toHaveText(['Shell 2']);
    await expect(bar).toHaveText('Shell 2');

    await page.reload();
    await expect(page.getByRole('status')).toHaveText('Connected');
    const again = await openRegion(page, 'LON');
    await expect(again.getByRole('tab')).toHaveText(['Shell 2']);
    await expect(again.locator('.terminal:not([hidden]) .terminal-title')).toHaveText('Shell 2');
  });

  test('a flood of 60,000 lines is drawn whole and in order, and search finds a line in its scrollback', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const lon = await openRegion(page, 'LON');
    await lon.getByRole('button', { name: '+ Shell' }).click();
    await lon.locator('.terminal .xterm').click();
    // ~1.4 M chars: far past the point where the renderer hands output to xterm.js in pieces.
    await page.keyboard.type("seq -f 'flood line %06g of 060000' 1 60000 > flood.txt && cat flood.txt && echo DONE_$((40 + 2))");
    await page.keyboard.press('Enter');
    const rows = terminalRows(lon);
    await expect(rows).toContainText('DONE_42', { timeout: 30_000 });

    // Every row on screen is the next line of the file, ending with its last.
    const numbers = (await rows.locator(':scope > div').allTextContents())
      .map((row) => /^flood line (\d{6}) of 060000$/.exec(row.trim())?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    expect(numbers.length).toBeGreaterThan(5);
    expect(numbers.at(-1)).toBe(60_000);
    expect(numbers).toEqual(numbers.map((_, i) => 60_000 - numbers.length + 1 + i));

    // A line thousands of rows back, in the scrollback, is found and scrolled to.
    await lon.getByRole('button', { name: 'Search' }).click();
    await lon.getByRole('textbox', { name: 'Search the terminal' }).fill('flood line 055555 ');
    await expect(rows).toContainText('flood line 055555 of 060000');
    await expect(rows).not.toContainText('DONE_42');
  });
});

test.describe('a command step whose tool fails', () => {
  test.use({
    serveArgs: ['--rehearsal-at', ROLLOUT_MORNING],
    serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', RELEASE_CONSOLE_DEMO_FAIL: 'maintenance enable:S01' },
  });
  test.setTimeout(120_000);

  test('turns the step failed with the exit code, and the failure is in the terminal', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const s01 = await startS01MaintenanceOn(page);
    await expectState(page, 'sdc-maintenance-on@S01', 'Failed');
    await expect(step(page, 'sdc-maintenance-on@S01')).toContainText('exit 1');
    await expect(s01.getByRole('tab', { selected: true })).toContainText('exit 1');
    await expect(terminalRows(s01)).toContainText('route53 change for S01 timed out');
    // The next step stays shut: a failed maintenance switch is not a deploy window.
    await expectState(page, 'sdc-deploy@S01', 'Blocked');
    await expect(step(page, 'sdc-maintenance-on@S01').getByRole('button', { name: 'Retry' })).toBeEnabled();
  });
});

test.describe('pasting into a shell while a handover is being rolled back', () => {
  // A rehearsal at the rollout morning: HO-1234 is deployed to S01 and LON first, since a handover running nowhere
  // has nothing to roll back and the board does not offer "Production Rollback Required" for it.
  test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING], serveEnv: { HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')), RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' } });

  /** What a paste from the clipboard delivers to the terminal's input. */
  async function paste(page: Page, text: string): Promise<void> {
    // The terminal with the keyboard: the deploy's step terminals are open in the page as well.
    await page.locator('.terminal .xterm-helper-textarea:focus').evaluate((textarea, pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  test('asks before several lines run, and runs nothing when refused', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await deployToS01AndLon(page);
    const lon = await openRegion(page, 'LON');
    // The new shell, shown and clicked (openShell): LON's step runs keep their own terminals, hidden, so the first
    // '.terminal .xterm' could be one of theirs, never visible (ci19f: both tries timed out clicking it).
    await openShell(lon);
    const rows = terminalRows(lon);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    // No rollback under way: a multi-line paste goes straight in.
    // (bash takes a paste as one bracketed block that runs on Enter.)
    await paste(page, 'echo "calm-$((20 + 1))"\necho "calm-$((20 + 2))"\n');
    await page.keyboard.press('Enter');
    await expect(rows).toContainText('calm-22');
    expect(dialogs).toEqual([]);

    // HO-1234 needs its production rollback: the same paste now asks first, and a refusal runs nothing.
    await openScreen(page, 'Release board');
    await page.locator('[data-handover="HO-1234"]').getByRole('button', { name: 'Move to “Production Rollback Required”' }).click();
    await expect(page.locator('[data-handover="HO-1234"] .tag-status')).toHaveText('Production Rollback Required');
    const again = await openRegion(page, 'LON');
    // The deploy's step terminals have tabs there too: back to the shell's.
    await again.getByRole('tab', { name: 'Shell' }).click();
    await again.locator('.terminal .xterm').filter({ visible: true }).click();
    await paste(page, 'echo "storm-$((30 + 1))"\necho "storm-$((30 + 2))"\n');
    await expect.poll(() => dialogs).toEqual(['A rollback is running. Paste 2 lines into this terminal? Pasted lines can run as commands.']);
    await page.keyboard.type('echo "after-$((40 + 2))"');
    await page.keyboard.press('Enter');
    await expect(terminalRows(again)).toContainText('after-42');
    await expect(terminalRows(again)).not.toContainText('storm-3');
  });
});
