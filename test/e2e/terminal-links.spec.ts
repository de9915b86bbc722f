// issue 16: browser mode opened any https link from terminal output with window.open, ignoring the
// workspace's `externalLinks` allowlist that Electron applies. The demo workspace lists
// jira.example.com and confluence.example.com; a link to any other host stays unopened.
import type { Locator, Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { openRegion, terminalRows } from './steps';

test.use({ serveEnv: { HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) } });

/** The first cells of the drawn row that starts with `text`: where a person would Ctrl-click it. */
async function ctrlClickRow(page: Page, rows: Locator, text: string): Promise<void> {
  const row = rows.locator('> div').filter({ hasText: new RegExp(`^${text.replace(/[.?/]/g, '\\$&')}`) });
  const box = (await row.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await expect(rows.locator('xpath=ancestor::div[contains(@class,"xterm-screen")]')).toHaveClass(/xterm-cursor-pointer/);
  await page.keyboard.down('Control');
  await page.mouse.click(box.x + 20, box.y + box.height / 2);
  await page.keyboard.up('Control');
}

test("a link in terminal output opens only when its host is in the workspace's externalLinks", async ({ page, served, context }) => {
  const opened: string[] = [];
  context.on('page', (popup) => opened.push(popup.url()));
  const fulfil = (route: { fulfill(r: { body: string; contentType: string }): Promise<void> }) => route.fulfill({ body: 'ok', contentType: 'text/plain' });
  await context.route('https://jira.example.com/**', fulfil);
  await context.route('https://intranet.example.org/**', fulfil);
  await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');

  const lon = await openRegion(page, 'LON');
  await lon.getByRole('button', { name: '+ Shell' }).click();
  await lon.locator('.terminal .xterm').filter({ visible: true }).click();
  await page.keyboard.type("clear; printf '%s\\n' https://intranet.example.org/secrets https://jira.example.com/browse/QA-991");
  await page.keyboard.press('Enter');
  const rows = terminalRows(lon);
  await expect(rows.locator('> div').filter({ hasText: /^https:\/\/jira\.example\.com\/browse\/QA-991/ })).toHaveCount(1);

  // Not listed: the link is drawn as a link, and Ctrl-click opens nothing.
  await ctrlClickRow(page, rows, 'https://intranet.example.org/secrets');
  await expect(page.getByText("Not opened: intranet.example.org is not one of the workspace's externalLinks.")).toBeVisible();
  await page.screenshot({ path: 'test-results/terminal-links.png' });
  expect(opened).toEqual([]);

  // Listed: Ctrl-click opens it in a new window.
  const popup = context.waitForEvent('page');
  await ctrlClickRow(page, rows, 'https://jira.example.com/browse/QA-991');
  await (await popup).waitForURL('https://jira.example.com/browse/QA-991');
  expect(opened).toHaveLength(1);
});
