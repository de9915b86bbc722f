import 'uplot/dist/uPlot.min.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GateView, Threshold } from '../../../shared/api';
import { seriesKey } from '../../../shared/metrics/series';
import { formatStaleSince } from '../../../shared/metrics/staleness';
import { countPer, formatMetricValue } from '../../../shared/metrics/units';
import { clockIn } from '../../format/time';
import type { MetricSummary } from '../../store/metrics-slice';
import { EMPTY_SERIES } from '../../store/metric-series';
import { useConsole } from '../../store/store';
import { CHART_HEIGHT, DARK_PALETTE, MetricChart as Chart, type ChartDecor, type ChartPalette } from './chart';
import { alignedChartData } from './chart-data';
import { chartStatus, latestValue } from './chart-status';
import { markersAt, stepMarkers, type StepMarker } from './step-markers';
import { dataFrom, rangeStartMs } from './time-range';

const NO_THRESHOLDS: Threshold[] = [];
const NO_GATES: GateView[] = [];

/** The light theme's counterpart of DARK_PALETTE (canvas cannot read the CSS variables). */
const LIGHT_PALETTE: ChartPalette = {
  line: '#0969da',
  band: 'rgba(26, 127, 55, 0.14)',
  mean: 'rgba(26, 127, 55, 0.8)',
  immediate: '#cf222e',
  consider: '#9a6700',
  axis: '#59636e',
  grid: 'rgba(89, 99, 110, 0.16)',
  stale: 'rgba(154, 103, 0, 0.10)',
  noteBackdrop: 'rgba(255, 255, 255, 0.85)',
};

interface Props {
  regionId: string;
  metric: MetricSummary;
  /** The region's zone: axis ticks, crosshair time and "stale since" read in it. */
  zone: string;
}

/**
 * One region × metric graph: a header with the value under the crosshair (or the latest), the chart with
 * its baseline band and threshold lines, and a "stale since HH:MM" flag over it when data stopped.
 */
