// The page side of graphs.bench.ts, bundled for Chromium: the console's charts (renderer/views/graphs/chart.ts,
// with baseline band and threshold lines) and bare uPlot drawing the same 88 series at the same sizes, side by side.
import uPlot from 'uplot';
import { mergeSeries, seriesFromColumns, type SeriesColumns } from '../../renderer/store/metric-series';
import { CHART_HEIGHT, DARK_PALETTE, MetricChart, type ChartDecor } from '../../renderer/views/graphs/chart';
import { alignedChartData } from '../../renderer/views/graphs/chart-data';

export const REGIONS = 11;
export const METRICS = 8;
export const POINTS = 24 * 60;
export const WIDTH = 300;
const PERIOD_MS = 60_000;
const END_MS = Date.UTC(2026, 2, 19, 11, 0);

interface Graph {
  series: SeriesColumns;
  decor: ChartDecor;
  chart: MetricChart;
  bare: uPlot;
}

/** Deterministic diurnal-looking data (a seeded LCG for the noise): the same every run. */
function makeSeries(index: number): SeriesColumns {
  let seed = 1 + index * 7919;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < POINTS; i++) {
    const at = END_MS - (POINTS - i) * PERIOD_MS;
    t.push(at);
    v.push(100 + 40 * Math.sin((2 * Math.PI * i) / POINTS + index) + 10 * random());
  }
  return seriesFromColumns(t, v);
}

const graphs: Graph[] = [];
const hhmm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

function cell(parent: HTMLElement): HTMLElement {
  const div = document.createElement('div');
  parent.appendChild(div);
  return div;
}

/** Builds both sets of 88 charts into two grids of the same page; returns the number of points drawn per set. */
export function setup(): number {
  const consoleGrid = document.getElementById('console')!;
  const bareGrid = document.getElementById('bare')!;
  let points = 0;
  for (let r = 0; r < REGIONS; r++) {
    for (let m = 0; m < METRICS; m++) {
      const series = makeSeries(r * METRICS + m);
      const data = alignedChartData(series, PERIOD_MS, null);
      points += data[0].length;
      const decor: ChartDecor = {
        unit: 'ms',
        baseline: { p50: 95, p95: 130, mean: 100 },
        thresholds: [
          { level: 'consider', value: 200, title: 'p99 above 2x baseline' },
          { level: 'immediate', value: 300, title: 'p99 above 3x baseline' },
        ],
        staleSinceMs: null,
        markersMs: [],
      };
      const chart = new MetricChart(cell(consoleGrid), { label: `m${m}`, width: WIDTH, height: CHART_HEIGHT, zone: 'Europe/London', syncKey: `region:${r}`, palette: DARK_PALETTE }, decor, data);
      const bare = new uPlot(
        {
          width: WIDTH,
          height: CHART_HEIGHT,
          legend: { show: false },
          cursor: { drag: { x: true, y: false, setScale: true }, sync: { key: `bare:${r}` } },
          // The console's y range (zero-based, reaching the threshold lines), so both rasterise the same line geometry.
          scales: { x: { time: true }, y: { range: () => [chart.plot.scales.y!.min!, chart.plot.scales.y!.max!] } },
          series: [{}, { stroke: DARK_PALETTE.line, width: 1.5, spanGaps: false, points: { show: false } }],
          // The same one-line "HH:MM" ticks as the console's, so both raster the same amount of axis text.
          axes: [{ size: 28, values: (_u, splits) => splits.map((t) => hhmm.format(t * 1000)) }, { size: 52 }],
        },
        data,
        cell(bareGrid),
      );
      graphs.push({ series, decor, chart, bare });
    }
  }
  return points;
}

/** Draws committed to pixels: a 1×1 read forces each canvas's recorded drawing to raster before the clock stops. */
function flush(canvases: HTMLCanvasElement[]): void {
  for (const canvas of canvases) canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
}

/** `raster` false stops the clock when the script is done, before Chromium turns the drawing into pixels. */
export function redrawConsole(raster = true): number {
  const started = performance.now();
  for (const g of graphs) g.chart.redraw();
  if (raster) flush(graphs.map((g) => g.chart.plot.ctx.canvas));
  return performance.now() - started;
}

export function redrawBare(raster = true): number {
  const started = performance.now();
  for (const g of graphs) g.bare.batch(() => g.bare.redraw());
  if (raster) flush(graphs.map((g) => g.bare.ctx.canvas));
  return performance.now() - started;
}

/**
 * A poll's worth of work: merge one new minute, realign, update the chart (as MetricChart.tsx does), for all
 * 88 series or, with `count` 8, for the one region a workspace shows.
 */
export function appendMinute(step: number, raster = true, count = graphs.length): number {
  const started = performance.now();
  for (const [index, g] of graphs.slice(0, count).entries()) {
    const t = END_MS + step * PERIOD_MS;
    g.series = mergeSeries(g.series, { t: [t], v: [100 + (index % 7)] });
    g.chart.update(alignedChartData(g.series, PERIOD_MS, null), g.decor);
  }
  if (raster) flush(graphs.slice(0, count).map((g) => g.chart.plot.ctx.canvas));
  return performance.now() - started;
}
