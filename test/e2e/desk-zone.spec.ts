import { serveSeed002Deployed, startDrill } from './breach-rehearsal';
import { expect, stopServe, test } from './fixtures';
import { advance, confirmRollback, enableS01MaintenanceMode, expectState, openConsole, openRegion, openScreen, press, rehearsalAt, rollS01ThroughMaintenanceOff, ROLLOUT_MORNING, setOperator, step } from './steps';

/**
 * A desk in New York (the console served there, its browser there) rehearsing seed 000's rollout, whose rules are
 * London's: every time reads in New York, named, with the rule's London beside it where a rule set it.
 */
test.use({ ...rehearsalAt(ROLLOUT_MORNING, { TZ: 'America/New_York' }), timezoneId: 'America/New_York' });

test("a gate's deadline reads in the desk's New York, its rule's London beside it", async ({ page, served }) => {
  await openConsole(page, served.url);
  await openScreen(page, 'Release board');
  // Seed 000's gate 5 is Friday 10:00 London: 06:00 in New York (which went to summer time a week before London).
  await expect(page.getByRole('region', { name: 'Gates' }).locator('.deadline')).toHaveText('Due Fri 20 Mar, 06:00 New York (10:00 London), in 23 hours 5 minutes');
  await openScreen(page, 'Checklist');
  await expect(page.locator('.deadline').first()).toHaveText('Due Fri 20 Mar, 06:00 New York (10:00 London), in 23 hours 5 minutes');
});

test("the rehearsal's clock reads in the desk's New York, as every recorded time does, and so does Start over", async ({ page, served }) => {
  await openConsole(page, served.url);
  await expect(page.getByLabel('Rehearsal clock').locator('.rehearsal-time')).toHaveText('Thu 19 Mar, 06:55 New York');
  // The demo's rollout is planned in London: its reading is a hover away, the bar has no room for both.
  await expect(page.getByLabel('Rehearsal clock')).toHaveAttribute('title', /\nIn the rehearsal's zone: Thu 19 Mar, 10:55 London$/);
  await page.getByLabel('Rehearsal clock').getByRole('button', { name: '+15 min' }).click();
  await expect(page.getByLabel('Rehearsal clock').locator('.rehearsal-time')).toHaveText('Thu 19 Mar, 07:10 New York');
  // "Start over" names the time it goes back to as the clock reads it.
  const banner = page.getByRole('region', { name: 'Rehearsal' });
  await banner.getByRole('button', { name: 'Start over…' }).click();
  await expect(banner.getByRole('group', { name: 'Start the rehearsal over' })).toContainText('Archive this run and start again at Thu 19 Mar, 06:55 New York?');
});

test('a reconcile says when it ran on the desk\'s clock, its zone named by the city as every other time is', async ({ page, served }) => {
  await openConsole(page, served.url);
  await page.locator('[data-region="EUW2"]').getByRole('button', { name: 'Open EUW2' }).click();
  const region = page.getByRole('region', { name: 'Region EUW2' });
  await region.getByRole('button', { name: 'Reconcile' }).click();
  // Before: "reconciled 06:55 GMT-4", the only "GMT-4" on a screen that says "New York" everywhere else.
  await expect(region.locator('.reconcile')).toHaveText('Tools agree · reconciled 06:55 New York');
  await page.screenshot({ path: test.info().outputPath('reconcile-new-york.png') });
});

test("a refusal names the other desk's tick on this desk's New York clock, not in UTC, its day as the step's row names it", async ({ browser, served }) => {
  // Two windows, alice and bob, press "Mark done" on the same step at the same instant: one is refused.
  const pages = await Promise.all(['alice', 'bob'].map(async (name) => {
    const page = await (await browser.newContext({ timezoneId: 'America/New_York' })).newPage();
    await openConsole(page, served.url);
    await setOperator(page, name, 'PE');
    await openScreen(page, 'Checklist');
    await expectState(page, 'write-prod-cr@*', 'Ready');
    return page;
  }));
  const pressAt = Date.now() + 500;
  await Promise.all(
    pages.map((page) =>
      step(page, 'write-prod-cr@*').getByRole('button', { name: 'Mark done' }).evaluate(
        (button, at) => new Promise<void>((pressed) => setTimeout(() => {
          (button as HTMLButtonElement).click();
          pressed();
        }, at - Date.now())),
        pressAt,
      ),
    ),
  );
  const refusal = /"PE writes Production CR instructions" is already done by (alice|bob) at Thu 19 Mar, 06:55 New York\./;
  await expect.poll(async () => (await Promise.all(pages.map((page) => page.getByRole('alert').filter({ hasText: 'is already done by' }).allInnerTexts()))).flat().map((text) => text.trim())).toEqual([expect.stringMatching(refusal)]);
});

// Before: "graphs from Thu 19 Mar, 04:55" beside "times in London", a clock a New York desk read as its own.
test("the region pane's graphs say from when in the region's zone, named, as their legend and axes read", async ({ page, served }) => {
  for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 720 }]) {
    await page.setViewportSize(size);
    await openConsole(page, served.url);
    const workspace = await openRegion(page, 'S01');
    await expect(workspace.locator('.region-graphs-legend')).toContainText('times in London');
    // 6 h before the rehearsal's 10:55 London (06:55 here).
    await expect(workspace.locator('.graph-range-from')).toHaveText(/^graphs from Thu 19 Mar, 04:5\d London$/);
    // The charts' latest point reads on London's clock too (the axes' zone), not the desk's 06:55.
    await expect(workspace.locator('.graph-range-latest')).toHaveText(/^latest point 10:5\d$/);
    await workspace.locator('.region-graphs').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`graphs-from-new-york-${size.width}.png`) });
  }
});

