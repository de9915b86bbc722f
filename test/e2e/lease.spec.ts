import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulatedClock } from '../../shared/clock';
import { openReleaseRepository } from '../../main/release/repository';
import { logEvents, rehearsalDir } from '../release-log';
import { test, expect, startServe, stopServe } from './fixtures';
import { expectState, openConsole, press, setOperator, confirmRollback, enableS01MaintenanceMode } from './steps';

const REHEARSAL = ['--rehearsal-at', '2026-03-19T10:55:00Z'];
const TOOK = Date.parse('2026-03-19T10:40:00Z');

/**
 * Issue 15: carol's desk took S01 for HO-1234's rollback at 10:40 and then died (no heartbeat since), as a
 * shared log would bring it here. The tile shows the lease as expired, never free; taking it over is a
 * dialog asking why, and the take-over is in the log with the reason.
 */
test("an expired lease is shown on its region's tile and taken over only through the dialog, with a reason", async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-lease-'));
  const log = await openReleaseRepository(rehearsalDir(dataDir, REHEARSAL[1]!), simulatedClock(TOOK));
  const carol = { name: 'carol', role: 'on-call PE' };
  await log.append([{ type: 'leaseTaken', actor: carol, at: TOOK, lease: { region: 'S01', holder: carol, release: '2026-03-product-rollout', run: 'rollback-HO-1234', purpose: "HO-1234's rollback", since: TOOK, expiresAt: TOOK + 60_000, takenOverFrom: null } }]);
  await log.close();

  const served = await startServe(REHEARSAL, { NO_COLOR: '1', TZ: 'UTC' }, dataDir);
  try {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const lease = page.locator('[data-lease="S01"]');
    await expect(lease.locator('.region-lease-holder')).toHaveText('Lease: carol (on-call PE) · expired 10:41 UTC, last heartbeat 15 min ago');
    await expect(lease.locator('.region-lease-purpose')).toHaveText("for HO-1234's rollback");
    await expect(page.locator('[data-lease="LON"]')).toHaveCount(0);

    await lease.getByRole('button', { name: 'Take over…' }).click();
    const dialog = page.getByRole('dialog', { name: "Take over S01's lease" });
    await expect(dialog).toBeVisible();
    const take = dialog.getByRole('button', { name: 'Take over the lease' });
    await expect(take).toBeDisabled();
    await dialog.getByLabel('Reason for taking over the lease').fill("carol's laptop died mid-rollback; paged her twice, no answer");
    await page.screenshot({ path: test.info().outputPath('lease-take-over.png') });
    await take.click();
    await expect(dialog).toBeHidden();
    await expect(lease.locator('.region-lease-holder')).toHaveText(/^Lease: \S+ \(.+\) · last heartbeat 0 s ago · expires \d\d:\d\d UTC$/);
    await expect(lease.locator('.region-lease-purpose')).toHaveCount(0);
    await expect(lease.locator('.region-lease-taken')).toHaveText(/^Taken over by \S+ from carol: “carol's laptop died mid-rollback; paged her twice, no answer”$/);
    await expect(lease.getByRole('button', { name: 'Take over…' })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('lease-taken-over.png') });

    const takenOver = logEvents(rehearsalDir(dataDir, REHEARSAL[1]!)).filter((e) => e.type === 'leaseTakenOver');
    expect(takenOver).toEqual([expect.objectContaining({ reason: "carol's laptop died mid-rollback; paged her twice, no answer", lease: expect.objectContaining({ takenOverFrom: expect.objectContaining({ holder: carol }) }) })]);
  } finally {
    await stopServe(served);
  }
});

test.describe('a rollback confirmed while its handover deploys in S01', () => {
  // S01's first deploy command held 10 s, time to confirm the rollback while the deploy runs; only the first: each of
  // the deploy's commands held 4 s kept the rollback waiting 20 s.
  test.use({ serveArgs: REHEARSAL, serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1', RELEASE_CONSOLE_DEMO_HANG: 'deploy apply:S01@10s@once' } });

  test('shows that it waits for the deploy, then rolls S01 back', async ({ page, served }) => {
    test.setTimeout(90_000);
    await openConsole(page, served.url);
    await enableS01MaintenanceMode(page);
    await press(page, 'sdc-deploy@S01', 'Run');
    await expectState(page, 'sdc-deploy@S01', 'Running');
    await setOperator(page, 'oscar', 'on-call PE');

    const dialog = await confirmRollback(page, 'HO-1234');
    await expect(dialog.getByLabel('Rollback status')).toHaveText(/^Rolling back HO-1234: waiting for the deploy "Deploy — SDC\/LON \(~11:00 London\)" in S01 to finish \(\S+, since Thu 19 Mar, 10:55 UTC\)$/);
    await page.screenshot({ path: test.info().outputPath('rollback-waiting.png') });
    await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1234 rolled back. It is now “Failed Production Rollout”.', { timeout: 60_000 });
    await expect(dialog.getByLabel('NOT rolled back', { exact: true })).toHaveCount(0);
  });
});
