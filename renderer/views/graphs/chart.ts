import uPlot from 'uplot';
import { clockIn } from '../../../shared/instantWords';
import { formatMetricValue, unitKind } from '../../../shared/metrics/units';
import { placeOffScaleNote } from './off-scale-note';
import { zonedDate } from './zoned-date';

/**
 * One region × metric graph on uPlot, without React: the component wraps it and the graphs bench draws it
 * side by side with bare uPlot. Everything the console adds (baseline band, rollback threshold lines, the
 * stale shading) is drawn in two canvas hooks, so a redraw costs uPlot's own redraw plus a few rectangles.
 */

/** The band is seed 001's baseline window as p50..p95; the dashed line is its mean, which criteria compare against. */
export interface BaselineBand {
  p50: number;
  p95: number;
  mean: number;
}

export interface ThresholdLine {
  level: 'immediate' | 'consider';
  value: number;
  title: string;
}

/** What a chart draws over its series; swapped on every update without rebuilding the chart. */
export interface ChartDecor {
  unit: string;
  baseline: BaselineBand | null;
  thresholds: readonly ThresholdLine[];
  /** Set when data stopped arriving: the stretch from here to the end of the grid is shaded. */
  staleSinceMs: number | null;
  /** Instants at which a step was done in the region: dotted vertical lines (the header names them on hover). */
  markersMs: readonly number[];
}

/** Canvas cannot read CSS variables; the component reads them once per theme. */
export interface ChartPalette {
  line: string;
  band: string;
  mean: string;
  immediate: string;
  consider: string;
  axis: string;
  grid: string;
  stale: string;
  /** Behind the threshold note, so it reads over the data it is drawn on: the card's own background, mostly opaque. */
  noteBackdrop: string;
}

export const DARK_PALETTE: ChartPalette = {
  line: '#5aa9ff',
  band: 'rgba(63, 185, 80, 0.16)',
  mean: 'rgba(63, 185, 80, 0.75)',
  immediate: '#f85149',
  consider: '#d29922',
  axis: '#8a94a3',
  grid: 'rgba(138, 148, 163, 0.14)',
  stale: 'rgba(210, 153, 34, 0.10)',
  noteBackdrop: 'rgba(23, 27, 33, 0.85)',
};

export interface ChartSetup {
  label: string;
  width: number;
  height: number;
  /** Axis ticks and the crosshair's time read in this zone (the region's). */
  zone: string;
  /** Charts with the same key share the crosshair and zoom: one region's graphs move together. */
  syncKey: string | null;
  palette: ChartPalette;
  /** The crosshair's data index (null when it leaves): the component prints the values in its header. */
  onCursor?: (index: number | null) => void;
}

export const CHART_HEIGHT = 120;

/** A threshold this far above the data is named at the top edge instead of squashing the line flat. */
const THRESHOLD_IN_VIEW_FACTOR = 3;

export class MetricChart {
  readonly plot: uPlot;
  private decor: ChartDecor;
  private updating = false;
  private readonly group: ZoomGroup | null;

  constructor(target: HTMLElement, setup: ChartSetup, decor: ChartDecor, data: uPlot.AlignedData) {
    this.decor = decor;
    this.group = setup.syncKey === null ? null : ZoomGroup.for(setup.syncKey);
    this.plot = new uPlot(this.options(setup), data, target);
    this.group?.add(this);
  }

  /** New points or decor from a poll. A zoomed chart keeps its zoom; otherwise it follows the data. */
  update(data: uPlot.AlignedData, decor: ChartDecor): void {
    this.decor = decor;
    this.updating = true;
    try {
      this.plot.batch(() => this.plot.setData(data, !this.isZoomed()));
    } finally {
      this.updating = false;
    }
  }

  /** A synchronous full redraw (paths rebuilt), as the bench measures it. */
  redraw(): void {
    this.plot.batch(() => this.plot.redraw());
  }

  setSize(width: number, height: number): void {
    this.plot.setSize({ width, height });
  }

  destroy(): void {
    this.group?.remove(this);
    this.plot.destroy();
  }

  isZoomed(): boolean {
    const x = this.plot.data[0];
    const first = x[0];
    const last = x[x.length - 1];
    const { min, max } = this.plot.scales.x ?? {};
    if (first === undefined || last === undefined || min == null || max == null) return false;
    return min > first || max < last;
  }

