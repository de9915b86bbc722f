/**
 * The Delivery screen's period as the operator picks it: whole UTC days, the last one included, so the
 * same two dates mean the same instants as `release-console dora --since D1 --until D2+1`.
 */
const DAY_MS = 86_400_000;

export interface DayPeriod {
  /** YYYY-MM-DD, the first day. */
  from: string;
  /** YYYY-MM-DD, the last day, included. */
  to: string;
}

export function dayOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The sixteen weeks up to and including `now`'s day: about the four months the demo's history covers. */
export function defaultPeriod(now: number): DayPeriod {
  return { from: dayOf(now - 16 * 7 * DAY_MS + DAY_MS), to: dayOf(now) };
}

/** Epoch ms of the period's start (inclusive) and end (exclusive), or why the dates cannot be one. */
export function periodBounds(period: DayPeriod): { since: number; until: number } | { error: string } {
  const since = Date.parse(`${period.from}T00:00:00Z`);
  const lastDay = Date.parse(`${period.to}T00:00:00Z`);
  if (Number.isNaN(since)) return { error: `"${period.from}" is not a date.` };
  if (Number.isNaN(lastDay)) return { error: `"${period.to}" is not a date.` };
  if (lastDay < since) return { error: 'The period ends before it starts: pick a last day on or after the first.' };
  return { since, until: lastDay + DAY_MS };
}
