import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * What a person does on the console, in the words of the screen: the e2e specs share these so each
 * spec reads as the walk it tests.
 */

/** Thursday of rollout week, 10:55 London (GMT in March): seed 000's SDC/LON slot is open, EU opens at 18:00. */
export const ROLLOUT_MORNING = '2026-03-19T10:55:00Z';
export const SDC = ['S01', 'S02', 'LON'];

/**
 * The `test.use` of a rehearsal at `at`: the demo tools answer at once (RELEASE_CONSOLE_DEMO_SPEED 0) and print
 * without colour, so a spec reads their lines as a person does; `env` adds what the spec stages, such as a tool
 * that hangs (RELEASE_CONSOLE_DEMO_HANG) or fails (RELEASE_CONSOLE_DEMO_FAIL).
 */
export function rehearsalAt(at: string, env: NodeJS.ProcessEnv = {}): { serveArgs: string[]; serveEnv: NodeJS.ProcessEnv } {
  return { serveArgs: ['--rehearsal-at', at], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1', ...env } };
}

export type StepState = 'Done' | 'Ready' | 'Blocked' | 'Running' | 'Failed';

export function step(page: Page, key: string): Locator {
  return page.locator(`[data-step="${key}"]`);
}

/** Types a command into the open palette and presses Enter once the palette has selected it, as a person presses it on seeing it highlighted. */
export async function enterPaletteCommand(page: Page, command: string): Promise<void> {
  await page.getByLabel('Command', { exact: true }).fill(command);
  await expect(page.getByRole('option', { selected: true })).toContainText(command);
  await page.keyboard.press('Enter');
}

export async function expectState(page: Page, key: string, state: StepState): Promise<void> {
  await expect(step(page, key).locator('.step-head .badge'), key).toHaveText(state, { timeout: 30_000 });
}

export async function press(page: Page, key: string, button: string | RegExp): Promise<void> {
  await step(page, key).getByRole('button', { name: button }).click();
}

/** Runs a command step and waits for it to finish done. */
export async function run(page: Page, key: string): Promise<void> {
  await press(page, key, 'Run');
  await expectState(page, key, 'Done');
}

export async function openConsole(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status')).toHaveText('Connected');
}

/** Types the operator's name (and picks a role); main holds the operator, so wait for the view it pushed. */
export async function setOperator(page: Page, name: string, role = 'PE'): Promise<void> {
  const input = page.getByLabel('Operator name');
  await input.fill(name);
  await input.blur();
  await page.getByLabel('Role').selectOption(role);
  await expect(page.locator(`[data-operator="${name}|${role}"]`)).toBeVisible();
}

/** Moves the rehearsal clock with the status bar's buttons, waiting for each move to show. */
export async function advance(page: Page, label: '+1 min' | '+15 min' | '+1 h', times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const before = await page.locator('.rehearsal-time').textContent();
    await page.getByRole('button', { name: label, exact: true }).click();
    await expect(page.locator('.rehearsal-time')).not.toHaveText(before ?? '');
  }
}

/** Shows a screen; the control pane as every region's tile, even if a region's workspace was open last. */
export async function openScreen(page: Page, name: 'Checklist' | 'Control pane' | 'Release board' | 'QA checklist' | 'Evidence and exports' | 'History'): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
  if (name !== 'Control pane') return;
  const back = page.getByRole('button', { name: '← All regions' });
  if (await back.isVisible()) await back.click();
  await expect(page.locator('.region-tile').first()).toBeVisible();
}

/** The control pane's tile opens the region's workspace: its steps beside its terminals and graphs. */
export async function openRegion(page: Page, regionId: string): Promise<Locator> {
  await openScreen(page, 'Control pane');
  await page.getByRole('button', { name: `Open ${regionId}` }).click();
  return page.getByRole('region', { name: `Region ${regionId}`, exact: true });
}

/** What xterm.js has drawn in the region's terminal on show (its DOM renderer's rows); other tabs' terminals stay alive, hidden. */
export function terminalRows(workspace: Locator): Locator {
  return workspace.locator('.terminal .xterm-rows').filter({ visible: true });
}

