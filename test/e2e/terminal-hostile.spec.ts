import type { Locator, Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { openRegion, terminalRows } from './steps';

/**
 * Output that tries to take over the window: a hostile title (OSC 0/2), clipboard writes and reads
 * (OSC 52), and hyperlinks (OSC 8) to javascript: and file:. Printed by a real shell in a region
 * terminal, drawn by xterm.js in Chromium; all of it must stay inert.
 */

// bash for `read -t`; a HOME without rc files, so the shell starts at once and sets no title of its own.
test.use({ serveEnv: { SHELL: '/bin/bash', HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) }, permissions: ['clipboard-read', 'clipboard-write'] });

/**
 * Runs a line in the shell; printf's %b turns the \033 and \007 escapes into the real bytes. Markers
 * that show a line ran are computed by the shell ($((1 + 1))), so the echoed command line never matches.
 */
async function shell(page: Page, terminal: Locator, line: string): Promise<void> {
  await terminal.click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** The first cells of the drawn row that starts with `text`: where a person would click it. */
async function cellsOf(rows: Locator, text: string): Promise<{ x: number; y: number }> {
  const row = rows.locator('> div').filter({ hasText: new RegExp(`^${text}`) });
  const box = (await row.boundingBox())!;
  return { x: box.x + 12, y: box.y + box.height / 2 };
}

test('escape sequences in output cannot set the page title, touch the clipboard or open javascript:/file: links', async ({ page, served, context }) => {
  await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');
  const pageTitle = await page.title();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const opened: Page[] = [];
  context.on('page', (popup) => opened.push(popup));
  await context.route('https://jira.example.com/**', (route) => route.fulfill({ body: 'ok', contentType: 'text/plain' }));
  await page.evaluate(() => navigator.clipboard.writeText('clipboard-before'));

  const lon = await openRegion(page, 'LON');
  await lon.getByRole('button', { name: '+ Shell' }).click();
  const terminal = lon.locator('.terminal .xterm');
  const rows = terminalRows(lon);

  // Title: OSC 0 with markup, far too long, then OSC 2. Shown as plain text in the bar, cut short, never as the page's title.
  const hostileTitle = `<img src=x onerror=alert(1)>PWNED${'A'.repeat(100)}`;
  await shell(page, terminal, `printf '%b' '\\033]0;${hostileTitle}\\007'; echo "title-$((1 + 1))-done"`);
  await expect(rows).toContainText('title-2-done');
  // After the shell's name: two shells whose programs set one title still read apart.
  await expect(lon.locator('.terminal-title')).toHaveText(`Shell · ${hostileTitle.slice(0, 79)}…`);
  await expect(lon.locator('.terminal-bar img')).toHaveCount(0);
  await shell(page, terminal, `printf '%b' '\\033]2;second-title\\007'; echo "title-$((1 + 2))-done"`);
  await expect(rows).toContainText('title-3-done');
  await expect(lon.locator('.terminal-title')).toHaveText('Shell · second-title');
  expect(await page.title()).toBe(pageTitle);

  // Clipboard: a write is ignored, and a read is never answered (the shell waits a second and gets nothing).
  await shell(page, terminal, `printf '%b' '\\033]52;c;cHduZWQ=\\007'; printf '%b' '\\033]52;c;?\\007'; IFS= read -r -t 1 reply; echo "reply=[\${#reply}]"`);
  await expect(rows).toContainText('reply=[0]');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('clipboard-before');

  // Links: javascript: and file: are not links at all; an https one is (the control), and opens only with Ctrl.
  await shell(page, terminal, 'clear');
  await shell(
    page,
    terminal,
    `printf '%b\\n' '\\033]8;;javascript:document.title=%22pwned%22\\007JSLINK\\033]8;;\\007' '\\033]8;;file:///etc/passwd\\007FILELINK\\033]8;;\\007' '\\033]8;;https://jira.example.com/ok\\007WEBLINK\\033]8;;\\007'`,
  );
  await expect(rows).toContainText('WEBLINK');
  const screen = lon.locator('.xterm-screen');
  for (const text of ['JSLINK', 'FILELINK']) {
    const at = await cellsOf(rows, text);
    await page.mouse.move(at.x, at.y);
    await expect(screen).not.toHaveClass(/xterm-cursor-pointer/);
    await page.keyboard.down('Control');
    await page.mouse.click(at.x, at.y);
    await page.keyboard.up('Control');
  }
  const web = await cellsOf(rows, 'WEBLINK');
  await page.mouse.move(web.x, web.y);
  await expect(screen).toHaveClass(/xterm-cursor-pointer/);
  await page.mouse.click(web.x, web.y);
  await expect(lon.locator('.terminal-title')).toHaveText('Shell · second-title');
  expect(opened).toEqual([]);
  const popup = context.waitForEvent('page');
  await page.keyboard.down('Control');
  await page.mouse.click(web.x, web.y);
  await page.keyboard.up('Control');
  await (await popup).waitForURL('https://jira.example.com/ok');

  expect(opened).toHaveLength(1);
  expect(await page.title()).toBe(pageTitle);
  expect(dialogs).toEqual([]);
});
