// Issue 16, "Console shells": in Chromium, a PE types a workspace tool into a region's shell; the shim asks
// the console, the terminal shows why it is refused and asks "run anyway?", and "n" runs nothing.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { openRegion, terminalRows } from './steps';

test.describe('a live region shell guards the workspace tools', () => {
  // Live, not a rehearsal: a rehearsal shell only says "would run". A HOME without rc files keeps the shell's PATH as the console set it.
  test.use({ serveArgs: ['--live'], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) } });
  test.setTimeout(120_000);

  test('EUW2 maintenance typed before its step may run shows the reasons and "run anyway?"; "n" runs nothing', async ({ page, served }, testInfo) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const euw2 = await openRegion(page, 'EUW2');
    await euw2.getByRole('button', { name: '+ Shell' }).click();
    await euw2.locator('.terminal .xterm').filter({ visible: true }).click();
    await page.keyboard.type('maintenance enable --region EUW2');
    await page.keyboard.press('Enter');

    const rows = terminalRows(euw2);
    await expect(rows).toContainText('run anyway? it will be recorded [y/N]');
    // The step's own reasons: nothing before EUW2's maintenance is done yet.
    await expect(rows).toContainText('maintenance enable --region EUW2 is the step "Enable maintenance mode — first EU region (after 18:00 London)" in EUW2, which may not run now:');
    await expect(rows).toContainText('• Waits for "Capture baseline — first EU region (after 18:00 London)" in EUW2 to be done.');
    await page.screenshot({ path: testInfo.outputPath('shell-guard-prompt.png') });

    await page.keyboard.type('n');
    await page.keyboard.press('Enter');
    await expect(rows).toContainText('declined: maintenance enable --region EUW2 was not run (recorded).');
    await page.screenshot({ path: testInfo.outputPath('shell-guard-declined.png') });
    const log = readFileSync(path.join(served.dataDir, 'live', 'release-log.jsonl'), 'utf8');
    expect(log).toContain('shellCommandAnswered');
    expect(log).toContain('declined');
  });
});
