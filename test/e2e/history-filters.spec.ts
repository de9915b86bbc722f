// QA's History at 1280 × 800 after a rollout and its rollback: the filters stand compactly. The rollout's release id,
// people and kinds widen the fields, and Clear filters, kept after them, wrapped to a row of its own at 1280 px with a
// band ~50 px tall left empty above it: the filters took 185 px of the screen for one row of fields.
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openConsole, rehearsalAt, startRollbackOfHo1234 } from './steps';

test.use({ ...rehearsalAt(ROLLOUT_MORNING), viewport: { width: 1280, height: 800 } });

test('at 1280 and 1024 px the filters are one row of fields under their legend, Clear filters beside it; a long choice wraps the time range whole', async ({ page, served }, testInfo) => {
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

  // At 1024 px too: each pick was as wide as its longest option (the release's id, the kinds' words) while it read
  // "Any", and From and Before wrapped to a second row (the filters 185 px tall).
  await page.setViewportSize({ width: 1024, height: 720 });
  const tops1024 = await fields.evaluateAll((all) => all.map((f) => Math.round(f.getBoundingClientRect().top)));
  expect(new Set(tops1024).size, `the fields' tops at 1024 px: ${tops1024.join(', ')}`).toBe(1);
  expect(await filters.evaluate((fieldset) => fieldset.getBoundingClientRect().height), "the filters' height at 1024 px (before: 185)").toBeLessThanOrEqual(120);
  await filters.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: testInfo.outputPath('history-filters-1024.png') });
  // A long choice leaves no room for the time range beside the picks: it wraps whole, From with Before.
  await filters.getByRole('combobox', { name: 'Release' }).selectOption('2026-03-product-rollout');
  const range = filters.getByRole('textbox');
  await expect(range).toHaveCount(2);
  const rangeTops = await range.evaluateAll((all) => all.map((f) => Math.round(f.getBoundingClientRect().top)));
  expect(new Set(rangeTops).size, `From and Before on one row: ${rangeTops.join(', ')}`).toBe(1);
  await page.screenshot({ path: testInfo.outputPath('history-filters-1024-release.png') });
});