test("a step's reason reads the instants it names on this desk's New York clock: S02's baseline waits for S01's traffic to leave", async ({ page, served }) => {
  test.setTimeout(120_000);
  // The demo's SDC morning: S01 in maintenance mode at 10:55 London (06:55 here), out of it at 11:10 (07:10 here).
  await rollS01ThroughMaintenanceOff(page, served.url);
  // S02 sits in New York, as this desk does: its clock is the desk's, said once (before: "07:10 New York (11:10 UTC)").
  await expectState(page, 'sdc-baseline@S02', 'Blocked');
  await expect(step(page, 'sdc-baseline@S02').locator('.reasons')).toHaveText("S02 carried S01's traffic until 07:10 New York (S01 was in maintenance mode): its 30-minute baseline window must hold only S02's own traffic. It can be taken from 07:40 New York.");
});

test("the fix-forward dialog and then its alert name the deadline on this desk's clock by the city, as the rest of the console does", async ({ page }) => {
  test.setTimeout(120_000);
  const served = await serveSeed002Deployed({ TZ: 'America/New_York' });
  try {
    await openConsole(page, served.url);
    await setOperator(page, 'oren', 'on-call engineer');
    await startDrill(page, 'production');
    await advance(page, '+1 min', 8);
    await page.getByLabel('Alerts').getByRole('button', { name: 'Fix forward HO-1' }).click();
    // Decided at 04:08 New York (09:08 UTC, a Tuesday before New York's summer time); seed 002 gives a fix one hour.
    const dialog = page.getByRole('dialog', { name: 'Fix forward HO-1' });
    await expect(dialog).toContainText('If the fix has not landed and the metrics recovered by Tue 3 Mar, 05:08 New York, the alert offers the rollback again.');
    // Decided: the alert's line names the same deadline the same way, beside the alert's own New York time.
    await dialog.getByLabel('Severity').selectOption('SEV-2');
    await dialog.getByLabel(/^Reason/).fill('FEATURE_X flag left on in the production config');
    await dialog.getByRole('button', { name: 'Fix forward HO-1 now' }).click();
    await expect(page.getByLabel('Alerts').getByLabel('What was decided')).toHaveText('Fixing forward (SEV-2) — decided by oren, deadline Tue 3 Mar, 05:08 New York');
  } finally {
    await stopServe(served);
  }
});

test.describe('a rollback confirmed while its handover deploys in S01', () => {
  test.use(rehearsalAt(ROLLOUT_MORNING, { TZ: 'America/New_York', RELEASE_CONSOLE_DEMO_HANG: 'deploy apply:S01@4s' }));

  test('says since when it waits for the deploy on this desk\'s New York clock', async ({ page, served }) => {
    test.setTimeout(90_000);
    await openConsole(page, served.url);
    await enableS01MaintenanceMode(page);
    await press(page, 'sdc-deploy@S01', 'Run');
    await expectState(page, 'sdc-deploy@S01', 'Running');
    await setOperator(page, 'oscar', 'on-call PE');
    const dialog = await confirmRollback(page, 'HO-1234');
    // The deploy started at 10:55 London, 06:55 here (before: "since 10:55", UTC unnamed).
    await expect(dialog.getByLabel('Rollback status')).toHaveText(/^Rolling back HO-1234: waiting for the deploy "Deploy — SDC\/LON \(~11:00 London\)" in S01 to finish \(\S+, since Thu 19 Mar, 06:55 New York\)$/);
    // When it started names its day as the line above does (before: "Started 06:55 New York" over "since Thu 19 Mar, 06:55").
    await expect(dialog.locator('p', { hasText: /^Started / })).toHaveText(/^Started Thu 19 Mar, 06:5\d New York by oscar \(on-call PE\) — /);
    await page.screenshot({ path: test.info().outputPath('rollback-waiting-new-york.png') });
  });
});
