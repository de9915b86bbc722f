import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyEvents, initialState } from '../../shared/engine/fold';
import type { ReleaseEvent } from '../../shared/engine/events';
import { rehearsalDir } from '../release-log';
import { test, expect, ROOT, startServe, stopServe, type ServedConsole } from './fixtures';
import { expectState, openConsole, openScreen, setOperator, step } from './steps';

/**
 * Issue 17 in Chromium: seed 002's workspace, rehearsed. Its persona picker offers the seed's own roles
 * (Governance Sentinel, Service Owner, …) and none of the demo's; production's approval (seed 002 line 83,
 * "Approval Required: Governance Sentinel + Service Owner") is refused to a deployment engineer with main's
 * reason and given by the Sentinel and the Service Owner.
 */
const START = '2026-03-17T15:00:00Z';
const RELEASE = 'app-v1.2.3';

/**
 * Staging done, as an earlier session of the rehearsal left it: the state before the release log, which the
 * console carries into its log's genesis entry on start (the walk to here is s5's runbook work, not this spec's).
 */
function stagingDone(dataDir: string): void {
  const deployer = { name: 'dee', role: 'deployment engineer', persona: true };
  const at = Date.parse(START) - 3_600_000;
  const done = (stepId: string, region: string | null): ReleaseEvent => ({ type: 'stepFinished', actor: deployer, at, release: RELEASE, step: stepId, region, outcome: 'done', cause: 'tick', note: null, exitCode: null });
  const state = applyEvents(initialState(), [done('prerequisites', null), ...['staging-health', 'staging-deploy', 'staging-smoke', 'staging-soak'].map((s) => done(s, 'staging'))]);
  const dir = rehearsalDir(dataDir, START);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ ...state, selectedRelease: RELEASE }));
}

test.describe('seed 002\'s roles in the console', () => {
  let served: ServedConsole;
  test.setTimeout(90_000);

  test.beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-roles-'));
    stagingDone(dataDir);
    served = await startServe(['--workspace', path.join(ROOT, 'workspaces', 'blue-green-governed'), '--rehearsal-at', START], { NO_COLOR: '1' }, dataDir);
  });

  test.afterAll(async () => {
    if (served) await stopServe(served);
  });

  test('the picker offers Governance Sentinel; a deployment engineer\'s approval is refused with the reason, the Sentinel\'s and the Service Owner\'s are accepted', async ({ page }, testInfo) => {
    await openConsole(page, served.url);
    const picker = page.getByLabel('Role');
    await expect(picker.locator('option')).toHaveText(['deployment engineer', 'on-call engineer', 'Governance Sentinel', 'Service Owner', 'Governance Board member']);
    // The first declared role is the rehearsal's first persona.
    await expect(picker).toHaveValue('deployment engineer');

    await setOperator(page, 'dee', 'deployment engineer');
    await openScreen(page, 'Checklist');
    const approval = step(page, 'production-approval@*');
    await expectState(page, 'production-approval@*', 'Ready');
    await expect(approval.getByRole('button', { name: 'Approve as dee' })).toBeDisabled();
    await expect(approval.locator('.approval-refusal')).toHaveText('"Governance Sentinel and Service Owner approve production" needs approval from Governance Sentinel or Service Owner, not deployment engineer.');
    await page.locator('.status-bar').screenshot({ path: testInfo.outputPath('role-picker-status-bar.png') });
    await page.screenshot({ path: testInfo.outputPath('roles-refused.png') });

    await setOperator(page, 'gina', 'Governance Sentinel');
    await approval.getByRole('button', { name: 'Approve as gina' }).click();
    await expect(approval.locator('.approvals')).toContainText('Approvals: gina (Governance Sentinel)');
    await expectState(page, 'production-approval@*', 'Ready');
    await page.screenshot({ path: testInfo.outputPath('roles-sentinel-approved.png') });

    await setOperator(page, 'omar', 'Service Owner');
    await approval.getByRole('button', { name: 'Approve as omar' }).click();
    await expectState(page, 'production-approval@*', 'Done');
    await expect(approval).toContainText('gina (Governance Sentinel), omar (Service Owner)');
  });
});
