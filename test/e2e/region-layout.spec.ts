import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, deployToS01AndLon, openConsole, openRegion, rehearsalAt } from './steps';

test.use(rehearsalAt(ROLLOUT_MORNING));

/** The right-hand column (terminals) ran 22 px past the window at 1024 px: its border, "History" and "⤢" were cut. */
for (const [width, height] of [
  [1024, 720],
  [1280, 800],
  [1000, 700],
] as const) {
  test(`at ${width}x${height} a region's steps and terminals stay inside the window, nothing scrolls sideways`, async ({ page, served }) => {
    await page.setViewportSize({ width, height });
    await openConsole(page, served.url);
    const euw2 = await openRegion(page, 'EUW2');
    const terminals = euw2.locator('.region-terminals');
    await expect(terminals.getByRole('button', { name: '+ Shell' })).toBeVisible();
    const [workspace, side] = await Promise.all([euw2.boundingBox(), terminals.boundingBox()]);
    expect(side!.x + side!.width, 'the terminals end inside the region workspace').toBeLessThanOrEqual(workspace!.x + workspace!.width + 0.5);
    expect(side!.x + side!.width, 'and inside the window').toBeLessThanOrEqual(width);
    const sideways = await page.locator('.app-main').evaluate((main) => main.scrollWidth - main.clientWidth);
    expect(sideways, 'the screen does not scroll sideways').toBeLessThanOrEqual(0);
  });
}

/** A command's tab, chosen below the fold, was scrolled into view with scrollIntoView, which scrolled the page too. */
test('at 1024x720 a region opened after a command ran there opens at its top, its header and "Back out region" in sight', async ({ page, served }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await openConsole(page, served.url);
  await deployToS01AndLon(page);
  const lon = await openRegion(page, 'LON');
  await expect(lon.getByRole('tab', { selected: true })).toHaveText(/deploy apply/);
  // The tab row settles after the workspace draws: give it the time it took to jump (under 0.5 s in a traced run).
  await page.waitForTimeout(1_500);
  expect(await page.locator('.app-main').evaluate((main) => main.scrollTop), 'the page is not scrolled down to the terminals').toBe(0);
  await expect(lon.locator('.region-workspace-head').getByRole('button', { name: 'Back out region' })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: testInfo.outputPath('region-opened-top.png') });
});
