// One release at three desks on a Friday, each its own `release-console serve` with its own data folder and its
// own moto IAM user on one DynamoDB table: the PE runs S01's steps, QA ticks the post-rollout checklist and the
// on-call engineer watches S01 to roll a handover back. What one desk did must show on the others as it does on
// its own. The region's tools keep one state file for all desks, as one real region is one.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test, type ServedConsole } from './fixtures';
import { PRESENCE_HEARTBEAT_MS } from '../../shared/team/presence';
import { logEvents, rehearsalDir } from '../release-log';
import { teamOfDesks } from './team-desks';
import { advance, captureBaseline, confirmRollback, expectState, openConsole, openRegion, openScreen, press, ROLLOUT_MORNING, run, setOperator, step, writeAndReviewProductionCr } from './steps';

const team = teamOfDesks();

async function desks(table: string, users: string[], env: NodeJS.ProcessEnv = {}): Promise<ServedConsole[]> {
  const regionState = path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-region-')), 'demo-tools-state');
  const served: ServedConsole[] = [];
  for (const user of users) {
    served.push(await team.serveDesk({ table, user, args: ['--rehearsal-at', ROLLOUT_MORNING], env: { RELEASE_CONSOLE_DEMO_SPEED: '0', RELEASE_CONSOLE_DEMO_STATE: regionState, NO_COLOR: '1', ...env } }));
  }
  return served;
}

async function windowOf(browser: Browser, desk: ServedConsole): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await openConsole(page, desk.url);
  return page;
}

/** alice's PE desk and olu's on-call desk on one table; the PE has written the CR and captured S01's baseline. */
async function peAndOnCallAtS01(browser: Browser, env: NodeJS.ProcessEnv): Promise<{ pe: Page; onCall: Page }> {
  const [peDesk, onCallDesk] = await desks(await team.table(), ['pe-alice', 'oncall-olu'], env);
  const pe = await windowOf(browser, peDesk!);
  const onCall = await windowOf(browser, onCallDesk!);
  await setOperator(onCall, 'olu', 'on-call PE');
  await writeAndReviewProductionCr(pe);
  await openRegion(pe, 'S01');
  await captureBaseline(pe, 'sdc-baseline@S01');
  return { pe, onCall };
}

test("a baseline the PE's desk captured is the on-call desk's too: its graphs and verification table compare S01 against it", async ({ browser }) => {
  test.setTimeout(120_000);
  const [peDesk, onCallDesk] = await desks(await team.table(), ['pe-alice', 'oncall-olu']);
  const pe = await windowOf(browser, peDesk!);
  const onCall = await windowOf(browser, onCallDesk!);
  await setOperator(onCall, 'olu', 'on-call PE');
  const s01 = await openRegion(onCall, 'S01');
  const noBaseline = s01.locator('.region-graphs-note');
  await expect(noBaseline).toHaveText("No baseline yet: the region's baseline step captures one");

  await writeAndReviewProductionCr(pe);
  await openRegion(pe, 'S01');
  await captureBaseline(pe, 'sdc-baseline@S01');
  const peTable = pe.getByRole('region', { name: 'S01 verification table' });
  const peBaseline = await peTable.getByRole('row', { name: /^p99 latency/ }).getByRole('cell').nth(1).textContent();
  expect(peBaseline).toMatch(/^\d+ms$/);

  // The on-call desk folds the capture from the table: the step is done there, and S01 is measured against it.
  await expect(s01.locator('.baseline-age')).toContainText('Baseline taken 10:55 London (10:55 UTC)', { timeout: 20_000 });
  await expect(noBaseline).toHaveCount(0);
  const onCallTable = onCall.getByRole('region', { name: 'S01 verification table' });
  await expect(onCallTable.getByRole('row', { name: /^p99 latency/ }).getByRole('cell').nth(1)).toHaveText(peBaseline!);
  await expect(s01.getByRole('button', { name: 'Since baseline' })).toBeEnabled();
  await onCall.screenshot({ path: test.info().outputPath('three-desks-on-call-baseline.png') });
});

