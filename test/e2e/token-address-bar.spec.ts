// issue 16: the token stayed in the address bar and the history after the page had its cookie. Now the
// page takes it out with history.replaceState, and a reload is authorised by the cookie alone.
import { test, expect } from './fixtures';

test('the token leaves the address bar and the history once the page loads, and a reload still works', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');

  expect(await page.evaluate(() => location.href)).toBe(`${served.origin}/`);
  const cdp = await page.context().newCDPSession(page);
  const { entries } = (await cdp.send('Page.getNavigationHistory')) as { entries: { url: string }[] };
  expect(entries.map((entry) => entry.url)).toContain(`${served.origin}/`);
  for (const entry of entries) expect(entry.url).not.toContain(served.token);

  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Connected');
  expect(page.url()).toBe(`${served.origin}/`);
  // The reloaded page is served and talks to the console: the demo's regions are on screen.
  await expect(page.getByRole('button', { name: 'Open EUW2' })).toBeVisible();
});
