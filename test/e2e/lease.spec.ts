import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulatedClock } from '../../shared/clock';
import { openReleaseRepository } from '../../main/release/repository';
import { logEvents } from '../release-log';
import { test, expect, startServe, stopServe } from './fixtures';

const REHEARSAL = ['--rehearsal-at', '2026-03-19T10:55:00Z'];
const TOOK = Date.parse('2026-03-19T10:40:00Z');

/**
 * Issue 15: carol's desk took S01 for HO-1234's rollback at 10:40 and then died (no heartbeat since), as a
 * shared log would bring it here. The tile shows the lease as expired, never free; taking it over is a
 * dialog asking why, and the take-over is in the log with the reason.
 */
test("an expired lease is shown on its region's tile and taken over only through the dialog, with a reason", async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-lease-'));
  const log = await openReleaseRepository(path.join(dataDir, 'rehearsal'), simulatedClock(TOOK));
  const carol = { name: 'carol', role: 'on-call PE' };
  await log.append([{ type: 'leaseTaken', actor: carol, at: TOOK, lease: { region: 'S01', holder: carol, release: '2026-03-product-rollout', run: 'rollback-HO-1234', purpose: "HO-1234's rollback", since: TOOK, expiresAt: TOOK + 60_000, takenOverFrom: null } }]);
  await log.close();

  const served = await startServe(REHEARSAL, { NO_COLOR: '1', TZ: 'UTC' }, dataDir);
  try {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const lease = page.locator('[data-lease="S01"]');
    await expect(lease).toContainText("Lease: carol (on-call PE) · HO-1234's rollback · expired");
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
    await expect(lease).toContainText(/Lease: \S+ \(.+\) · taken over from carol · expires/);
    await page.screenshot({ path: test.info().outputPath('lease-taken-over.png') });

    const takenOver = logEvents(path.join(dataDir, 'rehearsal')).filter((e) => e.type === 'leaseTakenOver');
    expect(takenOver).toEqual([expect.objectContaining({ reason: "carol's laptop died mid-rollback; paged her twice, no answer", lease: expect.objectContaining({ takenOverFrom: expect.objectContaining({ holder: carol }) }) })]);
  } finally {
    await stopServe(served);
  }
});