test("the on-call desk's Stop stops the PE desk's running step: the command in the PE's terminal is stopped, and both desks see it failed, stopped by the on-call engineer", async ({ browser }) => {
  test.setTimeout(120_000);
  // S01's "maintenance enable" waits a minute for its change lock: long enough to be stopped, answering SIGINT.
  const { pe, onCall } = await peAndOnCallAtS01(browser, { RELEASE_CONSOLE_DEMO_HANG: 'maintenance enable:S01@60s' });
  await press(pe, 'sdc-maintenance-on@S01', 'Run');
  await expectState(pe, 'sdc-maintenance-on@S01', 'Running');

  // The on-call desk sees the PE's run and is offered its Stop; its terminal is on the PE's desk.
  const onCallS01 = await openRegion(onCall, 'S01');
  // Who holds S01, for what, until when: under the opened region's header, as on its tile (before: on the tile only).
  const lease = onCallS01.locator('[data-lease="S01"]');
  await expect(lease.locator('.region-lease-holder')).toHaveText(/^Lease: alice \(PE\) · last heartbeat \d+ s ago · expires \d\d:\d\d UTC$/);
  await expect(lease.locator('.region-lease-purpose')).toHaveText('for "Enable maintenance mode — SDC/LON (~11:00 London)"');
  for (const [width, height] of [[1280, 800], [1024, 720]] as const) {
    await onCall.setViewportSize({ width, height });
    await onCall.screenshot({ path: test.info().outputPath(`three-desks-on-call-lease-${width}.png`) });
  }
  await expectState(onCall, 'sdc-maintenance-on@S01', 'Running');
  // Its output is not here, and the on-call desk is told where it is, not that S01 has run nothing.
  await expect(onCall.getByRole('region', { name: 'Region S01', exact: true }).locator('.terminal-empty')).toHaveText(
    'No terminal in S01 at this desk: alice (PE) holds S01 for "Enable maintenance mode — SDC/LON (~11:00 London)", and its output is in their desk\'s terminal. Commands run at this desk appear here; “+ Shell” opens a shell in the region.',
  );
  for (const [width, height] of [[1280, 800], [1024, 720]] as const) {
    await onCall.setViewportSize({ width, height });
    await onCall.locator('.terminal-empty').scrollIntoViewIfNeeded();
    await onCall.screenshot({ path: test.info().outputPath(`three-desks-on-call-terminal-${width}.png`) });
  }
  await press(onCall, 'sdc-maintenance-on@S01', 'Stop');
  // Before, the PE desk showed "sent SIGINT" while its command ran on to the end of its minute. (Its "Stopping: asked by
  // olu" is not waited for: the command answers SIGINT at once, and a loaded machine's view push may fold the ask and
  // the exit together, so the line may never be drawn. The failed card below names olu's Stop instead.)
  for (const page of [pe, onCall]) {
    await expect(step(page, 'sdc-maintenance-on@S01').locator('.step-head .badge')).toHaveText('Failed', { timeout: 20_000 });
    await expect(step(page, 'sdc-maintenance-on@S01').locator('.reasons-failed')).toHaveText('maintenance enable --region S01 stopped by olu (on-call PE).');
    // Before, above it: "Failed by alice (PE) … exit 130", the Stop credited to the desk that ran the command; then
    // "Stopped by olu at …", the one "by" in the console without its role.
    await expect(step(page, 'sdc-maintenance-on@S01').locator('.step-done-by')).toHaveText(/^Stopped by olu \(on-call PE\) at Thu 19 Mar, 10:55 UTC · exit\u00a0\d+ · run by alice \(PE\)$/);
  }
  await expect(pe.locator('.terminal:not([hidden]) .terminal-title')).toHaveText(/^maintenance enable --region S01 · ended: stopped by olu \(on-call PE\)/);
  await pe.screenshot({ path: test.info().outputPath('three-desks-pe-stopped-by-on-call.png') });
  await pe.setViewportSize({ width: 1024, height: 720 });
  await step(pe, 'sdc-maintenance-on@S01').scrollIntoViewIfNeeded();
  await pe.screenshot({ path: test.info().outputPath('three-desks-pe-stopped-by-on-call-1024.png') });
  await onCall.screenshot({ path: test.info().outputPath('three-desks-on-call-stopped.png') });
});

