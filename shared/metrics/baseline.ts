import type { Point } from './series';

/** Seed 001's capture-baseline step looks at the recent past; half an hour smooths one noisy minute. */
export const BASELINE_WINDOW_MS = 30 * 60_000;

/** Seed 001/003: "snapshot key metrics before deploying"; issue 10 names the summary's fields. */
export interface BaselineSummary {
  regionId: string;
  metricId: string;
  /** The window the summary covers, [startMs, endMs). */
  startMs: number;
  endMs: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
  count: number;
}

/**
 * Percentile by linear interpolation between closest ranks (the method spreadsheets and numpy default
 * to), so p50 of [1, 2] is 1.5 rather than jumping to one of the samples.
 */
export function percentile(sortedValues: readonly number[], fraction: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  const rank = (sortedValues.length - 1) * Math.min(1, Math.max(0, fraction));
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sortedValues[lower] ?? Number.NaN;
  const high = sortedValues[upper] ?? low;
  return low + (high - low) * (rank - lower);
}

/** A baseline over the points in [startMs, endMs); null when the window holds no data (never a zero baseline). */
export function summarizeBaseline(
  regionId: string,
  metricId: string,
  points: readonly Point[],
  startMs: number,
  endMs: number,
): BaselineSummary | null {
  const values = points
    .filter((point) => point.t >= startMs && point.t < endMs && Number.isFinite(point.v))
    .map((point) => point.v)
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  const sum = values.reduce((total, value) => total + value, 0);
  return {
    regionId,
    metricId,
    startMs,
    endMs,
    mean: sum / values.length,
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    max: values[values.length - 1] ?? Number.NaN,
    count: values.length,
  };
}
