// Seed 000's "Testing Failure" screens walked as QA, the PE and on-call would meet them, at a laptop's 1280×720
// and a desk's 1440×900, light and dark: the QA checklist's reopened box, the steps the reopened sign-off holds,
// the red banner, the rollback opened from it and the banner after it. Each looks checked as a person reads it;
// the screenshots (test-results/walk/) are for a person to look at.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { ReleaseEvent } from '../../shared/engine/events';
import { applyEvents, initialState } from '../../shared/engine/fold';
import { rehearsalDir } from '../release-log';
import { expect, startServe, stopServe, test } from './fixtures';
import { openConsole, openScreen, setOperator, step } from './steps';

const R = '2026-03-product-rollout';
const AT = '2026-03-20T08:30:00Z';
const SIGNED = Date.parse('2026-03-19T20:00:00Z');
const quinn = { name: 'quinn', role: 'QA' };
const alice = { name: 'alice', role: 'PE' };
const QA_ITEMS = 11;
const DEPLOYED = { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' };

/** The evening before: every QA item passed and signed off, HO-1234 in S01, and the final check-versions done after. */
function signedOff(dataDir: string): void {
  const ticks: ReleaseEvent[] = Array.from({ length: QA_ITEMS }, (_, i) => ({ type: 'qaTicked', actor: quinn, at: SIGNED - 60_000, release: R, itemId: `qa-post-rollout#${i + 1}`, tick: { outcome: 'pass', by: quinn, at: SIGNED - 60_000 } }));
  const signOff: ReleaseEvent = { type: 'stepFinished', actor: quinn, at: SIGNED, release: R, step: 'qa-post-rollout', region: null, outcome: 'done', cause: 'tick', note: null, exitCode: null };
  const checked: ReleaseEvent = { type: 'stepFinished', actor: alice, at: SIGNED + 60_000, release: R, step: 'final-check-versions', region: null, outcome: 'done', cause: 'tick', note: null, exitCode: null };
  const folded = applyEvents(initialState(), [...ticks, signOff, checked]);
  const dir = rehearsalDir(dataDir, AT);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ ...folded, selectedRelease: R, world: { ...folded.world, deployed: { S01: DEPLOYED } } }));
}