test("a rollback the on-call desk ran is told to the PE desk when it finishes, by whom and where, on its banner and as a notice", async ({ browser }) => {
  test.setTimeout(150_000);
  // S01's first rollback command waits 8 s for its lock: long enough for the PE desk to see the rollback run. Only the
  // first: each of S01's rollback commands waited 4 s, the rollback 12 s and more.
  const { pe, onCall } = await peAndOnCallAtS01(browser, { RELEASE_CONSOLE_DEMO_HANG: 'deploy rollback:S01@8s@once' });
  await run(pe, 'sdc-maintenance-on@S01');
  await run(pe, 'sdc-deploy@S01');
  await openScreen(pe, 'Control pane');

  const dialog = await confirmRollback(onCall, 'HO-1234');
  const peAlerts = pe.getByLabel('Alerts').getByRole('alert');
  await expect(peAlerts.filter({ hasText: 'Rolling back HO-1234' })).toContainText('Started by olu (on-call PE)', { timeout: 20_000 });
  await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1234 rolled back. It is now “Failed Production Rollout”.', { timeout: 30_000 });
  // The desk whose dialog ran it reads that in green there: it is not told again in the dialog's one notice line, as it
  // was ("HO-1234 rolled back by olu (on-call PE) — its banner is behind this dialog; …" for 8 s from the push that
  // brought the banner). Counted once, a second after that banner is there; the PE desk below is still told.
  await expect(onCall.locator('[aria-label="Alerts"]').getByText('HO-1234 rolled back by olu (on-call PE)')).toHaveCount(1);
  await onCall.waitForTimeout(1_000);
  expect(await dialog.getByRole('region', { name: 'Notices' }).getByText('rolled back by').count()).toBe(0);
  // Before, the PE desk's banner just went, with no word of how it ended, and S01's tile offered its next step as if nothing had run.
  const done = peAlerts.filter({ hasText: 'HO-1234 rolled back by olu (on-call PE)' });
  await expect(done).toContainText('HO-1234 runs its earlier versions again in S01. It is now “Failed Production Rollout”.', { timeout: 20_000 });
  await expect(peAlerts.filter({ hasText: 'Rolling back HO-1234' })).toHaveCount(0);
  await expect(pe.getByLabel('Notices').getByRole('status').filter({ hasText: 'HO-1234 rolled back by olu (on-call PE)' })).toHaveText('HO-1234 rolled back by olu (on-call PE) — see the banner at the top.');
  await expect(done.getByRole('button', { name: 'HO-1234 rolled back: open the record' })).toBeVisible();
  for (const [width, height] of [[1280, 800], [1024, 720]] as const) {
    await pe.setViewportSize({ width, height });
    await pe.screenshot({ path: test.info().outputPath(`three-desks-pe-rolled-back-${width}.png`) });
  }
  await onCall.screenshot({ path: test.info().outputPath('three-desks-on-call-dialog-rolled-back.png') });
  // The desk that ran it says the same once its dialog is closed.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(onCall.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'HO-1234 rolled back by olu (on-call PE)' })).toContainText('It is now “Failed Production Rollout”.');
  await onCall.screenshot({ path: test.info().outputPath('three-desks-on-call-rolled-back.png') });
});

