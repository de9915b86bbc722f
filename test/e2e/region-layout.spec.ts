import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, advance, deployToS01AndLon, enableS01MaintenanceMode, openConsole, openRegion, rehearsalAt, step } from './steps';
import { brokenWords, linesOf } from './lines';

test.use(rehearsalAt(ROLLOUT_MORNING));

/** The right-hand column (terminals) ran 22 px past the window at 1024 px: its border, "History" and "⤢" were cut. */
for (const [width, height] of [
  [1024, 720],
  [1280, 800],
  [1000, 700],
] as const) {
  test(`at ${width}x${height} a region's steps and terminals stay inside the window, nothing scrolls sideways`, async ({ page, served }) => {
    await page.setViewportSize({ width, height });
    await openConsole(page, served.url);
    const euw2 = await openRegion(page, 'EUW2');
    const terminals = euw2.locator('.region-terminals');
    await expect(terminals.getByRole('button', { name: '+ Shell' })).toBeVisible();
    const [workspace, side] = await Promise.all([euw2.boundingBox(), terminals.boundingBox()]);
    expect(side!.x + side!.width, 'the terminals end inside the region workspace').toBeLessThanOrEqual(workspace!.x + workspace!.width + 0.5);
    expect(side!.x + side!.width, 'and inside the window').toBeLessThanOrEqual(width);
    const sideways = await page.locator('.app-main').evaluate((main) => main.scrollWidth - main.clientWidth);
    expect(sideways, 'the screen does not scroll sideways').toBeLessThanOrEqual(0);
  });
}

/** A command's tab, chosen below the fold, was scrolled into view with scrollIntoView, which scrolled the page too. */
test('at 1024x720 a region opened after a command ran there opens at its top, its header and "Back out region" in sight', async ({ page, served }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await openConsole(page, served.url);
  await deployToS01AndLon(page);
  const lon = await openRegion(page, 'LON');
  await expect(lon.getByRole('tab', { selected: true })).toHaveText(/^deploy stats-transcribed 1\.9\.1/);
  // The tab row settles after the workspace draws: give it the time it took to jump (under 0.5 s in a traced run).
  await page.waitForTimeout(1_500);
  expect(await page.locator('.app-main').evaluate((main) => main.scrollTop), 'the page is not scrolled down to the terminals').toBe(0);
  await expect(lon.locator('.region-workspace-head').getByRole('button', { name: 'Back out region' })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: testInfo.outputPath('region-opened-top.png') });
});

/**
 * At 11:00 London APSE1's and APSE2's windows open at once. A notice for each (two lines apiece at 1024 px) and the
 * strip's count took 140 px of a 720 px window below the region's steps and terminal; one notice names both.
 */
test('at 1024x720 the two windows opening at 11:00 London are one notice naming both, under a tenth of the window', async ({ page, served }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await openConsole(page, served.url);
  await openRegion(page, 'LON');
  await advance(page, '+15 min');
  const notices = page.getByRole('region', { name: 'Notices' });
  await expect(notices.getByRole('listitem').getByRole('status')).toHaveText([
    'APSE1 and APSE2 windows open — Their next steps cannot start yet. Waits for "Disable maintenance mode — SDC/LON (~11:00 London)" in S01, S02, LON to be done.',
  ]);
  const strip = (await notices.boundingBox())!;
  expect(strip.height, "the notices' strip").toBeLessThanOrEqual(0.1 * 720);
  await page.screenshot({ path: testInfo.outputPath('window-notices-1024.png') });
});

/** The metric gate's bar was one 24 px line with its overflow hidden: "… not watching yet: its" and the rest of the sentence gone. */
for (const [width, height] of [
  [1024, 720],
  [1280, 800],
] as const) {
  test(`at ${width}x${height} the metric gate's bar shows its whole sentence`, async ({ page, served }, testInfo) => {
    await page.setViewportSize({ width, height });
    await openConsole(page, served.url);
    await openRegion(page, 'LON');
    const bar = step(page, 'sdc-metric-gate@LON').getByRole('progressbar');
    await expect(bar).toHaveText('Healthy for 0 of 10 minutes — not watching yet: its minutes count from "Start watching"');
    await bar.scrollIntoViewIfNeeded();
    const [barBox, textBox] = await Promise.all([bar.boundingBox(), bar.locator('span').boundingBox()]);
    expect(textBox!.y + textBox!.height, 'the last line of its words inside the bar').toBeLessThanOrEqual(barBox!.y + barBox!.height + 0.5);
    expect(textBox!.x + textBox!.width, 'its words end inside the bar').toBeLessThanOrEqual(barBox!.x + barBox!.width + 0.5);
    await page.screenshot({ path: testInfo.outputPath(`metric-gate-${width}.png`) });
  });
}

/**
 * The chosen tab was scrolled into view before the strip's arrows (‹ ›) came, and they took 50 px from its right:
 * at 1024 px LON opened after its deploy showed "deploy … · ex", its end cut, until the row was scrolled by hand.
 */
