import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, advance, expectState, openRegion, retakeStaleBaseline, run, step, rehearsalAt, reviewProductionCrAndBaselineS01 } from './steps';

test.use(rehearsalAt(ROLLOUT_MORNING));
test.setTimeout(120_000);

// Issue 17, "An EUW2 baseline taken 5.5 hours before the deploy was used with no staleness warning".
test('a baseline older than an hour shows Stale, holds the deploy with its age, and "Retake baseline" lets it run', async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');
  await reviewProductionCrAndBaselineS01(page);
  await expect(step(page, 'sdc-baseline@S01').locator('.step-baseline')).toContainText('0 min ago (fresh for 60 minutes)');
  await run(page, 'sdc-maintenance-on@S01');

  // 10:55 → 11:55 London and a minute more: still inside the SDC/LON slot, but the baseline is 61 minutes old.
  await advance(page, '+1 h');
  await advance(page, '+1 min');
  const baseline = step(page, 'sdc-baseline@S01').locator('.step-baseline');
  await expect(baseline).toContainText('Stale');
  await expect(baseline).toContainText('1 h 1 min ago — older than 60 minutes: deploys wait for a fresh one.');
  const deploy = step(page, 'sdc-deploy@S01');
  await expectState(page, 'sdc-deploy@S01', 'Blocked');
  await expect(deploy.locator('.reasons')).toContainText('The baseline for S01 was taken 1 h 1 min ago, older than this workspace\'s 60 minutes: retake it with "Retake baseline" on "Capture baseline — SDC/LON (~11:00 London)" before deploying.');
  await expect(deploy.getByRole('button', { name: 'Run' })).toBeDisabled();
  await expect(deploy.getByRole('button', { name: 'Override…' })).toHaveCount(0);
  await step(page, 'sdc-baseline@S01').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('stale-baseline-step.png') });

  // The graphs say so too, beside the baseline band they draw.
  const s01 = await openRegion(page, 'S01');
  await expect(s01.locator('.baseline-age')).toHaveText(/^Baseline stale: taken 10:5\d London \(10:5\d UTC\), 1 h \d+ min ago over \d\d:\d\d–10:5\d, older than 60 minutes; retake it on its baseline step$/);
  await page.screenshot({ path: testInfo.outputPath('stale-baseline-graphs.png') });
  await page.getByRole('button', { name: 'Checklist', exact: true }).click();

  await retakeStaleBaseline(page, 'sdc-baseline@S01');
  await expectState(page, 'sdc-deploy@S01', 'Ready');
  await run(page, 'sdc-deploy@S01');
  await page.screenshot({ path: testInfo.outputPath('stale-baseline-retaken.png') });

  // Fresh again, the graphs' note is one line beside their legend: it read "Baseline taken 0" over "min ago".
  await openRegion(page, 'S01');
  const age = s01.locator('.baseline-age');
  await expect(age).toHaveText(/^Baseline taken 11:5\d London \(11:5\d UTC\), \d+ min ago over \d\d:\d\d–11:5\d$/);
  const lines = await age.evaluate((note) => {
    const text = document.createRange();
    text.selectNodeContents(note);
    return new Set(Array.from(text.getClientRects(), (r) => Math.round(r.top))).size;
  });
  expect(lines).toBe(1);
  await page.screenshot({ path: testInfo.outputPath('stale-baseline-fresh-graphs.png') });
});
