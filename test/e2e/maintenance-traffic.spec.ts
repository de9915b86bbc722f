import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, advance, captureBaseline, expectState, openRegion, openScreen, rehearsalAt, rollRegion, rollS01ThroughMaintenanceOff, run, step } from './steps';

test.use(rehearsalAt(ROLLOUT_MORNING));
test.setTimeout(120_000);

/**
 * A rehearsal moves its clock by jumps. The simulated traffic took a region's maintenance mode from the first
 * poll after it was switched, which came after the jump: S01 kept its traffic for the 15 minutes it was in
 * maintenance, and lost it for the 15 minutes after it was switched off, so a healthy SDC rollout ended on a
 * throughput breach offering to roll HO-1234 back.
 */
test('S01 in maintenance mode for a 15-minute jump and out of it for the next: its traffic follows when it was switched, and no breach is raised', async ({ page, served }) => {
  await rollS01ThroughMaintenanceOff(page, served.url);
  await advance(page, '+15 min');
  await expect(page.locator('.rehearsal-time')).toContainText('11:25');

  await openScreen(page, 'Control pane');
  await expect(page.locator('[data-region="S01"] .maintenance')).toContainText('Maintenance off');
  await expect(page.getByText(/^S01: Throughput more than 30% below baseline/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Roll back HO-/ })).toHaveCount(0);
  const s01 = await openRegion(page, 'S01');
  await expect(s01.locator('.region-workspace-head')).toContainText('Within rollback criteria against the baseline');
  await expect(s01.getByRole('row', { name: /^Throughput/ })).toContainText('OK');
});

/**
 * S01's sibling is S02: while S01 is in maintenance mode S02 carries its traffic. A 30-minute baseline of S02
 * taken the minute S01 left maintenance counted that share as S02's own, and when it went home S02 read
 * "Throughput more than 30% below baseline" and the console offered to roll back a healthy release.
 */
test("S02's baseline waits until its window holds none of S01's traffic, and S02's clean rollout raises no throughput breach", async ({ page, served }) => {
  await rollS01ThroughMaintenanceOff(page, served.url);

  await expectState(page, 'sdc-baseline@S02', 'Blocked');
  await expect(step(page, 'sdc-baseline@S02')).toContainText("S02 carried S01's traffic until 07:10 New York (11:10 UTC) (S01 was in maintenance mode): its 30-minute baseline window must hold only S02's own traffic. It can be taken from 07:40 New York (11:40 UTC).");
  await expect(step(page, 'sdc-baseline@S02').getByRole('button', { name: 'Capture baseline' })).toBeDisabled();
  await advance(page, '+15 min', 2);
  await expect(page.locator('.rehearsal-time')).toContainText('11:40');
  await captureBaseline(page, 'sdc-baseline@S02');
  await rollRegion(page, 'sdc', 'S02');
  await advance(page, '+15 min');
  await expectState(page, 'sdc-metric-gate@S02', 'Done');
  await run(page, 'sdc-maintenance-off@S02');
  await advance(page, '+15 min');

  await openScreen(page, 'Control pane');
  await expect(page.locator('[data-region="S02"] .maintenance')).toContainText('Maintenance off');
  await expect(page.getByText(/^S0[12]: Throughput more than 30% below baseline/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Roll back HO-/ })).toHaveCount(0);
  const s02 = await openRegion(page, 'S02');
  await expect(s02.locator('.region-workspace-head')).toContainText('Within rollback criteria against the baseline');
  await expect(s02.getByRole('row', { name: /^Throughput/ })).toContainText('OK');
});
