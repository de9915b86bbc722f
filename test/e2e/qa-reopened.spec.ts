import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReleaseEvent } from '../../shared/engine/events';
import { applyEvents, initialState } from '../../shared/engine/fold';
import { rehearsalDir } from '../release-log';
import type { Page } from '@playwright/test';
import { test, expect, startServe, stopServe } from './fixtures';
import { openConsole, openScreen, setOperator, step } from './steps';

const R = '2026-03-product-rollout';
const AT = '2026-03-20T08:30:00Z';
const SIGNED = Date.parse('2026-03-19T20:00:00Z');
const quinn = { name: 'quinn', role: 'QA' };

/** Seed 000's post-rollout checklist in the demo workspace: its items, QA's to pass, fail or reopen. */
const QA_ITEMS = 11;
const DEMO_REGIONS = ['USE2', 'USW2', 'APSE1', 'APSE2', 'EUW2', 'EUC1', 'S01', 'S02', 'LON', 'GLOBAL', 'NEXUS'];
const REOPENED_BY = 'Reopened by quinn (QA) at Fri 20 Mar, 08:30 UTC: “Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer';

/** quinn fails "Regression" on the QA checklist, with a note, and sees it reopen the sign-off there first. */
async function failRegression(page: Page): Promise<void> {
  await openScreen(page, 'QA checklist');
  await page.getByLabel('Note for Regression').fill('calls drop after transfer');
  await page.locator('.qa-item', { hasText: 'Regression' }).getByRole('button', { name: 'Fail' }).click();
  await expect(page.locator('.qa-item', { hasText: 'Regression' }).locator('.badge')).toHaveText('Failed');
  const reopened = page.getByRole('note', { name: 'QA post-rollout testing reopened' });
  await expect(reopened).toContainText('Testing failure: sign-off “QA post-rollout testing” reopened');
  // The step row's words (reopenedByWords), the whole line: QA and the PE read the same sentence.
  await expect(reopened.locator('p').filter({ hasText: /^Reopened by/ })).toHaveText(REOPENED_BY);
  await expect(reopened).toContainText('Inform the on-call engineer ASAP and provide the issue details in the ticket.');
}

