/**
 * Issue 17: "An EUW2 baseline taken 5.5 hours before the deploy was used with no staleness warning." A
 * baseline says what healthy looked like when it was taken; hours later the traffic of the day has moved
 * on, so a workspace may set how old one may be before a deploy (metrics.yaml `baselineMaxAgeMinutes`).
 */
export interface BaselineAge {
  /** When the newest baseline of the region was taken: the end of its window. */
  takenAt: number;
  ageMs: number;
  /** The workspace's limit; null when it sets none (then no baseline is ever stale). */
  limitMinutes: number | null;
  isStale: boolean;
}

/** The age of a region's newest baseline among `baselines`; null when none was taken there. */
export function baselineAgeOf(baselines: readonly { regionId: string; endMs: number }[], regionId: string, now: number, limitMinutes: number | null): BaselineAge | null {
  let takenAt: number | null = null;
  for (const baseline of baselines) if (baseline.regionId === regionId && (takenAt === null || baseline.endMs > takenAt)) takenAt = baseline.endMs;
  if (takenAt === null) return null;
  const ageMs = Math.max(0, now - takenAt);
  return { takenAt, ageMs, limitMinutes, isStale: limitMinutes !== null && ageMs > limitMinutes * 60_000 };
}

/** "5 h 30 min", "45 min": an age as an operator reads it. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** The sentence a deploy step is blocked by, naming the age, the limit and where to retake it. */
export function staleBaselineReason(regionId: string, age: BaselineAge, baselineStepTitle: string | null): string {
  const where = baselineStepTitle ? ` with "Retake baseline" on "${baselineStepTitle}"` : '';
  return `The baseline for ${regionId} was taken ${formatAge(age.ageMs)} ago, older than this workspace's ${age.limitMinutes ?? 0} minutes: retake it${where} before deploying.`;
}
