import { expect, test } from './fixtures';
import { openConsole, ROLLOUT_MORNING } from './steps';

test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING] });

/**
 * Two parts of one screen must not contradict each other. On first load the screen said "Connecting to the
 * console…" while the status bar already said "Connected": the bar reads the socket, the screen read only
 * whether main's first view had arrived. Every change to the page while it loads is watched for both at once.
 */
test('on first load the screen never says it is connecting while the status bar says Connected', async ({ page, served }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { contradictions: string[] }).contradictions = seen;
    new MutationObserver(() => {
      const status = document.querySelector('.status-bar .connection')?.textContent ?? '';
      const main = document.querySelector('.app-main')?.textContent ?? '';
      if (status === 'Connected' && main.includes('Connecting to the console')) seen.push(main.slice(0, 80));
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await openConsole(page, served.url);
  await expect(page.getByRole('region', { name: 'Control pane' }).or(page.locator('.region-grid'))).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { contradictions: string[] }).contradictions)).toEqual([]);
});
