import { test, expect } from './fixtures';

const SEED_000_REGIONS = ['USE2', 'USW2', 'APSE1', 'APSE2', 'EUW2', 'EUC1', 'S01', 'S02', 'LON', 'GLOBAL', 'NEXUS'];

test.describe('on a Friday morning in London', () => {
  // Friday 20 March 2026, 10:55 GMT: the EU regions wait for 18:00, the US ones close at 14:00 their time.
  test.use({ serveArgs: ['--rehearsal-at', '2026-03-20T10:55:00Z'] });

  test('the served page shows a tile for every seed 000 region with its timing window', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const tiles = page.locator('.region-tile');
    await expect(tiles).toHaveCount(SEED_000_REGIONS.length);
    await expect(tiles.locator('.region-id')).toHaveText(SEED_000_REGIONS);
    const euw2 = page.locator('[data-region="EUW2"]');
    await expect(euw2).toContainText('Europe (London)');
    await expect(euw2.locator('.window')).toContainText(/Closed · opens 18:00 London · 18:00 UTC \(in 7 hours 5 minutes\)/);
    await expect(page.locator('[data-region="LON"] .window')).toContainText('Open');
    await expect(page.getByText('Browser mode')).toBeVisible();
    // A tile whose next step is Blocked says why, so the PE need not open every region to find out.
    await expect(page.locator('[data-region="S01"] .current-step')).toHaveText('Blocked Capture baseline — SDC/LON (~11:00 London)');
    await expect(page.locator('[data-region="S01"] .current-step-reason')).toHaveText('Waits for "2nd PE reviews Production instructions" to be done.');
    await expect(page.locator('[data-region="EUC1"] .current-step-reason')).toHaveText('Waits for "Soak EUW2 before the next EU region" in EUW2 to be done.');
    // At 1440 px every region's name is read whole inside its tile: "London (internal operations)" and "Asia Pacific
    // (Singapore)" were cut to "London (internal oper…" and "Asia Pacific (Singa…".
    const names = await tiles.evaluateAll((all) =>
      all.map((tile) => {
        const name = tile.querySelector<HTMLElement>('.region-name')!;
        return { name: name.textContent, cut: name.scrollWidth > name.clientWidth || name.getBoundingClientRect().right > tile.getBoundingClientRect().right };
      }),
    );
    expect(names.filter((n) => n.cut)).toEqual([]);
    await page.locator('.region-grid').screenshot({ path: 'test-results/tiles-blocked-reasons.png' });
  });
});

test.describe('a region workspace on a 1024 px window', () => {
  test.use({ serveArgs: ['--rehearsal-at', '2026-03-20T10:55:00Z'], viewport: { width: 1024, height: 720 } });

  test("the header's health reads on one line beside its dot, the way back, the name and Back out region whole", async ({ page, served }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Open LON' }).click();
    const head = page.getByRole('region', { name: 'Region LON', exact: true }).locator('.region-workspace-head');
    const health = head.locator('.region-workspace-health');
    await expect(health).toHaveText('No breach · no baseline yet');
    // It was a 60 px column of five lines ("No / breach / · no / baseline / yet") between the name and the actions.
    const lines = await health.evaluate((element) => {
      // The lines its words take: each text node's boxes, one a line.
      const tops = new Set<number>();
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const box of range.getClientRects()) tops.add(Math.round(box.top));
      }
      return tops.size;
    });
    expect(lines).toBe(1);
    for (const name of ['← All regions', 'Reconcile', 'Back out region']) await expect(head.getByRole('button', { name })).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: test.info().outputPath('region-head-1024.png') });
  });
});

test.describe('a region opened from the keyboard', () => {
  test.use({ serveArgs: ['--rehearsal-at', '2026-03-20T10:55:00Z'] });

  test("keeps the keyboard: Enter on a tile's Open lands on the region's name, Tab goes on to its header's actions, and ‘← All regions’ goes back to the tile", async ({ page, served }, testInfo) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await page.getByRole('button', { name: 'Open LON' }).focus();
    await page.keyboard.press('Enter');
    const lon = page.getByRole('region', { name: 'Region LON', exact: true });
    // Before: the tile's button went with the control pane and focus fell to the page.
    await expect(lon.getByRole('heading', { name: /^LON / })).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath('region-opened-focus.png') });
    await page.keyboard.press('Tab');
    await expect(lon.getByRole('button', { name: 'Reconcile' })).toBeFocused();
    // And back: "← All regions" with Enter gives the keyboard back to LON's tile (before: the page).
    await lon.getByRole('button', { name: '← All regions' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Open LON' })).toBeFocused();
    await expect(page.getByRole('button', { name: 'Open LON' })).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath('region-left-focus.png') });
  });
});

test.describe('on a Friday afternoon in London', () => {
  // Friday 20 March 2026, 15:00 GMT: USE2's window (before 14:00 London) has shut for the day and APSE1's (11:00–13:00) too.
  test.use({ serveArgs: ['--rehearsal-at', '2026-03-20T15:00:00Z'] });

  test('a tile closed for the rest of the day says when it next opens, with the day', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const use2 = page.locator('[data-region="USE2"] .window');
    await expect(use2).toContainText(/Closed · next opens Sat 21 Mar, 00:00 London · Fri 20 Mar, 20:00 New York.* \(in 9 hours\)/);
    await expect(page.locator('[data-region="APSE1"] .window')).toContainText(/Closed · next opens Sat 21 Mar, 11:00 London.* \(in 20 hours\)/);
    await expect(page.locator('.region-grid')).not.toContainText('will not open today');
    await page.locator('[data-region="USE2"]').screenshot({ path: 'test-results/tile-next-opening.png' });
  });
});

test('the same URL without its token is refused with 401 and shows no console', async ({ page, served }) => {
  const response = await page.goto(served.origin + '/');
  expect(response?.status()).toBe(401);
  await expect(page.locator('.region-tile')).toHaveCount(0);
  await expect(page.locator('body')).toContainText('Unauthorized');
});

test('a page with a wrong token is refused with 401', async ({ page, served }) => {
  const response = await page.goto(`${served.origin}/?token=${'x'.repeat(served.token.length)}`);
  expect(response?.status()).toBe(401);
});

test('a page on another origin cannot open the API socket even with the token', async ({ page, served }) => {
  await page.goto('about:blank');
  const outcome = await page.evaluate(async (url) => {
    return await new Promise<string>((resolve) => {
      const socket = new WebSocket(url);
      socket.onopen = () => resolve('open');
      socket.onerror = () => resolve('refused');
    });
  }, `ws://127.0.0.1:${new URL(served.origin).port}/api?token=${served.token}`);
  expect(outcome).toBe('refused');
});

test('browser mode offers desktop notifications once, and the button goes when the browser has answered', async ({ page, served }) => {
  await page.context().grantPermissions(['notifications'], { origin: served.origin });
  await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');
  // Granted already: nothing to ask.
  await expect(page.getByRole('button', { name: 'Enable notifications' })).toHaveCount(0);
  await page.context().clearPermissions();
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Connected');
  const ask = page.getByRole('button', { name: 'Enable notifications' });
  await expect(ask).toBeVisible();
  await page.context().grantPermissions(['notifications'], { origin: served.origin });
  await ask.click();
  await expect(ask).toHaveCount(0);
  expect(await page.evaluate(() => Notification.permission)).toBe('granted');
});
