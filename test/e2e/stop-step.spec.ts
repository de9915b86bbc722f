import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures';
import { linesOf } from './lines';
import { ROLLOUT_MORNING, expectState, press, startS01MaintenanceOn, step, terminalRows, startRollbackOfHo1234, openRegion, confirmBackOut, enableS01MaintenanceMode, openBackOut, openScreen, rehearsalAt } from './steps';

/**
 * Whether the terminal bar draws every character of its title from `marker` on inside its own box: none of it cut off
 * at the bar's edge or under an ellipsis, whichever lines the words take.
 */
async function drawnWhole(title: Locator, marker: string): Promise<boolean> {
  return title.evaluate((el, from) => {
    const box = el.getBoundingClientRect();
    const range = document.createRange();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let started = false;
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(from);
      if (!started && at >= 0) {
        range.setStart(node, at);
        started = true;
      }
      if (started) range.setEnd(node, node.textContent!.length);
    }
    return started && [...range.getClientRects()].every((r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.bottom <= box.bottom + 0.5);
  }, marker);
}

/**
 * The blank the bar draws between its cut name's "…" and the state after it, in px: the name's box less the whole
 * characters it holds (monospaced: the ellipsis takes one). 0 for a name drawn whole.
 */
async function blankAfterCutName(title: Locator): Promise<number> {
  return title.locator('.terminal-title-name').evaluate((name) => {
    if (name.scrollWidth <= name.clientWidth) return 0;
    const range = document.createRange();
    range.setStart(name.firstChild!, 0);
    range.setEnd(name.firstChild!, 1);
    const ch = range.getBoundingClientRect().width;
    const width = name.getBoundingClientRect().width;
    return width - Math.floor(width / ch + 0.001) * ch;
  });
}

