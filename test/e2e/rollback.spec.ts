import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, advance, expectState, openScreen, press, run, setOperator, writeAndReviewProductionCr } from './steps';

/**
 * Issue 7 in Chromium: during the Friday rollout a drill breaches a region the handover reached, and the
 * on-call PE rolls the whole handover back from the alert, typing its id. The demo tools run for real.
 */
test.setTimeout(90_000);

/** The handover's packages go to S01, then LON (the rollback runs newest first: LON, then S01). */
async function deployToS01AndLon(page: Page): Promise<void> {
  await writeAndReviewProductionCr(page);
  for (const region of ['S01', 'LON']) {
    await press(page, `sdc-baseline@${region}`, 'Capture baseline');
    await expectState(page, `sdc-baseline@${region}`, 'Done');
    await run(page, `sdc-maintenance-on@${region}`);
    await run(page, `sdc-deploy@${region}`);
  }
  await setOperator(page, 'oscar', 'on-call PE');
}

function regionVersions(page: Page, regionId: string) {
  return page.locator(`[data-region="${regionId}"] .versions`);
}

test.describe('a breach drill on a region the handover reached', () => {
  test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' } });

  test('the on-call PE rolls HO-1234 back from the alert; every package in every region, metrics recover', async ({ page, served }, testInfo) => {
    await page.goto(served.url);
    await deployToS01AndLon(page);
    await openScreen(page, 'Control pane');
    await expect(regionVersions(page, 'LON')).toContainText('rt-media-gateway 4.13.0');

    await page.getByLabel('Drill region').selectOption('LON');
    await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
    await page.getByRole('button', { name: 'Start drill' }).click();
    await expect(page.getByLabel('Active drills')).toHaveText('Drill: LON error spike');
    // The spike ramps up over three minutes, as a bad version does while its pods roll.
    await advance(page, '+15 min');
    // The alert bar's alert (a toast says the same, with no action).
    const alert = page.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'LON: Error rate above 5%' });
    await alert.getByRole('button', { name: 'Roll back HO-1234' }).click();

    const dialog = page.getByRole('dialog', { name: 'Roll back HO-1234' });
    const plan = dialog.getByRole('list', { name: 'Rollback plan' });
    await expect(plan.locator('[data-rollback-region]')).toHaveText([/^LON/, /^S01/]);
    await expect(plan).toContainText('deploy rollback rt-media-gateway 4.12.0 --region LON');
    await expect(plan).toContainText('deploy rollback cdr-export-lambda 0.0.0 --region S01');
    await expect(dialog).toContainText('Deployment windows and freezes never block a rollback');
    const go = dialog.getByRole('button', { name: 'Roll back HO-1234 now' });
    await expect(go).toBeDisabled();
    await dialog.getByLabel('Type HO-1234 to confirm').fill('HO-124');
    await expect(go).toBeDisabled();
    await dialog.getByLabel('Type HO-1234 to confirm').fill('HO-1234');
    await page.screenshot({ path: testInfo.outputPath('rollback-preview.png') });
    await go.click();

    await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1234 rolled back. It is now “Failed Production Rollout”.', { timeout: 30_000 });
    await expect(dialog.locator('[data-rollback-step]')).not.toHaveCount(0);
    await expect(dialog.locator('[data-rollback-step]:not([data-state="done"])')).toHaveCount(0);
    const incident = dialog.getByLabel('Incident timeline');
    // The rehearsal's own times: deployed at 10:55, the spike a few minutes into the drill, rolled back at 11:10.
    await expect(incident).toContainText(/- 2026-03-19T10:5\d:\d\dZ - Deployment completed \(LON, S01\)/);
    await expect(incident).toContainText(/- 2026-03-19T1[01]:\d\d:\d\dZ - Error rate spike detected: LON: Error rate above 5%/);
    await expect(incident).toContainText(/- 2026-03-19T11:1\d:\d\dZ - Rollback initiated by oscar \(on-call PE\)/);
    await expect(incident).toContainText(/- 2026-03-19T11:1\d:\d\dZ - Service restored: 6 package rollbacks in LON, S01/);
    await expect(dialog.getByLabel('Rollback announcement')).toContainText('Owner: @oscar');
    await page.screenshot({ path: testInfo.outputPath('rollback-done.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The previous versions run again where the handover reached; the new package is gone.
    for (const region of ['S01', 'LON']) {
      await expect(regionVersions(page, region)).toContainText('rt-media-gateway 4.12.0');
      await expect(regionVersions(page, region)).toContainText('routing-engine 2.8.1');
      await expect(regionVersions(page, region)).not.toContainText('cdr-export-lambda');
    }
    // LON's simulated numbers settle back under the thresholds over a few minutes: the breach clears, the tile is green.
    await advance(page, '+15 min');
    await expect(alert).toHaveCount(0);
    await expect(page.locator('[data-region="LON"]')).toHaveClass(/health-green/);
    await openScreen(page, 'Release board');
    const card = page.locator('[data-handover="HO-1234"]');
    await expect(card.locator('.tag-status')).toHaveText('Failed Production Rollout');
    // The board's own entry point opens the same run, kept by main.
    await card.getByRole('button', { name: 'Roll back' }).click();
    await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1234 rolled back. It is now “Failed Production Rollout”.');
  });
});

test.describe('a rollback whose second region fails once', () => {
  test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1', RELEASE_CONSOLE_DEMO_FAIL: 'deploy rollback:S01@once' } });

  test('stops at S01, lists what was and was not rolled back, and retry finishes it', async ({ page, served }, testInfo) => {
    await page.goto(served.url);
    await deployToS01AndLon(page);
    await page.keyboard.press('Control+k');
    await page.getByLabel('Command', { exact: true }).fill('Roll back HO-1234');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Roll back HO-1234' });
    await dialog.getByLabel('Type HO-1234 to confirm').fill('HO-1234');
    await dialog.getByRole('button', { name: 'Roll back HO-1234 now' }).click();

    await expect(dialog.getByLabel('Rollback status')).toHaveText('Rollback STOPPED on a failure. HO-1234 is only partly rolled back.', { timeout: 30_000 });
    const rolledBack = dialog.getByLabel('Rolled back', { exact: true });
    const notRolledBack = dialog.getByLabel('NOT rolled back', { exact: true });
    await expect(rolledBack).toContainText('LON rt-media-gateway 4.13.0 → 4.12.0');
    await expect(rolledBack).not.toContainText('S01');
    await expect(notRolledBack).toContainText(/S01 \S+ \S+ → \S+ — failed \(exit 1\)/);
    await expect(notRolledBack).toContainText('state lock held by another run');
    await expect(notRolledBack).not.toContainText('LON');
    await expect(dialog.locator('[data-state="failed"]')).toContainText('exit 1');
    await page.screenshot({ path: testInfo.outputPath('rollback-stopped.png'), fullPage: true });

    // The audit log on disk says the same, package by package.
    const audit = readFileSync(path.join(served.dataDir, 'rehearsal', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { kind: string; data: Record<string, unknown> });
    const stop = audit.find((e) => e.kind === 'decision' && typeof e.data.stopped === 'string');
    expect(stop?.data.rolledBack).toEqual(expect.arrayContaining(['LON rt-media-gateway 4.13.0 → 4.12.0']));
    expect((stop?.data.notRolledBack as string[]).every((line) => line.startsWith('S01 '))).toBe(true);
    expect(audit.filter((e) => e.kind === 'command' && (e.data.argv as string[] | undefined)?.includes('rollback') && e.data.exitCode === 1)).toHaveLength(1);

    await dialog.getByRole('button', { name: /^Retry S01/ }).click();
    await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1234 rolled back. It is now “Failed Production Rollout”.', { timeout: 30_000 });
    await expect(dialog.locator('[data-rollback-step]:not([data-state="done"])')).toHaveCount(0);
  });
});
