/**
 * How often each desk reads the shared log's tail. The goal is an intent on one desk visible on
 * another within 1,000 ms at p95; a poll's wait is uniform over one interval, so its p95 is 0.95 of the
 * interval plus one Query. 500 ms keeps that near 500 ms, with room for a slow store, at 120 consistent
 * Queries (120 read request units) per desk per minute while the console is open.
 */
export const TAIL_POLL_INTERVAL_MS = 500;

/** A desk that cannot reach the store polls this much less often, until it answers again. */
export const OFFLINE_POLL_INTERVAL_MS = 5_000;

/** What polling costs, for settings beside the CloudWatch figures: reads per desk per minute. */
export function tailReadsPerMinute(intervalMs: number = TAIL_POLL_INTERVAL_MS): number {
  return Math.round(60_000 / intervalMs);
}
