// QA's History at 1280 × 800 after a rollout and its rollback: the filters stand compactly. The rollout's release id,
// people and kinds widen the fields, and Clear filters, kept after them, wrapped to a row of its own at 1280 px with a
// band ~50 px tall left empty above it: the filters took 185 px of the screen for one row of fields.
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openConsole, rehearsalAt, startRollbackOfHo1234 } from './steps';

test.use({ ...rehearsalAt(ROLLOUT_MORNING), viewport: { width: 1280, height: 800 } });

test('at 1280 px the filters are one row of fields under their legend, Clear filters beside it', async ({ page, served }, testInfo) => {
  test.setTimeout(120_000);
  await openConsole(page, served.url);
  const rollback = await startRollbackOfHo1234(page);
  await expect(rollback.getByLabel('Rollback status')).toContainText('rolled back', { timeout: 60_000 });
  await page.keyboard.press('Escape');
  await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
  const filters = page.getByRole('region', { name: 'History' }).getByRole('group', { name: 'Filters' });
  await expect(filters.getByLabel('Person').locator('option[value="oscar"]')).toHaveCount(1);

  const fields = filters.locator('select, input');
  const tops = await fields.evaluateAll((all) => all.map((f) => Math.round(f.getBoundingClientRect().top)));
  expect(new Set(tops).size, `the fields' tops ${tops.join(', ')}`).toBe(1);
  const height = await filters.evaluate((fieldset) => fieldset.getBoundingClientRect().height);
  expect(height, "the filters' height, px (before: 185)").toBeLessThanOrEqual(120);
  const clear = filters.getByRole('button', { name: 'Clear filters' });
  const [clearBox, legendBox] = [await clear.boundingBox(), await filters.locator('legend').boundingBox()];
  expect(clearBox!.y + clearBox!.height, 'Clear filters within the legend').toBeLessThanOrEqual(legendBox!.y + legendBox!.height + 1);
  await filters.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: testInfo.outputPath('history-filters-1280.png') });
});