/**
 * Opens a shell in the region as a PE does, and puts the keyboard in it. The new tab is shown once the
 * console answers the open, a moment after the click; until then a step's terminal may still be the shown
 * one. Clicking `.terminal .xterm` at once could land on that terminal: Playwright keeps the element it
 * resolved for as long as it stays in the page, and a terminal whose tab is left is parked (hidden), not
 * removed, so the click then waits its whole timeout for a terminal that will not come back.
 * The selected tab reading a shell's name is not enough where a shell was already shown (every shell's tab
 * read "Shell" once: terminal-webgl's lost-context test opened its second shell so and, about one run in 28,
 * clicked the first, parked a moment later): so the wait is for a terminal the region did not have before the
 * click (the region's terminals are on the page by then wherever a shell was shown before: it was drawn).
 */
export async function openShell(region: Locator): Promise<void> {
  const hosts = region.locator('.terminal-host[data-session]');
  const before = await hosts.evaluateAll((elements) => elements.map((e) => (e as HTMLElement).dataset.session));
  await region.getByRole('button', { name: '+ Shell' }).click();
  const shown = region.locator('.terminal:not([hidden]) > .terminal-host');
  await expect
    .poll(async () => {
      const session = (await shown.count()) === 1 ? await shown.getAttribute('data-session') : null;
      return session !== null && !before.includes(session);
    }, { message: "the new shell's terminal is the one shown" })
    .toBe(true);
  // "Shell", "Shell 2"…: the name main gave it as it opened.
  await expect(region.getByRole('tab', { selected: true })).toHaveText(/^Shell( [0-9]+)?$/);
  await region.locator('.terminal .xterm').filter({ visible: true }).click();
}

/**
 * Opens the terminal panel's Options (copy on select, the renderer: the panel's preferences, under one button on the
 * tabs' row) and returns them; a click outside or Escape closes them again.
 */
export async function openTerminalOptions(region: Locator): Promise<Locator> {
  await region.locator('.terminal-strip').getByRole('button', { name: 'Options', exact: true }).click();
  const options = region.getByRole('group', { name: 'Terminal options' });
  await expect(options).toBeVisible();
  return options;
}

/**
 * The region's shown terminal brought on screen, as a PE scrolls to it before reading it, then its rows.
 * xterm.js draws nothing while its screen is outside the viewport (an IntersectionObserver pauses it; it
 * draws what it holds once shown), so rows read off screen are blank whatever the terminal holds. On a
 * 900 px window a region's terminal starts below the fold once its graphs have loaded: they replace a
 * one-line placeholder and push it down, so they are waited for first, or the scroll would be undone.
 */
export async function scrollToTerminal(workspace: Locator): Promise<Locator> {
  await expect(workspace.getByText('Loading metrics…')).toHaveCount(0);
  await workspace.locator('.terminal:not([hidden]) .terminal-host').scrollIntoViewIfNeeded();
  return terminalRows(workspace);
}

/** Seed 000's pre-rollout gate: alice writes the Production CR, bob (another PE) approves it. */
export async function writeAndReviewProductionCr(page: Page): Promise<void> {
  await setOperator(page, 'alice');
  await openScreen(page, 'Checklist');
  await press(page, 'write-prod-cr@*', 'Mark done');
  await expectState(page, 'write-prod-cr@*', 'Done');
  await setOperator(page, 'bob');
  await press(page, 'review-prod-cr@*', /Approve as bob/);
  await expectState(page, 'review-prod-cr@*', 'Done');
  await setOperator(page, 'alice');
}

/** Seed 000's "take a baseline" before a region's deploy: the step's button, then the step done. */
export async function captureBaseline(page: Page, key: string): Promise<void> {
  await press(page, key, 'Capture baseline');
  await expectState(page, key, 'Done');
}

/** The pre-rollout gate passed (the Production CR written and reviewed by a 2nd PE) and S01's baseline taken: S01 may go into maintenance mode. */
export async function reviewProductionCrAndBaselineS01(page: Page): Promise<void> {
  await writeAndReviewProductionCr(page);
  await captureBaseline(page, 'sdc-baseline@S01');
}

/** The walk up to S01's deploy: the pre-rollout gate passed, S01's baseline taken, and S01 put in maintenance mode. */
export async function enableS01MaintenanceMode(page: Page): Promise<void> {
  await reviewProductionCrAndBaselineS01(page);
  await run(page, 'sdc-maintenance-on@S01');
}

