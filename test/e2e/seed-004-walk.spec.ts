import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, ROOT } from './fixtures';
import { advance, expectState, openRegion, openScreen, press, run, setOperator, step, terminalRows } from './steps';

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
  serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' },
  viewport: { width: 1440, height: 900 },
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
  await press(page, gate, 'Start watching');
  await expectState(page, gate, 'Running');
  await advance(page, '+1 min', 5);
  await expect(step(page, gate).getByRole('progressbar')).toBeVisible();
  await expect(step(page, gate).getByRole('progressbar')).toContainText('Healthy for 5 of 15 minutes');
  await expectState(page, next, 'Blocked');
  await expect(step(page, next)).toContainText(`Waits for earlier steps: "Watch error rate, latency and business metrics at ${percent}% for 15 minutes"`);
  await expect(step(page, next).getByRole('button', { name: 'Run' })).toBeDisabled();
  if (shot) {
    await step(page, gate).scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot });
  }
  await advance(page, '+15 min');
  await expectState(page, gate, 'Done');
  await expectState(page, next, 'Ready');
}

test('seed 004: two engineers approve, traffic 10% → 50% → 100% held by its gates, the flag, a breach rolled back kill switch first, QA, the log and announcements', async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  await setOperator(page, 'erin', 'engineer');
  await openScreen(page, 'Checklist');

  // Pre-deployment: the checklist, then staging's smoke tests and critical flows (the simulated npm).
  await press(page, 'checklist@*', 'Mark done');
  await expectState(page, 'checklist@*', 'Done');
  await run(page, 'staging-smoke@staging');
  await run(page, 'staging-e2e@staging');
  const staging = await openRegion(page, 'staging');
  await staging.getByRole('tab', { name: /^npm run test:e2e -- --env=staging --suite=critical/ }).click();
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
  await press(page, 'baseline@production', 'Capture baseline');
  await expectState(page, 'baseline@production', 'Done');
  await runAndRead(page, 'deploy-10@production', /^gh workflow run deploy-production\.yml --ref v1\.2\.3 --field environment=production --field rollout_percentage=10/, 'production: 10% of traffic on green v1.2.3 (was 0%)');
  mkdirSync(path.dirname(README_SHOT), { recursive: true });
  await gateHolds(page, 'monitor-10@production', 'shift-50@production', 10, process.env.README_SHOTS ? README_SHOT : testInfo.outputPath('seed-004-metric-gate.png'));
  await runAndRead(page, 'shift-50@production', /rollout_percentage=50/, 'production: 50% of traffic on green v1.2.3 (was 10%)');
  await gateHolds(page, 'monitor-50@production', 'shift-100@production', 50);
  await runAndRead(page, 'shift-100@production', /rollout_percentage=100/, 'production: 100% of traffic on green v1.2.3 (was 50%)');
  await runAndRead(page, 'complete-cutover@production', /^npm run deploy:complete -- --version v1\.2\.3/, 'production is on v1.2.3 (was v1.2.2)');
  await gateHolds(page, 'monitor-100@production', 'smoke-production@production', 100);
  await runAndRead(page, 'smoke-production@production', /^npm run test:smoke -- --env=production/, 'Smoke tests against production (v1.2.3)');
  await runAndRead(page, 'metrics-validate@production', /^npm run metrics:validate -- --baseline v1\.2\.2 --current v1\.2\.3/, 'v1.2.3 is within the baseline');

  // The feature flag for internal users, then its check.
  await runAndRead(page, 'enable-flag@production', /^npm run flags:update -- --flag new_feature_enabled --city los-angeles --percentage 0\.1/, 'new_feature_enabled on for 0.1% of los-angeles (was never set)');
  await runAndRead(page, 'flags-validate@production', /^npm run flags:validate -- --env=production/, 'on for 0.1% of los-angeles');
  await page.screenshot({ path: '/tmp/w3shots/02.png', fullPage: false });
});
