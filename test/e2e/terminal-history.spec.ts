import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, expectState, openShell, rehearsalAt, scrollToTerminal, startS01MaintenanceOn } from './steps';

test.describe("a region's history beside open shells", () => {
  test.use(rehearsalAt(ROLLOUT_MORNING));

  test('lists the step run and folds the open shells into one line, each read as open when shown', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const s01 = await startS01MaintenanceOn(page);
    await expectState(page, 'sdc-maintenance-on@S01', 'Done');
    await openShell(s01);
    const rows = await scrollToTerminal(s01);
    await page.keyboard.type('echo hello-$((6*7))\n');
    await expect(rows).toContainText('hello-42');
    await openShell(s01);

    await s01.getByRole('button', { name: 'History' }).click();
    const history = s01.getByRole('list', { name: 'S01 command history' });
    // Before: each open shell was listed first as 'no exit recorded (still open, or the console stopped first) · 0 chars'.
    await expect(history.getByRole('button')).toHaveCount(1);
    await expect(history.getByRole('button', { name: /maintenance enable --region S01/ })).toContainText('exit 0');
    const folded = s01.locator('.transcript-folded');
    await expect(folded).toHaveText('2 shells open now (in their tabs) not listed. Show them');
    await page.screenshot({ path: test.info().outputPath('history-folded.png') });

    await folded.getByRole('button', { name: 'Show them' }).click();
    const shells = history.getByRole('button', { name: /^Shell/ });
    await expect(shells).toHaveCount(2);
    for (const shell of await shells.all()) await expect(shell).toContainText('· open now, in its tab');
    await expect(history).not.toContainText('no exit recorded');
    await expect(history).not.toContainText('0 chars');

    // An empty transcript says why in words (before: an empty black box).
    await shells.first().click();
    const viewer = s01.locator('.transcript-viewer');
    await expect(viewer.getByRole('note')).toHaveText('This shell is still open: its output is kept here once it ends. Its tab shows it now.');
    await expect(viewer.locator('.xterm')).toHaveCount(0);

    // In the light theme the viewer is coloured as the live terminals are (before: black on the white page).
    await expect(page.getByRole('button', { name: 'Switch to dark theme' })).toBeVisible();
    await history.getByRole('button', { name: /maintenance enable --region S01/ }).click();
    await expect(viewer.locator('.xterm-rows')).toContainText('Checking S02 capacity');
    await expect(viewer.locator('.xterm-scrollable-element')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
    await page.screenshot({ path: test.info().outputPath('history-light.png') });
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(viewer.locator('.xterm-scrollable-element')).toHaveCSS('background-color', 'rgb(11, 14, 18)');
  });
});
