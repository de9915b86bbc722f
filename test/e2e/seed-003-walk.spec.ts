import type { Page } from '@playwright/test';
import path from 'node:path';
import { test, expect, ROOT } from './fixtures';
import { advance, expectState, openRegion, openScreen, press, run, setOperator, step, terminalRows, captureBaseline } from './steps';
import { logEntries, rehearsalDir } from '../release-log';

/**
 * Issue 17, seed 003 whole: the gated-release workspace's April release rehearsed in Chromium, from gate 1
 * to the closed change request, with the workspace's simulated `deploy` (workspaces/gated-release/bin) running
 * in real terminals. The four release gates, infrastructure before the application with the pause gate
 * between them, 30 minutes of monitoring against the baseline, QA's validation; then an error spike past the
 * error budget rolls HO-40 back (web-app first, then platform-infra), and the exports say so field by field.
 */
const START = '2026-04-07T08:30:00Z'; // Tue 7 April, 09:30 London (BST)
test.use({ serveArgs: ['--workspace', path.join(ROOT, 'workspaces', 'gated-release'), '--rehearsal-at', START], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' } });
test.setTimeout(180_000);

async function exported(page: Page, label: string, firstLine: string): Promise<string> {
  await openScreen(page, 'Evidence and exports');
  await page.getByRole('button', { name: label }).click();
  const text = page.getByLabel('Exported text');
  await expect(text).toContainText(firstLine);
  return (await text.textContent()) ?? '';
}

interface DeploymentLog {
  environment: string;
  version: string;
  operator: string;
  strategy: string;
  approvals: string[];
  status: string;
  handovers: { id: string; status: string; outcome: string; deployedIn: string[]; rolledBackIn: string[] }[];
  regions: { region: string; deployed: unknown[]; rolledBack: unknown[] }[];
  packages: unknown[];
  transcripts: { kind: string; region: string; exitCode: number | null }[];
}

test('seed 003: four gates, infrastructure then application with a pause between, 30 minutes of monitoring, QA; a breach of the error budget rolls HO-40 back', async ({ page, served }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(served.url);
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  // The persona picker offers the workspace's roles, none of the demo's.
  await expect(page.getByLabel('Role').locator('option')).toHaveText(['SRE', 'Release Manager', 'CAB', 'QA']);
  // HO-40 is "Ready for Production" and deployed nowhere: the board does not offer its rollback, which decide would
  // refuse, and says why. Before, "Roll back" was offered and only the dialog it opened said there was nothing to roll back.
  await openScreen(page, 'Release board');
  const rollBack = page.locator('[data-handover="HO-40"]').getByRole('button', { name: 'Roll back' });
  await expect(rollBack).toHaveAttribute('aria-disabled', 'true');
  const nothingToRollBack = 'Roll back, move to “Production Rollback Required”: HO-40 is deployed in no region: there is nothing to roll back, and its status stays "Ready for Production". A rollback can start once one of its packages runs at its new version in a region, or while a deploy of it runs.';
  await expect(page.locator('[data-handover="HO-40"]').getByText(nothingToRollBack)).toBeVisible();
  await expect(rollBack).toHaveAccessibleDescription(nothingToRollBack);
  await rollBack.click({ force: true });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await openScreen(page, 'Checklist');

  // Gate 1, readiness review: the Release Manager's; an SRE is told so.
  await setOperator(page, 'sam', 'SRE');
  await expect(step(page, 'readiness-review@*')).toContainText('Only Release Manager may complete "Features, migrations and configuration toggles match the release scope"; you are SRE.');
  await setOperator(page, 'rhea', 'Release Manager');
  await press(page, 'readiness-review@*', 'Mark done');
  await expectState(page, 'readiness-review@*', 'Done');

  // Gate 2, the health baseline, taken by the SRE in production.
  await setOperator(page, 'sam', 'SRE');
  await captureBaseline(page, 'baseline@production');

  // Gate 3: a standard change is approved by the Release Manager; neither the SRE nor the CAB may approve it.
  const approval = step(page, 'cab-approval@*');
  await expect(approval.getByRole('button', { name: 'Approve as sam' })).toBeDisabled();
  await setOperator(page, 'cleo', 'CAB');
  await expect(approval.getByRole('button', { name: 'Approve as cleo' })).toBeDisabled();
  await expect(approval).toContainText('needs 1 × Release Manager');
  await setOperator(page, 'rhea', 'Release Manager');
  await press(page, 'cab-approval@*', 'Approve as rhea');
  await expectState(page, 'cab-approval@*', 'Done');
  await expect(approval).toContainText('rhea (Release Manager)');

  // Gate 4, backout preparedness (SRE), then the Release Manager announces the window.
  await setOperator(page, 'sam', 'SRE');
  await press(page, 'backout-ready@*', 'Mark done');
  await expectState(page, 'backout-ready@*', 'Done');
  await setOperator(page, 'rhea', 'Release Manager');
  await press(page, 'announce@*', 'Mark done');
  await expectState(page, 'announce@*', 'Done');

  // Infrastructure first; the application waits for it and for the pause after it.
  await setOperator(page, 'sam', 'SRE');
  await expectState(page, 'application@production', 'Blocked');
  await expect(step(page, 'infrastructure@production')).toContainText('deploy apply platform-infra 3.2.0 --region production');
  await run(page, 'infrastructure@production');
  await expect(step(page, 'infrastructure@production')).toContainText('exit 0');
  // platform-infra runs at 3.2.0 in production: there is something to roll back now, and the board offers it.
  await openScreen(page, 'Release board');
  await expect(rollBack).not.toHaveAttribute('aria-disabled');
  await expect(page.getByText(nothingToRollBack)).toHaveCount(0);
  await openScreen(page, 'Checklist');

  // The pause gate holds for its 5 minutes of healthy telemetry, and the application stays blocked until then.
  const pause = step(page, 'infrastructure-pause@production');
  await press(page, 'infrastructure-pause@production', 'Start watching');
  await expectState(page, 'infrastructure-pause@production', 'Running');
  await advance(page, '+1 min', 4);
  await expect(pause).toContainText('Healthy for 4 of 5 minutes');
  await expectState(page, 'infrastructure-pause@production', 'Running');
  await expectState(page, 'application@production', 'Blocked');
  await shot('1-pause-holding');
  await advance(page, '+1 min');
  await expectState(page, 'infrastructure-pause@production', 'Done');
  await expect(pause).toContainText('Healthy for 5 of 5 minutes — held for the whole gate');

  await expect(step(page, 'application@production')).toContainText('deploy apply web-app 8.5.0 --region production');
  await run(page, 'application@production');
  const region = await openRegion(page, 'production');
  await region.getByRole('tab', { name: /deploy apply web-app 8\.5\.0 --region production/ }).click();
  await expect(region.getByRole('tab', { selected: true })).toContainText('exit 0');
  await expect(terminalRows(region)).toContainText('100% of traffic on 8.5.0: health checks passing');
  await expect(terminalRows(region)).toContainText('web-app 8.5.0 deployed to production (was 8.4.1)');
  await shot('2-application-terminal');
  await openScreen(page, 'Checklist');
  await run(page, 'confirm-versions@production');
  await openRegion(page, 'production');
  await region.getByRole('tab', { name: /deploy status web-app --region production/ }).click();
  await expect(terminalRows(region)).toContainText(/production\s+web-app\s+8\.5\.0\s+app/);
  await openScreen(page, 'Control pane');
  await expect(page.locator('[data-region="production"] .versions')).toContainText('platform-infra 3.2.0');
  await expect(page.locator('[data-region="production"] .versions')).toContainText('web-app 8.5.0');

  // 30 minutes of monitoring against the baseline: halfway it is still running.
  await openScreen(page, 'Checklist');
  const monitor = step(page, 'monitor-30@production');
  await press(page, 'monitor-30@production', 'Start watching');
  await advance(page, '+15 min');
  await expect(monitor).toContainText('Healthy for 15 of 30 minutes');
  await expectState(page, 'monitor-30@production', 'Running');
  await expectState(page, 'validation@*', 'Blocked');
  await advance(page, '+15 min');
  await expectState(page, 'monitor-30@production', 'Done');
  await expect(monitor).toContainText('Healthy for 30 of 30 minutes — held for the whole gate');

  // QA validates against the baseline, item by item; the step is done once all three passed.
  await setOperator(page, 'quinn', 'QA');
  await openScreen(page, 'QA checklist');
  const items = page.locator('.qa-item');
  await expect(items).toHaveCount(3);
  await page.getByLabel('Note for Metrics compared against the health baseline snapshot').fill('Error rate and p95 within the 09:30 baseline');
  await page.getByLabel('Link for Metrics compared against the health baseline snapshot').fill('https://grafana.example.com/d/web-red');
  for (let i = 0; i < 3; i++) {
    await items.nth(i).getByRole('button', { name: 'Pass' }).click();
    await expect(items.nth(i).locator('.badge')).toHaveText('Passed');
  }
  await expect(page.getByRole('heading', { name: 'Post-rollout QA — 3/3 passed' })).toBeVisible();
  await shot('3-qa');
  await openScreen(page, 'Checklist');
  await press(page, 'validation@*', 'Mark done');
  await expectState(page, 'validation@*', 'Done');
  await setOperator(page, 'rhea', 'Release Manager');
  await press(page, 'close-change@*', 'Mark done');
  await expectState(page, 'close-change@*', 'Done');

  // The deployment log and the announcements, field by field.
  const done = JSON.parse(await exported(page, 'Deployment log entry (JSON)', '"status": "success"')) as DeploymentLog;
  expect(done.environment).toBe('production');
  expect(done.version).toBe('platform-infra 3.2.0, web-app 8.5.0');
  expect(done.strategy).toBe('phased-gates');
  expect(done.approvals).toEqual(['rhea (Release Manager)']);
  expect(done.operator).toBe('sam');
  expect(done.handovers).toEqual([{ id: 'HO-40', status: 'Ready for Production', outcome: 'deployed', deployedIn: ['production'], rolledBackIn: [] }]);
  expect(done.regions).toEqual([
    {
      region: 'production',
      deployed: [
        { handover: 'HO-40', name: 'platform-infra', from: '3.1.0', to: '3.2.0' },
        { handover: 'HO-40', name: 'web-app', from: '8.4.1', to: '8.5.0' },
      ],
      rolledBack: [],
    },
  ]);
  // deploy apply twice, deploy status twice.
  expect(done.transcripts.map((t) => [t.kind, t.region, t.exitCode])).toEqual(Array.from({ length: 4 }, () => ['command', 'production', 0]));
  const start = (await exported(page, 'Announcement: deployment starting', 'DEPLOYMENT STARTING')).split('\n');
  expect(start).toEqual(['DEPLOYMENT STARTING', '--------------------', 'Service: HO-40', 'Version: platform-infra 3.2.0, web-app 8.5.0', 'Time: 08:30 UTC', 'Owner: @sam', '']);
  const complete = (await exported(page, 'Announcement: deployment complete', 'DEPLOYMENT COMPLETE')).split('\n');
  // From the first step on record (08:30) to the change closed after 30 minutes of monitoring (09:05).
  expect(complete).toEqual(['DEPLOYMENT COMPLETE', '--------------------', 'Service: HO-40', 'Version: platform-infra 3.2.0, web-app 8.5.0', 'Duration: 35 minutes', 'Status: SUCCESS', '']);
  await shot('4-exports');

  // Later: an error-spike drill past the 0.1% error budget, sustained for 5 minutes, alerts with the rollback.
  await openScreen(page, 'Control pane');
  await page.getByRole('button', { name: 'Drill…' }).click();
  await page.getByLabel('Drill region').selectOption('production');
  await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
  await page.getByRole('button', { name: 'Start drill' }).click();
  await advance(page, '+15 min');
  await expect(page.locator('[data-region="production"]')).toHaveClass(/health-red/);
  const alert = page.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'production: Error rate beyond the error budget' });
  await expect(alert).toContainText('against a threshold of 0.1%');
  await shot('5-breach');

  // The SRE halts and rolls back: web-app first, then platform-infra, with the simulated deploy in production's terminal.
  await setOperator(page, 'sam', 'SRE');
  await alert.getByRole('button', { name: 'Roll back HO-40' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back HO-40' });
  const plan = dialog.getByRole('list', { name: 'Rollback plan' });
  await expect(plan.locator('[data-rollback-region]')).toHaveText([/^production/]);
  await expect(plan.locator('.rb-argv')).toHaveText([
    'deploy rollback web-app 8.4.1 --region production',
    'deploy rollback platform-infra 3.1.0 --region production',
    'deploy status web-app --region production',
    'deploy status platform-infra --region production',
  ]);
  await expect(dialog).not.toContainText('no per-package check command');
  await shot('6-rollback-plan');
  const go = dialog.getByRole('button', { name: 'Roll back HO-40 now' });
  await dialog.getByLabel('Type HO-40 to confirm').fill('HO-4');
  await expect(go).toBeDisabled();
  await dialog.getByLabel('Type HO-40 to confirm').fill('HO-40');
  await go.click();
  await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-40 rolled back. It is now “Failed Production Rollout”.', { timeout: 60_000 });
  // Both redeploys and both version checks ran and passed.
  await expect(dialog.locator('[data-rollback-step][data-state="done"]')).toHaveCount(4);
  await expect(dialog.locator('[data-rollback-step]:not([data-state="done"])')).toHaveCount(0);
  const incident = dialog.getByLabel('Incident timeline');
  await expect(incident).toContainText('**Version:** platform-infra 3.2.0, web-app 8.5.0');
  await expect(incident).toContainText('- 2026-04-07T08:35:00Z - Deployment completed (production)');
  await expect(incident).toContainText(/- 2026-04-07T09:\d\d:00Z - Error rate spike detected: production: Error rate beyond the error budget \(Error rate \d+(\.\d+)?% against a threshold of 0\.1%\)/);
  await expect(incident).toContainText(/- 2026-04-07T09:\d\d:00Z - Rollback initiated by sam \(SRE\)/);
  await expect(incident).toContainText(/- 2026-04-07T09:\d\d:00Z - Rollback completed: 2 package rollbacks in production/);
  await expect(incident).toContainText('| production | web-app | 8.5.0 | 8.4.1 | rolled back |');
  await expect(incident).toContainText('| production | platform-infra | 3.2.0 | 3.1.0 | rolled back |');
  await shot('7-rolled-back');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const versions = page.locator('[data-region="production"] .versions');
  await expect(versions).toContainText('platform-infra 3.1.0');
  await expect(versions).toContainText('web-app 8.4.1');
  const production = await openRegion(page, 'production');
  await production.getByRole('tab', { name: /deploy rollback web-app 8\.4\.1 --region production/ }).click();
  await expect(production.getByRole('tab', { selected: true })).toContainText('exit 0');
  await expect(terminalRows(production)).toContainText('web-app rolled back to 8.4.1 in production (was 8.5.0)');
  await production.getByRole('tab', { name: /deploy rollback platform-infra 3\.1\.0 --region production/ }).click();
  await expect(terminalRows(production)).toContainText('schema migration 0042_add_order_index: reverted (backup snapshot integrity verified)');
  await expect(terminalRows(production)).toContainText('platform-infra rolled back to 3.1.0 in production (was 3.2.0)');
  await shot('8-rollback-terminal');

  // The restored versions bring the simulated error rate back under the budget: the breach clears, the board says how HO-40 ended.
  await advance(page, '+15 min');
  await expect(alert).toHaveCount(0);
  await openScreen(page, 'Control pane');
  await expect(page.locator('[data-region="production"]')).toHaveClass(/health-green/);
  await openScreen(page, 'Release board');
  await expect(page.locator('[data-handover="HO-40"] .tag-status')).toHaveText('Failed Production Rollout');

  // The exports after the rollback, field by field.
  const after = JSON.parse(await exported(page, 'Deployment log entry (JSON)', '"status": "rolled-back"')) as DeploymentLog;
  expect(after.version).toBe('');
  expect(after.operator).toBe('sam');
  expect(after.handovers).toEqual([{ id: 'HO-40', status: 'Failed Production Rollout', outcome: 'rolled back', deployedIn: [], rolledBackIn: ['production'] }]);
  expect(after.regions).toEqual([
    {
      region: 'production',
      deployed: [],
      rolledBack: [
        { handover: 'HO-40', name: 'platform-infra', deployed: '3.2.0', now: '3.1.0' },
        { handover: 'HO-40', name: 'web-app', deployed: '8.5.0', now: '8.4.1' },
      ],
    },
  ]);
  expect(after.packages).toEqual([]);
  // And the rollback's two redeploys and two version checks.
  expect(after.transcripts.map((t) => [t.kind, t.region, t.exitCode])).toEqual(Array.from({ length: 8 }, () => ['command', 'production', 0]));
  const rollback = (await exported(page, 'Announcement: rollback', 'ROLLBACK COMPLETE')).split('\n');
  expect(rollback.slice(0, 5)).toEqual([
    'ROLLBACK COMPLETE',
    '--------------------',
    'Service: HO-40',
    // In the order the rollback ran: the application first.
    'From: production web-app 8.5.0, production platform-infra 3.2.0',
    'To: production web-app 8.4.1, production platform-infra 3.1.0',
  ]);
  expect(rollback).toContainEqual(expect.stringMatching(/^Reason: production: Error rate beyond the error budget \(Error rate \d+(\.\d+)?% against a threshold of 0\.1%\)$/));
  expect(rollback).toContain('Owner: @sam');
  expect(rollback).toContain('Status: COMPLETE');
  const completeAfter = (await exported(page, 'Announcement: deployment complete', 'Status: ROLLED BACK')).split('\n');
  expect(completeAfter).toEqual(['DEPLOYMENT COMPLETE', '--------------------', 'Service: HO-40', 'Version: nothing deployed', expect.stringMatching(/^Duration: \d+ minutes$/), 'Status: ROLLED BACK', 'Regions:', '  production: HO-40 rolled back', '']);
  await shot('9-exports-after');

  // Every intent is in the hash-chained log on disk, by the seed's roles.
  const audit = logEntries(rehearsalDir(served.dataDir)) as unknown as { kind: string; actor: string; data: Record<string, unknown> }[];
  expect(audit.filter((e) => e.kind === 'approval').map((e) => e.actor)).toEqual(['rhea']);
  expect(audit.some((e) => e.kind === 'tick' && e.actor === 'quinn')).toBe(true);
  expect(audit.filter((e) => e.kind === 'command').length).toBeGreaterThanOrEqual(4);
});
