import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { startServe, stopServe, test, expect } from './fixtures';
import { ROLLOUT_MORNING, expectState, openRegion, openTerminalOptions, press, scrollToTerminal, terminalRows, writeAndReviewProductionCr, captureBaseline } from './steps';

/** A HOME without rc files: the user's shell start-up is not what these test, and under load it can take seconds. */
const BARE_HOME = { HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) };
const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

async function openShell(page: Page, regionId: string): Promise<Locator> {
  const region = await openRegion(page, regionId);
  await region.getByRole('button', { name: '+ Shell' }).click();
  await expect(region.getByRole('tab', { selected: true })).toHaveText('Shell');
  await region.locator('.terminal .xterm').filter({ visible: true }).click();
  return region;
}

/**
 * "+ Shell" pressed and the new shell's tab chosen, as the PE sees it. Its tab appears when main lists the shell and is
 * chosen (and scrolled into view) when main answers the open, a moment later: a test that went on at the tab alone
 * scrolled the row to its start, and the late choice scrolled it back to the end under the next step (the right arrow,
 * found enabled, refused the click that followed: a click timeout under load).
 */
async function addShell(region: Locator, tabs: number): Promise<void> {
  await region.getByRole('button', { name: '+ Shell' }).click();
  await expect(region.getByRole('tab')).toHaveCount(tabs);
  await expect(region.getByRole('tab').last()).toHaveAttribute('aria-selected', 'true');
}

async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test.describe('a step terminal and a shell being typed in', () => {
  test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING], serveEnv: { ...BARE_HOME, RELEASE_CONSOLE_DEMO_SPEED: '0' } });
  test.setTimeout(120_000);

  test("a step's command that starts while the PE types in S01's shell flashes its tab, and the keystrokes stay with the shell", async ({ page, context, served }) => {
    // A second window (a colleague, or the PE's other screen) runs the step while this one is typed in.
    const other = await context.newPage();
    await other.goto(served.url);
    await expect(other.getByRole('status')).toHaveText('Connected');
    await writeAndReviewProductionCr(other);
    await openRegion(other, 'S01');
    await captureBaseline(other, 'sdc-baseline@S01');

    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await openShell(page, 'S01');
    await typeLine(page, 'echo "typed-$((1 + 1))"');
    // After a reload no tab has been chosen: the PE clicks straight into the shell and types on.
    await page.reload();
    await expect(page.getByRole('status')).toHaveText('Connected');
    const s01 = await openRegion(page, 'S01');
    await expect(await scrollToTerminal(s01)).toContainText('typed-2');
    await s01.locator('.terminal .xterm').filter({ visible: true }).click();
    // Half a command typed when the step starts.
    await page.keyboard.type('echo "still-');

    await press(other, 'sdc-maintenance-on@S01', 'Run');
    const stepTab = s01.getByRole('tab', { name: /maintenance/ });
    await expect(stepTab).toHaveClass(/tab-attention/);
    await expect(s01.getByRole('tab', { selected: true })).toHaveText('Shell');

    // The rest of the line goes to the same shell, without a click.
    await typeLine(page, '$((2 + 3))"');
    await expect(terminalRows(s01)).toContainText('still-5');
    await expect(s01.getByRole('tab', { selected: true })).toHaveText('Shell');
    await s01.screenshot({ path: path.join(SCREENSHOTS, 'terminal-attention.png') });

    // Looking at the flashed tab shows the step's output and ends the flash.
    await stepTab.click();
    await expect(stepTab).toHaveAttribute('aria-selected', 'true');
    await expect(stepTab).not.toHaveClass(/tab-attention/);
    await expect(terminalRows(s01)).toContainText('Maintenance mode enabled in S01');
    // And the shell kept its xterm.js: back on its tab, what was typed is still there, with no reload.
    await s01.getByRole('tab', { name: 'Shell' }).click();
    await expect(terminalRows(s01)).toContainText('still-5');
  });

  test('with no recent typing, the step command takes the view', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await writeAndReviewProductionCr(page);
    const s01 = await openRegion(page, 'S01');
    await s01.getByRole('button', { name: '+ Shell' }).click();
    await expect(s01.getByRole('tab', { selected: true })).toHaveText('Shell');
    await captureBaseline(page, 'sdc-baseline@S01');
    await press(page, 'sdc-maintenance-on@S01', 'Run');
    await expect(s01.getByRole('tab', { selected: true })).toContainText(/maintenance/);
    await expect(terminalRows(s01)).toContainText('Maintenance mode enabled in S01');
  });

  test("with more shells than the tab row holds, the arrow toward a step's flashing tab out of sight is marked and says why", async ({ page, served }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await writeAndReviewProductionCr(page);
    const s01 = await openShell(page, 'S01');
    await captureBaseline(page, 'sdc-baseline@S01');
    for (let n = 2; n <= 10; n++) {
      await s01.getByRole('button', { name: '+ Shell' }).click();
      await expect(s01.getByRole('tab')).toHaveCount(n);
    }
    // Back in the first shell, at the row's left end, typing: the step's tab opens at the far right, out of sight.
    await s01.getByRole('tab').first().click();
    await expect(s01.getByRole('tab').first()).toBeInViewport({ ratio: 1 });
    await s01.locator('.terminal .xterm').filter({ visible: true }).click();
    await page.keyboard.type('echo "typing-');
    await press(page, 'sdc-maintenance-on@S01', 'Run');
    const stepTab = s01.getByRole('tab', { name: /maintenance/ });
    await expect(stepTab).toHaveClass(/tab-attention/);
    await expect(s01.getByRole('tab', { selected: true })).toHaveText('Shell');
    const right = s01.getByRole('button', { name: 'Scroll the tabs right' });
    await expect(right).toHaveClass(/tabs-scroll-attention/);
    await expect(right).toHaveAttribute('title', "A step's command started in a tab to the right: scroll to see it");
    await expect(s01.getByRole('button', { name: 'Scroll the tabs left' })).not.toHaveClass(/tabs-scroll-attention/);
    await s01.screenshot({ path: path.join(SCREENSHOTS, 'terminal-attention-out-of-sight.png') });

    // Scrolled to, the tab itself flashes in sight and the arrow is plain again.
    await expect(async () => {
      await right.click();
      await expect(stepTab).toBeInViewport({ ratio: 1, timeout: 1_000 });
    }).toPass();
    await expect(right).not.toHaveClass(/tabs-scroll-attention/);
    await expect(stepTab).toHaveClass(/tab-attention/);
  });
});

