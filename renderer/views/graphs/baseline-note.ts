import { clockIn, instantWithOperatorZone } from '../../format/time';

/** The region's baseline as main's view words it (issue 17): when it was taken, its age, its limit. */
export interface BaselineAgeView {
  takenAt: number;
  age: string;
  limitMinutes: number | null;
  stale: boolean;
}

/**
 * The graphs' header words for the region's baseline: when it was taken, in the region's zone as the graphs'
 * axes are, and the window it was taken over when the series hold it. The header said "Baseline taken 15 min
 * ago" beside "from Thu 19 Mar, 05:10" (the graphs' range start), read by a PE as when the baseline was taken.
 * The operator's reading follows when they sit in another zone (format/time.ts's rule): on a desk in UTC the header
 * said "Baseline taken 10:55 London" beside the baseline step's "Baseline taken Thu 19 Mar, 10:55 UTC".
 */
export function baselineNote(age: BaselineAgeView, windowStartMs: number | null, nowMs: number, zone: string, operator: string): string {
  const when = instantWithOperatorZone(age.takenAt, nowMs, zone, operator);
  const over = windowStartMs !== null && windowStartMs < age.takenAt ? ` over ${clockIn(windowStartMs, zone)}–${clockIn(age.takenAt, zone)}` : '';
  return age.stale
    ? `Baseline stale: taken ${when}, ${age.age} ago${over}, older than ${age.limitMinutes ?? 0} minutes; retake it on its baseline step`
    : `Baseline taken ${when}, ${age.age} ago${over}`;
}
