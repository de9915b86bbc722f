import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReleaseEvent } from '../../shared/engine/events';
import { applyEvents, initialState } from '../../shared/engine/fold';
import { rehearsalDir } from '../release-log';
import { test, expect, startServe, stopServe } from './fixtures';
import { openConsole, openScreen, setOperator, step } from './steps';

const R = '2026-03-product-rollout';
const AT = '2026-03-20T08:30:00Z';
const SIGNED = Date.parse('2026-03-19T20:00:00Z');
const quinn = { name: 'quinn', role: 'QA' };

/** Seed 000's post-rollout checklist in the demo workspace: its items, QA's to pass, fail or reopen. */
const QA_ITEMS = 11;

/** What the evening before left: quinn passed every QA item and signed the checklist off, with the release in S01. */
function signedOff(dataDir: string): void {
  const ticks: ReleaseEvent[] = Array.from({ length: QA_ITEMS }, (_, i) => ({ type: 'qaTicked', actor: quinn, at: SIGNED - 60_000, release: R, itemId: `qa-post-rollout#${i + 1}`, tick: { outcome: 'pass', by: quinn, at: SIGNED - 60_000 } }));
  const signOff: ReleaseEvent = { type: 'stepFinished', actor: quinn, at: SIGNED, release: R, step: 'qa-post-rollout', region: null, outcome: 'done', cause: 'tick', note: null, exitCode: null };
  const folded = applyEvents(initialState(), [...ticks, signOff]);
  // QA's items are ticked once the release runs somewhere (qa-checklist.spec.ts deploys S01 first).
  const deployed = { S01: { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' } };
  const dir = rehearsalDir(dataDir, AT);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ ...folded, selectedRelease: R, world: { ...folded.world, deployed } }));
}

/**
 * Seed 000's "Testing Failure": QA finds a problem the morning after signing the checklist off. The failure
 * reopens the sign-off step, on record; before, its row went back to not done and said nothing of why.
 */
test('a QA item failed after the sign-off marks the QA step Reopened, saying who failed which item and when', async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-qa-reopened-'));
  signedOff(dataDir);
  const served = await startServe(['--rehearsal-at', AT], { NO_COLOR: '1' }, dataDir);
  try {
    await openConsole(page, served.url);
    await setOperator(page, 'quinn', 'QA');
    await openScreen(page, 'Checklist');
    const signOff = step(page, 'qa-post-rollout@*');
    await expect(signOff.locator('.step-head .badge')).toHaveText('Done');
    await expect(signOff).not.toContainText('Reopened');

    await openScreen(page, 'QA checklist');
    await page.getByLabel('Note for Regression').fill('calls drop after transfer');
    await page.locator('.qa-item', { hasText: 'Regression' }).getByRole('button', { name: 'Fail' }).click();
    await expect(page.locator('.qa-item', { hasText: 'Regression' }).locator('.badge')).toHaveText('Failed');

    await openScreen(page, 'Checklist');
    await expect(signOff.locator('.step-head .badge')).not.toHaveText('Done');
    await expect(signOff.locator('.step-head')).toContainText('Reopened');
    await expect(signOff.getByRole('note').filter({ hasText: 'Reopened by' })).toHaveText(/^Reopened by quinn \(QA\) at Fri 20 Mar, 08:30 UTC: “Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer$/);
    await signOff.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/work/wt/ux3-shots/qa-step-reopened-1440.png' });
    await page.setViewportSize({ width: 1280, height: 720 });
    await signOff.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/work/wt/ux3-shots/qa-step-reopened-1280.png' });
  } finally {
    await stopServe(served);
  }
});