test.describe('five terminals at 1024 px', () => {
  test.use({ serveEnv: BARE_HOME });

  test('each of five tabs shows at least the first 8 characters of its name, and the row scrolls for more', async ({ page, served }) => {
    await page.setViewportSize({ width: 1024, height: 720 });
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const s01 = await openRegion(page, 'S01');
    // Names a PE gives shells on a release morning: alike in their first letters, told apart by the eighth.
    const names = ['region shell', 'rollback watch', 'sdc-deploy', 'region logs', 'rollback notes'];
    for (const [n, name] of names.entries()) {
      await s01.getByRole('button', { name: '+ Shell' }).click();
      await expect(s01.getByRole('tab')).toHaveCount(n + 1);
      // A renamed shell keeps the name main gave it: the next reads "Shell 2", not "Shell" again.
      const given = n === 0 ? 'Shell' : `Shell ${n + 1}`;
      const tab = s01.getByRole('tab', { selected: true });
      await expect(tab).toHaveText(given);
      await tab.press('F2');
      await s01.getByRole('textbox', { name: `Rename ${given}` }).fill(name);
      await page.keyboard.press('Enter');
      await expect(s01.getByRole('tab', { selected: true })).toHaveText(name);
    }
    await s01.locator('.terminal-strip').scrollIntoViewIfNeeded();
    await s01.locator('.terminal-strip').screenshot({ path: path.join(SCREENSHOTS, 'terminal-tabs-1024.png') });
    // What is drawn, not the DOM's string: the name's first 8 characters end left of where the name is cut (its
    // box's right edge, less the ellipsis drawn over the last character that fits).
    const shown = await s01.locator('.tab-name').evaluateAll((spans) =>
      spans.map((span) => {
        const text = span.firstChild as Text;
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, Math.min(8, text.length));
        const first8 = range.getBoundingClientRect();
        const box = span.getBoundingClientRect();
        const cut = span.scrollWidth > span.clientWidth;
        const ellipsis = cut ? first8.width / Math.min(8, text.length) : 0;
        return { name: text.data, whole: first8.right + ellipsis <= box.right + 0.5 };
      }),
    );
    expect(shown).toEqual(names.map((name) => ({ name, whole: true })));
    // They do not all fit: the row scrolls, and its arrow brings the first tab back.
    const left = s01.getByRole('button', { name: 'Scroll the tabs left' });
    await expect(left).toBeEnabled();
    await expect(async () => {
      await left.click();
      await expect(s01.getByRole('tab').first()).toBeInViewport({ ratio: 1, timeout: 1_000 });
    }).toPass();
  });
});

