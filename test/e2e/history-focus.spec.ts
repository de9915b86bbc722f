// QA reads a past release from History with the keyboard and comes back. The button pressed (View, ← History,
// Show its log entries) went with the view it was on, and focus fell to the page's start: back on History, the
// release just read was two dozen Tabs away, behind the navigation and the status bar.
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openConsole, rehearsalAt, writeAndReviewProductionCr } from './steps';

test.use({ ...rehearsalAt(ROLLOUT_MORNING), viewport: { width: 1024, height: 720 } });

test('the keyboard stays on what was read: the release opened, its View button on return, its entries when shown', async ({ page, served }, testInfo) => {
  await openConsole(page, served.url);
  await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
  const view = page.getByRole('region', { name: 'Releases' }).getByRole('button', { name: 'View Emergency — SIP proxy crash fix read-only' });
  await view.focus();
  await page.keyboard.press('Enter');
  const opened = page.getByRole('region', { name: 'Release 2026-03-emergency-sip, read-only' });
  await expect(opened.getByRole('heading', { name: 'Emergency — SIP proxy crash fix' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(opened.getByRole('button', { name: '← History' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(view).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('history-focus-back-1024.png') });

  await page.keyboard.press('Enter');
  await opened.getByRole('button', { name: /^Show its log entries/ }).focus();
  await page.keyboard.press('Enter');
  const entries = page.getByRole('region', { name: 'History' }).getByRole('region', { name: 'Log entries' });
  await expect(entries).toBeFocused();
  await expect(entries.getByTestId('history-count')).toHaveText(/^No entry matches/);
  await expect(entries).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('history-focus-entries-1024.png') });
});

test("a release read from History follows the log, and the navigation's History goes back to the list", async ({ page, served, context }, testInfo) => {
  await openConsole(page, served.url);
  const history = page.getByRole('navigation').getByRole('button', { name: 'History', exact: true });
  await history.click();
  await page.getByRole('region', { name: 'Releases' }).getByRole('button', { name: 'View Production rollout — sprint 2026.05 read-only' }).click();
  const opened = page.getByRole('region', { name: 'Release 2026-03-product-rollout, read-only' });
  const detail = opened.getByTestId('release-outcome-detail');
  await expect(detail).toHaveText(/^0 of \d+ steps done$/);
  // Another window of this desk writes and approves the CR while this one reads the release: it follows (before, it
  // kept "0 of 72 steps done" until it was closed and opened again).
  const other = await context.newPage();
  await openConsole(other, served.url);
  await writeAndReviewProductionCr(other);
  await expect(detail).toHaveText(/^2 of \d+ steps done$/);
  await page.screenshot({ path: testInfo.outputPath('history-release-follows-1024.png') });
  // The navigation's History goes back to the list (before, it did nothing on History: only "← History" did).
  await history.click();
  await expect(opened).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Releases' }).getByRole('button', { name: 'View Production rollout — sprint 2026.05 read-only' })).toBeVisible();
});
