// startup.first_render_ms: from spawning `release-console serve` to the region pane's first render in
// Debian's Chromium (the browser already running, as a user's would be). Median of several cold starts.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const RUNS = 7;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const root = process.cwd();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const samples: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Release Console: (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('.region-tile').first().waitFor({ state: 'visible' });
  samples.push(performance.now() - started);
  await page.close();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
await browser.close();
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)]!;
console.log(JSON.stringify({ bench: 'startup.first_render_ms', value: Math.round(median), unit: 'ms', runs: RUNS, min: Math.round(samples[0]!), max: Math.round(samples.at(-1)!) }));