test.describe('searching a terminal', () => {
  test.use({ serveEnv: BARE_HOME });

  test('Ctrl+F finds a line with its count, steps through matches, honours case and regex, and Escape returns to the shell', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const lon = await openShell(page, 'LON');
    // The quotes keep the typed command line itself from matching: only the twelve printed rows do.
    await typeLine(page, "seq -f 'row %g nee''dle' 1 12");
    const rows = terminalRows(lon);
    await expect(rows).toContainText('row 12 needle');
    // A host squeezed for a moment (a relayout: this test's screenshot of the region did it) keeps the terminal's size.
    // It fitted it and its shell to 2 columns: bash redrew its prompt there and, the width back, erased the five rows of
    // output above it, and Find read '1 of 7' for ever after (ciperf2's flake).
    const host = lon.locator('.terminal:not([hidden]) .terminal-host');
    const cols = () => host.evaluate((element) => (element as HTMLElement & { terminal: { cols: number } }).terminal.cols);
    const wide = await cols();
    await host.evaluate((element) => (element.style.width = '16px'));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await cols()).toBe(wide);
    await host.evaluate((element) => (element.style.width = ''));

    await page.keyboard.press('Control+f');
    const box = lon.getByRole('textbox', { name: 'Search the terminal' });
    await expect(box).toBeFocused();
    await page.keyboard.type('needle');
    const count = lon.locator('.terminal-search-count');
    await expect(count).toHaveText(/^\d+ of 12$/);
    const first = Number((await count.textContent())!.split(' ')[0]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(count).toHaveText(`${((first + 1) % 12) + 1} of 12`);
    await page.keyboard.press('Shift+Enter');
    await expect(count).toHaveText(`${(first % 12) + 1} of 12`);
    await lon.screenshot({ path: path.join(SCREENSHOTS, 'terminal-search.png') });
    // The count is read beside the box: it must stand out from the bar as text does (it was #c5ccd6 on white).
    await expectNoSeriousAxeViolations(page, 'the terminal find bar with its count');

    await box.fill('NEEDLE');
    await expect(count).toHaveText(/ of 12$/);
    await lon.getByRole('button', { name: 'Match case' }).click();
    await expect(count).toHaveText('No results');
    await lon.getByRole('button', { name: 'Match case' }).click();
    await lon.getByRole('button', { name: 'Use regular expression' }).click();
    await box.fill('row 1[0-2] needle');
    await expect(count).toHaveText(/^\d of 3$/);
    await box.fill('row (1');
    await expect(count).toHaveText('Invalid pattern');
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    // Emptied, the box has no pattern to be invalid: the words and the mark go (they stayed beside an empty box).
    await box.fill('');
    await expect(count).toHaveText('');
    await expect(box).toHaveAttribute('aria-invalid', 'false');
    await box.fill('row (1');
    await expect(count).toHaveText('Invalid pattern');

    await box.press('Escape');
    await expect(box).toHaveCount(0);
    await typeLine(page, 'echo "back-$((3 + 4))"');
    await expect(rows).toContainText('back-7');
  });
});

test.describe('typing at once after Find', () => {
  test.use({ serveEnv: BARE_HOME });

  test('every key typed right after Ctrl+F reaches the find box, also when the bar was open and the shell had the keyboard', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const lon = await openShell(page, 'LON');
    await typeLine(page, "seq -f 'row %g nee''dle' 1 3");
    const rows = terminalRows(lon);
    await expect(rows).toContainText('row 3 needle');
    const box = lon.getByRole('textbox', { name: 'Search the terminal' });

    // A PE types as soon as the shortcut is down: no wait for the box.
    await page.keyboard.press('Control+f');
    await page.keyboard.type('needle');
    await expect(box).toHaveValue('needle');

    // Back in the shell with the bar still open, Ctrl+F again: the box takes the keys, not the shell (they went to the
    // shell's prompt, and the box kept its old words).
    await lon.locator('.terminal .xterm').filter({ visible: true }).click();
    await page.keyboard.press('Control+f');
    await page.keyboard.type('row 2');
    await expect(box).toHaveValue('row 2');
    await expect(lon.locator('.terminal-search-count')).toHaveText('1 of 1');
    await box.press('Escape');
    await typeLine(page, 'echo "clean-$((2 + 2))"');
    await expect(rows).toContainText('clean-4');
    await expect(rows).not.toContainText('row 2echo');
  });
});

