import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openConsole, openRegion, openScreen, ROLLOUT_MORNING } from './steps';

test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING] });

/** Every disabled button on the screen: its words, the reason it gives on hover, and how it looks. */
async function disabledButtons(page: Page) {
  return page.locator('button:disabled:visible').evaluateAll((buttons) =>
    buttons.map((b) => {
      const style = getComputedStyle(b);
      return { text: (b.getAttribute('aria-label') ?? b.textContent ?? '').trim(), reason: (b.getAttribute('title') ?? '').trim(), look: `${style.backgroundColor} ${style.borderTopStyle} ${style.color} ${style.opacity}` };
    }),
  );
}

/**
 * Disabled buttons did not all look disabled the same way (a faded primary still read as the thing to press)
 * and many said nothing of why. Now each says why on hover, and all share one look.
 */
test('every disabled action on the main screens says why on hover, and all look disabled the same way', async ({ page, served }) => {
  await openConsole(page, served.url);
  const seen: Awaited<ReturnType<typeof disabledButtons>> = [];
  const look = async (screen: string) => {
    const found = await disabledButtons(page);
    for (const button of found) expect(button.reason, `"${button.text}" on ${screen} is disabled without a reason`).not.toBe('');
    seen.push(...found);
  };

  await openRegion(page, 'S01');
  await expect(page.getByRole('button', { name: 'Since baseline' })).toBeDisabled();
  await look('S01');
  await openScreen(page, 'Checklist');
  await look('the checklist');
  await openScreen(page, 'QA checklist');
  await look('the QA checklist');
  await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('button', { name: '← Newer' })).toBeDisabled();
  await expect(page.getByRole('button', { name: '← Newer' })).toHaveAttribute('title', 'This is the newest page');
  await expect(page.getByRole('button', { name: 'Clear filters' })).toHaveAttribute('title', 'No filter is set');
  await look('History');
  await page.screenshot({ path: test.info().outputPath('disabled-history-1440.png') });

  // Primary, danger and plain buttons alike: one look when they cannot be pressed.
  expect(seen.length).toBeGreaterThan(3);
  expect(new Set(seen.map((b) => b.look)).size, JSON.stringify(seen.map((b) => `${b.text}: ${b.look}`))).toBe(1);
});
