// A rehearsal's status bar never shows the real time as if it were the rehearsal's. Before the console's
// session and view arrived it showed the wall clock ("Mon 30 Nov, 10:58 London"), then jumped to the
// rehearsal's "Thu 19 Mar, 10:55 London": a person glancing at it in that moment read today's time as the drill's.
import { test, expect } from './fixtures';
import { openConsole, rehearsalAt, ROLLOUT_MORNING } from './steps';

test.use(rehearsalAt(ROLLOUT_MORNING));

test("from the first paint, the status bar's clock is a placeholder until the rehearsal's clock is known, never the wall clock", async ({ page, served }) => {
  // Every text the status bar shows, from the page's first paint on, recorded in the page as it changes.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { clockTexts: string[] }).clockTexts = seen;
    const record = () => {
      const clock = document.querySelector('.status-bar .status-clock, .status-bar .rehearsal-time, .status-bar > span.mono');
      const text = clock?.textContent ?? null;
      if (text !== null && seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await openConsole(page, served.url);
  await expect(page.locator('.status-bar .rehearsal-time')).toHaveText('Thu 19 Mar, 10:55 UTC');
  const seen = await page.evaluate(() => (window as unknown as { clockTexts: string[] }).clockTexts);
  // The wall clock's day as the bar words it in any zone near UTC: today, yesterday or tomorrow.
  const days = [-1, 0, 1].map((d) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.now() + d * 86_400_000));
  expect(seen.length, JSON.stringify(seen)).toBeGreaterThan(0);
  expect(seen.filter((text) => days.some((day) => text.includes(day))), JSON.stringify(seen)).toEqual([]);
  // Nothing but the placeholder before the rehearsal's own clock: it also showed the rehearsal's time in UTC alone between.
  expect(seen.filter((text) => text !== '--:--'), JSON.stringify(seen)).toEqual(['Thu 19 Mar, 10:55 UTC']);
});
