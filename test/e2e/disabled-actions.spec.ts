import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectState, openConsole, openRegion, openScreen, press, ROLLOUT_MORNING, setOperator, step } from './steps';

test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING] });

/**
 * Every disabled button on the screen: its words, the reason it gives (on hover, or the text on screen that
 * describes it, never both), and how it looks.
 */
async function disabledButtons(page: Page) {
  return page.locator("button:is(:disabled, [aria-disabled='true']):visible").evaluateAll((buttons) =>
    buttons.map((b) => {
      const style = getComputedStyle(b);
      const describedBy = (b.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      const described = describedBy.map((id) => document.getElementById(id)).filter((el) => el !== null && el.getClientRects().length > 0);
      return {
        text: (b.getAttribute('aria-label') ?? b.textContent ?? '').trim(),
        reason: (b.getAttribute('title') ?? described.map((el) => el!.textContent).join(' ')).trim(),
        shownTwice: b.hasAttribute('title') && described.length > 0,
        look: `${style.backgroundColor} ${style.borderTopStyle} ${style.color} ${style.opacity}`,
      };
    }),
  );
}

/**
 * Disabled buttons did not all look disabled the same way (a faded primary still read as the thing to press)
 * and many said nothing of why. Now each says why, on hover or by the text on screen that describes it, and all
 * share one look.
 */
test('every disabled action on the main screens says why, on hover or by the words on screen, and all look disabled the same way', async ({ page, served }) => {
  await openConsole(page, served.url);
  const seen: Awaited<ReturnType<typeof disabledButtons>> = [];
  const look = async (screen: string) => {
    const found = await disabledButtons(page);
    for (const button of found) {
      expect(button.reason, `"${button.text}" on ${screen} is disabled without a reason`).not.toBe('');
      expect(button.shownTwice, `"${button.text}" on ${screen} has a hover title beside the words that describe it`).toBe(false);
    }
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
 * that was refused, nor heard or saw why. Now the refused action takes focus, is described by the reason its row
 * shows (not a hover title and a focus tooltip saying it again), and pressing it does nothing.
 */
test('a refused action is reached with Tab, is described by the reason on its row, and Enter does not press it', async ({ page, served }) => {
  await openConsole(page, served.url);
  await setOperator(page, 'alice', 'PE');
  await openScreen(page, 'Checklist');
  // A step that only waits for earlier steps is short, with no refused button to tab through; its reason reads
  // as every blocked step's does (a bullet in the reasons' colour, then when it opens), not as grey small print.
  const baseline = step(page, 'sdc-baseline@S01');
  await expect(baseline.getByRole('note').getByRole('listitem')).toHaveText(['Waits for "2nd PE reviews Production instructions" to be done.']);
  await expect(baseline.locator('.opens')).toHaveText('Opens once those steps are done.');
  const deployReasons = step(page, 'sdc-deploy@S01').getByRole('note').getByRole('listitem');
  await expect(deployReasons.first()).toHaveText('Waits for "Enable maintenance mode — SDC/LON (~11:00 London)" in S01 to be done.');
  const colour = (item: Locator) => item.evaluate((li) => getComputedStyle(li).color);
  expect(await colour(baseline.getByRole('listitem').first())).toBe(await colour(deployReasons.first()));
  await expect(baseline.getByRole('button')).toHaveCount(0);
  await press(page, 'write-prod-cr@*', 'Mark done');
  await expectState(page, 'write-prod-cr@*', 'Done');
  // The author may not approve their own CR: main refuses it, and the button says so.
  const review = step(page, 'review-prod-cr@*');
  const approve = review.getByRole('button', { name: 'Approve as alice' });
  await expect(approve).toBeDisabled();
  const refusal = /^alice did "PE writes Production CR instructions" and cannot also approve/;
  await expect(review.getByText(refusal)).toBeVisible();
  await expect(approve).toHaveAccessibleDescription(refusal);
  // The row says it; the button repeats it neither on hover nor on focus.
  await expect(approve).not.toHaveAttribute('title');

  // From the step's title, Tab moves on to the step's own actions.
  await review.locator('.step-title').click();
  for (let i = 0; i < 10 && !(await approve.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(approve).toBeFocused();
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await expect(review.getByText(refusal)).toHaveCount(1);

  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await expect(approve).toBeDisabled();
  await expect(review).toContainText('Approvals: none yet');
  // Main never heard of it: no refusal came back as a notice.
  await expect(page.locator('.toast')).toHaveCount(0);

  // A blocked step's refused action is described by the reasons and the opening its row lists, and says them nowhere else
  // (a step that only waits for earlier steps shows no action to refuse).
  const blocked = page
    .locator('.step')
    .filter({ has: page.locator('.step-blocked') })
    .filter({ has: page.locator(".step-actions:not([hidden]) button[aria-disabled='true']") })
    .first();
  const refused = blocked.locator("button[aria-disabled='true']").first();
  await expect(refused).toBeVisible();
  await expect(refused).not.toHaveAttribute('title');
  const rowSays = [...(await blocked.locator('.step-blocked .reasons li').allTextContents()), await blocked.locator('.step-blocked .opens').textContent()].join(' ');
  await expect(refused).toHaveAccessibleDescription(rowSays.replace(/\s+/g, ' ').trim());
  await refused.focus();
  await expect(page.getByRole('tooltip')).toHaveCount(0);
});