test.describe('a command step whose tool hangs deaf to SIGINT and SIGTERM', () => {
  test.use(rehearsalAt(ROLLOUT_MORNING, { RELEASE_CONSOLE_DEMO_HANG: 'maintenance enable:S01' }));
  test.setTimeout(120_000);

  test('shows its elapsed time and a Stop; once stopped (SIGKILL after 10 s) it fails "stopped by" the operator', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const s01 = await startS01MaintenanceOn(page);
    await expectState(page, 'sdc-maintenance-on@S01', 'Running');
    await expect(terminalRows(s01)).toContainText('waiting for the change lock on S01');
    const row = step(page, 'sdc-maintenance-on@S01');
    // Wall-clock time, as the command's time limit counts it: the rehearsal's clock stands still at 10:55.
    await expect(row.getByRole('timer', { name: 'Running for' })).toHaveText(/^Running · 0:0[2-9]$/);
    await page.screenshot({ path: test.info().outputPath('stop-running.png') });

    await press(page, 'sdc-maintenance-on@S01', 'Stop');
    const operator = (await page.getByLabel('Operator name').inputValue()).trim();
    // While SIGINT and SIGTERM are ignored, the row and the terminal's bar say it is stopping and who asked; the
    // Stop does not invite a second press as if nothing happened (before: "Stop" and "Command output" unchanged).
    await expect(row.getByRole('status')).toContainText(`Stopping: asked by ${operator} (PE) at `);
    await expect(row.getByRole('button', { name: 'Stopping…' })).toHaveAttribute('aria-disabled', 'true');
    await expect(row.getByRole('button', { name: 'Stop', exact: true })).toHaveCount(0);
    const title = s01.locator('.terminal:not([hidden]) .terminal-title');
    await expect(title).toHaveText(`maintenance enable --region S01 · stopping: asked by ${operator} (PE)`);
    await page.screenshot({ path: test.info().outputPath('stop-stopping.png') });
    // At 1024x720 the bar beside the steps is narrow: the command line gives way, who asked stays whole.
    await page.setViewportSize({ width: 1024, height: 720 });
    await title.scrollIntoViewIfNeeded();
    expect(await drawnWhole(title, ' · stopping: '), 'who asked, whole at 1024').toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    // SIGINT and SIGTERM are ignored: it still runs until the SIGKILL 10 s after the Stop.
    await expectState(page, 'sdc-maintenance-on@S01', 'Failed');
    await expect(row.locator('.reasons-failed')).toHaveText(`maintenance enable --region S01 stopped by ${operator} (PE).`);
    // Stopped by whoever ran it: said once, with when the Stop was asked (before: "Failed by …").
    await expect(row.locator('.step-done-by')).toHaveText(new RegExp(`^Stopped by ${operator} \\(PE\\) at Thu 19 Mar, 10:55 UTC( · exit\u00a0\\d+)?$`));
    // Its terminal says so over the output, and its tab in a word: it read "Command output" as if still running; the bar names the command line.
    await expect(s01.locator('.terminal:not([hidden]) .terminal-title')).toHaveText(new RegExp(`^maintenance enable --region S01 · ended: stopped by ${operator} \\(PE\\).*, SIGKILL \\(137\\)$`));
    await expect(s01.getByRole('tab', { selected: true })).toHaveText('maintenance enable --region S01 · stopped');
    await expect(s01.getByRole('tab', { selected: true })).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: test.info().outputPath('stop-stopped.png') });
    // At 1280x800 beside S01's steps the name is cut: "maintenance enable --region…  · ended", the blank after its "…"
    // (5 px) and the state's space a double space. The name is cut at a whole character.
    await page.setViewportSize({ width: 1280, height: 800 });
    await title.scrollIntoViewIfNeeded();
    expect(await title.locator('.terminal-title-name').evaluate((name) => name.scrollWidth > name.clientWidth), 'the name cut at 1280').toBe(true);
    expect(await blankAfterCutName(title), "the blank after the cut name's …, px").toBeLessThanOrEqual(2.5);
    await page.screenshot({ path: test.info().outputPath('stop-stopped-1280.png') });
    // One line there: the state whole on it. Its state and controls needed ~726 px of the bar's ~546, and the controls
    // went under the title, the bar two lines tall over the output; the controls (Options, ⌕) are now on the tabs' row.
    expect(await drawnWhole(title, ' · ended: '), 'how it ended, whole at 1280').toBe(true);
    const bar = s01.locator('.terminal:not([hidden]) .terminal-bar');
    const stateLines = await bar.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el.querySelector('.terminal-title-state')!);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(stateLines, 'the state on one line at 1280').toBe(1);
    expect((await bar.boundingBox())!.height, 'the bar one line tall at 1280').toBeLessThanOrEqual(31);
    // At 1024x720 it read "… · ended: stopped by ol…": the end is drawn whole, wrapping between its words, the command
    // line cut before it to its first characters, and the tooltip holds all of it.
    await page.setViewportSize({ width: 1024, height: 720 });
    await title.scrollIntoViewIfNeeded();
    // In the narrow panel the bar stays: who stopped the run is more than its tab says (" · stopped").
    await expect(bar).toBeVisible();
    expect(await drawnWhole(title, ' · ended: '), 'how it ended, whole at 1024').toBe(true);
    await expect(title).toHaveAttribute('title', new RegExp(`^maintenance enable --region S01 · ended: stopped by ${operator} \\(PE\\).*, SIGKILL \\(137\\)$`));
    expect(await title.locator('.terminal-title-name').evaluate((el) => el.getBoundingClientRect().width), 'eight characters of the command line and its "…"').toBeGreaterThanOrEqual(9 * 7);
    expect(await blankAfterCutName(title), "the blank after the cut name's …, px").toBeLessThanOrEqual(2.5);
    // The card says how it ended with "exit" and its code on one line (before: "… 10:55 UTC · exit" over "137").
    const ended = row.locator('.step-done-by');
    await ended.scrollIntoViewIfNeeded();
    const exitWords = (await ended.textContent())!.match(/exit\s\d+/)![0];
    expect(await linesOf(ended, [exitWords]), `"${exitWords}" on one line at 1024`).toEqual([1]);
    await page.screenshot({ path: test.info().outputPath('stop-stopped-1024.png') });
    // Nothing it might have half done counts: the deploy window stays shut, and a retry is offered.
    await expectState(page, 'sdc-deploy@S01', 'Blocked');
    await expect(row.getByRole('button', { name: 'Retry' })).toBeEnabled();
  });
});