test('at 1024x720 the chosen terminal tab stays whole in the strip once its arrows take their room', async ({ page, served }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await openConsole(page, served.url);
  await deployToS01AndLon(page);
  const lon = await openRegion(page, 'LON');
  const tabs = lon.getByRole('tablist', { name: 'Terminals' });
  const chosen = tabs.getByRole('tab', { selected: true });
  await expect(chosen).toHaveText(/^deploy stats-transcribed 1\.9\.1/);
  await expect(lon.getByRole('button', { name: 'Scroll the tabs left' })).toBeVisible();
  await page.waitForTimeout(500);
  const [row, tab] = await Promise.all([tabs.boundingBox(), chosen.boundingBox()]);
  expect(tab!.x, "the tab's start in the strip").toBeGreaterThanOrEqual(row!.x - 0.5);
  expect(tab!.x + tab!.width, "and its end, ' · exit 0'").toBeLessThanOrEqual(row!.x + row!.width + 0.5);
  await lon.locator('.region-terminals').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('chosen-tab-1024.png') });
});

/**
 * LON's five deploys' tabs, in the maximized panel at 1024 px, each read "deploy … · exit 0": the name kept its first
 * 8 characters, "deploy a", the part every deploy shares, and cut the package and version that tell them apart.
 */
test('at 1024x720 the terminal tabs of two deploys in LON read differently, the package kept where the name is cut', async ({ page, served }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await openConsole(page, served.url);
  await deployToS01AndLon(page);
  const lon = await openRegion(page, 'LON');
  await lon.getByRole('button', { name: 'Maximize the terminal panel' }).click();
  const deploys = lon.getByRole('tablist', { name: 'Terminals' }).getByRole('tab', { name: /deploy apply \S+ \S+ --region LON/ });
  await expect(deploys).toHaveCount(5);
  await expect(lon.getByRole('button', { name: 'Scroll the tabs left' })).toBeVisible();
  await page.waitForTimeout(500);
  // What is drawn, not the DOM's string: of each tab's words, those that end left of where they are cut (their box's
  // right edge, less the ellipsis drawn there); words cut to nothing draw nothing.
  const drawn = await deploys.evaluateAll((tabs) =>
    tabs.map((tab) =>
      [...tab.querySelectorAll('.tab-lead, .tab-name')]
        .map((span) => {
          const text = span.firstChild as Text;
          const box = span.getBoundingClientRect();
          const range = document.createRange();
          range.setStart(text, 0);
          const cut = span.scrollWidth > span.clientWidth;
          let shown = text.length;
          for (; shown > 0; shown--) {
            range.setEnd(text, shown);
            const width = range.getBoundingClientRect();
            if (width.right + (cut ? width.width / shown : 0) <= box.right + 0.5) break;
          }
          return text.data.slice(0, shown);
        })
        .join(' ')
        .trim(),
    ),
  );
  expect(new Set(drawn).size, `five tabs, five different words drawn: ${JSON.stringify(drawn)}`).toBe(5);
  expect(drawn.every((words) => words.length >= 8), `at least 8 characters each: ${JSON.stringify(drawn)}`).toBe(true);
  // What is cut is in the tab's name for a screen reader and the pointer: the whole command line and its step.
  await expect(deploys.first()).toHaveAccessibleName(
    'deploy rt-media-gateway 4.13.0 · exit 0: deploy apply rt-media-gateway 4.13.0 --region LON, step "Deploy — SDC/LON (~11:00 London)"',
  );
  await lon.locator('.terminal-strip').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('deploy-tabs-1024.png') });
});

/**
 * At 1280 px, the panel not maximized, LON's terminal bar after its deploys read its run's command line on one line,
 * "Copy on select" and the renderer on a second and, with a longer command line, "⌕" alone on a third; and the tab row,
 * scrolled to show the chosen deploy whole at its right end, showed a sliver of the tab cut at its left edge (a "0"
 * or a "9") beside the ‹ that already says more tabs lie that way.
 */