  /** Zoom from a sibling chart in the same group. */
  zoomTo(min: number, max: number): void {
    this.updating = true;
    try {
      this.plot.setScale('x', { min, max });
    } finally {
      this.updating = false;
    }
  }

  private options(setup: ChartSetup): uPlot.Options {
    const { palette, zone } = setup;
    const unit = () => this.decor.unit;
    const axisFont = '11px system-ui, sans-serif';
    return {
      width: setup.width,
      height: setup.height,
      tzDate: zonedDate(zone),
      // The component's header shows the crosshair's values; uPlot's own legend table would double them.
      legend: { show: false },
      cursor: {
        drag: { x: true, y: false, setScale: true },
        ...(setup.syncKey === null ? {} : { sync: { key: setup.syncKey } }),
      },
      scales: { x: { time: true }, y: { range: (_u, min, max) => this.yRange(min, max) } },
      series: [
        { label: 'Time' },
        {
          label: setup.label,
          stroke: palette.line,
          width: 1.5,
          spanGaps: false,
          points: { show: false },
        },
      ],
      axes: [
        {
          stroke: palette.axis,
          font: axisFont,
          grid: { stroke: palette.grid, width: 1 },
          ticks: { stroke: palette.grid, width: 1, size: 4 },
          size: 28,
          // One line of 24-hour "HH:MM" in the region's zone: uPlot's default adds a date line the axis has no room for.
          values: (_u, splits) => splits.map((s) => clockIn(s * 1000, zone)),
        },
        {
          stroke: palette.axis,
          font: axisFont,
          grid: { stroke: palette.grid, width: 1 },
          ticks: { show: false },
          size: 52,
          values: (_u, splits) => splits.map((v) => formatAxisValue(v, unit())),
        },
      ],
      hooks: {
        ...(setup.onCursor ? { setCursor: [(u: uPlot) => setup.onCursor!(u.cursor.idx ?? null)] } : {}),
        drawClear: [(u) => this.drawBaseline(u, palette)],
        draw: [(u) => this.drawThresholdsAndStale(u, palette)],
        setScale: [
          (u, key) => {
            // Status 0 is uPlot's first layout, which sets the scales too: that is not a zoom to share.
            if (key !== 'x' || this.updating || u.status === 0 || !this.group) return;
            const { min, max } = u.scales.x ?? {};
            if (min != null && max != null) this.group.zoom(this, min, max);
          },
        ],
      },
    };
  }

  /** Zero-based for non-negative data; wide enough for the band and for thresholds near the data. */
  private yRange(dataMin: number | null, dataMax: number | null): uPlot.Range.MinMax {
    const { baseline, thresholds } = this.decor;
    let low = dataMin ?? baseline?.p50 ?? 0;
    let high = dataMax ?? baseline?.p95 ?? 1;
    if (baseline) {
      low = Math.min(low, baseline.p50);
      high = Math.max(high, baseline.p95, baseline.mean);
    }
    const reach = Math.max(high, 0) * THRESHOLD_IN_VIEW_FACTOR;
    for (const line of thresholds) if (line.value <= reach) high = Math.max(high, line.value);
    if (low >= 0) low = 0;
    if (high <= low) high = low + 1;
    return [low, high + (high - low) * 0.08];
  }

  private drawBaseline(u: uPlot, palette: ChartPalette): void {
    const baseline = this.decor.baseline;
    if (!baseline) return;
    const { ctx, bbox } = u;
    const top = u.valToPos(baseline.p95, 'y', true);
    const bottom = u.valToPos(baseline.p50, 'y', true);
    ctx.save();
    ctx.fillStyle = palette.band;
    ctx.fillRect(bbox.left, Math.min(top, bottom), bbox.width, Math.max(1, Math.abs(bottom - top)));
    ctx.restore();
    this.horizontal(u, baseline.mean, palette.mean, [4 * uPlot.pxRatio, 3 * uPlot.pxRatio], 1);
  }