/** What the evening before left: quinn passed every QA item and signed the checklist off, with the release in S01 (or with `more` done too, everywhere). */
function signedOff(dataDir: string, more: ReleaseEvent[] = []): void {
  const ticks: ReleaseEvent[] = Array.from({ length: QA_ITEMS }, (_, i) => ({ type: 'qaTicked', actor: quinn, at: SIGNED - 60_000, release: R, itemId: `qa-post-rollout#${i + 1}`, tick: { outcome: 'pass', by: quinn, at: SIGNED - 60_000 } }));
  const signOff: ReleaseEvent = { type: 'stepFinished', actor: quinn, at: SIGNED, release: R, step: 'qa-post-rollout', region: null, outcome: 'done', cause: 'tick', note: null, exitCode: null };
  const folded = applyEvents(initialState(), [...ticks, signOff, ...more]);
  // QA's items are ticked once the release runs somewhere (qa-checklist.spec.ts deploys S01 first).
  const regions = more.length ? DEMO_REGIONS : ['S01'];
  const deployed = Object.fromEntries(regions.map((r) => [r, { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' }]));
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

    await failRegression(page);
    await page.screenshot({ path: 'test-results/qa-checklist-reopened.png' });

    await openScreen(page, 'Checklist');
    await expect(signOff.locator('.step-head .badge')).not.toHaveText('Done');
    await expect(signOff.locator('.step-head')).toContainText('Reopened');
    await expect(signOff.getByRole('note').filter({ hasText: 'Reopened by' })).toHaveText(REOPENED_BY);
    await signOff.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/qa-step-reopened-1440.png' });
    await page.setViewportSize({ width: 1280, height: 720 });
    await signOff.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/qa-step-reopened-1280.png' });

    // Retested and passed: every item passes, and the QA checklist says where the sign-off is pressed. Before, it
    // still said only that the steps after it wait, and nothing there led to the Checklist.
    await openScreen(page, 'QA checklist');
    await page.locator('.qa-item', { hasText: 'Regression' }).getByRole('button', { name: 'Pass' }).click();
    const prompt = page.getByRole('note', { name: 'Sign off QA post-rollout testing' });
    // This morning's rehearsal holds the steps before it undone, so the sign-off waits on them: its row says for what.
    await expect(prompt).toContainText('Every item passes: “QA post-rollout testing” is signed off on the Checklist; its row there says what it waits for.');
    await page.screenshot({ path: 'test-results/qa-sign-off-prompt.png' });
    await prompt.getByRole('button', { name: 'Open the Checklist' }).click();
    await expect(signOff).toBeInViewport();
  } finally {
    await stopServe(served);
  }
});

/**
 * What follows the reopened sign-off, as the PE sees it: the check-versions done after it stays done and says it
 * came first; "Rollout Complete", not started, waits with the sign-off's reopening named; and the board refuses
 * HO-1234 its move to "Rollout Complete", saying why.
 */
test('a reopened QA sign-off holds what follows it: the PE sees the steps after it and the "Rollout Complete" move say so', async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-qa-reopened-'));
  const alice = { name: 'alice', role: 'PE' };
  const checked: ReleaseEvent = { type: 'stepFinished', actor: alice, at: SIGNED + 60_000, release: R, step: 'final-check-versions', region: null, outcome: 'done', cause: 'tick', note: null, exitCode: null };
  signedOff(dataDir, [checked]);
  const served = await startServe(['--rehearsal-at', AT], { NO_COLOR: '1' }, dataDir);
  try {
    await openConsole(page, served.url);
    await setOperator(page, 'quinn', 'QA');
    await failRegression(page);

    await setOperator(page, 'alice', 'PE');
    await openScreen(page, 'Checklist');
    const check = step(page, 'final-check-versions@*');
    await expect(check.locator('.step-head .badge')).toHaveText('Done');
    await expect(check.getByRole('note')).toHaveText('Done before “QA post-rollout testing” was reopened at Fri 20 Mar, 08:30 UTC: its sign-off no longer holds.');
    const complete = step(page, 'mark-rollout-complete@*');
    await expect(complete.locator('.step-head .badge')).toHaveText('Blocked');
    await expect(complete).toContainText("Testing failure: QA's sign-off “QA post-rollout testing” was reopened by quinn (QA) at Fri 20 Mar, 08:30 UTC: “Regression” was failed");
    // The row's words and the refusal's are one sentence: who, role, when, why, in the same order and the same words.
    await expect(complete).toContainText(`was r${REOPENED_BY.slice(1)}.`);
    await check.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/qa-reopened-steps-after.png' });

    await openScreen(page, 'Release board');
    const card = page.locator('[data-handover="HO-1234"]');
    const move = card.getByRole('button', { name: 'Move to “Rollout Complete”' });
    await expect(move).toBeDisabled();
    await expect(move).toHaveAccessibleDescription(/^HO-1234 cannot move to "Rollout Complete" until QA signs “QA post-rollout testing” off again\. Testing failure: QA's sign-off “QA post-rollout testing” was reopened by quinn \(QA\)/);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/qa-reopened-board.png' });
  } finally {
    await stopServe(served);
  }
});

