import type uPlot from 'uplot';
import type { GraphRange } from '../../store/ui-slice';

const HOUR = 60 * 60_000;

export const GRAPH_RANGES: { range: GraphRange; label: string; hours: number | null }[] = [
  { range: '1h', label: '1 h', hours: 1 },
  { range: '6h', label: '6 h', hours: 6 },
  { range: '24h', label: '24 h', hours: 24 },
  { range: 'baseline', label: 'Since baseline', hours: null },
];

/**
 * Where a range starts: so long before main's now, or where the region's baseline window began. Null
 * when "since the baseline" is asked of a region with none (the caller then shows every point it has).
 */
export function rangeStartMs(range: GraphRange, nowMs: number, baselineStartMs: number | null): number | null {
  const preset = GRAPH_RANGES.find((r) => r.range === range);
  if (!preset) return null;
  return preset.hours === null ? baselineStartMs : nowMs - preset.hours * HOUR;
}

/** The points of a chart's grid from `fromMs` on (x in seconds, as uPlot draws time); all of them for null. */
export function dataFrom(data: uPlot.AlignedData, fromMs: number | null): uPlot.AlignedData {
  if (fromMs === null) return data;
  const x = data[0];
  let first = 0;
  while (first < x.length && x[first]! * 1000 < fromMs) first++;
  if (first === 0) return data;
  return [x.slice(first), ...data.slice(1).map((y) => y.slice(first))] as uPlot.AlignedData;
}