  private drawThresholdsAndStale(u: uPlot, palette: ChartPalette): void {
    const { ctx, bbox } = u;
    const pxRatio = uPlot.pxRatio;
    const yMax = u.scales.y?.max ?? Infinity;
    const offScale: string[] = [];
    for (const line of this.decor.thresholds) {
      const color = line.level === 'immediate' ? palette.immediate : palette.consider;
      if (line.value > yMax) {
        offScale.push(`${line.level} ${formatMetricValue(line.value, this.decor.unit)}`);
        continue;
      }
      this.horizontal(u, line.value, color, line.level === 'immediate' ? [] : [6 * pxRatio, 4 * pxRatio], 1.5);
    }
    this.drawMarkers(u, palette);
    const staleSince = this.decor.staleSinceMs;
    if (staleSince !== null) {
      const xMax = u.scales.x?.max;
      if (xMax != null && staleSince / 1000 < xMax) {
        const left = Math.max(bbox.left, u.valToPos(staleSince / 1000, 'x', true));
        ctx.save();
        ctx.fillStyle = palette.stale;
        ctx.fillRect(left, bbox.top, bbox.left + bbox.width - left, bbox.height);
        ctx.restore();
      }
    }
    if (offScale.length > 0) {
      ctx.save();
      ctx.font = `${10 * pxRatio}px system-ui, sans-serif`;
      ctx.fillStyle = palette.axis;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      const lines = placeOffScaleNote(offScale, bbox, (text) => ctx.measureText(text).width, 4 * pxRatio, 12 * pxRatio);
      // The note lies over the plot, often over a noisy line: one backdrop of the card's colour keeps it readable.
      if (lines.length > 0) {
        const left = Math.min(...lines.map((line) => line.x));
        const right = Math.max(...lines.map((line) => line.x + line.width));
        ctx.fillStyle = palette.noteBackdrop;
        ctx.fillRect(left - 2 * pxRatio, lines[0]!.y - pxRatio, right - left + 4 * pxRatio, lines.length * 12 * pxRatio + pxRatio);
      }
      ctx.fillStyle = palette.axis;
      for (const line of lines) ctx.fillText(line.text, line.x, line.y);
      ctx.restore();
    }
  }

  private drawMarkers(u: uPlot, palette: ChartPalette): void {
    const { ctx, bbox } = u;
    const { min, max } = u.scales.x ?? {};
    if (min == null || max == null) return;
    ctx.save();
    ctx.strokeStyle = palette.axis;
    ctx.lineWidth = uPlot.pxRatio;
    ctx.setLineDash([2 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
    ctx.beginPath();
    for (const atMs of this.decor.markersMs) {
      const t = atMs / 1000;
      if (t < min || t > max) continue;
      const x = Math.round(u.valToPos(t, 'x', true)) + 0.5;
      ctx.moveTo(x, bbox.top);
      ctx.lineTo(x, bbox.top + bbox.height);
    }
    ctx.stroke();
    ctx.restore();
  }

  private horizontal(u: uPlot, value: number, color: string, dash: number[], width: number): void {
    const { ctx, bbox } = u;
    const y = Math.round(u.valToPos(value, 'y', true)) + 0.5;
    if (y < bbox.top || y > bbox.top + bbox.height) return;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = width * uPlot.pxRatio;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
    ctx.restore();
  }
}

/** One region's charts zoom together: a PE drags over the spike on error rate and sees p99 at the same minutes. */
class ZoomGroup {
  private static readonly groups = new Map<string, ZoomGroup>();
  private readonly charts = new Set<MetricChart>();

  static for(key: string): ZoomGroup {
    let group = ZoomGroup.groups.get(key);
    if (!group) {
      group = new ZoomGroup();
      ZoomGroup.groups.set(key, group);
    }
    return group;
  }

  add(chart: MetricChart): void {
    this.charts.add(chart);
  }

  remove(chart: MetricChart): void {
    this.charts.delete(chart);
  }

  zoom(from: MetricChart, min: number, max: number): void {
    for (const chart of this.charts) if (chart !== from) chart.zoomTo(min, max);
  }
}

/** Compact tick labels: "0.5%", "200ms", "1.2k". */
export function formatAxisValue(value: number, unit: string): string {
  const kind = unitKind(unit);
  const abs = Math.abs(value);
  const compact = abs >= 1_000_000 ? `${trim(value / 1_000_000)}M` : abs >= 1000 ? `${trim(value / 1000)}k` : trim(value);
  switch (kind) {
    case 'percent':
      return `${compact}%`;
    case 'milliseconds':
      return `${compact}ms`;
    case 'seconds':
      return `${compact}s`;
    case 'perSecond':
      return `${compact}/s`;
    default:
      return compact;
  }
}

function trim(value: number): string {
  const abs = Math.abs(value);
  const text = value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
