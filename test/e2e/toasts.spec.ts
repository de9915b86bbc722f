import { expect, test } from './fixtures';
import { advance, deployToS01AndLon, enterPaletteCommand, openConsole, openRegion, openShell, ROLLOUT_MORNING } from './steps';

test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING], viewport: { width: 1280, height: 720 } });

/**
 * Toasts floated over the bottom-right corner, over the terminal panel's controls and the screens' last
 * buttons. They now take their own room below the screens: newest first, counted, dismissed one by one or all.
 */
test('notices stack below the screens, newest first with their count, cover no control, and are dismissed all at once', async ({ page, context, served }) => {
  await openConsole(page, served.url);
  const s01 = await openRegion(page, 'S01');
  const copy = s01.getByRole('region', { name: 'S01 verification table' }).getByRole('button', { name: 'Copy' });
  await expect(copy).toBeEnabled();
  // 11:10 London: APSE1's and APSE2's windows opened at 11:00, and main says so.
  await advance(page, '+15 min');
  const notices = page.getByRole('region', { name: 'Notices' });
  const items = notices.getByRole('listitem');
  await expect(items.filter({ hasText: 'APSE1' }).first()).toBeVisible();
  const before = await items.count();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await copy.click();
  await expect(items).toHaveCount(before + 1);
  await expect(notices).toContainText(`${before + 1} notices, newest first`);
  await expect(items.first()).toContainText("Copied S01's verification table to the clipboard.");
  await expect(items.last()).not.toContainText('to the clipboard.');

  // No button lies under a notice: at each button's centre, what the page shows is not a notice.
  const covered = await page.locator('button:visible').evaluateAll((buttons) =>
    buttons
      .filter((button) => !button.closest('[aria-label="Notices"]'))
      .filter((button) => {
        const b = button.getBoundingClientRect();
        const x = b.left + b.width / 2;
        const y = b.top + b.height / 2;
        if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return false;
        // Scrolled out of its scrolling pane is out of view, not under a notice.
        for (let p = button.parentElement; p; p = p.parentElement) {
          if (getComputedStyle(p).overflowY === 'visible') continue;
          const r = p.getBoundingClientRect();
          if (y < r.top || y >= r.bottom || x < r.left || x >= r.right) return false;
        }
        return document.elementFromPoint(x, y)?.closest('[aria-label="Notices"]') != null;
      })
      .map((button) => button.textContent ?? ''),
  );
  expect(covered).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('toasts-1280.png') });

  await notices.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(items).toHaveCount(0);
});

test('a burst of notices clears on each one\'s own time, not one after another', async ({ page, context, served }) => {
  await openConsole(page, served.url);
  const s01 = await openRegion(page, 'S01');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // 11:10 London: two windows opened at 11:00 and main says so (one notice names both); S01's table copied at once, a burst of two or more.
  await advance(page, '+15 min');
  await s01.getByRole('region', { name: 'S01 verification table' }).getByRole('button', { name: 'Copy' }).click();
  const items = page.getByRole('region', { name: 'Notices' }).getByRole('listitem');
  // Both on screen at once, each waited for: the count read the instant the first showed could miss the other.
  await expect(items.filter({ hasText: 'APSE2' }).first()).toBeVisible();
  await expect(items.filter({ hasText: "Copied S01's verification table to the clipboard." })).toBeVisible();
  // Each stays 8 s. Before, only the oldest was timed, so a burst of n stayed 8 s x n.
  await expect(items).toHaveCount(0, { timeout: 13_000 });
});