test.describe('copy, paste and the interrupt', () => {
  test.use({ serveEnv: BARE_HOME });

  test('Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes into the shell, and Ctrl+C still interrupts', async ({ page, context, served }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const lon = await openShell(page, 'LON');
    await typeLine(page, 'echo "copy-$((5 * 5))"');
    const rows = terminalRows(lon);
    await expect(rows).toContainText('copy-25');

    // Search selects its match; the typed line holds no "copy-25", so the selection is the output.
    await page.keyboard.press('Control+f');
    await page.keyboard.type('copy-25');
    await expect(lon.locator('.terminal-search-count')).toHaveText('1 of 1');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('copy-25');

    await page.evaluate(() => navigator.clipboard.writeText('echo "pasted-$((6 * 6))"'));
    await page.keyboard.press('Control+Shift+V');
    // The clipboard is read asynchronously: Enter once the pasted line is at the prompt.
    await expect(rows).toContainText('echo "pasted-$((6 * 6))"');
    await page.keyboard.press('Enter');
    await expect(rows).toContainText('pasted-36');

    // Copy on select: what the mouse selects is on the clipboard when the button comes up.
    await (await openTerminalOptions(lon)).getByRole('checkbox', { name: 'Copy on select' }).check();
    await lon.locator('.terminal .xterm').filter({ visible: true }).click();
    await typeLine(page, 'clear; echo "selected-$((4 * 4))"');
    const output = rows.locator(':scope > div', { hasText: /^selected-16\s*$/ });
    await expect(output).toBeVisible();
    const line = (await output.boundingBox())!;
    const cell = line.height;
    await page.mouse.move(line.x + 2, line.y + line.height / 2);
    await page.mouse.down();
    await page.mouse.move(line.x + cell * 5, line.y + line.height / 2, { steps: 3 });
    await page.mouse.move(line.x + cell * 8, line.y + line.height / 2, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^selected-1/);
    await (await openTerminalOptions(lon)).getByRole('checkbox', { name: 'Copy on select' }).uncheck();
    await lon.locator('.terminal .xterm').filter({ visible: true }).click();

    // Ctrl+C is the shell's: it ends the sleep, and the prompt answers at once. Each key waits for the
    // shell as a person's eyes would: at an interrupt the tty drops input the shell has not read yet,
    // and readline drops what was typed ahead of the prompt it redraws (under load, "echo" became "cho").
    await page.keyboard.type('sleep 600; echo "slept-$((8 * 8))"');
    await expect(rows).toContainText('sleep 600; echo "slept-$((8 * 8))"');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+c');
    await expect(rows).toHaveText(/\^C[\s\S]*[#$]\s*$/);
    await typeLine(page, 'echo "interrupted-$((7 * 7))"');
    await expect(rows).toContainText('interrupted-49');
    await expect(rows).not.toContainText('slept-64');
  });
});

test.describe('tabs and the panel', () => {
  test.use({ serveEnv: BARE_HOME });

  test('shells close, tabs rename and stay on one scrolling row, each keeps its terminal, and the panel resizes and maximizes; names and height survive a reload', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const lon = await openShell(page, 'LON');
    await typeLine(page, 'echo "first-$((1 + 1))"');
    await expect(terminalRows(lon)).toContainText('first-2');
    // Mark the shell's xterm.js element: a rebuilt terminal would be a new element without the mark.
    await lon.locator('.terminal .xterm').evaluate((el) => el.setAttribute('data-kept', 'yes'));

    await lon.getByRole('tab', { name: 'Shell' }).dblclick();
    const rename = lon.getByRole('textbox', { name: 'Rename Shell' });
    await rename.fill('release notes scratchpad for S01 and LON handover checks');
    await rename.press('Enter');
    const renamed = lon.getByRole('tab', { name: 'release notes scratchpad for S01 and LON handover checks' });
    await expect(renamed).toBeVisible();

    await addShell(lon, 2);
    await addShell(lon, 3);
    await lon.getByRole('tab', { selected: true }).click({ button: 'right' });
    // The third shell: the first was renamed, and keeps "Shell" from main all the same.
    await lon.getByRole('textbox', { name: 'Rename Shell 3' }).fill('a second long-running tail of the maintenance log');
    await lon.getByRole('textbox', { name: 'Rename Shell 3' }).press('Enter');
    // Tabs shrink before the row scrolls, their names giving way and never how they ended: shells enough to fill it.
    const strip = lon.getByRole('tablist', { name: 'Terminals' });
    const overflows = () => strip.evaluate((el) => el.scrollWidth > el.clientWidth);
    for (let count = 3; count < 16 && !(await overflows()); count++) {
      await addShell(lon, count + 1);
    }
    // One row: every tab at the same height, the strip scrolling sideways rather than wrapping.
    const tops = await lon.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => Math.round(t.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    expect(await overflows()).toBe(true);
    // A tab cut at the edge read as the last one: the strip says more lie that way (arrows, a fade, as VS Code
    // does), the new shell's tab is scrolled into view, and "+ Shell" stays whole beside the row.
    const left = lon.getByRole('button', { name: 'Scroll the tabs left' });
    const right = lon.getByRole('button', { name: 'Scroll the tabs right' });
    await expect(strip).toHaveClass(/tabs-more-(left|right)/);
    await expect(lon.getByRole('tab', { selected: true })).toBeInViewport({ ratio: 1 });
    await expect(lon.getByRole('button', { name: '+ Shell' })).toBeInViewport({ ratio: 1 });
    // The last tab is whole with its ×, not faded at the edge under a › that promised tabs beyond it.
    await expect(lon.locator('.tab-slot').last().locator('.tab-close')).toBeInViewport({ ratio: 1 });
    await expect(strip).not.toHaveClass(/tabs-more-right/);
    await expect(right).toBeDisabled();
    // At the start of the row: nothing to the left, more to the right, and the right arrow goes there.
    await strip.evaluate((el) => el.scrollTo({ left: 0 }));
    await expect(left).toBeDisabled();
    // Scrolled there by the PE, the row stays there when it narrows or widens (the page's scrollbar coming as LON's
    // graphs load, late under load): it jumped back to the chosen tab at its end, and the › went refused under the click.
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: size.width - 16, height: size.height });
    await expect(lon.getByRole('tab').first()).toBeInViewport({ ratio: 1 });
    await page.setViewportSize(size);
    await expect(lon.getByRole('tab').first()).toBeInViewport({ ratio: 1 });
    await expect(left).toBeDisabled();
    // Refused like every other action (ActionButton): it keeps its Tab stop and says why, where a native disabled said nothing.
    await expect(left).toHaveAccessibleDescription('The first tab is in view: no more tabs to the left.');
    await lon.getByRole('tab').first().focus();
    await page.keyboard.press('Shift+Tab');
    await expect(left).toBeFocused();
    await expect(lon.getByRole('tooltip').filter({ visible: true })).toHaveText('The first tab is in view: no more tabs to the left.');
    await lon.screenshot({ path: path.join(SCREENSHOTS, 'terminal-tabs-left-refused.png') });
    await expect(right).toBeEnabled();
    await expect(strip).toHaveClass(/tabs-more-right/);
    await lon.screenshot({ path: path.join(SCREENSHOTS, 'terminal-tabs.png') });
    await right.click();
    await expect(left).toBeEnabled();
    await expect(strip).toHaveClass(/tabs-more-left/);
    await lon.screenshot({ path: path.join(SCREENSHOTS, 'terminal-tabs-scrolled-right.png') });

    // Closing the newest shell (Delete on its tab; the × beside it is the mouse's way) ends it and removes its
    // tab; the first still has its own terminal element.
    const open = await lon.getByRole('tab').count();
    await lon.getByRole('tab', { name: /^Shell [0-9]+$/ }).last().press('Delete');
    await expect(lon.getByRole('tab')).toHaveCount(open - 1);
    await renamed.click();
    await expect(lon.locator('.terminal .xterm')).toHaveAttribute('data-kept', 'yes');
    await expect(terminalRows(lon)).toContainText('first-2');

    // Dragging the handle down makes the terminal taller, and a reload keeps the height.
    const host = lon.locator('.terminal .terminal-host');
    const before = (await host.boundingBox())!.height;
    // On screen first: at the window's foot it sat 4 px in or out of view as the tabs' names changed, and a drag off screen moves nothing.
    const separator = lon.getByRole('separator', { name: 'Resize the terminal panel' });
    await separator.scrollIntoViewIfNeeded();
    const handle = (await separator.boundingBox())!;
    const grab = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x, grab.y + 150, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await host.boundingBox())!.height - before)).toBe(150);
    await page.reload();
    await expect(page.getByRole('status')).toHaveText('Connected');
    const again = await openRegion(page, 'LON');
    await expect.poll(async () => Math.round((await again.locator('.terminal .terminal-host').boundingBox())!.height - before)).toBe(150);
    await expect(again.getByRole('tab', { name: 'release notes scratchpad for S01 and LON handover checks' })).toBeVisible();

    // Maximized, the panel takes the window; Ctrl+Shift+M in the terminal gives it back.
    await again.getByRole('button', { name: 'Maximize the terminal panel' }).click();
    const viewport = page.viewportSize()!;
    const panel = page.getByRole('region', { name: 'LON terminals' });
    await expect.poll(async () => (await panel.boundingBox())!.height).toBeGreaterThan(viewport.height - 40);
    await expect(terminalRows(again)).toContainText('first-2');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'terminal-maximized.png') });
    await again.locator('.terminal .xterm').filter({ visible: true }).click();
    await page.keyboard.press('Control+Shift+M');
    await expect(again.getByRole('button', { name: 'Maximize the terminal panel' })).toBeVisible();
    await expect.poll(async () => (await panel.boundingBox())!.height).toBeLessThan(viewport.height - 40);
  });
});

