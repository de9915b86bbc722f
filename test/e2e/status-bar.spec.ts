import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openConsole, ROLLOUT_MORNING } from './steps';

test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING] });

/** The tops of the status bar's items: one value when the bar is one line. */
async function lineTops(page: Page): Promise<number[]> {
  const tops = await page.locator('.status-bar > *:visible').evaluateAll((items) => items.filter((i) => i.getBoundingClientRect().width > 0).map((i) => Math.round(i.getBoundingClientRect().top + i.getBoundingClientRect().height / 2)));
  return [...new Set(tops.map((t) => Math.round(t / 8)))];
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`at ${width}x${height} with a drill running, the status bar keeps the release's whole title, the clock, the drill, the persona and the connection`, async ({ page, served }) => {
    await page.setViewportSize({ width, height });
    await openConsole(page, served.url);
    if (width === 1440) {
      // Before a drill adds its status, 1440 px has room for the release's whole title: it was cut to "… sprint 202…".
      const title = page.locator('.status-bar .release-title');
      await expect(title).toHaveText('Production rollout — sprint 2026.05');
      expect(await title.evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
    }
    await page.getByRole('button', { name: 'Drill…' }).click();
    await page.getByLabel('Drill region').selectOption('S01');
    await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
    await page.screenshot({ path: test.info().outputPath(`drill-start-${width}.png`), clip: { x: 0, y: 0, width, height: 160 } });
    await page.getByRole('button', { name: 'Start drill' }).click();
    await expect(page.getByRole('status', { name: 'Active drills' })).toHaveText('S01 error spike');

    const bar = page.locator('.status-bar');
    await expect(bar.getByRole('group', { name: 'Rehearsal clock' }).or(bar.getByLabel('Rehearsal clock'))).toBeVisible();
    for (const name of ['+1 min', '+15 min', '+1 h', 'Drill…']) await expect(bar.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(bar.getByLabel('Operator name')).toBeVisible();
    await expect(bar.getByLabel('Role')).toBeVisible();
    await expect(bar.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
    // The title is never cut: where the bar has no room for it and the rest, it wraps onto a second line.
    expect((await lineTops(page)).length).toBeLessThanOrEqual(2);
    expect(await bar.locator('.release-title').evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
    // Nothing runs off the window's edge: the last item, the connection, ends inside it.
    const connection = (await bar.getByRole('status').filter({ hasText: 'Connected' }).boundingBox())!;
    expect(connection.x + connection.width).toBeLessThanOrEqual(width);
    await expect(bar.locator('.release-title')).toHaveAttribute('title', /^Production rollout/);
    await page.screenshot({ path: test.info().outputPath(`status-bar-${width}.png`), clip: { x: 0, y: 0, width, height: 160 } });
  });
}
