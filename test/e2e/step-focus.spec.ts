import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, advance, captureBaseline, expectState, openConsole, openScreen, rehearsalAt, setOperator, step } from './steps';

test.use(rehearsalAt(ROLLOUT_MORNING));
test.setTimeout(90_000);

/** Tabs from the row's title to the button, as a keyboard user reaches it, and presses Enter on it. */
async function pressWithKeyboard(page: Page, row: Locator, name: string): Promise<void> {
  const button = row.getByRole('button', { name, exact: true });
  await row.locator('.step-title').click();
  for (let i = 0; i < 10 && !(await button.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
}

/**
 * A step's action goes once it is pressed (Run → Stop → nothing once done; Mark done → nothing). Focus fell to
 * the page, and the next Tab started again from the top of the screen, past the navigation, far from the step.
 */
test('after a step done with the keyboard, focus stays on its row and Tab goes on to the next step, or to its region once the region folds', async ({ page, served }) => {
  await openConsole(page, served.url);
  await setOperator(page, 'alice', 'PE');
  await openScreen(page, 'Checklist');

  const write = step(page, 'write-prod-cr@*');
  await pressWithKeyboard(page, write, 'Mark done');
  await expectState(page, 'write-prod-cr@*', 'Done');
  await expect(write).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(step(page, 'review-prod-cr@*').getByRole('button', { name: 'Approve as alice' })).toBeFocused();

  await setOperator(page, 'bob', 'PE');
  await step(page, 'review-prod-cr@*').getByRole('button', { name: 'Approve as bob' }).click();
  await expectState(page, 'review-prod-cr@*', 'Done');
  await setOperator(page, 'alice', 'PE');
  await captureBaseline(page, 'sdc-baseline@S01');
  const maintenanceOn = step(page, 'sdc-maintenance-on@S01');
  await pressWithKeyboard(page, maintenanceOn, 'Run');
  await expectState(page, 'sdc-maintenance-on@S01', 'Done');
  await expect(maintenanceOn).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(step(page, 'sdc-deploy@S01').getByRole('button', { name: 'Run' })).toBeFocused();

  for (const key of ['sdc-deploy@S01', 'sdc-check-versions@S01']) {
    await pressWithKeyboard(page, step(page, key), 'Run');
    await expectState(page, key, 'Done');
  }
  await pressWithKeyboard(page, step(page, 'sdc-metric-gate@S01'), 'Start watching');
  await expectState(page, 'sdc-metric-gate@S01', 'Running');
  await advance(page, '+15 min');
  await expectState(page, 'sdc-metric-gate@S01', 'Done');
  // S01's last step: its region's group folds once it is done, and focus goes to what shows of it.
  await pressWithKeyboard(page, step(page, 'sdc-maintenance-off@S01'), 'Run');
  const s01 = page.locator('summary').filter({ has: page.locator('[data-region-group="S01"]') });
  await expect(s01).toContainText('6 of 6 steps done');
  await expect(s01).toBeFocused();
});