test.describe('a running rollback whose LON commands each take 3 s', () => {
  // Long enough to abort while one runs: from LON's command shown running to the abort and its "stopping after
  // this command" took 0.6 s in a traced run on the loaded machine (load average 12 on 2 cores). Held 6 s, the
  // rest was waited out before the run finished.
  test.use(rehearsalAt(ROLLOUT_MORNING, { RELEASE_CONSOLE_DEMO_HANG: 'deploy rollback:LON@3s' }));
  test.setTimeout(120_000);

  test('is aborted from the dialog: it stops after the current command and says what was and was not rolled back', async ({ page, served }) => {
    await page.goto(served.url);
    // The first LON command is running: abort now, while it runs.
    const dialog = await startRollbackOfHo1234(page);
    await page.screenshot({ path: test.info().outputPath('rollback-running.png') });
    await dialog.getByRole('button', { name: 'Abort after this command' }).click();
    await expect(dialog.getByLabel('Rollback status')).toContainText('stopping after this command');
    await expect(dialog.getByRole('button', { name: 'Abort after this command' })).toHaveCount(0);

    await expect(dialog.getByLabel('Rollback status')).toHaveText(/^Rollback aborted\. HO-1234 is “[^”]+” and only partly rolled back\.$/, { timeout: 30_000 });
    // The command that was running finished; nothing after it started.
    await expect(dialog.locator('[data-rollback-region="LON"] [data-state="done"]')).toHaveCount(1);
    await expect(dialog.locator('[data-rollback-step][data-state="running"]')).toHaveCount(0);
    await expect(dialog.locator('[data-rollback-region="S01"] [data-state="pending"]').first()).toContainText('Not run');
    const rolledBack = dialog.getByLabel('Rolled back', { exact: true });
    const notRolledBack = dialog.getByLabel('NOT rolled back', { exact: true });
    await expect(rolledBack).toContainText('LON rt-media-gateway 4.13.0 → 4.12.0');
    await expect(rolledBack).not.toContainText('S01');
    await expect(notRolledBack).toContainText('S01');
    await page.screenshot({ path: test.info().outputPath('rollback-aborted.png') });

    // Read at 1280 and 1024: a region's command lines end at one edge, the finished step's as the others' (its "exit 0"
    // is under its state; in a column of its own it ended ~70 px left of theirs), and no title leaves its last word alone
    // on a line (at 1024 "Roll routing-engine back from 2.9.0 to 2.8.1 in" stood over "LON").
    for (const [width, height] of [[1280, 800], [1024, 720]] as const) {
      await page.setViewportSize({ width, height });
      for (const region of ['LON', 'S01']) {
        const box = dialog.locator(`[data-rollback-region="${region}"]`);
        const ends = await box.locator('.rb-argv').evaluateAll((lines) => lines.map((line) => Math.round(line.getBoundingClientRect().right)));
        expect(Math.max(...ends) - Math.min(...ends), `px between the ends of ${region}'s command lines at ${width}`).toBeLessThanOrEqual(1);
        for (const title of await box.locator('[data-rollback-step] > span:nth-child(2)').all()) {
          const lastWords = (await title.innerText()).split(' ').slice(-2).join(' ');
          expect(await linesOf(title, [lastWords]), `"${lastWords}" on one line at ${width}`).toEqual([1]);
        }
      }
      await page.screenshot({ path: test.info().outputPath(`rollback-aborted-${width}.png`) });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});

test.describe('a running rollback whose LON command hangs deaf to SIGINT and SIGTERM', () => {
  test.use(rehearsalAt(ROLLOUT_MORNING, { RELEASE_CONSOLE_DEMO_HANG: 'deploy rollback:LON' }));
  test.setTimeout(120_000);

  test('has its command stopped now, on a second click that says what it risks; the run stops on it, failed, to retry, skip or abort', async ({ page, served }) => {
    await page.goto(served.url);
    const dialog = await startRollbackOfHo1234(page);
    // The command lines reach the region box's right edge, at 1280 and 1024: an exit code's empty column left ~87 px
    // blank there, which the steps' titles wrapped for ("Roll rt-media-gateway back from 4.13.0 to" over "4.12.0 in LON").
    for (const [width, height] of [[1280, 800], [1024, 720]] as const) {
      await page.setViewportSize({ width, height });
      const strips = await dialog.locator('[data-rollback-region="LON"]').evaluate((region) =>
        [...region.querySelectorAll('[data-rollback-step]')].map((step) => Math.round(region.getBoundingClientRect().right - step.querySelector('.rb-argv')!.getBoundingClientRect().right)),
      );
      expect(Math.max(...strips), `px between LON's command lines and its box's right edge at ${width}`).toBeLessThanOrEqual(20);
      await page.screenshot({ path: test.info().outputPath(`rollback-running-${width}.png`) });
    }
    const title = dialog.locator('[data-rollback-step="LON/rollback/rt-media-gateway"] > span:nth-child(2)');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await linesOf(title, ['Roll rt-media-gateway back from 4.13.0 to 4.12.0 in LON']), 'its title on one line at 1280').toEqual([1]);
    await page.setViewportSize({ width: 1440, height: 900 });

    await dialog.getByRole('button', { name: 'Stop this command now…' }).click();
    const confirm = dialog.getByRole('group', { name: 'Stop the running command' });
    await expect(confirm).toContainText('LON may be left part rolled back');
    await page.screenshot({ path: test.info().outputPath('rollback-stop-confirm.png') });
    await confirm.getByRole('button', { name: 'Stop it in LON' }).click();
    const operator = (await page.getByLabel('Operator name').inputValue()).trim();
    // In their role, as a step's Stop says it (before: "asked by oscar", and "stopped by oscar").
    await expect(dialog.getByLabel('Rollback status')).toHaveText(`Rolling back HO-1234: stopping deploy rollback rt-media-gateway 4.12.0 --region LON (asked by ${operator} (on-call PE))…`);
    await expect(dialog.getByRole('button', { name: 'Stop this command now…' })).toHaveCount(0);

    // SIGINT and SIGTERM are ignored: the SIGKILL 10 s after the Stop ends it.
    // Said as what happened: a person stopped it (before: "STOPPED on a failure", the banner's "… failed (exit 130)").
    await expect(dialog.getByLabel('Rollback status')).toHaveText(`Rollback STOPPED by ${operator} (on-call PE). HO-1234 is only partly rolled back.`, { timeout: 30_000 });
    const failed = dialog.locator('[data-rollback-region="LON"] [data-state="failed"]');
    await expect(failed).toContainText(`stopped by ${operator} (on-call PE)`);
    await expect(failed.locator('.rb-state')).toHaveText('Stopped');
    await expect(dialog.getByLabel('NOT rolled back', { exact: true })).toContainText(`LON rt-media-gateway 4.13.0 → 4.12.0 — stopped by ${operator} (on-call PE)`);
    await expect(dialog.getByLabel('NOT rolled back', { exact: true })).not.toContainText('failed');
    await expect(dialog.getByRole('button', { name: /^Retry LON: / })).toBeEnabled();
    await expect(dialog.getByRole('button', { name: 'Abort the rollback' })).toBeEnabled();
    await page.screenshot({ path: test.info().outputPath('rollback-stopped.png') });
    // At 1024x720 the incident timeline's Copy and Download .md show whole above the notice strip (before: the body's
    // edge cut them at 8 px of their 41, the notice right under them).
    await page.setViewportSize({ width: 1024, height: 720 });
    const timeline = dialog.getByRole('region', { name: 'Incident timeline' });
    for (const name of ['Copy', 'Download .md']) {
      const drawn = await timeline.getByRole('button', { name, exact: true }).evaluate((button) => {
        const box = button.getBoundingClientRect();
        const body = button.closest('.rb-body')!.getBoundingClientRect();
        const notice = button.closest('[role="dialog"]')!.querySelector('.dialog-toasts .toasts')!.getBoundingClientRect();
        return { top: box.top >= body.top, aboveTheEdge: box.bottom <= body.bottom, aboveTheNotice: box.bottom <= notice.top };
      });
      expect(drawn, `${name} whole at 1024x720`).toEqual({ top: true, aboveTheEdge: true, aboveTheNotice: true });
    }
    await page.screenshot({ path: test.info().outputPath('rollback-stopped-1024.png') });
    await page.setViewportSize({ width: 1440, height: 900 });

    // Its notice told this dialog where the stop's banner is; it does not follow the on-call engineer into the next
    // dialog, backing LON out (before: "HO-1234's rollback STOPPED … — its banner is behind this dialog" there).
    const notices = (where: Locator) => where.getByRole('region', { name: 'Notices' });
    await expect(notices(dialog)).toContainText("HO-1234's rollback STOPPED by");
    await dialog.getByRole('button', { name: 'Close' }).click();
    const backOut = await openBackOut(page, await openRegion(page, 'LON'), 'LON');
    await expect(backOut.getByRole('heading', { name: 'Back out LON' })).toBeVisible();
    await expect(backOut).not.toContainText("HO-1234's rollback STOPPED");
    // It says HO-1234's own rollback waits, stopped, and what backing LON out does to it (before: no word about that run).
    await expect(backOut.getByLabel('Handover rollbacks left open')).toHaveText(
      `HO-1234's own rollback is stopped by ${operator} (on-call PE) on its LON step, waiting for Retry, Skip or Abort. Backing LON out rolls HO-1234 back in LON with commands of its own and leaves that rollback as it is: still stopped, and a Retry there runs its LON command again.`,
    );
    await page.screenshot({ path: test.info().outputPath('back-out-after-stop.png') });
    await backOut.getByRole('button', { name: 'Cancel' }).click();

    // The banner behind the dialog says it alike (before: "STOPPED on a failure", "… in LON failed (exit 137)").
    const banner = page.getByLabel('Alerts').getByRole('alert').filter({ hasText: "HO-1234's rollback STOPPED" });
    await expect(banner).toContainText(`HO-1234's rollback STOPPED by ${operator} (on-call PE)`);
    await expect(banner).toContainText(/HO-1234 is only partly rolled back: Roll rt-media-gateway back from 4\.13\.0 to 4\.12\.0 in LON was stopped \(exit \d+\); started by /);
    await expect(banner).not.toContainText('on a failure');
    await page.screenshot({ path: test.info().outputPath('rollback-stopped-banner.png') });
  });
});

test.describe('a back-out whose maintenance command hangs deaf to SIGINT and SIGTERM', () => {
  test.use(rehearsalAt(ROLLOUT_MORNING, { RELEASE_CONSOLE_DEMO_HANG: 'maintenance disable:S01' }));
  test.setTimeout(120_000);

  test('has its command stopped from the dialog; the back-out stops on it, failed, and is offered again', async ({ page, served }) => {
    await page.goto(served.url);
    await enableS01MaintenanceMode(page);
    const dialog = await openBackOut(page, await openRegion(page, 'S01'), 'S01');
    await confirmBackOut(dialog, 'S01');
    await expect(dialog.locator('[data-backout-step][data-state="running"]')).toHaveCount(1);

    await dialog.getByRole('button', { name: 'Stop this command now…' }).click();
    const confirm = dialog.getByRole('group', { name: 'Stop the running command' });
    await expect(confirm).toContainText('S01 may be left part rolled back; backing out stops on this step');
    await confirm.getByRole('button', { name: 'Stop it in S01' }).click();
    const operator = (await page.getByLabel('Operator name').inputValue()).trim();
    const role = await page.getByLabel('Role').inputValue();
    // In their role, as a step's Stop says it (before: "asked by alice", and "stopped by alice").
    await expect(dialog.getByRole('status')).toHaveText(new RegExp(`^Backing S01 out: stopping maintenance disable --region S01.* \\(asked by ${operator} \\(${role}\\)\\)…$`));

    // Said as the person's Stop, as a rollback's is (before: "STOPPED on a failed command").
    await expect(dialog.getByRole('status')).toHaveText(`Backing S01 out STOPPED by ${operator} (${role}): see below, then back it out again.`, { timeout: 30_000 });
    await expect(dialog.locator('[data-backout-step][data-state="failed"]')).toContainText(`stopped by ${operator} (${role})`);
    await expect(dialog.getByLabel('Type S01 to confirm')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('back-out-stopped.png') });

    // History says it as the dialog does: the person's Stop, then what comes next (before: 'stopped at step "…", which
    // failed, now failed').
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await openScreen(page, 'History');
    const stoppedEntry = page.getByRole('region', { name: 'Log entries' }).locator('tbody tr', { hasText: 'Back-out of S01: step "' });
    await expect(stoppedEntry.filter({ hasText: `stopped by ${operator} (${role})` }).locator('td:nth-child(6)')).toContainText(
      `Back-out of S01: step "Disable maintenance mode in S01 (traffic back from S02)" stopped by ${operator} (${role}), back it out again`,
    );
    await expect(stoppedEntry.filter({ hasText: 'which failed' })).toHaveCount(0);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: test.info().outputPath('history-back-out-stopped.png') });
  });
});