test.describe('on a desk in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  // Before: the board's refusal said "reopened … at Fri 20 Mar, 08:30 UTC" beside the step rows' "04:30 New York".
  test('the "Rollout Complete" move names when QA reopened the sign-off on the desk\'s clock, as the step rows do', async ({ page }) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-qa-reopened-'));
    const alice = { name: 'alice', role: 'PE' };
    const checked: ReleaseEvent = { type: 'stepFinished', actor: alice, at: SIGNED + 60_000, release: R, step: 'final-check-versions', region: null, outcome: 'done', cause: 'tick', note: null, exitCode: null };
    signedOff(dataDir, [checked]);
    const served = await startServe(['--rehearsal-at', AT], { NO_COLOR: '1', TZ: 'America/New_York' }, dataDir);
    try {
      await openConsole(page, served.url);
      await setOperator(page, 'quinn', 'QA');
      await openScreen(page, 'QA checklist');
      await page.getByLabel('Note for Regression').fill('calls drop after transfer');
      await page.locator('.qa-item', { hasText: 'Regression' }).getByRole('button', { name: 'Fail' }).click();
      await expect(page.locator('.qa-item', { hasText: 'Regression' }).locator('.badge')).toHaveText('Failed');

      await setOperator(page, 'alice', 'PE');
      await openScreen(page, 'Checklist');
      await expect(step(page, 'mark-rollout-complete@*')).toContainText("was reopened by quinn (QA) at Fri 20 Mar, 04:30 New York: “Regression” was failed");
      await openScreen(page, 'Release board');
      const card = page.locator('[data-handover="HO-1234"]');
      const move = card.getByRole('button', { name: 'Move to “Rollout Complete”' });
      const refusal = /^HO-1234 cannot move to "Rollout Complete" until QA signs “QA post-rollout testing” off again\. Testing failure: QA's sign-off “QA post-rollout testing” was reopened by quinn \(QA\) at Fri 20 Mar, 04:30 New York: “Regression” was failed/;
      await expect(move).toHaveAccessibleDescription(refusal);
      await expect(card.locator('.approval-refusal')).toHaveText(refusal);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: test.info().outputPath('qa-reopened-board-new-york.png') });
    } finally {
      await stopServe(served);
    }
  });

  // Before: the card's held line said "reopened … at Fri 20 Mar, 08:30 UTC" (the log's reason, which carried no instant).
  test('a handover the completed gate held names when QA reopened the sign-off on the desk\'s clock', async ({ page }) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-qa-reopened-'));
    const alice = { name: 'alice', role: 'PE' };
    const failedAt = Date.parse(AT);
    // final-check-versions was running when quinn failed "Regression"; its exit completed gate 5, which held HO-1234 (gateCompletion.ts).
    const reopened = '“Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer';
    const held = `HO-1234 stays "Ready for Production": "Gate 5: Production Rollout Complete" completed, but HO-1234 cannot move to "Rollout Complete" until QA signs “QA post-rollout testing” off again. Testing failure: QA's sign-off “QA post-rollout testing” was reopened by quinn (QA) at Fri 20 Mar, 08:30 UTC: ${reopened}.`;
    signedOff(dataDir, [
      { type: 'qaTicked', actor: quinn, at: failedAt, release: R, itemId: 'qa-post-rollout#2', tick: { outcome: 'fail', by: quinn, at: failedAt, note: 'calls drop after transfer' } },
      { type: 'stepReopened', actor: quinn, at: failedAt, release: R, step: 'qa-post-rollout', region: null, reason: reopened },
      { type: 'stepFinished', actor: alice, at: failedAt, release: R, step: 'final-check-versions', region: null, outcome: 'done', cause: 'command', note: null, exitCode: 0 },
      { type: 'handoverHeld', actor: alice, at: failedAt, release: R, handover: 'HO-1234', gate: 'rollout-complete', status: 'Ready for Production', reason: held, instants: [{ at: failedAt, words: 'Fri 20 Mar, 08:30 UTC' }] },
    ]);
    const served = await startServe(['--rehearsal-at', AT], { NO_COLOR: '1', TZ: 'America/New_York' }, dataDir);
    try {
      await openConsole(page, served.url);
      await openScreen(page, 'Release board');
      const note = page.getByRole('note', { name: 'Why HO-1234 did not move' });
      await expect(note).toHaveText(held.replace('08:30 UTC', '04:30 New York'));
      // Said once: the refused "Rollout Complete" move is described by the held line, with no second copy of its
      // sentence under the move (before: "HO-1234 cannot move to … off again. Testing failure: …" again there).
      const card = page.locator('[data-handover="HO-1234"]');
      const move = card.getByRole('button', { name: 'Move to “Rollout Complete”' });
      await expect(move).toBeDisabled();
      await expect(move).toHaveAccessibleDescription(held.replace('08:30 UTC', '04:30 New York'));
      await expect(card.locator('.approval-refusal')).toHaveCount(0);
      expect((await card.innerText()).split('cannot move to "Rollout Complete"')).toHaveLength(2);
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({ path: test.info().outputPath('qa-reopened-held-new-york.png') });
      // With the move it is the reason of, right under its row, as the other refused moves' reasons are (before: above the
      // PE review, which stood between it and the disabled button).
      for (const [width, height] of [[1280, 800], [1024, 720]] as const) {
        await page.setViewportSize({ width, height });
        await note.scrollIntoViewIfNeeded();
        const [button, line] = [(await move.boundingBox())!, (await note.boundingBox())!];
        const gap = line.y - (button.y + button.height);
        expect(gap, `px from the disabled move's foot down to its reason at ${width}`).toBeGreaterThanOrEqual(0);
        expect(gap, `px from the disabled move's foot down to its reason at ${width}`).toBeLessThanOrEqual(12);
        await page.screenshot({ path: test.info().outputPath(`qa-reopened-held-${width}.png`) });
      }
    } finally {
      await stopServe(served);
    }
  });
});

/**
 * Seed 000's "Testing Failure" walked by two desks of one console: quinn (QA) fails "Regression" the morning
 * after the sign-off; olu's window, signed in as the on-call PE, shows it at once (a notice and a banner naming
 * HO-1234, the item, the note, who and when) and rolls HO-1234 back from the banner with the reason filled in.
 * The banner then says what was done, on both desks, and the QA step stays reopened on record.
 */
