import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, expectState, openRegion, press, step, terminalRows, writeAndReviewProductionCr } from './steps';

test.describe('a command step whose tool hangs deaf to SIGINT and SIGTERM', () => {
  test.use({
    serveArgs: ['--rehearsal-at', ROLLOUT_MORNING],
    serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1', RELEASE_CONSOLE_DEMO_HANG: 'maintenance enable:S01' },
  });
  test.setTimeout(120_000);

  test('shows its elapsed time and a Stop; once stopped (SIGKILL after 10 s) it fails "stopped by" the operator', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await writeAndReviewProductionCr(page);
    const s01 = await openRegion(page, 'S01');
    await press(page, 'sdc-baseline@S01', 'Capture baseline');
    await expectState(page, 'sdc-baseline@S01', 'Done');
    await press(page, 'sdc-maintenance-on@S01', 'Run');
    await expectState(page, 'sdc-maintenance-on@S01', 'Running');
    await expect(terminalRows(s01)).toContainText('waiting for the change lock on S01');
    const row = step(page, 'sdc-maintenance-on@S01');
    await expect(row.getByRole('timer', { name: 'Running for' })).toHaveText(/^Running · \d+:\d\d$/);
    await page.screenshot({ path: test.info().outputPath('stop-running.png') });

    await press(page, 'sdc-maintenance-on@S01', 'Stop');
    // SIGINT and SIGTERM are ignored: it still runs until the SIGKILL 10 s after the Stop.
    await expectState(page, 'sdc-maintenance-on@S01', 'Failed');
    const operator = (await page.getByLabel('Operator name').inputValue()).trim();
    await expect(row.locator('.reasons-failed')).toHaveText(`maintenance enable --region S01 stopped by ${operator}.`);
    await page.screenshot({ path: test.info().outputPath('stop-stopped.png') });
    // Nothing it might have half done counts: the deploy window stays shut, and a retry is offered.
    await expectState(page, 'sdc-deploy@S01', 'Blocked');
    await expect(row.getByRole('button', { name: 'Retry' })).toBeEnabled();
  });
});
