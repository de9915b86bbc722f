import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openConsole, openRegion, rehearsalAt } from './steps';

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
