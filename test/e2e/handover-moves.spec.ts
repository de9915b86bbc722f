import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openConsole, openScreen, setOperator, rehearsalAt } from './steps';

test.use({ ...rehearsalAt(ROLLOUT_MORNING), timezoneId: 'Europe/London' });
test.setTimeout(90_000);

// Seed 000 gate 2: "QA moves HO to "HO Peer Review" status". The PE sees the move, disabled with the rule's
// words and its seed; QA makes it.
test('the board shows a PE the handover move QA owns disabled, with the seed rule, and QA makes it', async ({ page, served }) => {
  await openConsole(page, served.url);
  await setOperator(page, 'alice', 'PE');
  await openScreen(page, 'Release board');
  const card = page.locator('[data-handover="HO-1242"]');
  const move = card.getByRole('button', { name: 'Move to “HO Peer Review”' });
  const rule = 'Only QA may move a handover to “HO Peer Review” (seed 000 gate 2: “QA moves HO to "HO Peer Review" status”); you are PE.';
  await expect(move).toBeDisabled();
  await expect(move).toHaveAccessibleDescription(rule);
  await expect(card.getByText(rule).filter({ visible: true })).toBeVisible();
  // Reached by keyboard, the refused move says why under itself too.
  await card.getByRole('button', { name: 'Roll back' }).focus();
  for (let i = 0; i < 20 && !(await move.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(move).toBeFocused();
  await expect(page.getByRole('tooltip')).toHaveText(rule);
  await page.screenshot({ path: 'test-results/handover-move-focus-1440.png' });
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/handover-move-refused.png' });

  await setOperator(page, 'quinn', 'QA');
  await expect(move).toBeEnabled();
  await move.click();
  await expect(card.locator('.tag-status')).toHaveText('HO Peer Review');
  // The next move, to "Ready for P.E Review", is QA's too: offered to quinn, enabled.
  await expect(card.getByRole('button', { name: 'Move to “Ready for P.E Review”' })).toBeEnabled();
});

// Seed 000: "Production Rollback Required" is for a handover there to roll back. Before, the board offered the move
// on HO-1240, deployed nowhere, and after it the stage rollback and "Failed Production Rollout".
test('the board refuses the on-call PE a production rollback of a handover deployed in no region, saying why', async ({ page, served }) => {
  await openConsole(page, served.url);
  await setOperator(page, 'oscar', 'on-call PE');
  await openScreen(page, 'Release board');
  const card = page.locator('[data-handover="HO-1240"]');
  const move = card.getByRole('button', { name: 'Move to “Production Rollback Required”' });
  const why = 'HO-1240 is deployed in no region: there is nothing to roll back, and its status stays "Ready for Production". A rollback can start once one of its packages runs at its new version in a region, or while a deploy of it runs.';
  await expect(move).toBeDisabled();
  // Said once, for "Roll back" and the move alike: before, the card said the same sentence twice, one under the other.
  const said = `Roll back, move to “Production Rollback Required”: ${why}`;
  await expect(card.locator('.approval-refusal').filter({ hasText: why })).toHaveText([said]);
  await expect(move).toHaveAccessibleDescription(said);
  await expect(card.getByRole('button', { name: 'Roll back' })).toHaveAccessibleDescription(said);
  await move.click({ force: true });
  await expect(card.locator('.tag-status')).toHaveText('Ready for Production');
});