// A burst took up to a quarter of the window below the screens (and ate the rollback dialog's body): the strip
// now shows the newest few, says how many there are, and gives the rest on "Show all".
test('a burst of notices shows the newest three in a few lines with the count; "Show all" gives every one, "Dismiss all" clears them', async ({ page, context, served }) => {
  await openConsole(page, served.url);
  const s01 = await openRegion(page, 'S01');
  const copy = s01.getByRole('region', { name: 'S01 verification table' }).getByRole('button', { name: 'Copy' });
  const notices = page.getByRole('region', { name: 'Notices' });
  const items = notices.getByRole('listitem');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Distinct notices make the burst, the same one again being one line with its count (S01's table copied six
  // times, ×6): APSE1's and APSE2's windows opening at 11:00 London (one notice names both), and S01's, LON's and
  // S02's tables copied. Each notice lasts 8 s, so the burst is made in a few clicks.
  await advance(page, '+15 min');
  for (let i = 0; i < 6; i++) await copy.click();
  const lon = await openRegion(page, 'LON');
  await lon.getByRole('region', { name: 'LON verification table' }).getByRole('button', { name: 'Copy' }).click();
  const s02 = await openRegion(page, 'S02');
  await s02.getByRole('region', { name: 'S02 verification table' }).getByRole('button', { name: 'Copy' }).click();
  await expect(items.filter({ hasText: "Copied S01's verification table to the clipboard." })).toHaveText(/clipboard\.\s*×6/);
  await expect(notices).toContainText(/^\d+ notices, newest first; \d+ older not shown/);
  const [, total, hidden] = /^(\d+) notices, newest first; (\d+) older not shown/.exec((await notices.locator('.toasts-head').textContent()) ?? '') ?? [];
  expect(Number(total) - Number(hidden)).toBe(3);
  await expect(items).toHaveCount(3);
  await expect(items.first()).toContainText("Copied S02's verification table to the clipboard.");
  // A few lines: the screens keep their room.
  expect((await notices.boundingBox())!.height).toBeLessThanOrEqual(160);
  await page.screenshot({ path: test.info().outputPath('toasts-burst-folded.png') });

  await notices.getByRole('button', { name: 'Show all' }).click();
  expect(await items.count()).toBeGreaterThan(3);
  await expect(notices.getByRole('button', { name: 'Show fewer' })).toHaveAttribute('aria-expanded', 'true');
  await expect(notices.locator('.toasts-head')).not.toContainText('older not shown');
  await page.screenshot({ path: test.info().outputPath('toasts-burst-all.png') });
  await notices.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(items).toHaveCount(0);
});

// The newest three show; an error folded under a burst of window notices was only one of "2 older not shown".
test('an error folded under a burst is named in the head, and "Show all" gives it', async ({ page, context, served }) => {
  await openConsole(page, served.url);
  const s01 = await openRegion(page, 'S01');
  const copy = s01.getByRole('region', { name: 'S01 verification table' }).getByRole('button', { name: 'Copy' });
  const notices = page.getByRole('region', { name: 'Notices' });
  const items = notices.getByRole('listitem');
  // A paste into a shell without the permission to read the clipboard: an error notice.
  await openShell(s01);
  await page.keyboard.press('Control+Shift+V');
  const refused = 'The clipboard could not be read: the console has no permission to paste.';
  await expect(items.first()).toContainText(refused);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // 11:10 London: APSE1's and APSE2's windows open (one notice); then S01's and S02's tables copied. The error is the oldest of four or more.
  await advance(page, '+15 min');
  await copy.click();
  const s02 = await openRegion(page, 'S02');
  await s02.getByRole('region', { name: 'S02 verification table' }).getByRole('button', { name: 'Copy' }).click();
  await expect(items).toHaveCount(3);
  await expect(notices.getByRole('alert')).toHaveCount(0);
  await expect(notices.locator('.toasts-head')).toContainText(/^\d+ notices, newest first; \d+ older not shown, (an error|1 of them an error)/);
  await page.screenshot({ path: test.info().outputPath('toasts-error-folded-1280.png') });
  await notices.getByRole('button', { name: 'Show all' }).click();
  await expect(notices.getByRole('alert')).toHaveText(refused);
});

// Under "Show all" the whole strip scrolled, head and all: with the list scrolled to its oldest, the count and
// "Dismiss all" were out of sight. It is bounded, its list scrolls under the head, and in the rollback dialog it
// lies below the plan, never over its confirm.
test('"Show all" is bounded at 1280×720: the list scrolls under its head, newest first, "Dismiss all" in sight, in the rollback dialog below its buttons', async ({ page, context, served }) => {
  await openConsole(page, served.url);
  const notices = page.getByRole('region', { name: 'Notices' });
  const items = notices.getByRole('listitem');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Each notice lasts 8 s: APSE1's and APSE2's windows opening at 11:00 London (one notice) and four tables copied, at once.
  await advance(page, '+15 min');
  for (const region of ['APSE1', 'S01', 'S02', 'LON']) {
    const pane = await openRegion(page, region);
    await pane.getByRole('region', { name: `${region} verification table` }).getByRole('button', { name: 'Copy' }).click();
  }
  await notices.getByRole('button', { name: 'Show all' }).click();
  const shown = await items.count();
  expect(shown).toBeGreaterThan(3);
  await expect(items.first()).toContainText('verification table to the clipboard.');
  // Being read, the list stays past each notice's 8 s (before, it emptied under the reader, and under the rollback
  // dialog below, which once found no notices left to measure).
  await page.waitForTimeout(8_500);
  await expect(items).toHaveCount(shown);

  /** Scrolls whatever scrolls in the strip to its oldest notice, then says what is in sight. */
  const scrolledToOldest = () =>
    notices.evaluate((strip) => {
      for (const element of [strip, ...strip.querySelectorAll('*')]) element.scrollTop = element.scrollHeight;
      const list = strip.querySelector('ul')!;
      const seen = (element: Element) => {
        const box = element.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit !== null && element.contains(hit);
      };
      const dismissAll = [...strip.querySelectorAll('button')].find((b) => b.textContent === 'Dismiss all')!;
      return { height: strip.getBoundingClientRect().height, listScrolls: list.scrollHeight > list.clientHeight, headSeen: seen(strip.querySelector('.toasts-head span')!), dismissAllSeen: seen(dismissAll) };
    });
  const below = await scrolledToOldest();
  expect(below).toMatchObject({ listScrolls: true, headSeen: true, dismissAllSeen: true });
  expect(below.height).toBeLessThanOrEqual(0.3 * 720);
  await page.screenshot({ path: test.info().outputPath('toasts-show-all-1280x720.png') });

  // The rollback dialog opens over the screens: the notices go inside it, below its plan and its confirm.
  await page.keyboard.press('Control+k');
  await enterPaletteCommand(page, 'Roll back HO-1234');
  const dialog = page.getByRole('dialog', { name: 'Roll back HO-1234' });
  const inDialog = dialog.getByRole('region', { name: 'Notices' });
  await expect(inDialog.getByRole('listitem').first()).toBeVisible();
  // HO-1234 is deployed nowhere yet at 11:10: the dialog says why it cannot start, and Close is its one button.
  const close = dialog.getByRole('button', { name: 'Close', exact: true });
  await expect(close).toBeVisible();
  const [closeBox, stripBox] = [(await close.boundingBox())!, (await inDialog.boundingBox())!];
  expect(closeBox.y + closeBox.height).toBeLessThanOrEqual(stripBox.y);
  expect(closeBox.y + closeBox.height).toBeLessThanOrEqual(720);
  expect(await close.evaluate((button) => {
    const box = button.getBoundingClientRect();
    return button.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
  })).toBe(true);
  await expect(inDialog.getByRole('button', { name: 'Dismiss all' })).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('toasts-show-all-rollback-dialog.png') });
});

