import type { SeriesState } from '../../../shared/api';
import type { SeriesColumns } from '../../store/metric-series';

/**
 * What a graph says about its data, from main's verdict (never re-judged here): fresh, stale since the end
 * of the last period that arrived, or empty since main began watching (no point ever arrived).
 */
export type ChartStatus = { kind: 'fresh' } | { kind: 'stale'; sinceMs: number } | { kind: 'empty'; sinceMs: number };

export function chartStatus(state: SeriesState | undefined, series: SeriesColumns): ChartStatus {
  if (state === undefined || state.freshness === 'fresh' || state.staleSinceMs === null) return { kind: 'fresh' };
  return series.t.length === 0 && state.lastPointMs === null ? { kind: 'empty', sinceMs: state.staleSinceMs } : { kind: 'stale', sinceMs: state.staleSinceMs };
}

/** The newest point the renderer holds, for the header when the crosshair is elsewhere. */
export function latestValue(series: SeriesColumns): { t: number; v: number } | null {
  const last = series.t.length - 1;
  return last < 0 ? null : { t: series.t[last]!, v: series.v[last]! };
}
