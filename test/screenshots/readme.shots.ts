import path from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, test, expect } from '../e2e/fixtures';
import { ROLLOUT_MORNING, SDC, advance, expectState, openRegion, openScreen, press, rollRegion, run, writeAndReviewProductionCr } from '../e2e/steps';

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
  await expect(lon.locator('.terminal .xterm-rows')).toContainText('LON');
  await shoot(page, 'region-lon');

  await openRegion(page, 'EUW2');
  await shoot(page, 'region-euw2');

  await openScreen(page, 'Checklist');
  await shoot(page, 'checklist');
  await openScreen(page, 'Release board');
  await shoot(page, 'release-board');
  await openScreen(page, 'QA checklist');
  await shoot(page, 'qa-checklist');
  await openScreen(page, 'Evidence and exports');
  await shoot(page, 'evidence');
});
