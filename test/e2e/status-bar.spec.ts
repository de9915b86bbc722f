import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { openConsole, ROLLOUT_MORNING, setOperator } from './steps';

test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING] });

for (const [width, height] of [
  [1280, 800],
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
    const bar = page.locator('.status-bar');
    await expect(bar.getByLabel('Rehearsal clock')).toBeVisible();
    await expect(bar.locator('.release-title')).toBeVisible();
    const withoutDrill = (await bar.boundingBox())!.height;
    await page.getByRole('button', { name: 'Drill…' }).click();
    await page.getByLabel('Drill region').selectOption('LON');
    await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
    await page.screenshot({ path: test.info().outputPath(`drill-start-${width}.png`), clip: { x: 0, y: 0, width, height: 160 } });
    await page.getByRole('button', { name: 'Start drill' }).click();
    const drills = page.getByRole('status', { name: 'Active drills' });
    await expect(drills).toHaveText('LON error spike');
    await expect(drills).toHaveAttribute('title', 'Drill: LON error spike');

    await expect(bar.getByRole('group', { name: 'Rehearsal clock' }).or(bar.getByLabel('Rehearsal clock'))).toBeVisible();
    for (const name of ['+1 min', '+15 min', '+1 h', 'Drill…']) await expect(bar.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(bar.getByLabel('Operator name')).toBeVisible();
    await expect(bar.getByLabel('Role')).toBeVisible();
    await expect(bar.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
    // The title is never cut, and the drill takes no second line for its words: at 1280 "LON error spike" pushed the
    // persona and "Connected" onto one. Where the bar lacks room the drill's words end in "…" (whole in its tooltip).
    const middle = async (element: Locator) => ((box) => box.y + box.height / 2)((await element.boundingBox())!);
    expect(Math.abs((await middle(bar.getByRole('status').filter({ hasText: 'Connected' }))) - (await middle(bar.locator('.release-title')))), '"Connected" on the title\'s line').toBeLessThan(8);
    expect((await bar.boundingBox())!.height, 'as tall as without a drill').toBe(withoutDrill);
    // Cut or whole, the drill's words start with its region.
    expect(await drills.evaluate((d) => d.clientWidth), 'room for at least "LON…"').toBeGreaterThanOrEqual(30);
    expect(await bar.locator('.release-title').evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
    // Nothing runs off the window's edge: the last item, the connection, ends inside it.
    const connection = (await bar.getByRole('status').filter({ hasText: 'Connected' }).boundingBox())!;
    expect(connection.x + connection.width).toBeLessThanOrEqual(width);
    await expect(bar.locator('.release-title')).toHaveAttribute('title', /^Production rollout/);
    if (width === 1280) {
      // The on-call PE's longer role, as in a breach drill: still one line, the drill's region still in sight.
      await setOperator(page, 'oscar', 'on-call PE');
      expect(Math.abs((await middle(bar.getByRole('status').filter({ hasText: 'Connected' }))) - (await middle(bar.locator('.release-title')))), 'one line as on-call PE').toBeLessThan(8);
      expect((await bar.boundingBox())!.height, 'as tall as without a drill, as on-call PE').toBe(withoutDrill);
      expect(await drills.evaluate((d) => d.clientWidth), 'room for "LON…" as on-call PE').toBeGreaterThanOrEqual(30);
    }
    await page.screenshot({ path: test.info().outputPath(`status-bar-${width}.png`), clip: { x: 0, y: 0, width, height: 160 } });
  });
}

test('at 1024x720 with a drill running, the bar takes two lines and its groups wrap whole: the drill\'s words whole beside the clock, the persona and "Connected" together at the right', async ({ page, served }) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await openConsole(page, served.url);
  await setOperator(page, 'oscar', 'on-call PE');
  const bar = page.locator('.status-bar');
  await page.getByRole('button', { name: 'Drill…' }).click();
  await page.getByLabel('Drill region').selectOption('LON');
  await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
  await page.getByRole('button', { name: 'Start drill' }).click();
  const drills = page.getByRole('status', { name: 'Active drills' });
  await expect(drills).toHaveText('LON error spike');
  // Before: "LON er…", cut on the clock's line while the second line, the persona's, stood half empty.
  expect(await drills.evaluate((d) => d.scrollWidth <= d.clientWidth), '"LON error spike" whole').toBe(true);
  const title = bar.locator('.release-title');
  expect(await title.evaluate((t) => t.scrollWidth <= t.clientWidth), 'the title whole').toBe(true);
  const middle = async (element: Locator) => ((box) => box.y + box.height / 2)((await element.boundingBox())!);
  expect(Math.abs((await middle(drills)) - (await middle(bar.getByRole('button', { name: '+1 h', exact: true })))), 'the drill on the clock\'s line').toBeLessThan(8);
  const connection = bar.getByRole('status').filter({ hasText: 'Connected' });
  expect(Math.abs((await middle(connection)) - (await middle(bar.getByLabel('Role')))), 'the persona and "Connected" on one line').toBeLessThan(8);
  const lines = new Set(await bar.evaluate((b) => [...b.querySelectorAll('button, select, input, [role="status"], .release-title')].filter((e) => e.getBoundingClientRect().width > 0).map((e) => Math.round((e.getBoundingClientRect().top + e.getBoundingClientRect().bottom) / 2 / 20))));
  expect(lines.size, 'two lines').toBeLessThanOrEqual(2);
  const box = (await connection.boundingBox())!;
  expect(box.x + box.width, '"Connected" inside the window').toBeLessThanOrEqual(1024);
  expect(1024 - (box.x + box.width), '"Connected" at the right edge, as at 1280 px').toBeLessThan(24);
  await page.screenshot({ path: test.info().outputPath('status-bar-1024.png'), clip: { x: 0, y: 0, width: 1024, height: 160 } });
});