test('at 1280x800 the terminal bar is one line under the tabs and their controls; at 1024x720 the tabs and every control are the one line; no sliver of a cut tab shows at the left of the tabs', async ({ page, served }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openConsole(page, served.url);
  await deployToS01AndLon(page);
  const lon = await openRegion(page, 'LON');
  const tabs = lon.getByRole('tablist', { name: 'Terminals' });
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText(/^deploy stats-transcribed 1\.9\.1/);
  await expect(lon.getByRole('button', { name: 'Scroll the tabs left' })).toBeVisible();
  await lon.locator('.region-terminals').scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);

  const bar = lon.locator('.terminal:not([hidden]) .terminal-bar');
  const title = bar.locator('.terminal-title');
  await expect(title).toHaveAttribute('title', 'deploy apply stats-transcribed 1.9.1 --region LON · ended: exit 0');
  const middle = async (element: Locator) => ((box) => box.y + box.height / 2)((await element.boundingBox())!);
  // The panel's controls are on the tabs' row (Copy on select and the renderer behind Options, TerminalPanelOptions);
  // the bar under it is the command line and how it ended, on one line.
  const strip = lon.locator('.terminal-strip');
  const controls = stripControls(strip);
  for (const [name, control] of Object.entries(controls)) {
    expect(Math.abs((await middle(control)) - (await middle(tabs.getByRole('tab', { selected: true })))), `"${name}" on the tabs' row`).toBeLessThan(8);
  }
  const [barBox, search] = await Promise.all([bar.boundingBox(), controls['⌕'].boundingBox()]);
  expect(barBox!.height, 'the bar one line tall').toBeLessThanOrEqual(31);
  expect(search!.x + search!.width, '"⌕" inside the panel').toBeLessThanOrEqual(barBox!.x + barBox!.width + 0.5);

  // What is drawn over a tab cut at the row's left edge: its remnant's pixels, all one colour (the panel's) when hidden.
  const row = (await tabs.boundingBox())!;
  const remnant = await tabs.evaluate((el) => {
    const left = el.getBoundingClientRect().left;
    const cut = [...el.children].map((slot) => slot.getBoundingClientRect()).find((tab) => tab.left < left - 1 && tab.right > left);
    return cut === undefined ? 0 : Math.floor(cut.right - left);
  });
  expect(remnant, 'the row is scrolled into a tab at its left edge').toBeGreaterThan(0);
  const shot = await page.screenshot({ clip: { x: row.x, y: row.y, width: remnant, height: row.height } });
  const colours = await page.evaluate(async (png) => {
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    const seen = new Set<string>();
    for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]! >> 2},${data[i + 1]! >> 2},${data[i + 2]! >> 2}`);
    return seen.size;
  }, shot.toString('base64'));
  expect(colours, `the ${remnant} px left of the first whole tab show nothing of the tab cut there`).toBe(1);
  await page.screenshot({ path: testInfo.outputPath('terminal-bar-1280.png'), clip: { x: row.x - 40, y: row.y - 10, width: barBox!.width + 40, height: 120 } });

  // At 1024x720 beside LON's steps (~418 px) the tabs and every control are one row over the output, each control
  // whole inside the panel and named as at 1280 (a sign for "+ Shell", History and Options). Before, Options and "⌕" were
  // on a second line, the bar's, which said again what the tab said ("· ended: exit 0" under "· exit 0").
  await page.setViewportSize({ width: 1024, height: 720 });
  await lon.locator('.region-terminals').scrollIntoViewIfNeeded();
  const panel = (await lon.locator('.region-terminals').boundingBox())!;
  const tabMiddle = await middle(tabs.getByRole('tab', { selected: true }));
  for (const [name, control] of Object.entries(controls)) {
    await expect(control, `"${name}" shown at 1024`).toBeVisible();
    const box = (await control.boundingBox())!;
    expect(Math.abs(box.y + box.height / 2 - tabMiddle), `"${name}" on the tabs' row at 1024`).toBeLessThan(8);
    expect(box.x + box.width, `"${name}" inside the panel at 1024`).toBeLessThanOrEqual(panel.x + panel.width);
  }
  await expect(bar).toBeHidden();
  const [stripBox, output] = await Promise.all([strip.boundingBox(), lon.locator('.terminal:not([hidden]) .terminal-host').boundingBox()]);
  expect(output!.y - (stripBox!.y + stripBox!.height), "px between the tabs' row and the output at 1024").toBeLessThanOrEqual(1);
  await expect(tabs.getByRole('tab', { selected: true })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: testInfo.outputPath('terminal-bar-1024.png'), clip: { x: panel.x - 10, y: panel.y - 10, width: panel.width + 20, height: 120 } });
});

/** The terminal panel's own controls on its tabs' row, by the names they keep at every width. */
function stripControls(strip: Locator): Record<'+ Shell' | 'History' | 'Options' | '⌕' | '⤢', Locator> {
  return {
    '+ Shell': strip.getByRole('button', { name: '+ Shell', exact: true }),
    History: strip.getByRole('button', { name: 'History', exact: true }),
    Options: strip.getByRole('button', { name: 'Options', exact: true }),
    '⌕': strip.getByRole('button', { name: 'Search', exact: true }),
    '⤢': strip.getByRole('button', { name: 'Maximize the terminal panel', exact: true }),
  };
}

/**
 * S01's deploy card beside its terminals at 1024 px read "deploy apply rt-media-gateway 4.13.0 --" over "region S01":
 * the box broke at the flag's hyphens, as if "region" were an argument of its own.
 */
test('at 1024x720 a step card breaks its command lines between their arguments only, "--region" never split', async ({ page, served }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await openConsole(page, served.url);
  await enableS01MaintenanceMode(page);
  await openRegion(page, 'S01');
  const commands = step(page, 'sdc-deploy@S01').locator('.step-commands');
  await expect(commands).toContainText('deploy apply rt-media-gateway 4.13.0 --region S01');
  await commands.scrollIntoViewIfNeeded();
  expect(await linesOf(commands, ['deploy apply rt-media-gateway 4.13.0 --region S01']), 'the line wraps in a box this narrow').toEqual([2]);
  expect(await brokenWords(commands), 'arguments drawn over two lines').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('step-commands-1024.png') });
});
