import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, ROOT } from './fixtures';
import { advance, expectState, openRegion, openScreen, openShell, press, run, setOperator, step, terminalRows, captureBaseline } from './steps';
import { rehearsalDir } from '../release-log';

/**
 * Issue 17, "Done when", for seed 004 (blue/green with feature flags) in Chromium, at rehearsal time: the
 * default release v1.2.3 from the pre-deployment checklist to the post-deployment validation, its commands
 * run by the workspace's simulated npm and gh in real terminals; two engineers approve production; traffic
 * shifts 10% → 50% → 100%, each shift held by its 15-minute metric gate; the flag goes on for 0.1% of Los
 * Angeles; an error-spike drill in production is rolled back (kill switch first, then traffic back to
 * v1.2.2); then the deployment log and the announcements say what happened.
 */
const WORKSPACE = path.join(ROOT, 'workspaces', 'blue-green-feature-flags');
// Tuesday 3 March 2026, 10:30 Pacific (18:30 UTC): inside seed 004's weekday window (10:00–16:00 PT), no freeze.
const TUESDAY_MORNING = '2026-03-03T18:30:00Z';
// The README's picture of a traffic shift held by its gate, written there only when asked
// (README_SHOTS=1), as `npm run screenshots` writes the others; otherwise into the test's output.
const README_SHOT = path.join(ROOT, 'docs', 'screenshots', 'seed-004-metric-gate.png');

test.use({
  serveArgs: ['--workspace', WORKSPACE, '--rehearsal-at', TUESDAY_MORNING],
  // A HOME without rc files keeps a shell's PATH as the console set it.
  serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1', HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) },
  viewport: { width: 1440, height: 900 },
  // The engineers' desks are in Los Angeles, as seed 004's windows are.
  timezoneId: 'America/Los_Angeles',
});
test.setTimeout(240_000);

/** Runs a production command step and checks what the simulated tool printed in production's terminal. */
async function runAndRead(page: Page, key: string, tab: RegExp, printed: string): Promise<void> {
  await openScreen(page, 'Checklist');
  await run(page, key);
  const region = await openRegion(page, key.split('@')[1]!);
  await region.getByRole('tab', { name: tab }).click();
  await expect(region.getByRole('tab', { selected: true })).toContainText('exit 0');
  await expect(terminalRows(region)).toContainText(printed);
  await openScreen(page, 'Checklist');
}

/** A metric gate watching: it holds the next shift, visibly, until its 15 minutes have passed healthy. */
async function gateHolds(page: Page, gate: string, next: string, percent: number, shot?: string): Promise<void> {
  await openScreen(page, 'Checklist');
  await expect(step(page, gate).getByRole('progressbar')).toHaveText('Healthy for 0 of 15 minutes — not watching yet: its minutes count from "Start watching"');
  await press(page, gate, 'Start watching');
  await expectState(page, gate, 'Running');
  await advance(page, '+1 min', 5);
  await expect(step(page, gate).getByRole('progressbar')).toBeVisible();
  await expect(step(page, gate).getByRole('progressbar')).toHaveText('Healthy for 5 of 15 minutes — no breach since it started watching');
  await expectState(page, next, 'Blocked');
  await expect(step(page, next)).toContainText(`Waits for "Watch error rate, latency and business metrics at ${percent}% for 15 minutes" in production to be done.`);
  // Waiting only for earlier steps, its row is short: no Run to press yet.
  await expect(step(page, next).getByRole('button', { name: 'Run' })).toHaveCount(0);
  if (shot) {
    // The checklist has no animation to wait out (no transitions, no smooth scroll): the shot waits for the gate on screen.
    await step(page, gate).scrollIntoViewIfNeeded();
    await expect(step(page, gate)).toBeInViewport();
    await page.screenshot({ path: shot });
  }
  await advance(page, '+15 min');
  await expectState(page, gate, 'Done');
  await expectState(page, next, 'Ready');
}