/** The banner's title and its time read on one line each, side by side, as every alert's do. */
async function expectTitleBesideTime(banner: Locator): Promise<void> {
  const title = await banner.locator('.alert-title').boundingBox();
  const at = await banner.locator('.alert-at').boundingBox();
  expect(title && at, 'the banner shows its title and time').toBeTruthy();
  expect(Math.abs(title!.y - at!.y), 'the time sits on the title\'s line').toBeLessThan(title!.height);
  expect(at!.height, 'the time is one line').toBeLessThan(24);
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

for (const size of SIZES) {
  for (const theme of ['light', 'dark'] as const) {
    test(`the testing failure's screens read plainly at ${size.width}×${size.height}, ${theme}`, async ({ browser }) => {
      test.setTimeout(120_000);
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-tf-walk-'));
      signedOff(dataDir);
      const tools = path.join(dataDir, 'demo-tools-state');
      writeFileSync(tools, Object.entries(DEPLOYED).map(([pkg, version]) => `version S01 ${pkg} ${version}\n`).join(''));
      const served = await startServe(['--rehearsal-at', AT], { NO_COLOR: '1', RELEASE_CONSOLE_DEMO_STATE: tools, RELEASE_CONSOLE_DEMO_SPEED: '0' }, dataDir);
      const desks = await Promise.all([0, 1].map(() => browser.newContext({ viewport: size, colorScheme: theme })));
      const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/walk/${name}-${size.width}-${theme}.png` });
      try {
        const [qa, onCall] = (await Promise.all(desks.map((d) => d.newPage()))) as [Page, Page];
        await openConsole(onCall, served.url);
        await setOperator(onCall, 'olu', 'on-call PE');
        await openScreen(onCall, 'Control pane');
        await openConsole(qa, served.url);
        await setOperator(qa, 'quinn', 'QA');

        await openScreen(qa, 'QA checklist');
        await qa.getByLabel('Note for Regression').fill('calls drop after transfer');
        await qa.locator('.qa-item', { hasText: 'Regression' }).getByRole('button', { name: 'Fail' }).click();
        await expect(qa.getByRole('note', { name: 'QA post-rollout testing reopened' })).toBeVisible();
        await shot(qa, '1-qa-reopened');

        const banner = onCall.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'Testing failure: “Regression” failed after QA\'s sign-off' });
        await expect(banner.getByRole('button', { name: 'Roll back HO-1234' })).toBeVisible();
        // The notice points to the banner in one line; the banner holds the detail and the buttons.
        await expect(onCall.getByRole('region', { name: 'Notices' }).getByRole('alert')).toHaveText('Testing failure: “Regression” failed after QA\'s sign-off — see the banner at the top.');
        await shot(onCall, '3-banner');
        await expectTitleBesideTime(banner);

        // QA reopens the item and fails it again. The reopening clears the alert, and its notice goes with it;
        // the second failure is one notice of its own, not the first one counted twice over an alert that had gone.
        await qa.locator('.qa-item', { hasText: 'Regression' }).getByRole('button', { name: 'Reopen' }).click();
        await qa.getByLabel('Note for Regression').fill('calls drop after transfer');
        await qa.locator('.qa-item', { hasText: 'Regression' }).getByRole('button', { name: 'Fail' }).click();
        const notices = onCall.getByRole('region', { name: 'Notices' });
        const failedNotice = notices.getByRole('listitem').filter({ hasText: 'Testing failure: “Regression”' });
        await expect(failedNotice).toHaveCount(1);
        await expect(failedNotice).not.toContainText('×2');
        await expect(notices.getByRole('alert')).toHaveText('Testing failure: “Regression” failed after QA\'s sign-off — see the banner at the top.');
        await shot(onCall, '3a-notice-again');

        // In the rollback dialog, which lies over the banner, the notice says so.
        await banner.getByRole('button', { name: 'Roll back HO-1234' }).click();
        const dialogNotices = onCall.getByRole('dialog', { name: 'Roll back HO-1234' }).getByRole('region', { name: 'Notices' });
        await expect(dialogNotices.getByRole('alert')).toHaveText('Testing failure: “Regression” failed after QA\'s sign-off — its banner is behind this dialog; close the dialog to see it.');
        await onCall.keyboard.press('Escape');
        await expect(banner.getByRole('button', { name: 'Roll back HO-1234' })).toBeFocused();

        // Read, the banner folds to one line on this desk: still a testing failure, its handover and where it stands.
        await banner.getByRole('button', { name: 'Collapse' }).click();
        await expect(banner).toContainText('HO-1234: rollback not started');
        await expect(banner.getByRole('button', { name: 'Roll back HO-1234' })).toBeHidden();
        await expect(banner.getByRole('button', { name: 'Expand' })).toHaveAttribute('aria-expanded', 'false');
        expect((await banner.boundingBox())!.height, 'collapsed, the banner is one line').toBeLessThan(44);
        await shot(onCall, '3b-banner-collapsed');
        await banner.getByRole('button', { name: 'Expand' }).click();
        await expect(banner.getByRole('button', { name: 'Roll back HO-1234' })).toBeVisible();

        await setOperator(qa, 'alice', 'PE');
        await openScreen(qa, 'Checklist');
        const check = step(qa, 'final-check-versions@*');
        await check.scrollIntoViewIfNeeded();
        await shot(qa, '2-steps-held');

        await banner.getByRole('button', { name: 'Roll back HO-1234' }).click();
        const dialog = onCall.getByRole('dialog', { name: 'Roll back HO-1234' });
        await expect(dialog.getByRole('textbox', { name: /^Reason/ })).toHaveValue(/^Testing failure: “Regression” failed by quinn/);
        // What will run shows without a scroll, at 720 px too: the first region's packages, under the notes.
        const shown = await dialog.locator('.rb-body').boundingBox();
        const firstPackage = await dialog.getByRole('list', { name: 'Rollback plan' }).getByText('rt-media-gateway 4.13.0 →').boundingBox();
        expect(firstPackage!.y + firstPackage!.height, 'the first package line ends inside the shown part of the plan').toBeLessThanOrEqual(shown!.y + shown!.height);
        await shot(onCall, '4-rollback-dialog');
        await dialog.getByLabel('Type HO-1234 to confirm').fill('HO-1234');
        await dialog.getByRole('button', { name: 'Roll back HO-1234 now' }).click();
        await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1234 rolled back. It is now “Failed Production Rollout”.', { timeout: 60_000 });
        await shot(onCall, '4b-rollback-done');
        await dialog.getByRole('button', { name: 'Close', exact: true }).click();

        const dealtWith = onCall.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'Testing failure dealt with: “Regression”' });
        await expect(dealtWith.getByLabel('What was decided')).toContainText('HO-1234 rolled back by olu (on-call PE)');
        // Focus comes back to the button that opened the dialog, now saying what became of it, not to the page.
        await expect(dealtWith.getByRole('button', { name: 'HO-1234 rolled back: open the record' })).toBeFocused();
        await shot(onCall, '5-dealt-with');
        await expectTitleBesideTime(dealtWith);

        // Dealt with, on-call puts it away; the window remembers it across a reload, and it still says what was done.
        await dealtWith.getByRole('button', { name: 'Collapse' }).click();
        await onCall.reload();
        await expect(dealtWith).toContainText('HO-1234: rolled back, now “Failed Production Rollout”');
        await expect(dealtWith.getByRole('button', { name: 'Expand' })).toBeVisible();
        await expect(dealtWith.getByLabel('What was decided')).toBeHidden();
        await shot(onCall, '5b-dealt-with-collapsed');
      } finally {
        await Promise.all(desks.map((d) => d.close()));
        await stopServe(served);
      }
    });
  }
}
