import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectState, openConsole, openRegion, openScreen, press, ROLLOUT_MORNING, setOperator, step } from './steps';

test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING] });

/** Every disabled button on the screen: its words, the reason it gives on hover, and how it looks. */
async function disabledButtons(page: Page) {
  return page.locator("button:is(:disabled, [aria-disabled='true']):visible").evaluateAll((buttons) =>
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

/**
 * A natively disabled button takes no focus: someone tabbing through a step's actions never reached the Run
 * that was refused, nor heard or saw why. Now the refused action takes focus, shows its reason while focused,
 * and pressing it does nothing.
 */
test('a refused action is reached with Tab, says why while it has focus, and Enter does not press it', async ({ page, served }) => {
  await openConsole(page, served.url);
  await setOperator(page, 'alice', 'PE');
  await openScreen(page, 'Checklist');
  // A step that only waits for earlier steps is one line, with no refused button to tab through.
  const baseline = step(page, 'sdc-baseline@S01');
  await expect(baseline).toContainText('Waits for earlier steps');
  await expect(baseline.getByRole('button')).toHaveCount(0);
  await press(page, 'write-prod-cr@*', 'Mark done');
  await expectState(page, 'write-prod-cr@*', 'Done');
  // The author may not approve their own CR: main refuses it, and the button says so.
  const review = step(page, 'review-prod-cr@*');
  const approve = review.getByRole('button', { name: 'Approve as alice' });
  await expect(approve).toBeDisabled();
  await expect(page.getByRole('tooltip')).toBeHidden();

  // From the step's title, Tab moves on to the step's own actions.
  await review.locator('.step-title').click();
  for (let i = 0; i < 10 && !(await approve.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(approve).toBeFocused();
  const reason = page.getByRole('tooltip');
  await expect(reason).toBeVisible();
  await expect(reason).toContainText('alice did "PE writes Production CR instructions" and cannot also approve');
  await page.screenshot({ path: 'test-results/disabled-focus-reason-1440.png' });

  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await expect(approve).toBeDisabled();
  await expect(review).toContainText('Approvals: none yet');
  // Main never heard of it: no refusal came back as a notice.
  await expect(page.locator('.toast')).toHaveCount(0);

  // Tab goes on; the reason goes with the focus.
  await page.keyboard.press('Tab');
  await expect(reason).toBeHidden();
});
