// Seed 000's "Testing Failure" across three consoles, not three windows of one: a PE desk, a QA desk and an
// on-call desk, each its own `release-console serve` with its own data folder and its own moto IAM user, on
// one DynamoDB table. QA fails an item after signing the checklist off; the on-call desk sees the red banner
// and rolls HO-1234 back from it; the QA desk sees it dealt with. The region's tools keep one state file for
// all desks, as one real region is one.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ReleaseEvent } from '../../shared/engine/events';
import { applyEvents, initialState } from '../../shared/engine/fold';
import { rehearsalDir } from '../release-log';
import { expect, test } from './fixtures';
import { teamOfDesks } from './team-desks';
import { openConsole, openScreen, setOperator, step } from './steps';

const R = '2026-03-product-rollout';
const AT = '2026-03-20T08:30:00Z';
const SIGNED = Date.parse('2026-03-19T20:00:00Z');
const quinn = { name: 'quinn', role: 'QA' };
const QA_ITEMS = 11;
const DEPLOYED = { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' };

/**
 * What the evening before left on every desk (as qa-reopened.spec.ts seeds one): quinn passed every QA item and
 * signed the checklist off, with HO-1234's packages running in S01. What happens this morning goes through the table.
 */
function signedOff(dataDir: string): void {
  const ticks: ReleaseEvent[] = Array.from({ length: QA_ITEMS }, (_, i) => ({ type: 'qaTicked', actor: quinn, at: SIGNED - 60_000, release: R, itemId: `qa-post-rollout#${i + 1}`, tick: { outcome: 'pass', by: quinn, at: SIGNED - 60_000 } }));
  const signOff: ReleaseEvent = { type: 'stepFinished', actor: quinn, at: SIGNED, release: R, step: 'qa-post-rollout', region: null, outcome: 'done', cause: 'tick', note: null, exitCode: null };
  const folded = applyEvents(initialState(), [...ticks, signOff]);
  const dir = rehearsalDir(dataDir, AT);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ ...folded, selectedRelease: R, world: { ...folded.world, deployed: { S01: DEPLOYED } } }));
}

const team = teamOfDesks();

/** One desk, with the evening before on it, at this morning's rehearsal clock. */
const serveDesk = (table: string, user: string, regionState: string) =>
  team.serveDesk({ table, user, args: ['--rehearsal-at', AT], env: { RELEASE_CONSOLE_DEMO_SPEED: '0', RELEASE_CONSOLE_DEMO_STATE: regionState, NO_COLOR: '1' }, prepareData: signedOff });

const alerts = (page: Page) => page.getByLabel('Alerts').getByRole('alert');

test('QA fails an item after the sign-off at the QA desk; the on-call desk, another console, sees the banner and rolls back from it; the QA desk sees it dealt with', async ({ browser }) => {
  test.setTimeout(240_000);
  const table = await team.table();
  // S01's tools run what the desks' world says runs there, so the rollback finds 4.13.0 to undo.
  const regionState = path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-region-')), 'demo-tools-state');
  writeFileSync(regionState, Object.entries(DEPLOYED).map(([pkg, version]) => `version S01 ${pkg} ${version}\n`).join(''));
  const [peDesk, qaDesk, onCallDesk] = [await serveDesk(table, 'pe-alice', regionState), await serveDesk(table, 'qa-quinn', regionState), await serveDesk(table, 'oncall-olu', regionState)];
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext({ viewport: { width: 1440, height: 900 } })));
  try {
    const [pe, qa, onCall] = await Promise.all(contexts.map((c) => c.newPage()));
    await openConsole(pe!, peDesk.url);
    await openConsole(qa!, qaDesk.url);
    await openConsole(onCall!, onCallDesk.url);
    await setOperator(pe!, 'alice', 'PE');
    await setOperator(qa!, 'quinn', 'QA');
    await setOperator(onCall!, 'olu', 'on-call PE');
    await openScreen(onCall!, 'Control pane');

    await openScreen(qa!, 'QA checklist');
    await openScreen(pe!, 'Checklist');
    await expect(step(pe!, 'qa-post-rollout@*').locator('.step-head .badge')).toHaveText('Done');

    // The morning after, as it were: QA finds a regression and fails the item, with a note.
    await qa!.getByLabel('Note for Regression').fill('calls drop after transfer');
    await qa!.locator('.qa-item', { hasText: 'Regression' }).getByRole('button', { name: 'Fail' }).click();
    await expect(qa!.getByRole('note', { name: 'QA post-rollout testing reopened' })).toContainText('Testing failure: sign-off “QA post-rollout testing” reopened');

    // The on-call desk is another console: the failure reaches it through the shared table.
    const banner = alerts(onCall!).filter({ hasText: 'Testing failure: “Regression” failed after QA\'s sign-off' });
    await expect(banner).toContainText('quinn (QA) failed it at', { timeout: 20_000 });
    await expect(banner).toContainText('calls drop after transfer. Seed 000: on-call to roll back HO-1234');
    await expect(onCall!.getByRole('region', { name: 'Notices' }).getByText('Testing failure: “Regression” failed after QA\'s sign-off')).toBeVisible();
    // The PE desk holds what follows the reopened sign-off, as one console would.
    await expect(step(pe!, 'qa-post-rollout@*').locator('.step-head')).toContainText('Reopened', { timeout: 20_000 });
    await onCall!.screenshot({ path: 'test-results/testing-failure-desks-on-call.png' });

    await banner.getByRole('button', { name: 'Roll back HO-1234' }).click();
    const dialog = onCall!.getByRole('dialog', { name: 'Roll back HO-1234' });
    await expect(dialog.getByRole('textbox', { name: /^Reason/ })).toHaveValue(/^Testing failure: “Regression” failed by quinn \(QA\) at .*: calls drop after transfer$/);
    await dialog.getByLabel('Type HO-1234 to confirm').fill('HO-1234');
    await dialog.getByRole('button', { name: 'Roll back HO-1234 now' }).click();
    await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1234 rolled back. It is now “Failed Production Rollout”.', { timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    const dealtWith = (page: Page) => alerts(page).filter({ hasText: 'Testing failure dealt with: “Regression”' });
    await expect(dealtWith(onCall!).getByLabel('What was decided')).toContainText('HO-1234 rolled back by olu (on-call PE)');

    // The QA desk, another console, sees it dealt with, and its sign-off still reopened.
    await expect(dealtWith(qa!).getByLabel('What was decided')).toHaveText(/^HO-1234 rolled back by olu \(on-call PE\), started .*; now “Failed Production Rollout”\. QA's sign-off “QA post-rollout testing” stays reopened on record until it is done again\.$/, { timeout: 20_000 });
    await expect(alerts(qa!).filter({ hasText: 'Testing failure: “Regression” failed after' })).toHaveCount(0);
    await expect(qa!.getByRole('note', { name: 'QA post-rollout testing reopened' })).toContainText('Reopened by quinn (QA)');
    // Nothing is left to test until a fix is deployed, and the checklist says why, not "yet".
    await expect(qa!.getByRole('region', { name: 'QA checklist' })).toContainText('QA items are ticked after a deploy: nothing of 2026-03-product-rollout is deployed in any region now; HO-1234 is “Failed Production Rollout”.');
    await qa!.screenshot({ path: 'test-results/testing-failure-desks-qa.png' });
    await openScreen(pe!, 'Release board');
    await expect(pe!.locator('[data-handover="HO-1234"]')).toContainText('Failed Production Rollout');
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
