import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, SDC, advance, expectState, openRegion, openScreen, press, retakeStaleBaseline, rollRegion, setOperator, step, terminalRows, captureBaseline, rehearsalAt } from './steps';
import { logEntries, rehearsalDir } from '../release-log';

test.use(rehearsalAt(ROLLOUT_MORNING));
test.setTimeout(240_000);

test('a PE walks the Friday production rollout: SDC/LON at 11:00, EUW2 blocked until 18:00, QA ticks, CR evidence exported; an error spike in EUW2 is rolled back by on-call', async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');
  await setOperator(page, 'alice', 'PE');
  await page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).click();

  // Pre-rollout: the PE writes the Production CR, a second PE reviews it; the author cannot approve it.
  await press(page, 'write-prod-cr@*', 'Mark done');
  await expectState(page, 'write-prod-cr@*', 'Done');
  // Main's verdict arrives with the view: the button is disabled and says why, instead of a refusal after the click.
  const approveAsAlice = step(page, 'review-prod-cr@*').getByRole('button', { name: /Approve as alice/ });
  await expect(approveAsAlice).toBeDisabled();
  await expect(approveAsAlice).toHaveAccessibleDescription(/^alice did "PE writes Production CR instructions" and cannot also approve/);
  await expect(step(page, 'review-prod-cr@*')).toContainText('not by whoever did “PE writes Production CR instructions”');
  await expectState(page, 'review-prod-cr@*', 'Ready');
  await setOperator(page, 'bob', 'PE');
  await press(page, 'review-prod-cr@*', /Approve as bob/);
  await expectState(page, 'review-prod-cr@*', 'Done');
  await setOperator(page, 'alice', 'PE');

  // SDC/LON from 11:00 London, one region at a time: S01 and S02 are each other's siblings, and a region
  // cannot send its traffic to a sibling that is itself in maintenance mode.
  for (const region of SDC) {
    await captureBaseline(page, `sdc-baseline@${region}`);
  }
  await rollRegion(page, 'sdc', 'S01');
  await expectState(page, 'sdc-maintenance-on@S02', 'Blocked');
  await expect(step(page, 'sdc-maintenance-on@S02')).toContainText("S01 is itself in maintenance mode and cannot take S02's traffic");
  for (const region of SDC) {
    if (region !== 'S01') await rollRegion(page, 'sdc', region);
    await advance(page, '+15 min');
    await expectState(page, `sdc-metric-gate@${region}`, 'Done');
    await press(page, `sdc-maintenance-off@${region}`, 'Run');
    await expectState(page, `sdc-maintenance-off@${region}`, 'Done');
  }

  // EUW2: the baseline is ready, but its maintenance and deploy steps are blocked until 18:00 London;
  // while maintenance waits for the baseline it already counts down to its window.
  await expect(step(page, 'eu-first-maintenance-on@EUW2').locator('.opens')).toContainText('Its window opens at 18:00 London · 18:00 UTC in 6 hours 20 minutes; the steps it waits for must be done too.');
  // LON's sibling is EUW2: EUW2 carried LON's traffic until 11:40, so its baseline waits for a window of its own traffic.
  await expectState(page, 'eu-first-baseline@EUW2', 'Blocked');
  await expect(step(page, 'eu-first-baseline@EUW2')).toContainText("EUW2 carried LON's traffic until 11:40 London (LON was in maintenance mode): its 30-minute baseline window must hold only EUW2's own traffic. It can be taken from 12:10 London.");
  await advance(page, '+15 min', 2);
  await captureBaseline(page, 'eu-first-baseline@EUW2');
  const maintenanceOn = step(page, 'eu-first-maintenance-on@EUW2');
  await expectState(page, 'eu-first-maintenance-on@EUW2', 'Blocked');
  await expect(maintenanceOn).toContainText('EUW2 deploys open after 18:00 London');
  await expect(maintenanceOn.locator('.opens')).toContainText('Opens at 18:00 London');
  await expect(maintenanceOn.getByRole('button', { name: 'Run' })).toBeDisabled();

  // The control pane says the same, in the rule's, the region's and the operator's zone.
  await page.getByRole('button', { name: 'Control pane' }).click();
  const euw2 = page.locator('[data-region="EUW2"]');
  await expect(euw2.locator('.window')).toContainText('Closed');
  await expect(euw2.locator('.window')).toContainText('opens 18:00 London');
  await expect(page.locator('[data-region="S01"] .maintenance')).toContainText('Maintenance off');
  await expect(page.locator('[data-region="S01"] .versions')).toContainText('rt-media-gateway');
  await expect(page.locator('[data-region="S01"] .versions')).toContainText('4.13.0');

  // Clock to 18:00 London: the window opens and the step unblocks.
  await page.getByRole('button', { name: 'Checklist', exact: true }).click();
  await advance(page, '+1 h', 6);
  await expect(page.locator('.rehearsal-time')).toContainText('18:10');
  await expectState(page, 'eu-first-maintenance-on@EUW2', 'Ready');
  // Issue 17: the baseline taken at 12:10 is 6 hours old by now; the demo's limit is 60 minutes, so the
  // EUW2 deploy needs it retaken first.
  await retakeStaleBaseline(page, 'eu-first-baseline@EUW2');
  await rollRegion(page, 'eu-first', 'EUW2');
  await page.getByRole('button', { name: 'Control pane' }).click();
  await expect(euw2.locator('.maintenance')).toContainText('Maintenance ON → traffic to EUC1');
  await expect(euw2.locator('.window')).toContainText('Open now');
  // EUW2's workspace keeps the maintenance run's terminal: the demo tool's own output, drawn by xterm.js.
  const euw2Workspace = await openRegion(page, 'EUW2');
  await euw2Workspace.getByRole('tab', { name: /^maintenance enable --region EUW2/ }).click();
  await expect(euw2Workspace.getByRole('tab', { selected: true })).toContainText('exit 0');
  await expect(terminalRows(euw2Workspace)).toContainText('Maintenance mode enabled in EUW2, traffic served by EUC1');
  await page.getByRole('button', { name: 'Checklist', exact: true }).click();
  await expect(step(page, 'eu-first-metric-gate@EUW2').getByRole('progressbar')).toBeVisible();
  await advance(page, '+15 min');
  await expectState(page, 'eu-first-metric-gate@EUW2', 'Done');
  await press(page, 'eu-first-maintenance-off@EUW2', 'Run');
  await expectState(page, 'eu-first-maintenance-off@EUW2', 'Done');

  // QA ticks the post-rollout checklist; the QA step is done only once every item passed.
  await setOperator(page, 'quinn', 'QA');
  await page.getByRole('button', { name: 'QA checklist' }).click();
  const items = page.locator('.qa-item');
  const count = await items.count();
  expect(count).toBeGreaterThanOrEqual(3);
  await page.getByLabel('Note for Feature functionality').fill('Test call placed in EUW2, CDR landed in 40 s');
  await page.getByLabel('Link for Feature functionality').fill('https://jira.example.com/browse/QA-991');
  for (let i = 0; i < count; i++) {
    await items.nth(i).getByRole('button', { name: 'Pass' }).click();
    await expect(items.nth(i).locator('.badge')).toHaveText('Passed');
  }
  await expect(page.getByRole('heading', { name: `Post-rollout QA — ${count}/${count} passed` })).toBeVisible();
  await expect(items.first()).toContainText('Ticked by quinn (QA)');
  await page.getByRole('button', { name: 'Checklist', exact: true }).click();
  await press(page, 'qa-post-rollout@*', 'Mark done');
  await expectState(page, 'qa-post-rollout@*', 'Done');

  // The CR evidence bundle: steps with times and actors, the verification table, QA, transcripts.
  await setOperator(page, 'alice', 'PE');
  await page.getByRole('button', { name: 'Evidence and exports' }).click();
  await page.getByRole('button', { name: 'CR evidence (Markdown)' }).click();
  const exported = page.getByLabel('Exported text');
  await expect(exported).toContainText('# CR evidence — Production rollout — sprint 2026.05');
  await expect(exported).toContainText('| Enable maintenance mode — first EU region (after 18:00 London) | EUW2 | done | alice (PE) | 2026-03-19T18:10:00Z | 0 |');
  await expect(exported).toContainText('2nd PE reviews Production instructions');
  await expect(exported).toContainText('### EUW2');
  await expect(exported).toContainText('Metric');
  await expect(exported).toContainText('| Feature functionality | pass | quinn (QA) |');
  await expect(exported).toContainText('`maintenance enable --region EUW2` — EUW2 — exit 0');

  // Every intent is in the hash-chained audit log on disk.
  const audit = (logEntries(rehearsalDir(served.dataDir)) as unknown as { kind: string; actor: string; data: Record<string, unknown> }[]);
  expect(audit.some((e) => e.kind === 'approval' && e.actor === 'bob')).toBe(true);
  // The author was never offered the approval (main's own check disabled it), and none of hers is recorded.
  expect(audit.some((e) => e.kind === 'approval' && e.actor === 'alice')).toBe(false);
  expect(audit.filter((e) => e.kind === 'command').length).toBeGreaterThanOrEqual(20);
  expect(audit.some((e) => e.kind === 'tick' && e.actor === 'quinn')).toBe(true);

  // Later that evening the error-spike drill hits EUW2: the alert offers the rollback, on-call confirms
  // with the HO id, and HO-1234 is undone in every region it reached, newest first.
  await openScreen(page, 'Control pane');
  await page.getByRole('button', { name: 'Drill…' }).click();
  await page.getByLabel('Drill region').selectOption('EUW2');
  await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
  await page.getByRole('button', { name: 'Start drill' }).click();
  await advance(page, '+15 min');
  await expect(page.locator('[data-region="EUW2"]')).toHaveClass(/health-red/);
  const alert = page.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'EUW2: Error rate above 5%' });
  await setOperator(page, 'oscar', 'on-call PE');
  await alert.getByRole('button', { name: 'Roll back HO-1234' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back HO-1234' });
  const plan = dialog.getByRole('list', { name: 'Rollback plan' });
  await expect(plan.locator('[data-rollback-region]')).toHaveText([/^EUW2/, /^LON/, /^S02/, /^S01/]);
  await expect(plan).toContainText('maintenance enable --region EUW2');
  await expect(plan).toContainText('deploy rollback rt-media-gateway 4.12.0 --region EUW2');
  await expect(plan).toContainText('deploy rollback cdr-export-lambda 0.0.0 --region S01');
  await expect(dialog).toContainText('Deployment windows and freezes never block a rollback');
  const go = dialog.getByRole('button', { name: 'Roll back HO-1234 now' });
  await dialog.getByLabel('Type HO-1234 to confirm').fill('HO-123');
  await expect(go).toBeDisabled();
  await dialog.getByLabel('Type HO-1234 to confirm').fill('HO-1234');
  await go.click();

  await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1234 rolled back. It is now “Failed Production Rollout”.', { timeout: 60_000 });
  await expect(dialog.locator('[data-rollback-step]:not([data-state="done"])')).toHaveCount(0);
  const incident = dialog.getByLabel('Incident timeline');
  await expect(incident).toContainText(/- 2026-03-19T18:1\d:\d\dZ - Deployment completed \(EUW2, LON, S02, S01\)/);
  await expect(incident).toContainText(/- 2026-03-19T18:\d\d:\d\dZ - Error rate spike detected: EUW2: Error rate above 5%/);
  await expect(incident).toContainText(/- 2026-03-19T18:\d\d:\d\dZ - Rollback initiated by oscar \(on-call PE\)/);
  await expect(incident).toContainText(/- 2026-03-19T18:\d\d:\d\dZ - Rollback completed: 12 package rollbacks in EUW2, LON, S02, S01/);
  // Issue 17: the commands ending is not the service restored; that waits for the metrics to stay under the criteria.
  await expect(incident).toContainText('- Service not yet restored: the metrics must stay under the rollback criteria for 5 minutes');
  // A toast while the dialog is open shows inside it, below its content, and covers none of its buttons.
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  // (The breach's own notice may still be showing beside it: it lasts 8 s from whenever the push brought it.)
  const toast = dialog.locator('.dialog-toasts .toast').filter({ hasText: /^Copied HO-\d+'s (incident timeline|rollback announcement) to the clipboard\./ });
  await expect(toast).toHaveCount(1);
  // One look at the toast and every button, in the page: each notice goes 8 s after it came, and the strip
  // shrinks as it goes, so buttons counted and measured one call at a time from here could be gone or moved.
  const covered = await dialog.evaluate((d) => {
    const copied = [...d.querySelectorAll('.dialog-toasts .toast')].find((t) => /^Copied HO-\d+'s .* to the clipboard\./.test(t.textContent ?? ''));
    if (!copied) return ['(the toast had gone)'];
    const t = copied.getBoundingClientRect();
    return [...d.querySelectorAll('button')].flatMap((b) => {
      if (b.closest('.toasts') !== null) return [];
      // What of the button shows: a button scrolled out of the run's body lies under the notices only in layout.
      const own = b.getBoundingClientRect();
      const clip = b.closest('.rb-body')?.getBoundingClientRect() ?? own;
      const top = Math.max(own.top, clip.top);
      const bottom = Math.min(own.bottom, clip.bottom);
      const shows = bottom > top && own.width > 0;
      return shows && own.left < t.right && t.left < own.right && top < t.bottom && t.top < bottom ? [b.textContent ?? ''] : [];
    });
  });
  expect(covered, 'the buttons the toast covers').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('rollback-done-toast.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  for (const region of ['EUW2', 'LON', 'S02', 'S01']) {
    const versions = page.locator(`[data-region="${region}"] .versions`);
    await expect(versions, region).toContainText('rt-media-gateway 4.12.0');
    await expect(versions, region).not.toContainText('cdr-export-lambda');
  }
  // EUW2's simulated numbers settle back under the thresholds: the breach clears and the tile turns green.
  await advance(page, '+15 min');
  await expect(alert).toHaveCount(0);
  await expect(page.locator('[data-region="EUW2"]')).toHaveClass(/health-green/);
  await openScreen(page, 'Release board');
  const card = page.locator('[data-handover="HO-1234"]');
  await expect(card.locator('.tag-status')).toHaveText('Failed Production Rollout');
  // The board's own entry point opens the same run, kept by main.
  await card.getByRole('button', { name: 'Roll back' }).click();
  await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1234 rolled back. It is now “Failed Production Rollout”.');
});