test('a testing failure reaches the on-call desk at once, and its rollback is one deliberate action from the banner', async ({ page, browser }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-qa-reopened-'));
  signedOff(dataDir);
  // The S01 tools run what the console's world says runs there, so the rollback finds 4.13.0 to undo.
  const tools = path.join(dataDir, 'demo-tools-state');
  writeFileSync(tools, 'version S01 rt-media-gateway 4.13.0\nversion S01 routing-engine 2.9.0\nversion S01 cdr-export-lambda 1.0.0\n');
  const served = await startServe(['--rehearsal-at', AT], { NO_COLOR: '1', RELEASE_CONSOLE_DEMO_STATE: tools, RELEASE_CONSOLE_DEMO_SPEED: '0' }, dataDir);
  const onCallDesk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const onCall = await onCallDesk.newPage();
    await openConsole(onCall, served.url);
    await setOperator(onCall, 'olu', 'on-call PE');
    await openScreen(onCall, 'Control pane');

    await openConsole(page, served.url);
    await setOperator(page, 'quinn', 'QA');
    await failRegression(page);

    const words = "Testing failure: “Regression” failed by quinn (QA) at Fri 20 Mar 08:30 UTC, after QA's sign-off “QA post-rollout testing”: calls drop after transfer";
    const banner = onCall.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'Testing failure: “Regression” failed after QA\'s sign-off' });
    await expect(banner).toContainText("quinn (QA) failed it at Fri 20 Mar 08:30 UTC, after QA's sign-off “QA post-rollout testing”: calls drop after transfer. Seed 000: on-call to roll back HO-1234 (all packages of the handover) at once; QA to provide the issue details in the ticket");
    await expect(onCall.getByRole('region', { name: 'Notices' }).getByText('Testing failure: “Regression” failed after QA\'s sign-off')).toBeVisible();
    await onCall.screenshot({ path: 'test-results/testing-failure-on-call.png' });

    // QA informs on-call on the workspace's channel too: the banner's "Announce to on-call" opens the draft's post.
    await page.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'Testing failure' }).getByRole('button', { name: 'Announce to on-call (#rm-netops)' }).click();
    await page.getByRole('button', { name: 'Post "Testing failure (to on-call)" to #rm-netops' }).click();
    const post = page.getByRole('listitem', { name: 'Post to #rm-netops, attempt 1: would post' });
    await expect(post).toContainText('TESTING FAILURE ON PRODUCTION — on-call engineer, please act');
    await expect(post).toContainText('Roll back: HO-1234 (all packages of the handover)');
    await post.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/testing-failure-announcement.png' });

    await banner.getByRole('button', { name: 'Roll back HO-1234' }).click();
    const dialog = onCall.getByRole('dialog', { name: 'Roll back HO-1234' });
    await expect(dialog.getByRole('textbox', { name: /^Reason/ })).toHaveValue(words);
    await onCall.screenshot({ path: 'test-results/testing-failure-rollback-dialog.png' });
    await dialog.getByLabel('Type HO-1234 to confirm').fill('HO-1234');
    await dialog.getByRole('button', { name: 'Roll back HO-1234 now' }).click();
    await expect(dialog).toContainText(`olu (on-call PE) — ${words}`);
    await expect(dialog.getByLabel('Rollback status')).toHaveText('HO-1234 rolled back. It is now “Failed Production Rollout”.', { timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    const dealtWith = onCall.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'Testing failure dealt with: “Regression”' });
    await expect(dealtWith.getByLabel('What was decided')).toHaveText(/^HO-1234 rolled back by olu \(on-call PE\), started Fri 20 Mar 08:30 UTC, finished Fri 20 Mar 08:\d\d UTC; now “Failed Production Rollout”\. QA's sign-off “QA post-rollout testing” stays reopened on record until it is done again\.$/, { timeout: 60_000 });
    await expect(dealtWith.getByRole('button', { name: 'HO-1234 rolled back: open the record' })).toBeVisible();
    await expect(dealtWith).toContainText('Seed 000: QA to provide the issue details in the ticket');
    await expect(dealtWith).not.toContainText('on-call to roll back');
    await onCall.screenshot({ path: 'test-results/testing-failure-dealt-with.png' });

    // QA's desk sees what on-call did, and its sign-off still reopened.
    await expect(page.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'Testing failure dealt with: “Regression”' })).toContainText('HO-1234 rolled back by olu (on-call PE)');
    await openScreen(page, 'QA checklist');
    await expect(page.getByRole('note', { name: 'QA post-rollout testing reopened' })).toContainText(REOPENED_BY);
  } finally {
    await onCallDesk.close();
    await stopServe(served);
  }
});
