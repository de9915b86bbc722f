import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openConsole, openRegion, openScreen, press, setOperator, enterPaletteCommand, rehearsalAt } from './steps';

/** Issue 20: a reload keeps the screen and region, a link opens them, and the checklist is grouped. */
test.use(rehearsalAt(ROLLOUT_MORNING));

test('a reload keeps the screen and the open region, and Back returns to the previous screen', async ({ page, served }) => {
  await openConsole(page, served.url);
  const current = page.getByRole('navigation').locator('[aria-current="page"]');
  // The open screen's name, in bold, stays one line like the others: "Evidence and exports" wrapped to two.
  await openScreen(page, 'Evidence and exports');
  await expect(current).toHaveText('Evidence and exports');
  const [open, other] = [await current.boundingBox(), await page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).boundingBox()];
  expect(open!.height).toBeCloseTo(other!.height, 0);
  await openScreen(page, 'Release board');
  await expect(page).toHaveURL(/#\/board$/);
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Connected');
  await expect(current).toHaveText('Release board');
  await expect(page.getByRole('region', { name: 'Handovers' })).toBeVisible();

  const workspace = await openRegion(page, 'EUW2');
  await expect(page).toHaveURL(/#\/regions\/EUW2$/);
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Connected');
  await expect(workspace.getByRole('heading', { name: /^EUW2/ })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/#\/regions$/);
  await expect(page.locator('.region-tile').first()).toBeVisible();
  await expect(workspace).toBeHidden();
});

test('a link opens its screen and region, over the role’s first screen; an unknown region says so', async ({ page, served }) => {
  // QA opens on the QA checklist (issue 6) unless the link says otherwise.
  await openConsole(page, served.url);
  await setOperator(page, 'quinn', 'QA');
  await page.goto(`${served.url}#/regions/S01`);
  await expect(page.getByRole('status')).toHaveText('Connected');
  await expect(page.getByRole('region', { name: 'Region S01', exact: true })).toBeVisible();

  await page.goto(`${served.url}#/regions/MARS1`);
  await expect(page.getByRole('alert')).toContainText('This workspace has no region “MARS1”');
  await expect(page.locator('.region-tile')).toHaveCount(11);
});

test('the checklist is grouped by gate, then region; groups collapse and a finished one starts closed', async ({ page, served }, testInfo) => {
  await openConsole(page, served.url);
  await openScreen(page, 'Checklist');
  const gate = page.getByRole('region', { name: 'Gate 5: Production Rollout Complete' });
  const s01 = gate.locator('details.region-group:has([data-region-group="S01"])');
  await expect(s01.locator('summary')).toHaveText(/^S01\s*0 of \d+ steps done$/);
  await expect(s01.locator('[data-step="sdc-baseline@S01"]')).toBeVisible();
  await expect(gate.locator('[data-region-group]')).toHaveText(['S01', 'S02', 'LON', 'USE2', 'USW2', 'APSE1', 'APSE2', 'GLOBAL', 'NEXUS', 'EUW2', 'EUC1'].map((id) => new RegExp(`^${id}`)));
  await page.screenshot({ path: testInfo.outputPath('checklist-grouped.png') });

  // Collapsed by the operator: stays so across a push and a trip to another screen.
  await s01.locator('summary').click();
  await expect(s01.locator('[data-step="sdc-baseline@S01"]')).toBeHidden();
  await page.getByRole('button', { name: '+1 min', exact: true }).click();
  await openScreen(page, 'Release board');
  await openScreen(page, 'Checklist');
  await expect(s01.locator('[data-step="sdc-baseline@S01"]')).toBeHidden();
  await s01.locator('summary').click();
  await expect(s01.locator('[data-step="sdc-baseline@S01"]')).toBeVisible();

  // A gate whose steps are all done closes by itself; its summary still says where it stands.
  await page.keyboard.press('Control+k');
  await enterPaletteCommand(page, 'Open release Emergency');
  await expect(page.locator('.release-title')).toHaveText('Emergency — SIP proxy crash fix');
  const approval = page.getByRole('region', { name: 'Approval' }).locator('details.gate-group');
  await expect(approval).toHaveAttribute('open');
  // Seed 000: the emergency's form is the on-call PE's to fill out (issue 17: step owners are enforced).
  await setOperator(page, 'oscar', 'on-call PE');
  await press(page, 'emergency-form@*', 'Mark done');
  await press(page, 'consult-on-call@*', /Approve as oscar/);
  await press(page, 'raise-rm-netops@*', 'Mark done');
  await expect(approval).not.toHaveAttribute('open');
  await expect(approval.locator('summary')).toContainText('3 of 3 steps done');
});
