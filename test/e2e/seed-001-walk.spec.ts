import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, ROOT } from './fixtures';
import { advance, expectState, openRegion, openScreen, press, run, setOperator, step, terminalRows, captureBaseline } from './steps';

/**
 * Issue 17, seed 001 whole: the canary-progressive workspace's default release (api-server v1.2.3, HO-101)
 * walked in Chromium at rehearsal time, from the pre-deployment checklist to the completion announcement,
 * with the workspace's simulated kubectl and ./scripts run for real in each region's terminal.
 */
const WORKSPACE = path.join(ROOT, 'workspaces', 'canary-progressive');
/** Tuesday 3 March 2026, 14:05 UTC: seed 001's Standard window (Mon–Thu 14:00–18:00 UTC) is open, no freeze. */
const STANDARD_WINDOW = '2026-03-03T14:05:00Z';
const REGIONS = ['prod-use1', 'prod-euw1'] as const;

test.use({ serveArgs: ['--workspace', WORKSPACE, '--rehearsal-at', STANDARD_WINDOW], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' } });
test.setTimeout(240_000);

/** Seed 001's people, each in a role the workspace declares. */
const DEV = ['dana', 'dev'] as const;
const SRE = ['sam', 'SRE'] as const;
const TEAM_LEAD = ['terry', 'Team Lead'] as const;
const QA = ['quinn', 'QA'] as const;

async function as(page: Page, [name, role]: readonly [string, string]): Promise<void> {
  await setOperator(page, name, role);
}

/** A metric gate started in both regions holds, visibly, until its minutes have passed healthy; then both are done. */
async function holdGate(page: Page, gate: string, minutes: number, shot?: string): Promise<void> {
  for (const region of REGIONS) {
    await press(page, `${gate}@${region}`, 'Start watching');
    await expectState(page, `${gate}@${region}`, 'Running');
  }
  await advance(page, '+1 min', minutes - 1);
  for (const region of REGIONS) {
    await expectState(page, `${gate}@${region}`, 'Running');
    const bar = step(page, `${gate}@${region}`).getByRole('progressbar', { name: 'Healthy minutes' });
    await expect(bar).toHaveAttribute('aria-valuemax', String(minutes));
    await expect(bar).toContainText(`Healthy for ${minutes - 1} of ${minutes} minutes`);
  }
  if (shot) {
    await step(page, `${gate}@prod-use1`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot });
  }
  await advance(page, '+1 min');
  for (const region of REGIONS) await expectState(page, `${gate}@${region}`, 'Done');
}

/** An exported post's lines, as it would be pasted into #deployments (the file ends with a newline). */
function linesOf(text: string | null): string[] {
  return (text ?? '').replace(/\n$/, '').split('\n');
}

/** A command step in each region, then what the simulated tool printed in that region's terminal. */
async function runInBoth(page: Page, key: string): Promise<void> {
  for (const region of REGIONS) await run(page, `${key}@${region}`);
}

test('seed 001: canary 1% → 10% → 50% → 100% in prod-use1 and prod-euw1, each gate held, Team Lead approval, QA verification, an error-rate breach rolled back; the deployment log and announcements say so', async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  await openScreen(page, 'Checklist');

  // Pre-deployment: dev confirms code readiness, SRE the environment, the Team Lead approves, SRE announces.
  await as(page, DEV);
  await press(page, 'code-readiness@*', 'Mark done');
  await expectState(page, 'code-readiness@*', 'Done');
  await as(page, SRE);
  await press(page, 'environment-readiness@*', 'Mark done');
  await expectState(page, 'environment-readiness@*', 'Done');
  await expect(step(page, 'team-lead-approval@*').getByRole('button', { name: /Approve as sam/ })).toBeDisabled();
  await as(page, TEAM_LEAD);
  await press(page, 'team-lead-approval@*', /Approve as terry/);
  await expectState(page, 'team-lead-approval@*', 'Done');
  await expect(step(page, 'team-lead-approval@*')).toContainText('Approvals: terry (Team Lead)');
  await as(page, SRE);
  await press(page, 'announce@*', 'Mark done');
  await expectState(page, 'announce@*', 'Done');

  // Baselines in each region, before the canary.
  for (const region of REGIONS) {
    await captureBaseline(page, `baseline@${region}`);
  }

  // 1%: the canary takes the new image; its gate holds 5 minutes.
  await expect(step(page, 'canary-1-monitor@prod-use1').getByRole('progressbar')).toHaveText('Healthy for 0 of 5 minutes — not watching yet: its minutes count from "Start watching"');
  await runInBoth(page, 'canary-1');
  await runInBoth(page, 'canary-1-pods');
  await expectState(page, 'progressive-10@prod-use1', 'Blocked');
  await holdGate(page, 'canary-1-monitor', 5);
  // 10%: three canary replicas, 15 minutes.
  await runInBoth(page, 'progressive-10');
  await holdGate(page, 'progressive-10-monitor', 15, testInfo.outputPath('seed-001-gate-holding.png'));
  // 50%: the service takes the image, waits for its rollout, 15 minutes.
  await runInBoth(page, 'progressive-50');
  await runInBoth(page, 'progressive-50-rollout');
  await holdGate(page, 'progressive-50-monitor', 15);
  // 100%: the canary scaled down, the verification tests run.
  await runInBoth(page, 'complete-100');
  await runInBoth(page, 'verify-deployment');

  // The real simulated tools ran in each region's terminal, against that region's cluster.
  for (const region of REGIONS) {
    const workspace = await openRegion(page, region);
    await workspace.getByRole('tab', { name: /kubectl set image deployment\/api-server-canary/ }).click();
    await expect(workspace.getByRole('tab', { selected: true })).toContainText('exit 0');
    await expect(terminalRows(workspace)).toContainText('deployment.apps/api-server-canary image updated');
    await workspace.getByRole('tab', { name: /\.\/scripts\/verify-deployment\.sh --full/ }).click();
    await expect(terminalRows(workspace)).toContainText(`Deployment verified in ${region}: api-server v1.2.3`);
  }
  await page.screenshot({ path: testInfo.outputPath('seed-001-verify-terminal.png') });

  // QA works through seed 001's verification checklist (one list for the step in both regions: qa.ts).
  await as(page, QA);
  await openScreen(page, 'QA checklist');
  const items = page.locator('.qa-item');
  await expect(items.locator('.step-title')).toHaveText(['All smoke tests passing', 'Error rate within acceptable range', 'Latency within acceptable range', 'No new errors in logs', 'Key business metrics stable', 'Customer-facing features working', 'Integrations healthy', 'Monitoring and alerting working']);
  const count = await items.count();
  await page.getByLabel('Note for Error rate within acceptable range').fill('0.4% in prod-use1 and prod-euw1, under the 1% consider line');
  for (let i = 0; i < count; i++) {
    await items.nth(i).getByRole('button', { name: 'Pass' }).click();
    await expect(items.nth(i).locator('.badge')).toHaveText('Passed');
  }
  await expect(page.getByRole('heading', { name: `Post-rollout QA — ${count}/${count} passed` })).toBeVisible();
  await expect(items.nth(1)).toContainText('Ticked by quinn (QA) at Tue 3 Mar');
  await expect(items.nth(1)).toContainText('0.4% in prod-use1 and prod-euw1, under the 1% consider line');
  await openScreen(page, 'Checklist');
  for (const region of REGIONS) {
    await press(page, `verification-checklist@${region}`, 'Mark done');
    await expectState(page, `verification-checklist@${region}`, 'Done');
  }

  // The 30-minute monitoring period: minutes in, an error spike in prod-euw1 passes seed 001's
  // "Error rate > 5%", an immediate rollback; SRE rolls HO-101 back with `kubectl rollout undo`.
  await as(page, SRE);
  for (const region of REGIONS) await expect(step(page, `monitoring-period@${region}`)).toContainText('Soaking for 30 minutes');
  await openScreen(page, 'Control pane');
  await page.getByRole('button', { name: 'Drill…' }).click();
  await page.getByLabel('Drill region').selectOption('prod-euw1');
  await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
  await page.getByRole('button', { name: 'Start drill' }).click();
  await advance(page, '+1 min', 3);
  const alert = page.locator('[data-alert-region="prod-euw1"]').filter({ hasText: 'Error rate above 5%' });
  await expect(alert).toBeVisible();
  await expect(page.locator('[data-region="prod-euw1"]')).toHaveClass(/health-red/);
  await page.screenshot({ path: testInfo.outputPath('seed-001-breach.png') });
  await alert.getByRole('button', { name: 'Roll back HO-101' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back HO-101' });
  const plan = dialog.getByRole('list', { name: 'Rollback plan' });
  await expect(plan.locator('[data-rollback-region]')).toHaveText([/^prod-euw1/, /^prod-use1/]);
  await expect(plan).toContainText('kubectl rollout undo deployment/api-server -n production');
  await dialog.getByLabel('Type HO-101 to confirm').fill('HO-101');
  await dialog.getByRole('button', { name: 'Roll back HO-101 now' }).click();
  await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-101 rolled back. It is now “Failed Production Rollout”.', { timeout: 60_000 });
  const incident = dialog.getByLabel('Incident timeline');
  // The last deploy was the canary's scale-down to 0 at 14:40 (seed 001's deploy commands name the deployment, not the package).
  await expect(incident).toContainText('**Deployed:** 2026-03-03T14:40:00Z');
  await expect(incident).toContainText('- 2026-03-03T14:40:00Z - Deployment completed (prod-euw1, prod-use1)');
  await expect(incident).toContainText(/- 2026-03-03T14:4\d:00Z - Error rate spike detected: prod-euw1: Error rate above 5%/);
  await expect(incident).toContainText('- 2026-03-03T14:43:00Z - Rollback initiated by sam (SRE)');
  await page.screenshot({ path: testInfo.outputPath('seed-001-rollback.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The rollback ran the simulated kubectl in each region's terminal: the service is back on v1.2.2.
  for (const region of REGIONS) {
    const workspace = await openRegion(page, region);
    await workspace.getByRole('tab', { name: /kubectl rollout undo deployment\/api-server/ }).click();
    await expect(workspace.getByRole('tab', { selected: true })).toContainText('exit 0');
    await expect(terminalRows(workspace)).toContainText('deployment.apps/api-server rolled back');
  }

  // The monitoring period's 30 minutes pass; SRE posts the completion (the rollback's, as the exports say).
  await openScreen(page, 'Checklist');
  await advance(page, '+15 min', 2);
  for (const region of REGIONS) await expectState(page, `monitoring-period@${region}`, 'Done');
  // prod-euw1's simulated numbers settle back on v1.2.2: the breach clears and the tile turns green.
  await openScreen(page, 'Control pane');
  await expect(alert).toHaveCount(0);
  await expect(page.locator('[data-region="prod-euw1"]')).toHaveClass(/health-green/);
  await openScreen(page, 'Release board');
  await expect(page.locator('[data-handover="HO-101"] .tag-status')).toHaveText('Failed Production Rollout');
  await openScreen(page, 'Checklist');
  await press(page, 'announce-complete@*', 'Mark done');
  await expectState(page, 'announce-complete@*', 'Done');
  await expect(page.locator('.rehearsal-time')).toContainText('15:13');

  // The exports, field by field, against what happened.
  await openScreen(page, 'Evidence and exports');
  const exported = page.getByLabel('Exported text');
  await page.getByRole('button', { name: 'Deployment log entry (JSON)' }).click();
  await expect(exported).toHaveText(/^\{/);
  const log = JSON.parse((await exported.textContent()) ?? '') as Record<string, unknown>;
  expect(log.timestamp).toBe('2026-03-03T15:13:00Z');
  expect(log.environment).toBe('production');
  // Nothing of HO-101 runs any more: the rollback took both regions back to v1.2.2.
  expect(log.version).toBe('');
  expect(log).not.toHaveProperty('commit');
  expect(log.operator).toBe('sam');
  expect(log.strategy).toBe('canary');
  expect(log.approvals).toEqual(['terry (Team Lead)']);
  expect(log.status).toBe('rolled-back');
  expect(log.handovers).toEqual([{ id: 'HO-101', status: 'Failed Production Rollout', outcome: 'rolled back', deployedIn: [], rolledBackIn: ['prod-use1', 'prod-euw1'] }]);
  expect(log.regions).toEqual(REGIONS.map((region) => ({ region, deployed: [], rolledBack: [{ handover: 'HO-101', name: 'api-server', deployed: 'v1.2.3', now: 'v1.2.2' }] })));
  expect(log.packages).toEqual([]);
  // Every command the walk ran, each region's seven steps and the rollback's undo in each, exit 0.
  const transcripts = log.transcripts as { region: string; startedAt: string; exitCode: number }[];
  expect(transcripts.map((t) => [t.region, t.startedAt, t.exitCode])).toEqual([
    ...['14:05', '14:05', '14:10', '14:25', '14:25', '14:40', '14:40'].flatMap((at) => REGIONS.map((region) => [region, `2026-03-03T${at}:00Z`, 0])),
    ['prod-euw1', '2026-03-03T14:43:00Z', 0],
    ['prod-use1', '2026-03-03T14:43:00Z', 0],
  ]);

  await page.getByRole('button', { name: 'Announcement: deployment starting' }).click();
  await expect(exported).toHaveText(/^DEPLOYMENT STARTING/);
  expect(linesOf(await exported.textContent())).toEqual(['DEPLOYMENT STARTING', '--------------------', 'Service: HO-101', 'Version: api-server v1.2.3', 'Time: 14:05 UTC', 'Owner: @sam']);
  await page.getByRole('button', { name: 'Announcement: deployment complete' }).click();
  await expect(exported).toHaveText(/^DEPLOYMENT COMPLETE/);
  expect(linesOf(await exported.textContent())).toEqual([
    'DEPLOYMENT COMPLETE',
    '--------------------',
    'Service: HO-101',
    'Version: nothing deployed',
    'Duration: 68 minutes',
    'Status: ROLLED BACK',
    'Regions:',
    '  prod-use1: HO-101 rolled back',
    '  prod-euw1: HO-101 rolled back',
  ]);
  await page.getByRole('button', { name: 'Announcement: rollback' }).click();
  await expect(exported).toHaveText(/^ROLLBACK COMPLETE/);
  await page.screenshot({ path: testInfo.outputPath('seed-001-exports.png') });
});
