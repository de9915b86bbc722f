import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, ROOT } from './fixtures';
import { advance, expectState, openBackOut, openRegion, openScreen, press, run, setOperator, step, terminalRows, captureBaseline } from './steps';
import { brokenWords, linesOf } from './lines';
import { rehearsalDir } from '../release-log';

/**
 * Issue 17, seed 002 (DOC-0020) whole, in Chromium at rehearsal time: staging and its 24-hour soak, the
 * Governance Sentinel's and the Service Owner's approval, green, the switch and its 15 minutes of active
 * monitoring, QA's post-deployment validation, then an error spike that the on-call engineer rolls back by
 * switching production back to blue. Every command is the workspace's simulated tool in a real terminal.
 */
const WORKSPACE = path.join(ROOT, 'workspaces', 'blue-green-governed');
/** Monday 2 March 2026, 09:00 UTC: no freeze, the release's cycle start. */
const MONDAY = '2026-03-02T09:00:00Z';
const BREACH = 'production: Error rate more than 10% above baseline for 5 minutes (Error rate 8% now against a baseline of 0.1% (a baseline this low is judged against the workspace\'s floor of 0.5%))';

test.use({ serveArgs: ['--workspace', WORKSPACE, '--rehearsal-at', MONDAY], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' } });
test.setTimeout(180_000);

test('seed 002 walked whole: staging, soak, governance approval, green, the switch held by its 15-minute watch, QA, and a breach switched back to blue', async ({ page, served }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await page.goto(served.url);
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  await setOperator(page, 'dana', 'deployment engineer');
  await openScreen(page, 'Checklist');

  // Staging: ./scripts/health_check.sh, ./scripts/deploy.sh and pytest, each run from the workspace's folder.
  await press(page, 'prerequisites@*', 'Mark done');
  await expectState(page, 'prerequisites@*', 'Done');
  await run(page, 'staging-health@staging');
  await run(page, 'staging-deploy@staging');
  await expect(step(page, 'staging-deploy@staging')).toContainText('./scripts/deploy.sh staging v1.2.3');
  await run(page, 'staging-smoke@staging');
  await expect(step(page, 'staging-smoke@staging')).toContainText('pytest tests/smoke/ --env staging');

  // Seed 002: a minimum of 24 hours soak in staging. It holds the approval until its hours have passed.
  await expectState(page, 'staging-soak@staging', 'Blocked');
  await expect(step(page, 'staging-soak@staging')).toContainText('Soaking for 24 hours: it ends Tue 3 Mar 09:00 UTC.');
  // A soak ends by itself: there is nothing to press.
  await expect(step(page, 'staging-soak@staging').getByRole('button')).toHaveCount(0);
  await expect(step(page, 'production-approval@*')).toContainText('Waits for "Soak in staging for 24 hours" in staging to be done.');
  await shot('01-soaking');
  await advance(page, '+1 h', 23);
  await expectState(page, 'staging-soak@staging', 'Blocked');
  await expectState(page, 'production-approval@*', 'Blocked');
  await advance(page, '+1 h');
  await expectState(page, 'staging-soak@staging', 'Done');

  // Governance Sentinel and Service Owner approve production; the deployment engineer is not an approver.
  await expectState(page, 'production-approval@*', 'Ready');
  await expect(step(page, 'production-approval@*')).toContainText('needs 1 × Governance Sentinel, 1 × Service Owner');
  await expect(step(page, 'production-approval@*').getByRole('button', { name: /Approve as dana/ })).toBeDisabled();
  await setOperator(page, 'grace', 'Governance Sentinel');
  await press(page, 'production-approval@*', /Approve as grace/);
  await expectState(page, 'production-approval@*', 'Ready');
  await setOperator(page, 'sam', 'Service Owner');
  await press(page, 'production-approval@*', /Approve as sam/);
  await expectState(page, 'production-approval@*', 'Done');

  // Production: health, backup, baseline, green's image and rollout, smoke tests on green, the switch.
  await setOperator(page, 'dana', 'deployment engineer');
  await run(page, 'production-health@production');
  await run(page, 'verify-backup@production');
  await captureBaseline(page, 'baseline@production');
  await run(page, 'deploy-green@production');
  await run(page, 'green-rollout@production');
  await run(page, 'smoke-green@production');
  await run(page, 'switch-to-green@production');

  // Backing production out at 1024x720: its command line breaks between its arguments only, beside its title. Sized to
  // its whole line, the command took the row: '{"spec":{"selector":' over '{"version":"blue"}}}', and the step's
  // title stood a word a line under the command's box.
  await page.setViewportSize({ width: 1024, height: 720 });
  const productionPane = await openRegion(page, 'production');
  const backOut = await openBackOut(page, productionPane, 'production');
  const backOutStep = backOut.locator('[data-backout-step]').first();
  expect(await brokenWords(backOutStep.locator('.rb-argv')), 'no argument over two lines at 1024').toEqual([]);
  const backOutTitle = backOutStep.locator(':scope > span:nth-child(2)');
  await expect(backOutTitle).toHaveText('Roll app back from v1.2.3 to v1.2.2 in production');
  const [titleBox, argvBox] = await Promise.all([backOutTitle.boundingBox(), backOutStep.locator('.rb-argv').boundingBox()]);
  expect(titleBox!.x + titleBox!.width, "the step's title left of its command line").toBeLessThanOrEqual(argvBox!.x);
  const [titleLines] = await linesOf(backOutTitle, ['Roll app back from v1.2.3 to v1.2.2 in production']);
  expect(titleLines, "the step's title on at most two lines").toBeLessThanOrEqual(2);
  await shot('02a-back-out-1024');
  await backOut.getByRole('button', { name: 'Cancel' }).click();
  // Production's step cards at 1280x800: each owner's role whole on one line (before: "deployment" over "engineer").
  await page.setViewportSize({ width: 1280, height: 800 });
  const owners = productionPane.locator('.step-owner').filter({ hasText: 'deployment engineer' });
  await expect(owners.first()).toBeVisible();
  for (const owner of await owners.all()) expect(await linesOf(owner, ['deployment engineer']), 'the role on one line at 1280').toEqual([1]);
  await shot('02b-production-steps-1280');
  await page.setViewportSize({ width: 1440, height: 900 });
  await openScreen(page, 'Checklist');

  // 15 minutes of active monitoring: the gate holds at 14 healthy minutes and passes at 15.
  await press(page, 'monitor-15@production', 'Start watching');
  await expectState(page, 'monitor-15@production', 'Running');
  await advance(page, '+1 min', 14);
  await expectState(page, 'monitor-15@production', 'Running');
  await expect(step(page, 'monitor-15@production').getByRole('progressbar')).toContainText('Healthy for 14 of 15 minutes');
  await expectState(page, 'post-deploy-validation@*', 'Blocked');
  await shot('02-watch-holds');
  await advance(page, '+1 min');
  await expectState(page, 'monitor-15@production', 'Done');

  // The switch ran the simulated kubectl in production's terminal: production's traffic is on green.
  const production = await openRegion(page, 'production');
  await production.getByRole('tab', { name: /kubectl patch service app-service .*"green"/ }).click();
  await expect(production.getByRole('tab', { selected: true })).toContainText('exit 0');
  await expect(terminalRows(production)).toContainText('production traffic: green (registry/app:v1.2.3), was blue');

  // QA ticks seed 002's post-deployment validation; the step is QA's, not the deployment engineer's.
  await openScreen(page, 'Checklist');
  await expect(step(page, 'post-deploy-validation@*').getByRole('button', { name: 'Mark done' })).toBeDisabled();
  await setOperator(page, 'quinn', 'QA');
  await openScreen(page, 'QA checklist');
  const items = page.locator('.qa-item');
  await expect(items).toHaveCount(5);
  await page.getByLabel('Note for Error rate within baseline ±5%').fill('0.11% against a 0.10% baseline');
  for (let i = 0; i < 5; i++) {
    await items.nth(i).getByRole('button', { name: 'Pass' }).click();
    await expect(items.nth(i).locator('.badge')).toHaveText('Passed');
  }
  await expect(page.getByRole('heading', { name: 'Post-rollout QA — 5/5 passed' })).toBeVisible();
  await expect(items.first()).toContainText('Ticked by quinn (QA)');
  await shot('03-qa');
  await openScreen(page, 'Checklist');
  await press(page, 'post-deploy-validation@*', 'Mark done');
  await expectState(page, 'post-deploy-validation@*', 'Done');
  await setOperator(page, 'dana', 'deployment engineer');
  await press(page, 'log-deployment@*', 'Mark done');
  await expectState(page, 'log-deployment@*', 'Done');

  // The breach drill: production's error rate climbs past the 0.5% floor; the alert offers the rollback.
  await openScreen(page, 'Control pane');
  await page.getByRole('button', { name: 'Drill…' }).click();
  await page.getByLabel('Drill region').selectOption('production');
  await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
  await page.getByRole('button', { name: 'Start drill' }).click();
  await advance(page, '+1 min', 8);
  // Seed 002 asks what caused an error spike before rolling back (issue 19): its criterion is "consider", amber.
  await expect(page.locator('[data-region="production"]')).toHaveClass(/health-amber/);
  const alert = page.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'production: Error rate more than 10% above baseline for 5 minutes' });
  // The rule is relative to the baseline: the alert says so, with both values, and that the floor drew the line.
  await expect(alert).toContainText("Error rate 8% now against a baseline of 0.1% (a baseline this low is judged against the workspace's floor of 0.5%)");
  await alert.screenshot({ path: testInfo.outputPath('03b-breach-alert.png') });

  // Seed 002's rollback authority is the on-call engineer: production switches back to blue, staging redeploys v1.2.2.
  await setOperator(page, 'oren', 'on-call engineer');
  await alert.getByRole('button', { name: 'Roll back HO-1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back HO-1' });
  const plan = dialog.getByRole('list', { name: 'Rollback plan' });
  await expect(plan.locator('[data-rollback-region]')).toHaveText([/^production/, /^staging/]);
  // The patch is one argument, shown quoted as a shell reads it back (describeArgv).
  await expect(plan).toContainText(`kubectl patch service app-service -n production -p '{"spec":{"selector":{"version":"blue"}}}'`);
  await expect(plan).toContainText('./scripts/deploy.sh staging v1.2.2');
  await shot('04-rollback-plan');
  await dialog.getByLabel('Type HO-1 to confirm').fill('HO-1');
  await dialog.getByRole('button', { name: 'Roll back HO-1 now' }).click();
  await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1 rolled back. It is now “Failed Production Rollout”.', { timeout: 60_000 });
  await expect(dialog.locator('[data-rollback-step]:not([data-state="done"])')).toHaveCount(0);
  const incident = dialog.getByLabel('Incident timeline');
  await expect(incident).toContainText('**Deployed:** 2026-03-03T09:00:00Z');
  await expect(incident).toContainText('- 2026-03-03T09:00:00Z - Deployment completed (production, staging)');
  await expect(incident).toContainText(`- 2026-03-03T09:16:00Z - Error rate spike detected: ${BREACH}`);
  await expect(incident).toContainText(`- 2026-03-03T09:23:00Z - Rollback initiated by oren (on-call engineer): ${BREACH}`);
  await expect(incident).toContainText('- 2026-03-03T09:23:00Z - Rollback completed: 2 package rollbacks in production, staging');
  await expect(incident).toContainText('| production | app | v1.2.3 | v1.2.2 | rolled back |');
  await expect(incident).toContainText('| staging | app | v1.2.3 | v1.2.2 | rolled back |');
  await shot('05-rolled-back');
  await dialog.getByRole('button', { name: 'Close' }).click();
  // The drill still runs, so the breach stays; its alert no longer offers to roll back what is rolled back.
  await expect(alert.getByRole('button')).toHaveText(['HO-1 rolled back: open the record']);

  // The rollback's commands ran the simulated tools in the real terminals, and left their state.
  await openRegion(page, 'production');
  await production.getByRole('tab', { name: /kubectl patch service app-service .*"blue"/ }).click();
  await expect(production.getByRole('tab', { selected: true })).toContainText('exit 0');
  await expect(terminalRows(production)).toContainText('production traffic: blue (registry/app:v1.2.2), was green');
  const staging = await openRegion(page, 'staging');
  await staging.getByRole('tab', { name: /\.\/scripts\/deploy\.sh staging v1\.2\.2/ }).click();
  await expect(terminalRows(staging)).toContainText('registry/app:v1.2.2 deployed to staging (was v1.2.3)');
  await shot('06-rollback-terminal');
  const toolState = readFileSync(path.join(rehearsalDir(served.dataDir), 'demo-tools.state'), 'utf8').trim().split('\n');
  expect(toolState).toEqual(['version staging v1.2.3', 'image app-green v1.2.3', 'rollout app-green v1.2.3', 'selector app-service green', 'selector app-service blue', 'version staging v1.2.2']);

  // The deployment log (seed 002's fields) and the announcements (seed 001's), as the Evidence screen shows them.
  await openScreen(page, 'Evidence and exports');
  const exported = page.getByLabel('Exported text');
  const lines = async () => (await exported.innerText()).trimEnd().split('\n');
  await page.getByRole('button', { name: 'Deployment log entry (JSON)' }).click();
  await expect(exported).toContainText('"strategy": "blue-green"');
  const log = JSON.parse(await exported.innerText()) as Record<string, unknown>;
  expect(log.timestamp).toBe('2026-03-03T09:23:00Z');
  expect(log.environment).toBe('production');
  // Nothing of HO-1 still runs anywhere: both environments are back on v1.2.2.
  expect(log.version).toBe('');
  expect(log).not.toHaveProperty('commit');
  expect(log.operator).toBe('dana');
  expect(log.strategy).toBe('blue-green');
  expect(log.approvals).toEqual(['grace (Governance Sentinel)', 'sam (Service Owner)']);
  expect(log.status).toBe('rolled-back');
  expect(log.verification).toBe('cr-evidence-app-v1.2.3-20260303T092300Z.md');
  expect(log.handovers).toEqual([{ id: 'HO-1', status: 'Failed Production Rollout', outcome: 'rolled back', deployedIn: [], rolledBackIn: ['staging', 'production'] }]);
  const undone = [{ handover: 'HO-1', name: 'app', deployed: 'v1.2.3', now: 'v1.2.2' }];
  expect(log.regions).toEqual([
    { region: 'staging', deployed: [], rolledBack: undone },
    { region: 'production', deployed: [], rolledBack: undone },
  ]);
  expect(log.packages).toEqual([]);
  expect(log.overrides).toEqual([]);
  const transcripts = log.transcripts as { region: string; kind: string; exitCode: number }[];
  // 3 staging steps and 6 production steps, then the rollback's switch back to blue and staging's redeploy.
  expect(transcripts.map((t) => `${t.region} ${t.kind} ${t.exitCode}`)).toEqual([...Array<string>(3).fill('staging command 0'), ...Array<string>(7).fill('production command 0'), 'staging command 0']);

  await page.getByRole('button', { name: 'Announcement: deployment starting' }).click();
  await expect(exported).toContainText('DEPLOYMENT STARTING');
  expect(await lines()).toEqual(['DEPLOYMENT STARTING', '--------------------', 'Service: HO-1', 'Version: app v1.2.3', 'Time: 09:00 UTC', 'Owner: @dana']);
  await page.getByRole('button', { name: 'Announcement: deployment complete' }).click();
  await expect(exported).toContainText('DEPLOYMENT COMPLETE');
  expect(await lines()).toEqual([
    'DEPLOYMENT COMPLETE',
    '--------------------',
    'Service: HO-1',
    'Version: nothing deployed',
    // Monday 09:00 (the first staging step) to Tuesday 09:23 (the rollback's end).
    'Duration: 1463 minutes',
    'Status: ROLLED BACK',
    'Regions:',
    '  staging: HO-1 rolled back',
    '  production: HO-1 rolled back',
  ]);
  await page.getByRole('button', { name: 'Announcement: rollback' }).click();
  await expect(exported).toContainText('ROLLBACK COMPLETE');
  expect(await lines()).toEqual([
    'ROLLBACK COMPLETE',
    '--------------------',
    'Service: HO-1',
    'From: production app v1.2.3, staging app v1.2.3',
    'To: production app v1.2.2, staging app v1.2.2',
    `Reason: ${BREACH}`,
    'Owner: @oren',
    'Status: COMPLETE',
  ]);
  await shot('07-exports');
});
