/**
 * One region × metric as the renderer keeps it: columnar typed arrays, sorted by period start, the shape
 * uPlot draws. Immutable by convention: a merge returns new arrays, so a zustand selector sees the change.
 */
export interface SeriesColumns {
  /** Period starts, epoch ms, ascending and unique. */
  t: Float64Array;
  v: Float64Array;
}

/**
 * Hours of history at one-minute periods, bounded: a console left open over a weekend holds the same
 * memory as one opened a minute ago. 24 h is what the graphs bench draws; main keeps fewer.
 */
export const HISTORY_MAX_POINTS = 24 * 60;

export const EMPTY_SERIES: SeriesColumns = { t: new Float64Array(0), v: new Float64Array(0) };

/**
 * Merges a poll's points by period start: a period already held is replaced (CloudWatch revises its newest
 * period, so every poll re-reads it), new ones are inserted in order, the oldest dropped past `maxPoints`.
 * `incoming` is columnar and sorted, as main sends it; an unsorted one is sorted first.
 */
export function mergeSeries(current: SeriesColumns, incoming: { t: readonly number[]; v: readonly number[] }, maxPoints = HISTORY_MAX_POINTS): SeriesColumns {
  const count = Math.min(incoming.t.length, incoming.v.length);
  if (count === 0) return current;
  const order = sortedOrder(incoming.t, count);
  const t = new Float64Array(current.t.length + count);
  const v = new Float64Array(current.t.length + count);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < current.t.length || j < count) {
    const k = order[j];
    const inT = k === undefined ? Infinity : incoming.t[k]!;
    const curT = i < current.t.length ? current.t[i]! : Infinity;
    if (curT < inT) {
      t[n] = curT;
      v[n++] = current.v[i++]!;
      continue;
    }
    // Same period: the poll's value wins. Duplicates within one poll: the last one sent wins.
    if (curT === inT) i++;
    let last = k!;
    while (j + 1 < count && incoming.t[order[j + 1]!] === inT) last = order[++j]!;
    j++;
    t[n] = inT;
    v[n++] = incoming.v[last]!;
  }
  const start = Math.max(0, n - maxPoints);
  return { t: t.slice(start, n), v: v.slice(start, n) };
}

function sortedOrder(t: readonly number[], count: number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = 1; index < count; index++) {
    if (t[index]! < t[index - 1]!) return order.sort((a, b) => t[a]! - t[b]! || a - b);
  }
  return order;
}

export function seriesFromColumns(t: readonly number[], v: readonly number[], maxPoints = HISTORY_MAX_POINTS): SeriesColumns {
  return mergeSeries(EMPTY_SERIES, { t, v }, maxPoints);
}