test.describe("a region's command history", () => {
  const args = ['--rehearsal-at', ROLLOUT_MORNING];
  const env = { ...BARE_HOME, RELEASE_CONSOLE_DEMO_SPEED: '0' };
  test.use({ serveArgs: args, serveEnv: env });
  test.setTimeout(120_000);

  test("a step's whole transcript and a shell's open from S01's history after the console restarts, read-only and searchable", async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await writeAndReviewProductionCr(page);
    await openShell(page, 'S01');
    await typeLine(page, 'echo "shell-kept-$((9 * 9))"');
    await expect(terminalRows(page.getByRole('region', { name: 'Region S01', exact: true }))).toContainText('shell-kept-81');
    await captureBaseline(page, 'sdc-baseline@S01');
    await press(page, 'sdc-maintenance-on@S01', 'Run');
    await expectState(page, 'sdc-maintenance-on@S01', 'Done');

    // The console quits and starts again on the same data folder: no terminal session survives it.
    await stopServe(served);
    const restarted = await startServe(args, env, served.dataDir);
    try {
      await page.goto(restarted.url);
      await expect(page.getByRole('status')).toHaveText('Connected');
      const s01 = await openRegion(page, 'S01');
      await expect(s01.getByRole('tab')).toHaveCount(0);
      await s01.getByRole('button', { name: 'History' }).click();
      const run = s01.getByRole('list', { name: 'S01 command history' }).getByRole('button', { name: /maintenance enable --region S01/ });
      await expect(run).toContainText('exit 0');
      await run.click();

      const rows = terminalRows(s01);
      await expect(rows).toContainText('Checking S02 capacity');
      await expect(rows).toContainText('Maintenance mode enabled in S01, traffic served by S02');
      await s01.locator('.terminal .xterm').filter({ visible: true }).click();
      await page.keyboard.press('Control+f');
      await page.keyboard.type('traffic served by');
      await expect(s01.locator('.terminal-search-count')).toHaveText('1 of 1');
      // Read-only: typing goes nowhere, and nothing is added to the transcript.
      await page.keyboard.press('Escape');
      await page.keyboard.type('echo typed-into-history');
      await expect(rows).not.toContainText('typed-into-history');
      await s01.screenshot({ path: path.join(SCREENSHOTS, 'terminal-history.png') });

      // The shell the PE typed in before the restart is there too, as its terminal showed it.
      await s01.getByRole('list', { name: 'S01 command history' }).getByRole('button', { name: /^Shell/ }).click();
      await expect(rows).toContainText('echo "shell-kept-$((9 * 9))"');
      await expect(rows).toContainText('shell-kept-81');
    } finally {
      await stopServe(restarted);
    }
  });
});
