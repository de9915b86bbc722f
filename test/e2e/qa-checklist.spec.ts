import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openConsole, openScreen, run, setOperator, enableS01MaintenanceMode, rehearsalAt } from './steps';

// The QA desk sits in London; the rehearsal's 10:55 is GMT, so the desk's clock and the rule's agree.
test.use({ ...rehearsalAt(ROLLOUT_MORNING), timezoneId: 'Europe/London' });
test.setTimeout(120_000);

test('QA fails an item after the S01 deploy: the heading counts the failure beside the passes, and the item says who failed it and when, in which zone', async ({ page, served }) => {
  await openConsole(page, served.url);
  await enableS01MaintenanceMode(page);
  await run(page, 'sdc-deploy@S01');

  // The PE who deployed may not tick QA's checklist: the buttons say so, disabled, as main would refuse them.
  await openScreen(page, 'QA checklist');
  const items = page.locator('.qa-item');
  const count = await items.count();
  await expect(items.nth(0).getByRole('button', { name: 'Pass' })).toBeDisabled();
  await expect(items.nth(0).getByRole('button', { name: 'Fail' })).toBeDisabled();
  const refusal = 'Only QA may pass, fail or reopen the items of “QA post-rollout testing”; you are PE.';
  await expect(items.nth(0).getByRole('button', { name: 'Pass' })).toHaveAccessibleDescription(refusal);
  await expect(items.nth(count - 1).getByRole('button', { name: 'Fail' })).toHaveAccessibleDescription(refusal);
  // Said once above the items, not under each of the eleven; the buttons are described by it, with no hover title
  // and no copy of their own on focus.
  await expect(page.getByRole('region', { name: 'QA checklist' }).getByText(refusal).filter({ visible: true })).toHaveCount(1);
  await expect(items.nth(0).getByRole('button', { name: 'Pass' })).not.toHaveAttribute('title');
  await items.nth(0).getByRole('button', { name: 'Pass' }).focus();
  await expect(page.getByRole('region', { name: 'QA checklist' }).getByText(refusal).filter({ visible: true })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/qa-checklist-pe-refused.png' });

  await setOperator(page, 'quinn', 'QA');
  await items.nth(0).getByRole('button', { name: 'Pass' }).click();
  await expect(items.nth(0).locator('.badge')).toHaveText('Passed');
  // A passed item offers what may follow a pass (Fail, Reopen), not Pass again.
  await expect(items.nth(0).getByRole('button')).toHaveText(['Fail', 'Reopen']);
  await expect(items.nth(0).getByRole('button', { name: 'Fail' })).toBeEnabled();
  await page.getByLabel('Note for Regression').fill('calls drop after transfer');
  await items.nth(1).getByRole('button', { name: 'Fail' }).click();
  await expect(items.nth(1).locator('.badge')).toHaveText('Failed');
  // The note is the failure's, on record in the item's line; the fields are left empty for the next tick's evidence.
  await expect(items.nth(1)).toContainText('Failed by quinn (QA) at Thu 19 Mar, 10:55 London — calls drop after transfer');
  await expect(page.getByLabel('Note for Regression')).toHaveValue('');

  // "1/11 passed" alone read as ten items still to tick; the failed one is counted where QA looks first.
  await expect(page.getByRole('region', { name: 'QA checklist' }).getByRole('heading', { level: 2 })).toHaveText(`Post-rollout QA — 1/${count} passed · 1 failed`);
  await expect(items.nth(0)).toContainText('Ticked by quinn (QA) at Thu 19 Mar, 10:55 London');
  await expect(items.nth(1)).toContainText('Failed by quinn (QA) at Thu 19 Mar, 10:55 London');
  // The failure's alert offers the checklist from every other screen; here, where it is open, it does not.
  const failure = page.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'QA failed: Regression' });
  await expect(failure).toBeVisible();
  await expect(failure.getByRole('button', { name: 'Open the QA checklist' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/qa-checklist-failed-item.png' });
  await openScreen(page, 'Control pane');
  await failure.getByRole('button', { name: 'Open the QA checklist' }).click();
  await expect(page.getByRole('region', { name: 'QA checklist' })).toBeVisible();

  // Reopening the failed item: its line says it was reopened, by whom and when, not "Ticked by" as if it had passed.
  await items.nth(1).getByRole('button', { name: 'Reopen' }).click();
  await expect(items.nth(1).locator('.badge')).toHaveText('Open');
  await expect(items.nth(1)).toContainText('Reopened by quinn (QA) at Thu 19 Mar, 10:55 London');
  await expect(items.nth(1)).not.toContainText('Ticked by');
  // The failure's banner went with the reopening, and its notice ("… see the banner at the top") with it, not 8 s later.
  await expect(failure).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Notices' }).getByText('QA failed: Regression')).toHaveCount(0, { timeout: 1_500 });
  await page.screenshot({ path: 'test-results/qa-checklist-reopened-item.png' });

  // Passed from the keyboard: the Pass button goes with the tick, and the keyboard stays on the item, not thrown to
  // the page's top; Tab goes on to the item's own note.
  await items.nth(1).getByRole('button', { name: 'Pass' }).focus();
  await page.keyboard.press('Enter');
  await expect(items.nth(1).locator('.badge')).toHaveText('Passed');
  await expect(items.nth(1)).toBeFocused();
  // The pass records no note of its own: the failure's "calls drop after transfer" is not its evidence.
  await expect(items.nth(1)).toContainText('Ticked by quinn (QA) at Thu 19 Mar, 10:55 London');
  await expect(items.nth(1)).not.toContainText('calls drop after transfer');
  await page.screenshot({ path: 'test-results/qa-checklist-focus-on-item.png' });
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Note for Regression')).toBeFocused();
  await page.screenshot({ path: 'test-results/qa-checklist-focus-kept.png' });
});

// The failure's notice pointed "see the banner at the top" while QA, scrolled down to the last item at 1024×720, had the
// banner out of sight above: it says so, and brings it into view.
test('QA fails the last item scrolled down at 1024×720: the notice says its banner is out of sight above, and shows it', async ({ page, served }, testInfo) => {
  await openConsole(page, served.url);
  await enableS01MaintenanceMode(page);
  await run(page, 'sdc-deploy@S01');
  await setOperator(page, 'quinn', 'QA');
  await page.setViewportSize({ width: 1024, height: 720 });
  await openScreen(page, 'QA checklist');
  const last = page.locator('.qa-item').last();
  await last.scrollIntoViewIfNeeded();
  const name = (await last.getAttribute('aria-label'))!;
  await last.getByRole('button', { name: 'Fail' }).click();
  await expect(last.locator('.badge')).toHaveText('Failed');

  const banner = page.getByLabel('Alerts').getByRole('alert').filter({ hasText: `QA failed: ${name}` });
  await expect(banner).toHaveCount(1);
  await expect(banner).not.toBeInViewport();
  const notice = page.getByRole('region', { name: 'Notices' }).locator('li', { hasText: `QA failed: ${name}` });
  await expect(notice.getByRole('alert').or(notice.getByRole('status'))).toHaveText(`QA failed: ${name} — its banner is above, scrolled out of sight.`);
  await page.screenshot({ path: testInfo.outputPath('qa-failed-banner-out-of-sight-1024.png') });

  await notice.getByRole('button', { name: 'Show the banner' }).click();
  await expect(banner).toBeInViewport();
  await expect(banner).toBeFocused();
  // In sight, the notice points at it as before, and offers nothing more.
  await expect(notice.getByRole('alert').or(notice.getByRole('status'))).toHaveText(`QA failed: ${name} — see the banner at the top.`);
  await expect(notice.getByRole('button', { name: 'Show the banner' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('qa-failed-banner-shown-1024.png') });
});