export function MetricChart({ regionId, metric, zone }: Props) {
  const key = seriesKey(regionId, metric.id);
  const series = useConsole((s) => s.series[key] ?? EMPTY_SERIES);
  const state = useConsole((s) => s.seriesStates[key]);
  const baseline = useConsole((s) => s.baselines[key]);
  const allThresholds = useConsole((s) => s.thresholds);
  const now = useConsole((s) => s.metricsNow);
  const alertLevel = useConsole((s) => {
    const active = s.metricAlerts.filter((a) => a.active && a.regionId === regionId && a.metricId === metric.id);
    return active.some((a) => a.level === 'immediate') ? 'immediate' : active.length > 0 ? 'consider' : null;
  });
  const theme = useConsole((s) => s.theme);
  const range = useConsole((s) => s.graphRange);
  const gates = useConsole((s) => s.view?.gates ?? NO_GATES);
  const markers = useMemo(() => stepMarkers(gates, regionId), [gates, regionId]);
  const markersMs = useMemo(() => markers.map((m) => m.atMs), [markers]);

  const thresholds = useMemo(() => {
    const mine = allThresholds.filter((t) => t.regionId === regionId && t.metricId === metric.id);
    return mine.length > 0 ? mine : NO_THRESHOLDS;
  }, [allThresholds, regionId, metric.id]);
  const status = chartStatus(state, series);
  const periodMs = metric.periodSeconds * 1000;
  // A stale series' grid runs on to main's now, so the gap reaches the present instead of the line ending early.
  const staleSinceMs = status.kind === 'fresh' ? null : status.sinceMs;
  const untilMs = staleSinceMs === null ? null : now;
  const grid = useMemo(() => alignedChartData(series, periodMs, untilMs), [series, periodMs, untilMs]);
  const fromMs = rangeStartMs(range, now, baseline?.startMs ?? null);
  const data = useMemo(() => dataFrom(grid, fromMs), [grid, fromMs]);
  const decor = useMemo<ChartDecor>(
    () => ({
      unit: metric.unit,
      baseline: baseline ? { p50: baseline.p50, p95: baseline.p95, mean: baseline.mean } : null,
      thresholds,
      staleSinceMs,
      markersMs,
    }),
    [metric.unit, baseline, thresholds, staleSinceMs, markersMs],
  );

  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const latest = useRef({ data, decor });
  latest.current = { data, decor };
  const [cursor, setCursor] = useState<number | null>(null);

  // Built once per theme (the palette is baked into the canvas hooks); sized to its box from then on.
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const palette = theme === 'light' ? LIGHT_PALETTE : DARK_PALETTE;
    const created = new Chart(
      element,
      { label: metric.label, width: Math.max(120, element.clientWidth), height: CHART_HEIGHT, zone, syncKey: `region:${regionId}`, palette, onCursor: setCursor },
      latest.current.decor,
      latest.current.data,
    );
    chart.current = created;
    const observer = new ResizeObserver(() => {
      const width = element.clientWidth;
      if (width > 0 && width !== created.plot.width) created.setSize(width, CHART_HEIGHT);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.destroy();
      chart.current = null;
    };
  }, [theme, zone, regionId, metric.label]);

  useEffect(() => {
    chart.current?.update(data, decor);
  }, [data, decor]);

  // A count says what it is per ("30612/min"): a bare "Requests 30612" read as a total.
  const per = countPer(metric);
  const shown = cursor === null ? latestValue(series) : hoveredValue(data, cursor);
  const hoveredTime = cursor === null ? undefined : data[0][cursor];
  const hoveredSteps = hoveredTime === undefined ? [] : markersAt(markers, hoveredTime * 1000, periodMs);
  const className = ['metric-chart', alertLevel ? `metric-chart-${alertLevel}` : '', status.kind !== 'fresh' ? 'metric-chart-stale' : ''].join(' ');
  return (
    <figure className={className} data-metric={metric.id} aria-label={`${regionId} ${metric.label}`}>
      <figcaption className="metric-chart-head">
        <span className="metric-chart-label" title={metric.label}>
          {metric.label}
        </span>
        <span className="metric-chart-value mono" data-value={shown ? 'yes' : 'no'} title={per ? `${metric.label}, ${per.long}` : undefined}>
          {shown ? formatMetricValue(shown.v, metric.unit) : '—'}
          {shown && per && <span className="metric-chart-per">{per.short}</span>}
        </span>
        {/* The point under the crosshair's time. The latest point's is said once above the graphs (RegionGraphs): here it
            showed at 1024 px and was hidden at 1280, where four headers a row have no room for it. */}
        <span className={`metric-chart-at mono muted${cursor === null ? '' : ' metric-chart-at-hovered'}`}>{shown && cursor !== null ? clockIn(shown.t, zone) : ''}</span>
        {hoveredSteps.length > 0 && (
          <span className="metric-chart-step" title={stepsText(hoveredSteps, zone)}>
            ┊ {stepsText(hoveredSteps, zone)}
          </span>
        )}
        {metric.consoleUrls[regionId] && (
          // In the desktop app main opens it in the browser only if the workspace lists the console's host under externalLinks.
          <a className="metric-console-link" href={metric.consoleUrls[regionId]} target="_blank" rel="noopener noreferrer" aria-label={`${metric.label} in ${regionId} in the CloudWatch console`} title="Open this graph in the CloudWatch console">
            CloudWatch ↗
          </a>
        )}
        {baseline && (
          <span className="metric-chart-baseline mono" title={`Baseline ${clockIn(baseline.startMs, zone)}–${clockIn(baseline.endMs, zone)}: p50–p95 band, dashed mean`}>
            base {formatMetricValue(baseline.mean, metric.unit)}
          </span>
        )}
      </figcaption>
      <div className="metric-chart-plot">
        <div ref={host} className="metric-chart-host" />
        {status.kind !== 'fresh' && (
          <span className="metric-chart-stale-flag">
            {status.kind === 'stale' ? formatStaleSince(status.sinceMs, zone) : `no data since ${clockIn(status.sinceMs, zone)}`}
          </span>
        )}
      </div>
    </figure>
  );
}

function stepsText(steps: readonly StepMarker[], zone: string): string {
  return steps.map((m) => `${m.title} done ${clockIn(m.atMs, zone)}`).join(' · ');
}

function hoveredValue(data: ReturnType<typeof alignedChartData>, index: number): { t: number; v: number } | null {
  const t = data[0][index];
  const v = data[1]?.[index];
  return t === undefined || v == null ? null : { t: t * 1000, v };
}