/**
 * Issue 17: a baseline older than the workspace's limit (the demo: 60 minutes) shows Stale on its step, and a
 * deploy waits for a fresh one: "Retake baseline" takes it again.
 */
export async function retakeStaleBaseline(page: Page, key: string): Promise<void> {
  const baseline = step(page, key).locator('.step-baseline');
  await expect(baseline).toContainText('Stale');
  await press(page, key, 'Retake baseline');
  await expect(baseline).toContainText(/, 0 min ago \(fresh for 60 minutes\)/, { timeout: 30_000 });
  await expectState(page, key, 'Done');
}

/** One region's run of seed 000's sequence up to the metric gate: maintenance on → deploy → check-versions → watch. */
export async function rollRegion(page: Page, prefix: string, region: string): Promise<void> {
  await run(page, `${prefix}-maintenance-on@${region}`);
  await run(page, `${prefix}-deploy@${region}`);
  await run(page, `${prefix}-check-versions@${region}`);
  await press(page, `${prefix}-metric-gate@${region}`, 'Start watching');
  await expectState(page, `${prefix}-metric-gate@${region}`, 'Running');
}

/** The demo's SDC morning up to S01's maintenance mode switched off again: on at 10:55 London, off at 11:10. */
export async function rollS01ThroughMaintenanceOff(page: Page, url: string): Promise<void> {
  await openConsole(page, url);
  await writeAndReviewProductionCr(page);
  await captureBaseline(page, 'sdc-baseline@S01');
  await rollRegion(page, 'sdc', 'S01');
  await advance(page, '+15 min');
  await expectState(page, 'sdc-metric-gate@S01', 'Done');
  await run(page, 'sdc-maintenance-off@S01');
}

/** Opens a handover's rollback from the command palette, types its id and confirms it: the dialog, running. */
export async function confirmRollback(page: Page, handover: string): Promise<Locator> {
  await page.keyboard.press('Control+k');
  await enterPaletteCommand(page, `Roll back ${handover}`);
  const dialog = page.getByRole('dialog', { name: `Roll back ${handover}` });
  await dialog.getByLabel(`Type ${handover} to confirm`).fill(handover);
  await dialog.getByRole('button', { name: `Roll back ${handover} now` }).click();
  return dialog;
}

/** The handover's packages go to S01, then LON (the rollback runs newest first: LON, then S01); on-call takes the desk. */
export async function deployToS01AndLon(page: Page): Promise<void> {
  await writeAndReviewProductionCr(page);
  for (const region of ['S01', 'LON']) {
    await captureBaseline(page, `sdc-baseline@${region}`);
    await run(page, `sdc-maintenance-on@${region}`);
    await run(page, `sdc-deploy@${region}`);
  }
  await setOperator(page, 'oscar', 'on-call PE');
}

/** On-call rolls HO-1234 back after its deploy to S01 and LON: the rollback's dialog once LON's first command runs (newest region first). */
export async function startRollbackOfHo1234(page: Page): Promise<Locator> {
  await deployToS01AndLon(page);
  const dialog = await confirmRollback(page, 'HO-1234');
  await expect(dialog.locator('[data-rollback-region="LON"] [data-state="running"]')).toHaveCount(1);
  return dialog;
}

/** After the pre-rollout gate: S01's baseline captured and its "maintenance enable" started from S01's workspace. */
export async function startS01MaintenanceOn(page: Page): Promise<Locator> {
  await writeAndReviewProductionCr(page);
  const s01 = await openRegion(page, 'S01');
  await captureBaseline(page, 'sdc-baseline@S01');
  await press(page, 'sdc-maintenance-on@S01', 'Run');
  return s01;
}

/** "Back out region" on the region workspace's header: the dialog it opens, not yet confirmed. */
export async function openBackOut(page: Page, workspace: Locator, regionId: string): Promise<Locator> {
  await workspace.locator('.region-workspace-head').getByRole('button', { name: 'Back out region' }).click();
  return page.getByRole('dialog', { name: `Back out ${regionId}` });
}

/** Types the region's id into the back-out dialog and confirms it, as its typed confirmation asks. */
export async function confirmBackOut(dialog: Locator, regionId: string): Promise<void> {
  await dialog.getByLabel(`Type ${regionId} to confirm`).fill(regionId);
  await dialog.getByRole('button', { name: `Back out ${regionId} now` }).click();
}
