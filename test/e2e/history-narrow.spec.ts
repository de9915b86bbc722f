// The on-call engineer's History at 1024 × 720, filtered by the release: every entry's hash on the screen and the
// table within its section. The time stood on one line and the table ran 56 px past the screen's edge: the hashes
// were cut off and "What happened" broke inside its words ("maintenan" over "ce").
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, enableS01MaintenanceMode, rehearsalAt } from './steps';

test.use({ ...rehearsalAt(ROLLOUT_MORNING), viewport: { width: 1024, height: 720 } });

/** "What happened" at 1024 px, in px: ~265 with the release under it; ~100 while the release had a column of its own. */
const WHAT_MIN = 240;

test("at 1024 px the entries fit their section: each hash is on the screen, the time's date over its clock", async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await enableS01MaintenanceMode(page);
  await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('region', { name: 'History' });
  await history.getByRole('group', { name: 'Filters' }).getByLabel(/^Release/).selectOption('2026-03-product-rollout');
  const entries = history.getByRole('region', { name: 'Log entries' });
  const rows = entries.locator('tbody tr');
  await expect(rows.filter({ hasText: 'Step finished' }).first()).toBeVisible();

  const overflow = await entries.evaluate((section) => section.querySelector('table')!.scrollWidth - section.clientWidth);
  expect(overflow, 'how far the table runs past its section').toBeLessThanOrEqual(0);
  const right = await entries.evaluate((section) => section.getBoundingClientRect().right);
  for (const box of await rows.locator('button.hash').evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(right);
  // The date and the clock each stay whole: "2026-03-" over "19" is not a date.
  const time = rows.first().locator('td:nth-child(2)');
  await expect(time).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  const lines = await time.locator('span').evaluateAll((spans) => spans.map((s) => s.getClientRects().length));
  expect(lines).toEqual([1, 1]);
  await page.screenshot({ path: testInfo.outputPath('history-1024.png') });
});

test('at 1024 px "What happened" has the room to read; each entry names its release under it, with its title on hover', async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await enableS01MaintenanceMode(page);
  await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
  const entries = page.getByRole('region', { name: 'History' }).getByRole('region', { name: 'Log entries' });
  const finished = entries.locator('tbody tr').filter({ hasText: 'Step finished' }).first();
  await expect(finished).toBeVisible();
  // The release stood in a column of its own, on one line, and left "What happened" ~100 px: entries read as a narrow column of words.
  const width = await entries.getByRole('columnheader', { name: 'What happened' }).evaluate((th) => th.getBoundingClientRect().width);
  expect(width, 'the width of "What happened" at 1024 px').toBeGreaterThanOrEqual(WHAT_MIN);
  const release = finished.locator('.history-release');
  await expect(release).toHaveText('Release 2026-03-product-rollout');
  await expect(release).toHaveAttribute('title', 'Production rollout — sprint 2026.05');
  await page.screenshot({ path: testInfo.outputPath('history-what-1024.png') });
});