// In the rollback dialog "Show all" (and the three folded before it) took 178 px of a 720 px window, and the plan being
// confirmed kept a 95 px slit: LON's head and its first package. In a dialog the strip is its head and the newest
// notice; "Show all" scrolls the rest under the head, and the plan's first region shows every package it rolls back.
test.describe('notices in the rollback dialog on a 720 px window', () => {
  test.use({ serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' } });

  for (const width of [1280, 1024]) {
    test(`at ${width}×720, "Show all" on five notices leaves the plan's first region and the confirm in sight`, async ({ page, context, served }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: 720 });
      await openConsole(page, served.url);
      await deployToS01AndLon(page);
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      // Five at once: APSE1's and APSE2's windows opening at 11:00 London (one notice names both), and four tables copied.
      await advance(page, '+15 min');
      for (const region of ['APSE1', 'S01', 'S02', 'LON']) {
        const pane = await openRegion(page, region);
        await pane.getByRole('region', { name: `${region} verification table` }).getByRole('button', { name: 'Copy' }).click();
      }
      await page.keyboard.press('Control+k');
      await enterPaletteCommand(page, 'Roll back HO-1234');
      const dialog = page.getByRole('dialog', { name: 'Roll back HO-1234' });
      const notices = dialog.getByRole('region', { name: 'Notices' });
      // Folded in a dialog: the newest alone, the rest counted.
      await expect(notices.getByRole('listitem')).toHaveCount(1);
      await expect(notices.locator('.toasts-head')).toContainText(/^\d+ notices, newest first; \d+ older not shown/);
      await notices.getByRole('button', { name: 'Show all' }).click();
      expect(await notices.getByRole('listitem').count()).toBeGreaterThanOrEqual(5);
      await expect(notices.getByRole('button', { name: 'Dismiss all' })).toBeInViewport();

      // LON, the first region rolled back, with each of its packages in sight in the plan: not scrolled off, not under a notice.
      const lon = dialog.getByRole('list', { name: 'Rollback plan' }).getByRole('listitem').filter({ hasText: 'LON' }).first();
      const packages = lon.locator('.rb-packages li');
      await expect(packages).toHaveText([/^rt-media-gateway/, /^routing-engine/, /^cdr-export-lambda/]);
      const hidden = await packages.evaluateAll((items) =>
        items
          .filter((item) => {
            const box = item.getBoundingClientRect();
            const body = item.closest('.rb-body')!.getBoundingClientRect();
            const x = box.left + 20;
            const y = box.top + box.height / 2;
            return y < body.top || y >= body.bottom || !item.contains(document.elementFromPoint(x, y));
          })
          .map((item) => item.textContent),
      );
      expect(hidden).toEqual([]);
      const confirm = dialog.getByRole('button', { name: 'Roll back HO-1234 now' });
      const [confirmBox, stripBox] = [(await confirm.boundingBox())!, (await notices.boundingBox())!];
      expect(confirmBox.y + confirmBox.height).toBeLessThanOrEqual(stripBox.y);
      expect(stripBox.height).toBeLessThanOrEqual(100);
      await page.screenshot({ path: test.info().outputPath(`toasts-show-all-rollback-plan-${width}x720.png`) });
    });
  }
});
