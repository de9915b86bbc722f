/** One CloudWatch datapoint: the start of its period (epoch ms) and the statistic's value. */
export interface Point {
  t: number;
  v: number;
}

/** Region × metric, the unit every graph, baseline and criterion is kept by. */
export type SeriesKey = `${string}/${string}`;

export function seriesKey(regionId: string, metricId: string): SeriesKey {
  return `${regionId}/${metricId}`;
}

export function alignDown(epochMs: number, periodMs: number): number {
  return Math.floor(epochMs / periodMs) * periodMs;
}

/** Points whose time lies in [startMs, endMs), in time order. Assumes `points` is already sorted. */
export function pointsBetween(points: readonly Point[], startMs: number, endMs: number): Point[] {
  return points.filter((point) => point.t >= startMs && point.t < endMs);
}
