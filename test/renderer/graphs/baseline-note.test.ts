import { describe, expect, it } from 'vitest';
import { baselineNote } from '../../../renderer/views/graphs/baseline-note';

const TAKEN = Date.UTC(2026, 2, 19, 10, 55);
const WINDOW_START = Date.UTC(2026, 2, 19, 10, 25);
const fresh = { takenAt: TAKEN, age: '15 min', limitMinutes: 60, stale: false };

describe("the graphs' header words for a region's baseline", () => {
  it.each([
    ['a fresh one: when it was taken in the region\'s zone, its age and its window', fresh, WINDOW_START, Date.UTC(2026, 2, 19, 11, 10), 'Europe/London', 'Baseline taken 10:55 London, 15 min ago over 10:25–10:55'],
    ['in another zone, the same instant on that zone\'s clock', fresh, WINDOW_START, Date.UTC(2026, 2, 19, 11, 10), 'America/Chicago', 'Baseline taken 05:55 Chicago, 15 min ago over 05:25–05:55'],
    ['no window held: the time and age alone', fresh, null, Date.UTC(2026, 2, 19, 11, 10), 'Europe/London', 'Baseline taken 10:55 London, 15 min ago'],
    ['taken on another day: its day is named', { ...fresh, age: '13 h 5 min' }, WINDOW_START, Date.UTC(2026, 2, 20, 0, 0), 'Europe/London', 'Baseline taken Thu 19 Mar, 10:55 London, 13 h 5 min ago over 10:25–10:55'],
    [
      'a stale one: the same, with its limit and what to do',
      { ...fresh, age: '1 h 1 min', stale: true },
      WINDOW_START,
      Date.UTC(2026, 2, 19, 11, 56),
      'Europe/London',
      'Baseline stale: taken 10:55 London, 1 h 1 min ago over 10:25–10:55, older than 60 minutes; retake it on its baseline step',
    ],
  ])('%s', (_name, age, windowStart, now, zone, words) => {
    // An operator in the region's zone: its reading alone.
    expect(baselineNote(age, windowStart, now, zone, zone)).toBe(words);
  });

  // On a desk in UTC the header said "Baseline taken 10:55 London" beside the step card's "Baseline taken Thu 19 Mar,
  // 10:55 UTC": one instant in two zones on one screen. The operator's reading now follows the region's.
  const SUMMER = Date.UTC(2026, 5, 19, 10, 55);
  it.each([
    ["London in winter, a desk in UTC: one clock, both zones named, so it reads as the step card's 'UTC'", TAKEN, Date.UTC(2026, 2, 19, 11, 10), 'Europe/London', 'UTC', 'Baseline taken 10:55 London (10:55 UTC), 15 min ago over 10:25–10:55'],
    ['London in summer, a desk in UTC', SUMMER, SUMMER + 15 * 60_000, 'Europe/London', 'UTC', 'Baseline taken 11:55 London (10:55 UTC), 15 min ago over 11:25–11:55'],
    ['Sydney, a desk in London', TAKEN, Date.UTC(2026, 2, 19, 11, 10), 'Australia/Sydney', 'Europe/London', 'Baseline taken 21:55 Sydney (10:55 London), 15 min ago over 21:25–21:55'],
    ["past midnight in London, still the 19th in Chicago: London's part alone names its day", TAKEN, Date.UTC(2026, 2, 20, 0, 5), 'Europe/London', 'America/Chicago', 'Baseline taken Thu 19 Mar, 10:55 London (05:55 Chicago), 15 min ago over 10:25–10:55'],
  ])('%s', (_name, taken, now, zone, operator, words) => {
    expect(baselineNote({ ...fresh, takenAt: taken }, taken - 30 * 60_000, now, zone, operator)).toBe(words);
  });
});
