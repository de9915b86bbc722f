import { localDayOf, nextDay } from './localDay';
import type { LocalDay } from './localDay';

/** Allowed intervals [start, end) of one local day, sorted, in epoch ms. */
export type Intervals = ReadonlyArray<readonly [number, number]>;

export interface RuleVerdict {
  allowed: boolean;
  /** When the allowance ends; null when it does not end within a week. */
  closesAt: number | null;
  /** The next opening today (in the rule's zone); null when it will not open today. */
  opensAt: number | null;
  /** The next opening within two weeks, for the sentence that says when. */
  nextOpensAt: number | null;
}

/** A week ahead is as far as "closes at" is useful to an operator. */
const CLOSES_HORIZON_DAYS = 8;
/** Seed 001's holiday freeze runs 19 days; look a little further for the next opening. */
const OPENS_HORIZON_DAYS = 21;

export function verdictOf(zone: string, allowedOn: (day: LocalDay) => Intervals, now: number): RuleVerdict {
  const today = localDayOf(zone, now);
  const intervals = allowedOn(today);
  const current = intervals.find(([start, end]) => start <= now && now < end);
  if (current) {
    let closesAt = current[1];
    let day = today;
    for (let i = 0; i < CLOSES_HORIZON_DAYS && closesAt === day.end; i++) {
      day = nextDay(day);
      const continued = allowedOn(day).find(([start]) => start === day.start);
      if (!continued) return { allowed: true, closesAt, opensAt: null, nextOpensAt: null };
      closesAt = continued[1];
    }
    return { allowed: true, closesAt: closesAt === day.end ? null : closesAt, opensAt: null, nextOpensAt: null };
  }
  const later = intervals.find(([start]) => start > now);
  if (later) return { allowed: false, closesAt: null, opensAt: later[0], nextOpensAt: later[0] };
  let day = today;
  for (let i = 0; i < OPENS_HORIZON_DAYS; i++) {
    day = nextDay(day);
    const first = allowedOn(day)[0];
    if (first) return { allowed: false, closesAt: null, opensAt: null, nextOpensAt: first[0] };
  }
  return { allowed: false, closesAt: null, opensAt: null, nextOpensAt: null };
}

/** Per-rule, per-day memo: a rule's intervals on a given day never change. */
export function memoByDay(compute: (day: LocalDay) => Intervals): (day: LocalDay) => Intervals {
  const memo = new Map<string, Intervals>();
  return (day) => {
    let intervals = memo.get(day.key);
    if (!intervals) {
      intervals = compute(day);
      memo.set(day.key, intervals);
    }
    return intervals;
  };
}

/** The complement of blocked intervals within a day. */
export function allowedOutside(day: LocalDay, blocked: Intervals): Intervals {
  const sorted = [...blocked].sort((a, b) => a[0] - b[0]);
  const allowed: Array<readonly [number, number]> = [];
  let cursor = day.start;
  for (const [start, end] of sorted) {
    if (start > cursor) allowed.push([cursor, start]);
    cursor = Math.max(cursor, end);
  }
  if (cursor < day.end) allowed.push([cursor, day.end]);
  return allowed;
}
