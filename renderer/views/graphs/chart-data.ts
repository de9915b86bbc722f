import type uPlot from 'uplot';
import type { SeriesColumns } from '../../store/metric-series';

/** A grid longer than this is cut from the left: a bounded history never needs more than twice its length. */
const MAX_GRID_POINTS = 2 * 24 * 60;

/**
 * The series on a regular grid of its period, in seconds as uPlot draws time, with `null` for every period
 * that did not arrive. uPlot breaks the line at a null, so missing data shows as a gap and never as a flat
 * line joining the last good value to the next one (issue 10). When the series has gone stale, the grid runs
 * on to `untilMs` so the gap reaches the present instead of the chart ending where the data did.
 */
export function alignedChartData(series: SeriesColumns, periodMs: number, untilMs: number | null): uPlot.AlignedData {
  const count = series.t.length;
  const first = series.t[0];
  const last = series.t[count - 1];
  if (first === undefined || last === undefined) {
    if (untilMs === null) return [new Float64Array(0), []];
    // No data at all: an hour of empty grid up to now, so the chart has a time axis to say "stale" on.
    const end = Math.floor(untilMs / periodMs) * periodMs;
    const length = 60 * 60_000 / periodMs + 1;
    const x = new Float64Array(length);
    for (let index = 0; index < length; index++) x[index] = (end - (length - 1 - index) * periodMs) / 1000;
    return [x, new Array<null>(length).fill(null)];
  }
  const end = Math.max(last, untilMs === null ? last : Math.floor(untilMs / periodMs) * periodMs);
  const start = Math.max(first, end - (MAX_GRID_POINTS - 1) * periodMs);
  const length = Math.round((end - start) / periodMs) + 1;
  const x = new Float64Array(length);
  const y = new Array<number | null>(length);
  let source = 0;
  while (source < count && series.t[source]! < start) source++;
  for (let index = 0; index < length; index++) {
    const t = start + index * periodMs;
    x[index] = t / 1000;
    // Points off the period grid (a workspace whose periods changed) land on the grid slot they fall in.
    while (source < count && series.t[source]! < t) source++;
    const at = series.t[source];
    if (at !== undefined && at < t + periodMs) {
      y[index] = series.v[source]!;
      source++;
    } else {
      y[index] = null;
    }
  }
  return [x, y];
}