test('seed 004: two engineers approve, traffic 10% → 50% → 100% held by its gates, the flag, a breach rolled back kill switch first, QA, the log and announcements', async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  // The rehearsal clock reads in the workspace's own zone: seed 004 is planned in Pacific time.
  await expect(page.locator('.rehearsal-time')).toHaveText('Tue 3 Mar, 10:30 Los Angeles');
  await setOperator(page, 'erin', 'engineer');
  await openScreen(page, 'Checklist');

  // Pre-deployment: the checklist, then staging's smoke tests and critical flows (the simulated npm).
  await press(page, 'checklist@*', 'Mark done');
  await expectState(page, 'checklist@*', 'Done');
  await run(page, 'staging-smoke@staging');
  await run(page, 'staging-e2e@staging');
  const staging = await openRegion(page, 'staging');
  await staging.getByRole('tab', { name: /npm run test:e2e -- --env=staging --suite=critical/ }).click();
  await expect(terminalRows(staging)).toContainText('4 critical flows passed (staging)');
  await openScreen(page, 'Checklist');

  // "2 × engineer": erin approves; she cannot count twice; frank, a second engineer, completes it.
  await press(page, 'production-approval@*', /Approve as erin/);
  await expect(step(page, 'production-approval@*')).toContainText('erin');
  await expectState(page, 'production-approval@*', 'Ready');
  await expect(step(page, 'production-approval@*').getByRole('button', { name: /Approve as erin/ })).toBeDisabled();
  await setOperator(page, 'frank', 'engineer');
  await press(page, 'production-approval@*', /Approve as frank/);
  await expectState(page, 'production-approval@*', 'Done');
  await setOperator(page, 'erin', 'engineer');

  // Production: the baseline, then 10% → 50% → 100%, each shift held by its gate.
  await captureBaseline(page, 'baseline@production');
  await runAndRead(page, 'deploy-10@production', /gh workflow run deploy-production\.yml --ref v1\.2\.3 --field environment=production --field rollout_percentage=10/, 'production: 10% of traffic on green v1.2.3 (was 0%)');
  mkdirSync(path.dirname(README_SHOT), { recursive: true });
  await gateHolds(page, 'monitor-10@production', 'shift-50@production', 10, process.env.README_SHOTS ? README_SHOT : testInfo.outputPath('seed-004-metric-gate.png'));
  await runAndRead(page, 'shift-50@production', /rollout_percentage=50/, 'production: 50% of traffic on green v1.2.3 (was 10%)');
  await gateHolds(page, 'monitor-50@production', 'shift-100@production', 50);
  await runAndRead(page, 'shift-100@production', /rollout_percentage=100/, 'production: 100% of traffic on green v1.2.3 (was 50%)');
  await runAndRead(page, 'complete-cutover@production', /npm run deploy:complete -- --version v1\.2\.3/, 'production is on v1.2.3 (was v1.2.2)');
  await gateHolds(page, 'monitor-100@production', 'smoke-production@production', 100);
  await runAndRead(page, 'smoke-production@production', /npm run test:smoke -- --env=production/, 'Smoke tests against production (v1.2.3)');
  await runAndRead(page, 'metrics-validate@production', /npm run metrics:validate -- --baseline v1\.2\.2 --current v1\.2\.3/, 'v1.2.3 is within the baseline');

  // The feature flag for internal users, then its check.
  await runAndRead(page, 'enable-flag@production', /npm run flags:update -- --flag new_feature_enabled --city los-angeles --percentage 0\.1/, 'new_feature_enabled on for 0.1% of los-angeles (was never set)');
  await runAndRead(page, 'flags-validate@production', /npm run flags:validate -- --env=production/, 'on for 0.1% of los-angeles');

  // The same check typed into a production shell: the console's shim for `npm` (first on the shell's PATH,
  // before the workspace's bin/) asks the guard, and a rehearsal shell runs no workspace tool, even a simulated one.
  const shell = await openRegion(page, 'production');
  await openShell(shell);
  await page.keyboard.type('npm run flags:validate -- --env=production');
  await page.keyboard.press('Enter');
  await expect(terminalRows(shell)).toContainText('Rehearsal: would run npm run flags:validate -- --env=production');

  // Post-deployment validation, ticked item by item on the QA checklist by the engineer who ran it.
  await openScreen(page, 'QA checklist');
  const items = page.locator('.qa-item');
  await expect(items).toHaveCount(4);
  await expect(items).toContainText(['Smoke tests pass in production', 'Metrics validated against v1.2.2', 'No new errors in Sentry', 'Feature flags validated']);
  await page.getByLabel('Link for No new errors in Sentry').fill('https://sentry.io/rastup/production');
  for (let i = 0; i < 4; i++) {
    await items.nth(i).getByRole('button', { name: 'Pass' }).click();
    await expect(items.nth(i).locator('.badge')).toHaveText('Passed');
  }
  await expect(items.first()).toContainText('Ticked by erin (engineer)');
  await openScreen(page, 'Checklist');
  await press(page, 'post-deployment@production', 'Mark done');
  await expectState(page, 'post-deployment@production', 'Done');

  // The breach drill: production's error rate climbs past its baseline; the alert offers the rollback of
  // HO-123, and the on-call engineer's plan turns the flag off everywhere before the traffic goes back.
  await openScreen(page, 'Control pane');
  await page.getByRole('button', { name: 'Drill…' }).click();
  await page.getByLabel('Drill region').selectOption('production');
  await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
  await page.getByRole('button', { name: 'Start drill' }).click();
  await advance(page, '+1 min', 3);
  await expect(page.locator('[data-region="production"]')).toHaveClass(/health-red/);
  const alert = page.locator('[data-alert-region="production"]').filter({ hasText: 'production: Error rate more than 0.5 points above baseline' });
  await expect(alert).toBeVisible();
  await setOperator(page, 'oscar', 'on-call engineer');
  await alert.getByRole('button', { name: 'Roll back HO-123' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back HO-123' });
  const plan = dialog.getByRole('list', { name: 'Rollback plan' });
  await expect(plan.locator('[data-rollback-region]')).toHaveText([/^production/]);
  await expect(plan).toContainText('api-service v1.2.3 → v1.2.2');
  await expect(plan).toContainText(/Feature flag kill switch in production[\s\S]*npm run flags:disable -- --flag new_feature_enabled --all-cities[\s\S]*npm run deploy:rollback -- --to-version v1\.2\.2/);
  await dialog.getByLabel('Type HO-123 to confirm').fill('HO-123');
  await dialog.getByRole('button', { name: 'Roll back HO-123 now' }).click();
  await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-123 rolled back. It is now “Failed Production Rollout”.', { timeout: 60_000 });
  // The incident timeline knows when v1.2.3 took production: the 100% shift at 19:10 (from what its command changed).
  await expect(dialog).toContainText('**Deployed:** 2026-03-03T19:10:00Z');
  await expect(dialog).toContainText('Rollback completed: 1 package rollback in production');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The real simulated tools ran in production's terminals, and their world changed in that order.
  const production = await openRegion(page, 'production');
  await production.getByRole('tab', { name: /npm run flags:disable -- --flag new_feature_enabled --all-cities/ }).click();
  await expect(production.getByRole('tab', { selected: true })).toContainText('exit 0');
  await expect(terminalRows(production)).toContainText('new_feature_enabled is off everywhere (was los-angeles:0.1)');
  await production.getByRole('tab', { name: /npm run deploy:rollback -- --to-version v1\.2\.2/ }).click();
  await expect(production.getByRole('tab', { selected: true })).toContainText('exit 0');
  await expect(terminalRows(production)).toContainText('production is on v1.2.2 (was v1.2.3)');
  const world = readFileSync(path.join(rehearsalDir(served.dataDir), 'demo-tools.state'), 'utf8').trim().split('\n');
  expect(world).toEqual([
    'green v1.2.3', 'traffic 10', 'traffic 50', 'traffic 100',
    'previous v1.2.2', 'blue v1.2.3', 'green -', 'traffic 0',
    'flag:new_feature_enabled los-angeles:0.1',
    // The kill switch first, then production back on v1.2.2.
    'flag:new_feature_enabled off', 'blue v1.2.2', 'previous -',
  ]);

  // The deployment log entry and the announcements, field by field.
  await openScreen(page, 'Evidence and exports');
  const exported = async (label: string, first: string): Promise<string> => {
    await page.getByRole('button', { name: label }).click();
    const text = page.getByLabel('Exported text');
    await expect(text).toContainText(first);
    return (await text.textContent()) ?? '';
  };
  const entry = JSON.parse(await exported('Deployment log entry (JSON)', '"timestamp"')) as Record<string, unknown> & { transcripts: { kind: string; region: string | null; exitCode: number | null }[] };
  expect(entry).toMatchObject({
    timestamp: '2026-03-03T19:33:00Z',
    environment: 'production',
    // Nothing of v1.2.3 runs any more.
    version: '',
    // erin ran it; oscar only rolled it back and exports this.
    operator: 'erin',
    strategy: 'blue-green',
    approvals: ['erin (engineer)', 'frank (engineer)'],
    status: 'rolled-back',
    verification: 'cr-evidence-v1.2.3-20260303T193300Z.md',
    handovers: [{ id: 'HO-123', status: 'Failed Production Rollout', outcome: 'rolled back', deployedIn: [], rolledBackIn: ['production'] }],
    regions: [{ region: 'production', deployed: [], rolledBack: [{ handover: 'HO-123', name: 'api-service', deployed: 'v1.2.3', now: 'v1.2.2' }] }],
    packages: [],
    overrides: [],
  });
  // Every command that ran, each with its transcript: staging's two checks, production's eight steps and the two rollback commands.
  const commands = entry.transcripts.filter((t) => t.kind === 'command');
  expect(commands.map((t) => [t.region, t.exitCode])).toEqual([...Array(2).fill(['staging', 0]), ...Array(10).fill(['production', 0])]);

  expect((await exported('Announcement: deployment starting', 'DEPLOYMENT STARTING')).split('\n')).toEqual(['DEPLOYMENT STARTING', '--------------------', 'Service: HO-123', 'Version: api-service v1.2.3', 'Time: 18:30 UTC', 'Owner: @erin', '']);
  expect((await exported('Announcement: deployment complete', 'DEPLOYMENT COMPLETE')).split('\n')).toEqual([
    'DEPLOYMENT COMPLETE',
    '--------------------',
    'Service: HO-123',
    'Version: nothing deployed',
    // From the checklist at 18:30 to the rollback's end at 19:33, on the rehearsal clock.
    'Duration: 63 minutes',
    'Status: ROLLED BACK',
    'Regions:',
    '  production: HO-123 rolled back',
    '',
  ]);
  const rollback = (await exported('Announcement: rollback', 'ROLLBACK COMPLETE')).split('\n');
  expect(rollback.slice(0, 5)).toEqual(['ROLLBACK COMPLETE', '--------------------', 'Service: HO-123', 'From: production api-service v1.2.3', 'To: production api-service v1.2.2']);
  expect(rollback[5]).toMatch(/^Reason: production: Error rate more than 0\.5 points above baseline \(Error rate \d+(\.\d+)?% now against a baseline of \d+(\.\d+)?%: \d+(\.\d+)? pp above it\)$/);
  expect(rollback.slice(6)).toEqual(['Owner: @oscar', 'Status: COMPLETE', '']);
});
