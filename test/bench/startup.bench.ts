// The console's start-up against the least any page from the same server can cost:
// - startup.first_render_ms: spawning `release-console serve` to the control pane's region tiles drawn in
//   Debian's Chromium (the browser already running, as a user's would be);
// - startup.blank_page_ms: the same serve process, started the same way, until the same Chromium shows an
//   empty page from it (process start included on both sides);
// - startup.ratio: the first over the second (goal ≤ 1.5).
// Runs alternate between the two so load from other work on the machine falls on both alike; medians.
// Each run gets its own data folder, never the user's, and the rehearsal clock is pinned.
import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const RUNS = 7;
const ROLLOUT_MORNING = '2026-03-19T10:55:00Z';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const root = process.cwd();
const r2 = (n: number) => Math.round(n * 100) / 100;

type Target = 'console' | 'blank';

/** One cold start: spawn serve, open the page, wait for what the person sees; returns ms and when the URL was printed. */
async function coldStart(browser: Browser, target: Target): Promise<{ total: number; listening: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-bench-startup-'));
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', '0', '--data-dir', dataDir, '--rehearsal-at', ROLLOUT_MORNING], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, RELEASE_CONSOLE_DEMO_SPEED: '0' },
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /^Release Console: (\S+)$/.exec(line);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const listening = performance.now() - started;
    const page = await browser.newPage();
    if (target === 'console') {
      await page.goto(url);
      await page.locator('.region-tile').first().waitFor({ state: 'visible' });
    } else {
      const blank = new URL(url);
      blank.pathname = '/blank.html';
      await page.goto(blank.href, { waitUntil: 'load' });
    }
    // The frame is on screen once Chromium has painted it.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const total = performance.now() - started;
    await page.close();
    return { total, listening };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
// A warm-up pair: the first spawn reads node and the bundles from disk; a user's second start would not.
await coldStart(browser, 'blank');
await coldStart(browser, 'console');
const samples: Record<Target, { total: number; listening: number }[]> = { console: [], blank: [] };
for (let run = 0; run < RUNS; run++) {
  for (const target of run % 2 ? (['console', 'blank'] as const) : (['blank', 'console'] as const)) samples[target].push(await coldStart(browser, target));
}
await browser.close();

const loadAverage = r2(os.loadavg()[0]!);
const firstRender = median(samples.console.map((s) => s.total));
const blankPage = median(samples.blank.map((s) => s.total));
const describe = (list: { total: number; listening: number }[]) => ({
  runs: RUNS,
  min: Math.round(Math.min(...list.map((s) => s.total))),
  max: Math.round(Math.max(...list.map((s) => s.total))),
  listening_median_ms: Math.round(median(list.map((s) => s.listening))),
  loadAverage,
});
console.log(JSON.stringify({ bench: 'startup.first_render_ms', value: Math.round(firstRender), unit: 'ms', ...describe(samples.console) }));
console.log(JSON.stringify({ bench: 'startup.blank_page_ms', value: Math.round(blankPage), unit: 'ms', ...describe(samples.blank) }));
console.log(JSON.stringify({ bench: 'startup.ratio', value: r2(firstRender / blankPage), unit: 'ratio', goal: 1.5, loadAverage }));
