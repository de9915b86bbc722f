import { DateTime } from 'luxon';
import type { Point } from './series';

/**
 * Issue 10: when data stops arriving the graph says "stale since HH:MM", never a flat healthy line.
 * CloudWatch publishes a period a minute or two after it closes, so one or two missing periods are
 * normal; three in a row means the source has stopped answering.
 */
export const STALE_AFTER_PERIODS = 3;
/** Even with 10-second periods, a poll round trip plus CloudWatch's ingestion delay needs this long. */
export const MIN_STALE_AFTER_MS = 3 * 60_000;

export type Freshness =
  | { state: 'fresh'; lastPointMs: number }
  /** `sinceMs`: the end of the last period that did arrive, or when watching began if none ever did. */
  | { state: 'stale'; sinceMs: number; lastPointMs: number | null };

export function staleAfterMs(periodMs: number): number {
  return Math.max(MIN_STALE_AFTER_MS, STALE_AFTER_PERIODS * periodMs);
}

export function freshnessOf(points: readonly Point[], now: number, periodMs: number, watchingSinceMs: number): Freshness {
  const last = points[points.length - 1];
  if (last === undefined) {
    return { state: 'stale', sinceMs: watchingSinceMs, lastPointMs: null };
  }
  const arrivedThrough = last.t + periodMs;
  if (now - arrivedThrough > staleAfterMs(periodMs)) {
    return { state: 'stale', sinceMs: arrivedThrough, lastPointMs: last.t };
  }
  return { state: 'fresh', lastPointMs: last.t };
}

/** "stale since 10:42" in the zone the operator reads (the region's or their own). */
export function formatStaleSince(sinceMs: number, zone: string): string {
  return `stale since ${DateTime.fromMillis(sinceMs, { zone }).toFormat('HH:mm')}`;
}
