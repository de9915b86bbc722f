// issue 16: a window that stops reading (here: its script paused in the debugger) while terminals it
// shows flood. The server lets it go once it is 16 MB behind, or once it has held a shell paused and read
// none of its output for 15 s (shared/terminal/flowControl.ts, STALLED_CONSUMER_MS: with a socket per
// terminal, Chromium takes all of a paused page's output off them, so it is never 16 MB behind on the
// server); when it runs again it reconnects by itself, attaches again to its shell and shows the output it
// missed, as a reload would, without one.
import WebSocket from 'ws';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type ServedConsole } from './fixtures';
import { openRegion, terminalRows } from './steps';
import { call } from '../main/serve/slow-client-flood';

test.use({ serveEnv: { HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) } });
test.setTimeout(180_000);

/** A second client, as another window of the same operator would be, for driving the flood. */
function connect(served: ServedConsole): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${new URL(served.url).host}/api?token=${served.token}`, { headers: { Origin: served.origin } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

interface TerminalInfo {
  sessionId: string;
  regionId: string | null;
  kind: string;
}

/**
 * Shells that flood at once. A shell's output goes only to the windows showing it, and flow control pauses
 * it once a window owes 2 M chars (HIGH_WATERMARK_CHARS), so a paused window falls behind by 2 M a shell it
 * shows. Chromium's network side and the kernel keep reading for a paused page, well past the server's
 * 16 MB send budget: ten shells (20 MB) were all taken off the socket and the window was never let go.
 */
const FLOODING_SHELLS = 32;

test('a window paused while the shells it shows flood is let go, reconnects, and its shell shows what it missed', async ({ page, served }) => {
  const sockets: string[] = [];
  // The window's API socket; each shell it shows has its output on a socket of its own besides (main/serve/output-lanes.ts).
  page.on('websocket', (ws) => {
    if (new URL(ws.url()).pathname === '/api') sockets.push(ws.url());
  });
  await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');
  const lon = await openRegion(page, 'LON');
  await lon.getByRole('button', { name: '+ Shell' }).click();
  await lon.locator('.terminal .xterm').filter({ visible: true }).click();
  await page.keyboard.type('echo "before-$((6 * 7))"');
  await page.keyboard.press('Enter');
  const rows = terminalRows(lon);
  await expect(rows).toContainText('before-42');
  expect(sockets).toHaveLength(1);

  // Another window of the operator opens shells in LON, which this window shows (each tab attached) and the other leaves.
  const driver = await connect(served);
  const { terminals } = await call<{ terminals: TerminalInfo[] }>(driver, 'listTerminals', {});
  const shell = terminals.find((t) => t.regionId === 'LON' && t.kind === 'shell')!;
  const flooding: string[] = [];
  for (let i = 0; i < FLOODING_SHELLS; i++) {
    const { info } = await call<{ info: TerminalInfo }>(driver, 'openTerminal', { regionId: 'LON', cols: 120, rows: 30 });
    await call(driver, 'detachTerminal', { sessionId: info.sessionId });
    flooding.push(info.sessionId);
  }
  // Each behind a tab of its own, parked (hidden) but attached and writing, as the window's own shell stays shown.
  await expect(lon.locator('.terminal-parked .xterm')).toHaveCount(FLOODING_SHELLS);

  // The window stops reading: its script is paused, so Chromium stops taking frames off the socket.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Debugger.enable');
  const paused = new Promise((resolve) => cdp.once('Debugger.paused', resolve));
  await cdp.send('Debugger.pause');
  await paused;
  for (const sessionId of flooding) {
    await call(driver, 'writeTerminal', { sessionId, data: "head -c 2500000 /dev/zero | tr '\\0' x | fold -w 200; echo FLOOD-$((1+1))-DONE\r" });
  }
  // Every flood ends only once the server has let the paused window go: until then it holds each shell paused.
  await expect
    .poll(async () => {
      let done = 0;
      for (const sessionId of flooding) {
        const { replay } = await call<{ replay: string }>(driver, 'attachTerminal', { sessionId });
        await call(driver, 'detachTerminal', { sessionId });
        if (replay.includes('FLOOD-2-DONE')) done++;
      }
      return done;
    }, { timeout: 120_000, intervals: [500] })
    .toBe(FLOODING_SHELLS);

  // Printed in the paused window's shell after the server let the window go: only a resync can show it.
  await call(driver, 'writeTerminal', { sessionId: shell.sessionId, data: 'echo "missed-$((6 * 7))"\r' });
  driver.close();

  await cdp.send('Debugger.resume');
  await cdp.send('Debugger.disable');
  await expect(rows).toContainText('missed-42', { timeout: 30_000 });
  await expect(page.getByRole('status')).toHaveText('Connected');
  expect(sockets, 'the window reconnected on a new socket').toHaveLength(2);
  await expect(rows).toContainText('before-42');
  await page.screenshot({ path: 'test-results/slow-window.png' });
});
