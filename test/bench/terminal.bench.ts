// terminal.throughput_ratio: a flood printed in a region shell of the real console (`serve`, browser
// mode), pty → main → WebSocket → xterm.js in Debian's Chromium, timed from Enter until its end marker is
// drawn; divided by the throughput of a bare xterm.js Terminal written the same amount in the same page
// right after. terminal.max_stall_ms: the longest gap between animation frames during the flood.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/** Several rounds, reported as the median: the figure is sensitive to whatever else the machine runs. */
const ROUNDS = 5;
/** base64 wraps at 76 chars (57 bytes); through a pty each line ends in CRLF, so 78 chars a line. */
const LINES = 250_000;
const FLOOD_BYTES = 57 * LINES;
const FLOOD_CHARS = 78 * LINES;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Stalls {
  maxFrameGapMs: number;
  maxLongTaskMs: number;
}
interface TerminalBench {
  startStallMonitor(): void;
  stopStallMonitor(): Stalls;
  armEnterClock(): void;
  floodDrawnMs(root: Element, marker: string): Promise<number>;
  bareXtermMs(over: Element, totalChars: number, marker: string): Promise<number>;
}
declare const terminalBench: TerminalBench;

const root = process.cwd();
const pageScript = await build({
  entryPoints: [path.join(root, 'test', 'bench', 'terminalPage.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  logLevel: 'warning',
});

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-bench-terminal-'));
// bash with a HOME of its own: no rc files, so the user's shell start-up is not part of the figure.
const env = { ...process.env, SHELL: '/bin/bash', HOME: dataDir };
const child = spawn(process.execPath, [path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', '0', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const match = /^Release Console: (\S+)$/.exec(line);
    if (match) resolve(match[1]!);
  });
  child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
});

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(url);
await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
await page.getByRole('navigation').getByRole('button', { name: 'Control pane', exact: true }).click();
await page.getByRole('button', { name: 'Open LON' }).click();
const workspace = page.getByRole('region', { name: 'Region LON', exact: true });
await workspace.getByRole('button', { name: '+ Shell' }).click();
const host = workspace.locator('.terminal-host');
await host.locator('.xterm-rows').waitFor();
// CDP evaluation, so the console's strict CSP (no inline script) stays as it is for the app itself.
await page.evaluate(pageScript.outputFiles[0]!.text);
await workspace.locator('.terminal .xterm').click();
await page.keyboard.type('echo "READY_$((6 * 7))"');
await page.keyboard.press('Enter');
await host.locator('.xterm-rows').filter({ hasText: 'READY_42' }).waitFor();

const ratios: number[] = [];
const e2eRates: number[] = [];
const bareRates: number[] = [];
let maxFrameGap = 0;
let maxLongTask = 0;
let bareFrameGap = 0;
const roundMs: number[][] = [];
for (let round = 0; round < ROUNDS; round++) {
  const marker = `FLOOD_${1000 + round}_END`;
  // The marker is computed by the shell, so the echoed command line never matches it.
  await page.keyboard.type(`head -c ${FLOOD_BYTES} /dev/urandom | base64; echo FLOOD_$((1000 + ${round}))_END`);
  await host.evaluate((element, m) => {
    terminalBench.armEnterClock();
    terminalBench.startStallMonitor();
    Object.assign(window, { floodDrawn: terminalBench.floodDrawnMs(element, m) });
  }, marker);
  await page.keyboard.press('Enter');
  const floodMs = await page.evaluate(() => (window as unknown as { floodDrawn: Promise<number> }).floodDrawn);
  const stalls = await page.evaluate(() => terminalBench.stopStallMonitor());
  await page.evaluate(() => terminalBench.startStallMonitor());
  const bareMs = await host.evaluate((element, args) => terminalBench.bareXtermMs(element, args.chars, args.marker), { chars: FLOOD_CHARS, marker: `BARE_${round}_END` });
  const bareStalls = await page.evaluate(() => terminalBench.stopStallMonitor());
  bareFrameGap = Math.max(bareFrameGap, bareStalls.maxFrameGapMs);
  e2eRates.push(FLOOD_CHARS / floodMs / 1e3);
  bareRates.push(FLOOD_CHARS / bareMs / 1e3);
  ratios.push(bareMs / floodMs);
  roundMs.push([Math.round(floodMs), Math.round(bareMs)]);
  maxFrameGap = Math.max(maxFrameGap, stalls.maxFrameGapMs);
  maxLongTask = Math.max(maxLongTask, stalls.maxLongTaskMs);
}
await browser.close();
const exited = new Promise((resolve) => child.once('exit', resolve));
child.kill('SIGTERM');
await exited;
rmSync(dataDir, { recursive: true, force: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round2 = (n: number) => Math.round(n * 100) / 100;
console.log(
  JSON.stringify({
    bench: 'terminal.throughput_ratio',
    value: round2(median(ratios)),
    unit: 'ratio',
    target: '>= 0.8',
    rounds: ratios.map(round2),
    round_ms: roundMs,
    e2e_mchars_per_s: round2(median(e2eRates)),
    xterm_mchars_per_s: round2(median(bareRates)),
    chars: FLOOD_CHARS,
  }),
);
console.log(JSON.stringify({ bench: 'terminal.max_stall_ms', value: Math.round(maxFrameGap), unit: 'ms', target: '<= 100', longest_long_task_ms: Math.round(maxLongTask), bare_xterm_max_stall_ms: Math.round(bareFrameGap) }));
