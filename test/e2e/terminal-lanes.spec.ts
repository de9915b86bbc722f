// Issue 18: each terminal session a window shows has its output on a socket of its own, a lane
// (main/serve/output-lanes.ts), so one shell's flood cannot queue ahead of another shell's echo. A lane
// lost in the middle of a command's output (here: closed under the page, so the frames on their way are
// dropped) must not cost the PE a line or show one twice: the window attaches the shell again, is handed
// what went by from the session's replay, and opens a new lane.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openRegion, openShell, terminalRows } from './steps';

test.use({ serveEnv: { HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) } });
test.setTimeout(120_000);

const LINES = 60;

/** Every line the region's shown terminal holds, scrollback included (xterm.js's buffer, not only the rows on screen). */
function bufferLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector('.terminal:not([hidden]) .terminal-host') as (HTMLElement & { terminal?: { buffer: { active: { length: number; getLine(y: number): { translateToString(trim: boolean): string } | undefined } } } }) | null;
    const buffer = host?.terminal?.buffer.active;
    if (!buffer) return [];
    return Array.from({ length: buffer.length }, (_, y) => buffer.getLine(y)?.translateToString(true) ?? '');
  });
}

test("a shell whose output socket is lost mid-command shows every line once, and its output goes on a new socket", async ({ page, served }) => {
  // The page's own sockets: a lane is read by the lane worker (renderer/api/lane-worker.ts), never on the page's thread.
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const opened: string[] = [];
    (window as unknown as { pageSockets: string[] }).pageSockets = opened;
    window.WebSocket = class extends Native {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        opened.push(String(args[0]));
      }
    };
  });
  const laneWorker = page.waitForEvent('worker');
  await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');
  // The worker's lanes, so the test can drop one as a network fault would. The page starts the worker as it
  // connects, before any terminal opens, so every lane it opens is seen here.
  const worker = await laneWorker;
  await worker.evaluate(() => {
    const scope = self as unknown as { WebSocket: typeof WebSocket; lanes: WebSocket[] };
    const Native = scope.WebSocket;
    const lanes: WebSocket[] = [];
    scope.lanes = lanes;
    scope.WebSocket = class extends Native {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        lanes.push(this);
      }
    };
  });
  const laneUrls = () => worker.evaluate(() => (self as unknown as { lanes: WebSocket[] }).lanes.map((lane) => lane.url));
  const lon = await openRegion(page, 'LON');
  await openShell(lon);
  await expect.poll(async () => (await laneUrls()).length, { message: "the shell's output has a socket of its own" }).toBe(1);

  // Lines that go on printing while the lane is lost; the shell computes the last one, so the typed line never matches it.
  await page.keyboard.type(`for i in $(seq 1 ${LINES}); do echo "line-$i"; sleep 0.05; done; echo "all-$((6 * 7))"`);
  await page.keyboard.press('Enter');
  await expect(terminalRows(lon)).toContainText('line-10');
  await worker.evaluate(() => (self as unknown as { lanes: WebSocket[] }).lanes.at(-1)!.close());

  await expect.poll(async () => (await bufferLines(page)).some((line) => line === 'all-42'), { timeout: 30_000 }).toBe(true);
  const printed = (await bufferLines(page)).filter((line) => /^line-[0-9]+$/.test(line));
  expect(printed).toEqual(Array.from({ length: LINES }, (_, i) => `line-${i + 1}`));
  // The window opened a new lane for the shell once it had caught up.
  await expect.poll(async () => (await laneUrls()).length).toBe(2);
  const [first, second] = (await laneUrls()).map((url) => new URL(url).searchParams.get('session'));
  expect(second).toBe(first);
  // Both lanes were the worker's: the page's thread opened no socket but its API socket.
  const pageSockets = await page.evaluate(() => (window as unknown as { pageSockets: string[] }).pageSockets.map((url) => new URL(url).pathname));
  expect(pageSockets).not.toContain('/api/lane');
  expect(pageSockets).toContain('/api');
  await expect(page.getByRole('status')).toHaveText('Connected');
});
