// QA reads a past release from History and opens one of its runs. The release listed its transcripts by name, size and
// SHA-256 with no way to read one: a dead end, the output being in the region's own terminal History, on another screen.
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, enableS01MaintenanceMode, rehearsalAt } from './steps';

test.use({ ...rehearsalAt(ROLLOUT_MORNING), viewport: { width: 1024, height: 720 } });

test("a release read-only from History opens a transcript by its name and shows the run's whole output", async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await enableS01MaintenanceMode(page);
  await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
  await page.getByRole('region', { name: 'Releases' }).getByRole('button', { name: 'View Production rollout — sprint 2026.05 read-only' }).click();
  const opened = page.getByRole('region', { name: 'Release 2026-03-product-rollout, read-only' });
  const list = opened.getByRole('region', { name: 'Transcripts of this release' });
  const name = list.getByRole('button', { name: 'Read 2026-03-product-rollout~0' });
  await expect(name).toHaveText('2026-03-product-rollout~0');
  await name.click();
  await expect(name).toHaveAttribute('aria-pressed', 'true');
  const transcript = opened.getByRole('region', { name: 'Transcript 2026-03-product-rollout~0' });
  await expect(transcript.locator('.terminal-title')).toHaveText('2026-03-product-rollout~0 · maintenance enable --region S01 · exit 0');
  // Under the list, it is brought into view whole: the click must show what it opened.
  await expect(transcript).toBeInViewport({ ratio: 0.95 });
  await expect(transcript.locator('.xterm-rows')).toContainText('S01');
  await page.screenshot({ path: testInfo.outputPath('history-transcript-1024.png') });
});
