import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openConsole, openScreen } from './steps';
import { linesOf } from './lines';

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

test('at 1024 px each package name and version in a handover reads on one line, the diff link wrapping beside them', async ({ page, served }) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await openConsole(page, served.url);
  await openScreen(page, 'Release board');
  const table = page.getByRole('article', { name: 'HO-1234' }).locator('.package-table');
  await expect(table.getByRole('cell', { name: 'rt-media-gateway', exact: true })).toBeVisible();
  // The lines each cell's words take: the tops of its text's rectangles. "rt-media-gateway" read "rt-media-" over
  // "gateway", as if two packages, and "cdr-export-" over "lambda".
  const lines = await table.locator('tbody tr').evaluateAll((rows) =>
    rows.flatMap((row) =>
      [...row.querySelectorAll('td')].slice(0, 3).map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return `${cell.textContent} ${new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size}`;
      }),
    ),
  );
  expect(lines).toEqual(lines.map((line) => line.replace(/\d+$/, '1')));
  expect(await table.evaluate((t) => t.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
  await table.screenshot({ path: test.info().outputPath('package-table-1024.png') });
});

test.describe('a desk in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  /**
   * Gate 5's deadline on the board at 1024 px, "Due Fri 20 Mar, 06:00 New York (10:00 London), in 23 hours 5 minutes",
   * wrapped inside its countdown: "… in 23 hours 5" over "minutes".
   */
  test("at 1024 px a gate's deadline breaks between its parts only: the desk's time, the rule's, how far away", async ({ page, served }) => {
    await page.setViewportSize({ width: 1024, height: 720 });
    await openConsole(page, served.url);
    await openScreen(page, 'Release board');
    const deadline = page.getByRole('region', { name: 'Gates' }).locator('.deadline').filter({ hasText: 'in 23 hours 5 minutes' });
    await expect(deadline).toHaveText('Due Fri 20 Mar, 06:00 New York (10:00 London), in 23 hours 5 minutes');
    expect(await linesOf(deadline, ['Due Fri 20 Mar, 06:00 New York', '(10:00 London),', 'in 23 hours 5 minutes']), 'the lines each part is drawn on').toEqual([1, 1, 1]);
    await page.getByRole('region', { name: 'Gates' }).screenshot({ path: test.info().outputPath('gate-deadlines-1024.png') });
  });
});

/**
 * The handover card's head stays at the screen's top as its card scrolls under it. Stuck, half a line of the package
 * table showed flush under it at 1024x720 ("lambda/tree/1.0.0" cut through), as if the head's own.
 */
test("at 1024x720 a handover's head stuck at the screen's top has a bottom edge hiding the row under it; not stuck, the table shows beneath it", async ({ page, served }) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await openConsole(page, served.url);
  await openScreen(page, 'Release board');
  const card = page.getByRole('article', { name: 'HO-1234' });
  await expect(card.locator('.package-table tbody tr')).toHaveCount(3);
  // What is drawn 6 px under the head's bottom edge (its margin is 4), over the last package's diff link: the head's, or the table's.
  const underHead = () =>
    card.evaluate((article) => {
      const head = article.querySelector('.handover-head')!.getBoundingClientRect();
      const diff = [...article.querySelectorAll('.package-diff')].at(-1)!.getBoundingClientRect();
      const hit = document.elementFromPoint(diff.left + 20, head.bottom + 6);
      return hit?.closest('.handover-head') ? 'head' : hit?.closest('.package-table') ? 'table' : (hit?.tagName ?? 'nothing');
    });
  expect(await underHead(), 'not stuck').toBe('table');

  // Scrolled until the last package's row runs under the stuck head, cut through its first line. Scrolled and read
  // again until both hold at once: the board may still grow above the card (a push of the release) between the two.
  await expect(async () => {
    const straddled = await page.locator('.app-main').evaluate((main) => {
      const article = main.querySelector('[data-handover="HO-1234"]')!;
      const head = article.querySelector('.handover-head')!;
      const row = [...article.querySelectorAll('.package-table tbody tr')].at(-1)!;
      main.scrollTop += article.getBoundingClientRect().top - main.getBoundingClientRect().top + 40;
      main.scrollTop += row.getBoundingClientRect().top - (head.getBoundingClientRect().bottom - 8);
      const [h, r, m] = [head.getBoundingClientRect(), row.getBoundingClientRect(), main.getBoundingClientRect()];
      return h.top <= m.top + 1 && r.top < h.bottom && r.bottom > h.bottom + 10;
    });
    expect(straddled, "the head stuck at the screen's top, the row half under it").toBe(true);
    expect(await underHead(), 'stuck').toBe('head');
  }).toPass({ timeout: 10_000 });
  await page.screenshot({ path: test.info().outputPath('handover-head-stuck-1024.png') });
});
