import type { MetricDataQuery } from './queries';

/** CloudWatch GetMetricData limits (API reference): 500 queries and 100,800 datapoints per call. */
export const MAX_QUERIES_PER_CALL = 500;
export const MAX_DATAPOINTS_PER_CALL = 100_800;

export interface PlannedCall {
  queries: MetricDataQuery[];
  startMs: number;
  endMs: number;
  /** The most datapoints this call can return: what the 100,800 limit is checked against. */
  datapoints: number;
}

export function datapointsFor(queries: readonly MetricDataQuery[], startMs: number, endMs: number): number {
  return queries.reduce((total, query) => total + Math.ceil((endMs - startMs) / (query.Period * 1000)), 0);
}

function packByQueryCount(units: readonly MetricDataQuery[][], maxQueries: number): MetricDataQuery[][] {
  const packs: MetricDataQuery[][] = [];
  let current: MetricDataQuery[] = [];
  for (const unit of units) {
    if (unit.length > maxQueries) throw new RangeError(`One expression needs ${unit.length} queries, more than the ${maxQueries} a call allows.`);
    if (current.length + unit.length > maxQueries) {
      packs.push(current);
      current = [];
    }
    current.push(...unit);
  }
  if (current.length > 0) packs.push(current);
  return packs;
}

/** Splits [startMs, endMs) into k slices on the longest period's boundaries. */
function slices(startMs: number, endMs: number, stepMs: number, count: number): Array<[number, number]> {
  const steps = Math.ceil((endMs - startMs) / stepMs);
  const perSlice = Math.ceil(steps / count);
  const result: Array<[number, number]> = [];
  for (let from = startMs; from < endMs; from += perSlice * stepMs) result.push([from, Math.min(endMs, from + perSlice * stepMs)]);
  return result;
}

/**
 * The fewest calls for one endpoint: all its queries in one call when they fit, otherwise packs of at most
 * 500 queries, each split in time only as far as the datapoint limit needs (a 24 h reload of 88 one-minute
 * series is 126,720 points: two calls).
 */
export function planCalls(
  units: readonly MetricDataQuery[][],
  startMs: number,
  endMs: number,
  limits = { maxQueries: MAX_QUERIES_PER_CALL, maxDatapoints: MAX_DATAPOINTS_PER_CALL },
): PlannedCall[] {
  if (!(endMs > startMs)) return [];
  const calls: PlannedCall[] = [];
  for (const queries of packByQueryCount(units, limits.maxQueries)) {
    const stepMs = Math.max(...queries.map((query) => query.Period * 1000));
    const total = datapointsFor(queries, startMs, endMs);
    for (let count = Math.max(1, Math.ceil(total / limits.maxDatapoints)); ; count += 1) {
      const planned = slices(startMs, endMs, stepMs, count).map(([from, to]) => ({
        queries,
        startMs: from,
        endMs: to,
        datapoints: datapointsFor(queries, from, to),
      }));
      const fits = planned.every((call) => call.datapoints <= limits.maxDatapoints);
      // One period of every query already over the limit cannot be split further in time.
      if (fits || planned.length >= Math.ceil((endMs - startMs) / stepMs)) {
        calls.push(...planned);
        break;
      }
    }
  }
  return calls;
}
