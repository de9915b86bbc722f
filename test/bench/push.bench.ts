// release.intent_to_push_ms and release.push_bytes_per_intent: two Chromium windows on the real console
// (createConsole + the browser-mode server, in this process so the bytes can be counted where they leave),
// both on the QA checklist of the same release. Window A ticks a QA item (Pass, then Reopen, alternating);
// the figure is from the click to the moment both windows show the new outcome, p95 over the ticks. QA
// ticks follow a deploy and are QA's (issue 17), so the PE deploys S01 first and the windows open as QA.
// Bytes are counted at the server: every frame `ws` sends to a window's socket from the click until the
// push has settled, minus the metrics and terminal streams (they flow whether anyone ticks or not).
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { createConsole } from '../../main/console';
import { startServer } from '../../main/serve/server';
import type { ReleaseView, Result } from '../../shared/api';
import { stepState } from '../main/release-view';

const TICKS = 40;
const RELEASE = '2026-03-product-rollout';
const WARM_UP = 4;
/** After both windows show the tick: time for trailing frames (the push debounce is 30 ms) to arrive. */
const SETTLE_MS = 250;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Streams that are not the release view: they are sent on their own schedule, tick or no tick. */
const OTHER_STREAMS = /^"(metrics|terminal|rollback)/;

// Every frame a socket sends, by socket, split into view frames and the other streams.
const sent = new Map<WebSocket, { view: number; other: number; frames: number }>();
const originalSend = WebSocket.prototype.send;
WebSocket.prototype.send = function send(this: WebSocket, data: unknown, ...rest: unknown[]) {
  const counter = sent.get(this) ?? { view: 0, other: 0, frames: 0 };
  // Binary frames are terminal output (shared/api/terminalFrame.ts), one of the other streams.
  if (typeof data !== 'string') counter.other += (data as Uint8Array).byteLength;
  else counter[OTHER_STREAMS.test(/^\{"event":("[^"]*")/.exec(data)?.[1] ?? '') ? 'other' : 'view'] += Buffer.byteLength(data);
  counter.frames++;
  sent.set(this, counter);
  return (originalSend as (...args: unknown[]) => void).call(this, data, ...rest);
} as typeof WebSocket.prototype.send;

const root = process.cwd();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-bench-push-'));
const app = await createConsole({ dataDir, rehearsalStart: Date.parse('2026-03-19T10:55:00Z') });

const setup = { transport: 'browser' as const, connectionId: 'bench-setup' };
async function value<T>(name: string, payload: unknown): Promise<T> {
  const result = (await app.host.invoke(name, payload, setup)) as Result<T>;
  if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
  return result.value;
}
await value('setOperator', { name: 'alice', role: 'PE' });
await value('completeStep', { releaseId: RELEASE, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
await value('setOperator', { name: 'bob', role: 'PE' });
await value('approveStep', { releaseId: RELEASE, stepId: 'review-prod-cr', regionId: null });
await value('setOperator', { name: 'alice', role: 'PE' });
for (const stepId of ['sdc-baseline', 'sdc-maintenance-on', 'sdc-deploy']) {
  await value('startStep', { releaseId: RELEASE, stepId, regionId: 'S01' });
  for (let state = ''; state !== 'done'; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const view = await value<ReleaseView>('getReleaseView', {});
    state = stepState(view, `${stepId}@S01`) ?? '';
    if (state === 'failed') throw new Error(`${stepId} in S01 failed`);
  }
}
// A window opens as the operator last signed in anywhere.
await value('setOperator', { name: 'quinn', role: 'QA' });
const server = await startServer({ host: app.host, rendererDir: path.join(root, 'out', 'renderer') });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });

async function openWindow(): Promise<{ page: Page; socket: WebSocket }> {
  const before = new Set(sent.keys());
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'QA checklist' }).click();
  await page.locator('[data-qa]').first().waitFor();
  const socket = [...sent.keys()].find((ws) => !before.has(ws));
  if (!socket) throw new Error('the window opened no socket that the server wrote to');
  return { page, socket };
}

const a = await openWindow();
const b = await openWindow();
const itemId = await a.page.locator('[data-qa]').first().getAttribute('data-qa');
if (!itemId) throw new Error('the QA checklist has no items');

/** Arms an observer in the page that resolves with Date.now() once the item's badge reads `label`. */
async function armSeen(page: Page, label: string): Promise<void> {
  await page.evaluate(
    ([id, want]) => {
      const w = window as unknown as { __seen: Promise<number> };
      w.__seen = new Promise<number>((resolve) => {
        const check = () => {
          if (document.querySelector(`[data-qa="${id}"] .badge`)?.textContent === want) {
            observer.disconnect();
            resolve(Date.now());
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        check();
      });
    },
    [itemId, label] as const,
  );
}

const latencies: number[] = [];
const bytesA: number[] = [];
const bytesB: number[] = [];
const framesB: number[] = [];
for (let tick = 0; tick < WARM_UP + TICKS; tick++) {
  const pass = tick % 2 === 0;
  const label = pass ? 'Passed' : 'Open';
  await armSeen(a.page, label);
  await armSeen(b.page, label);
  const startA = { ...sent.get(a.socket)! };
  const startB = { ...sent.get(b.socket)! };
  const clickedAt = await a.page.evaluate(
    ([id, button]) => {
      const target = [...document.querySelectorAll<HTMLButtonElement>(`[data-qa="${id}"] button`)].find((el) => el.textContent === button);
      if (!target) throw new Error(`no ${button} button on ${id}`);
      const at = Date.now();
      target.click();
      return at;
    },
    [itemId, pass ? 'Pass' : 'Reopen'] as const,
  );
  const seen = await Promise.all([a.page, b.page].map((page) => page.evaluate(() => (window as unknown as { __seen: Promise<number> }).__seen)));
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  if (tick < WARM_UP) continue;
  latencies.push(Math.max(...seen) - clickedAt);
  bytesA.push(sent.get(a.socket)!.view - startA.view);
  bytesB.push(sent.get(b.socket)!.view - startB.view);
  framesB.push(sent.get(b.socket)!.frames - startB.frames);
}

await context.close();
await browser.close();
await server.close();
await app.host.close();
rmSync(dataDir, { recursive: true, force: true });

const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
const p95 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const loadAverage = Math.round(os.loadavg()[0]! * 100) / 100;
console.log(
  JSON.stringify({
    bench: 'release.intent_to_push_ms',
    value: p95(latencies),
    unit: 'ms',
    stat: 'p95',
    goal: 50,
    median: median(latencies),
    max: Math.max(...latencies),
    ticks: TICKS,
    windows: 2,
    loadAverage,
    note: 'QA tick clicked in window A → both windows show the new outcome (Date.now() in each page)',
  }),
);
console.log(
  JSON.stringify({
    bench: 'release.push_bytes_per_intent',
    value: Math.max(median(bytesA), median(bytesB)),
    unit: 'bytes',
    stat: 'median per tick, the larger of the two windows',
    goal: 4096,
    tickingWindow: median(bytesA),
    otherWindow: median(bytesB),
    otherWindowMax: Math.max(...bytesB),
    otherWindowFrames: median(framesB),
    ticks: TICKS,
    note: 'bytes the server wrote to each window socket per tick, metrics/terminal/rollback streams excluded',
  }),
);