test("one rehearsal has one clock: the PE's +1 h moves the QA desk's clock too, and S01's slot closes on both desks", async ({ browser }) => {
  test.setTimeout(120_000);
  const [peDesk, qaDesk] = await desks(await team.table(), ['pe-alice', 'qa-priya']);
  const pe = await windowOf(browser, peDesk!);
  const qa = await windowOf(browser, qaDesk!);
  await setOperator(qa, 'priya', 'QA');
  await writeAndReviewProductionCr(pe);
  await captureBaseline(pe, 'sdc-baseline@S01');
  await openScreen(qa, 'Checklist');
  // Seed 000's SDC/LON slot (~11:00, 10:00–12:00 London) is open at 10:55: the PE may start S01's maintenance step,
  // and QA is told only that it is the PE's.
  await expectState(pe, 'sdc-maintenance-on@S01', 'Ready');
  const qaStep = step(qa, 'sdc-maintenance-on@S01');
  await expect(qaStep).toContainText('Only PE may start "Enable maintenance mode — SDC/LON (~11:00 London)"; you are QA.');
  await expect(qa.locator('.rehearsal-time')).toContainText('10:55');
  await expect(qa.getByRole('region', { name: 'Rehearsal' })).toContainText("The time at the top is this rehearsal's, the same at every desk on it: it moves when anyone at one presses +1 min, +15 min or +1 h.");
  // The clock's tooltip says so too: it said the clock moves "only when you press +1 min", untrue here.
  await expect(qa.getByLabel('Rehearsal clock')).toHaveAttribute('title', /^Rehearsal: a simulated clock, the same at every desk on it, that moves when anyone at one presses \+1 min, \+15 min or \+1 h(\n|$)/);

  await advance(pe, '+1 h');
  await advance(pe, '+15 min');
  await expect(pe.locator('.rehearsal-time')).toContainText('12:10');
  await expectState(pe, 'sdc-maintenance-on@S01', 'Blocked');
  // Before, the QA desk's clock stayed at 10:55: the slot the PE's desk had closed was open there.
  await expect(qa.locator('.rehearsal-time')).toContainText('12:10', { timeout: 20_000 });
  const closed = '"Enable maintenance mode — SDC/LON (~11:00 London)" opens between 10:00 and 12:00 London (12:10 now); it will not open again today (next opening Fri 20 Mar 10:00 London).';
  for (const page of [pe, qa]) {
    await expect(step(page, 'sdc-maintenance-on@S01')).toContainText(closed);
    await expect(step(page, 'sdc-maintenance-on@S01').locator('.opens')).toHaveText('Not today: next opens Fri 20 Mar, 10:00 London · Fri 20 Mar, 10:00 UTC in 21 hours 50 minutes');
  }
  for (const [name, page] of [['pe', pe], ['qa', qa]] as const) await page.screenshot({ path: test.info().outputPath(`three-desks-clock-${name}.png`) });
});

test('in a rehearsal each desk sees who else is at the release, as in a real one: the PE, QA and on-call desks each name the other two', async ({ browser }) => {
  test.setTimeout(120_000);
  const [peDesk, qaDesk, onCallDesk] = await desks(await team.table(), ['pe-alice', 'qa-priya', 'oncall-olu']);
  const pe = await windowOf(browser, peDesk!);
  const qa = await windowOf(browser, qaDesk!);
  const onCall = await windowOf(browser, onCallDesk!);
  await setOperator(pe, 'alice', 'PE');
  await openScreen(pe, 'Checklist');
  await setOperator(qa, 'priya', 'QA');
  await openScreen(qa, 'QA checklist');
  await setOperator(onCall, 'olu', 'on-call PE');
  await openRegion(onCall, 'S01');
  // Before, every desk read "Other windows: No other window": a rehearsal's personas beat no presence.
  const seen = { pe: ['priya (QA) is on the QA checklist', 'olu (on-call PE) is on S01\'s workspace'], qa: ['alice (PE) is on the checklist', 'olu (on-call PE) is on S01\'s workspace'], onCall: ['alice (PE) is on the checklist', 'priya (QA) is on the QA checklist'] };
  for (const [name, page] of [['pe', pe], ['qa', qa], ['onCall', onCall]] as const) {
    const others = page.getByRole('region', { name: 'Also at this release' });
    for (const line of seen[name]) await expect(others).toContainText(line, { timeout: PRESENCE_HEARTBEAT_MS + 5_000 });
    await expect(others.locator('.presence-line')).toHaveCount(2);
    await page.screenshot({ path: test.info().outputPath(`three-desks-presence-${name}.png`) });
  }
  // QA hands the desk to quinn and stays on the checklist: the PE desk reads quinn at its next read (5 s), and no
  // longer priya. Before, both waited for the QA desk's next beat, up to 20 s on.
  await setOperator(qa, 'quinn', 'QA');
  const peSees = pe.getByRole('region', { name: 'Also at this release' });
  await expect(peSees).toContainText('quinn (QA) is on the QA checklist', { timeout: 10_000 });
  await expect(peSees).not.toContainText('priya');
});

