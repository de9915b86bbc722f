// graphs.redraw_ratio: the console's redraw of all 88 graphs (11 regions × 8 key metrics × 24 h of 1-minute
// points, with baseline bands and threshold lines) ÷ bare uPlot redrawing the same series at the same sizes in
// the same page, p95 over repeated redraws, the two measured alternately in one run. Beside it the console's
// p95 and median (goal ≤ 16 ms, one frame) and graphs.update_ms: append one minute to all 88 series and redraw
// (graphs.region_update_ms: the same for the 8 graphs of the one region a workspace shows).
// Each figure includes rasterising the canvases (what the user waits for); the script-only share is printed beside.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as GraphsPage from './graphs-page';

const WARMUP = 10;
const ROUNDS = 60;
const UPDATES = 30;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

declare global {
  interface Window {
    graphs: typeof GraphsPage;
  }
}

const root = process.cwd();
const bundle = await build({
  entryPoints: [path.join(root, 'test', 'bench', 'graphs-page.ts')],
  bundle: true,
  format: 'iife',
  globalName: 'graphs',
  platform: 'browser',
  target: 'chrome120',
  write: false,
  logLevel: 'warning',
  absWorkingDir: root,
});
const css = readFileSync(path.join(root, 'node_modules', 'uplot', 'dist', 'uPlot.min.css'), 'utf8');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 2600, height: 1500 } });
await page.setContent(`<!doctype html><html><head><style>${css}
body { margin: 0; background: #0f1216; color: #e6e9ee; font: 12px system-ui; }
.grid { display: grid; grid-template-columns: repeat(8, 300px); gap: 2px; }
</style></head><body><div id="console" class="grid"></div><div id="bare" class="grid"></div></body></html>`);
await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
const points = await page.evaluate(() => window.graphs.setup());

/** One round: console and bare, with and without raster, in an order that alternates between rounds. */
async function round(consoleFirst: boolean): Promise<{ console: number; bare: number; consoleScript: number; bareScript: number }> {
  return await page.evaluate((first) => {
    const g = window.graphs;
    if (first) return { console: g.redrawConsole(), bare: g.redrawBare(), consoleScript: g.redrawConsole(false), bareScript: g.redrawBare(false) };
    const bare = g.redrawBare();
    const console = g.redrawConsole();
    const bareScript = g.redrawBare(false);
    return { console, bare, consoleScript: g.redrawConsole(false), bareScript };
  }, consoleFirst);
}

for (let i = 0; i < WARMUP; i++) await round(i % 2 === 0);
const samples = { console: [] as number[], bare: [] as number[], consoleScript: [] as number[], bareScript: [] as number[] };
for (let i = 0; i < ROUNDS; i++) {
  const r = await round(i % 2 === 0);
  for (const key of Object.keys(samples) as (keyof typeof samples)[]) samples[key].push(r[key]);
}
const updateMs: number[] = [];
const updateScriptMs: number[] = [];
const regionUpdateMs: number[] = [];
for (let step = 1; step <= UPDATES; step++) {
  updateMs.push(await page.evaluate((s) => window.graphs.appendMinute(3 * s - 2), step));
  updateScriptMs.push(await page.evaluate((s) => window.graphs.appendMinute(3 * s - 1, false), step));
  regionUpdateMs.push(await page.evaluate((s) => window.graphs.appendMinute(3 * s, true, 8), step));
}
await browser.close();

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
const r2 = (value: number) => Math.round(value * 100) / 100;
const p95 = (values: number[]) => quantile(values, 0.95);
const median = (values: number[]) => quantile(values, 0.5);
const common = { charts: 88, points, rounds: ROUNDS, loadAverage: r2(os.loadavg()[0]!) };
console.log(JSON.stringify({ bench: 'graphs.redraw_ratio', value: r2(p95(samples.console) / p95(samples.bare)), unit: 'ratio', target: 1.3, medianRatio: r2(median(samples.console) / median(samples.bare)), scriptP95Ratio: r2(p95(samples.consoleScript) / p95(samples.bareScript)), scriptMedianRatio: r2(median(samples.consoleScript) / median(samples.bareScript)), bareP95Ms: r2(p95(samples.bare)), bareMedianMs: r2(median(samples.bare)), ...common }));
console.log(JSON.stringify({ bench: 'graphs.redraw_p95_ms', value: r2(p95(samples.console)), unit: 'ms', goal: 16, scriptP95Ms: r2(p95(samples.consoleScript)), ...common }));
console.log(JSON.stringify({ bench: 'graphs.redraw_median_ms', value: r2(median(samples.console)), unit: 'ms', goal: 16, scriptMedianMs: r2(median(samples.consoleScript)), ...common }));
console.log(JSON.stringify({ bench: 'graphs.update_ms', value: r2(p95(updateMs)), unit: 'ms', stat: 'p95', median: r2(median(updateMs)), scriptP95Ms: r2(p95(updateScriptMs)), scriptMedianMs: r2(median(updateScriptMs)), updates: UPDATES, ...common }));
// What a live poll costs on screen: the workspace shows one region, so 8 graphs update, not 88.
console.log(JSON.stringify({ bench: 'graphs.region_update_ms', value: r2(p95(regionUpdateMs)), unit: 'ms', stat: 'p95', median: r2(median(regionUpdateMs)), goal: 16, charts: 8, updates: UPDATES, loadAverage: common.loadAverage }));
