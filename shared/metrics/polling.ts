import { alignDown } from './series';

export interface PollWindow {
  startMs: number;
  endMs: number;
}

/**
 * Incremental polling (issue 10): only the periods since the last poll, plus the last period again
 * because CloudWatch revises the newest period as late datapoints arrive. The first poll loads
 * `initialLookbackMs` of history. Null when no period has closed since the last poll. After a gap longer
 * than the lookback (a laptop asleep over a weekend, a rehearsal clock moved days ahead) only the lookback is
 * fetched again: the history keeps no more than that, and asking for days of points costs minutes and money.
 */
export function nextPollWindow(fetchedThroughMs: number | undefined, now: number, periodMs: number, initialLookbackMs: number): PollWindow | null {
  const endMs = alignDown(now, periodMs);
  if (fetchedThroughMs === undefined) {
    const startMs = alignDown(now - initialLookbackMs, periodMs);
    return endMs > startMs ? { startMs, endMs } : null;
  }
  if (endMs <= fetchedThroughMs) return null;
  return { startMs: Math.max(fetchedThroughMs - periodMs, alignDown(now - initialLookbackMs, periodMs)), endMs };
}