test('one breach is logged once for the release with three desks watching, and every desk shows that one entry', async ({ browser }) => {
  test.setTimeout(180_000);
  const served = await desks(await team.table(), ['pe-alice', 'qa-priya', 'oncall-olu']);
  const [pe, qa, onCall] = await Promise.all(served.map((desk) => windowOf(browser, desk)));
  await setOperator(qa!, 'priya', 'QA');
  await setOperator(onCall!, 'olu', 'on-call PE');
  await writeAndReviewProductionCr(pe!);
  await captureBaseline(pe!, 'sdc-baseline@S01');
  // The PE starts one error-spike drill in S01; the other desks follow it from the log, so all three watch one breach.
  await pe!.getByRole('button', { name: 'Drill…' }).click();
  await pe!.getByLabel('Drill region').selectOption('S01');
  await pe!.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
  await pe!.getByRole('button', { name: 'Start drill' }).click();
  for (const page of [pe!, qa!, onCall!]) await expect(page.getByRole('status', { name: 'Active drills' })).toHaveText('S01 error spike', { timeout: 20_000 });
  await advance(pe!, '+15 min');
  for (const page of [pe!, qa!, onCall!]) await expect(page.getByLabel('Alerts').getByRole('button', { name: 'Open S01' }).first()).toBeVisible({ timeout: 20_000 });
  // Every desk's copy of the shared chain: before, each breach was there three times, once per desk that saw it.
  const breachesAt = (desk: ServedConsole) => logEvents(rehearsalDir(desk.dataDir, ROLLOUT_MORNING)).flatMap((e) => (e.type === 'breachObserved' ? [e.alertId] : []));
  await expect.poll(() => breachesAt(served[0]!).length, { timeout: 20_000 }).toBeGreaterThan(0);
  // Every desk raised the alerts above; a second's grace lets each one's breach reach the table, as it did before.
  await pe!.waitForTimeout(3_000);
  const logged = breachesAt(served[0]!);
  expect(new Set(logged).size, logged.join('\n')).toBe(logged.length);
  expect(logged).toContain('S01/immediate-error-rate');
  for (const desk of served) await expect.poll(() => breachesAt(desk), { timeout: 20_000 }).toEqual(logged);
  // Each desk's History lists those entries, once each.
  for (const [name, page] of [['pe', pe!], ['qa', qa!], ['on-call', onCall!]] as const) {
    await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('group', { name: 'Filters' }).getByLabel('Kind').selectOption('breachObserved');
    await expect(history.getByTestId('history-count')).toContainText(`Entries 1–${logged.length} of ${logged.length}`);
    await expect(history.getByRole('table').last().locator('tbody tr td:nth-child(3)')).toHaveText(Array(logged.length).fill('Breach'));
    await history.getByTestId('history-count').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`three-desks-breach-${name}.png`) });
  }
});
