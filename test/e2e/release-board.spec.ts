import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openConsole, openScreen } from './steps';

test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING] });

test("the release board's handover links its tickets and diffs as a Slack post does, through the workspace's externalLinks", async ({ page, served }) => {
  await openConsole(page, served.url);
  await openScreen(page, 'Release board');
  const handover = page.getByRole('article', { name: 'HO-1234' });
  // The PE checks a ticket or a diff before a deploy: one click, not a copy into the browser.
  await expect(handover.getByRole('link', { name: 'RT-5521' })).toHaveAttribute('href', 'https://jira.example.com/browse/RT-5521');
  await expect(handover.getByRole('link', { name: 'PLAT-881' })).toHaveAttribute('href', 'https://jira.example.com/browse/PLAT-881');
  await expect(handover.getByRole('link', { name: 'https://git.example.com/rt/media-gateway/compare/4.12.0...4.13.0' })).toHaveAttribute('href', 'https://git.example.com/rt/media-gateway/compare/4.12.0...4.13.0');
  await expect(handover).toContainText('Tickets: RT-5521, RT-5530, PLAT-881');
  // The handover's own id looks like a ticket and is not one.
  await expect(handover.getByRole('link', { name: 'HO-1234' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/release-board-links.png' });
});
