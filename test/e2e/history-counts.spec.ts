// QA's History after a demo rollout: the Releases table's Entries and the "N in the log" beside the entries
// below are one count. The table read 0 for every release beside "1 in the log" on a fresh demo, and 32 for
// the rollout beside "44 in the log" after S01 was rolled, with nothing saying where the rest were.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, captureBaseline, openConsole, openScreen, rehearsalAt, rollRegion, writeAndReviewProductionCr } from './steps';

test.use(rehearsalAt(ROLLOUT_MORNING));

async function openHistory(page: Page) {
  await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
  return page.getByRole('region', { name: 'History' });
}

/** The Entries column, every row's, and the "in the log" count, once both are read. */
async function countsOf(page: Page): Promise<{ column: number[]; inTheLog: number; unfiled: string }> {
  const history = page.getByRole('region', { name: 'History' });
  const releases = history.getByRole('region', { name: 'Releases' });
  await expect(releases.getByTestId('entries-naming-no-release')).toBeVisible();
  const column = (await releases.locator('tbody tr td:nth-child(5)').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
  const count = await history.getByTestId('history-count').textContent();
  const inTheLog = Number(/([\d,]+) in the log/.exec(count ?? '')![1]!.replace(/,/g, ''));
  const unfiled = await releases.getByTestId('entries-naming-no-release').locator('td').nth(1).textContent();
  return { column, inTheLog, unfiled: unfiled ?? '' };
}

test('the Releases table adds up to the entries in the log, on a fresh demo and after S01 is rolled', async ({ page, served }, testInfo) => {
  test.setTimeout(120_000);
  await openConsole(page, served.url);
  const history = await openHistory(page);
  await expect(history.getByTestId('history-count')).toHaveText('Entries 1–1 of 1 · 1 in the log');
  const releases = history.getByRole('region', { name: 'Releases' });
  // The one entry is the console's start: it names no release, and the table says so.
  await expect(releases.getByTestId('entries-naming-no-release')).toHaveText(/^Naming no release \(the console's starts, operator changes, clock moves…\)\s*1$/);
  await expect(releases.locator('tbody tr td:nth-child(5)')).toHaveText(['0', '0', '0']);

  await writeAndReviewProductionCr(page);
  await openScreen(page, 'Checklist');
  await captureBaseline(page, 'sdc-baseline@S01');
  await rollRegion(page, 'sdc', 'S01');
  await openHistory(page);
  await expect(releases.locator('tr[data-release="2026-03-product-rollout"] td:nth-child(5)')).not.toHaveText('0');
  // Read together: the first page follows the log, so both counts may move while they are read.
  await expect
    .poll(async () => {
      const { column, inTheLog, unfiled } = await countsOf(page);
      return `${column.reduce((a, b) => a + b, 0) + Number(unfiled)} of ${inTheLog}`;
    })
    .toMatch(/^(\d+) of \1$/);
  // The console's start and the operator changes name no release: the row holds more than the console's start.
  expect(Number((await countsOf(page)).unfiled)).toBeGreaterThan(1);

  // Filtered by the release, its leases given back stay beside its leases taken: "Lease released" names only a region
  // and a run, and was filed under no release, so the filtered History showed S01's leases taken and never given back.
  const filters = history.getByRole('group', { name: 'Filters' });
  await filters.getByLabel(/^Release/).selectOption('2026-03-product-rollout');
  const rows = history.getByRole('table').last().locator('tbody tr');
  const kinds = rows.locator('td:nth-child(3)');
  await expect(kinds.filter({ hasText: 'Lease taken' }).first()).toBeVisible();
  const takenCount = await kinds.filter({ hasText: 'Lease taken' }).count();
  await expect(kinds.filter({ hasText: 'Lease released' })).toHaveCount(takenCount);
  const givenBack = rows.filter({ has: page.locator('td:nth-child(3)', { hasText: 'Lease released' }) }).first();
  await expect(givenBack.locator('td:nth-child(4)')).toHaveText('S01');
  await givenBack.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('history-release-leases.png') });
});
