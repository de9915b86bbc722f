import path from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, test, expect } from '../e2e/fixtures';
import { ROLLOUT_MORNING, SDC, advance, expectState, openRegion, openScreen, press, rollRegion, run, scrollToTerminal, setOperator, step, writeAndReviewProductionCr } from '../e2e/steps';

const OUT = path.join(ROOT, 'docs', 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  // Let countdowns and charts settle after the last push.
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0' } });

test('each screen mid-rollout: SDC/LON rolled, EUW2 waiting for 18:00', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');
  await writeAndReviewProductionCr(page);
  for (const region of SDC) {
    await press(page, `sdc-baseline@${region}`, 'Capture baseline');
    await expectState(page, `sdc-baseline@${region}`, 'Done');
  }
  // One region at a time (S01 and S02 are each other's siblings); LON stays mid-gate for the pictures.
  for (const region of SDC) {
    await rollRegion(page, 'sdc', region);
    if (region === 'LON') break;
    await advance(page, '+15 min');
    await run(page, `sdc-maintenance-off@${region}`);
  }

  await openScreen(page, 'Control pane');
  await shoot(page, 'control-pane');

  const lon = await openRegion(page, 'LON');
  // xterm.js draws only on screen, and below the notices the terminal starts under the fold: read it there, then show the top.
  await expect(await scrollToTerminal(lon)).toContainText('LON');
  await lon.locator('.region-workspace-head').scrollIntoViewIfNeeded();
  await shoot(page, 'region-lon');

  await openRegion(page, 'EUW2');
  // Below its graphs: the steps that wait for 18:00 London, with every reason and the countdown.
  await step(page, 'eu-first-maintenance-on@EUW2').scrollIntoViewIfNeeded();
  await shoot(page, 'region-euw2');

  await openScreen(page, 'Checklist');
  await shoot(page, 'checklist');
  await openScreen(page, 'Release board');
  await shoot(page, 'release-board');
  // Issue 19: the board's Calendar, the coming two weeks of windows (no freeze in the demo) with today's line.
  await page.getByRole('button', { name: 'Calendar', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Calendar' }).locator('.calendar-block').first()).toBeVisible();
  await shoot(page, 'release-calendar');
  await page.getByRole('button', { name: 'Calendar', exact: true }).click();
  await openScreen(page, 'QA checklist');
  await shoot(page, 'qa-checklist');
  await openScreen(page, 'Evidence and exports');
  await shoot(page, 'evidence');

  // The on-call view of a breach: the drill spikes LON's errors, the alert offers the rollback.
  await openScreen(page, 'Control pane');
  await page.getByRole('button', { name: 'Drill…' }).click();
  await page.getByLabel('Drill region').selectOption('LON');
  await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
  await page.getByRole('button', { name: 'Start drill' }).click();
  await advance(page, '+15 min');
  await setOperator(page, 'oscar', 'on-call PE');
  const alert = page.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'LON: Error rate above 5%' });
  await expect(alert).toBeVisible();
  await shoot(page, 'breach-alert');
  await alert.getByRole('button', { name: 'Roll back HO-1234' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back HO-1234' });
  await dialog.getByLabel('Type HO-1234 to confirm').fill('HO-1234');
  await shoot(page, 'rollback-preview');
  await dialog.getByRole('button', { name: 'Roll back HO-1234 now' }).click();
  await expect(dialog.getByLabel('Rollback status')).toContainText('rolled back', { timeout: 60_000 });
  await shoot(page, 'rollback-done');
});
