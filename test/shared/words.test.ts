import { describe, expect, it } from 'vitest';
import { relative } from '../../renderer/format/time';
import { countOf, runProgressWords, stepsDone } from '../../shared/words';

const NOW = Date.UTC(2026, 2, 19, 10, 55);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('relative times in words (issue 20: never "6082 h 33 min ago" or "1 minutes")', () => {
  it.each([
    [0, 'now'],
    [42 * SECOND, 'in 42 seconds'],
    [-1 * SECOND, '1 second ago'],
    [MINUTE, 'in 1 minute'],
    [-MINUTE, '1 minute ago'],
    [59 * MINUTE + 59 * SECOND, 'in 59 minutes'],
    [HOUR, 'in 1 hour'],
    [7 * HOUR + 5 * MINUTE, 'in 7 hours 5 minutes'],
    [-(23 * HOUR + MINUTE), '23 hours 1 minute ago'],
    [DAY + HOUR, 'in 1 day 1 hour'],
    [-(3 * DAY), '3 days ago'],
    [-(6082 * HOUR + 33 * MINUTE), '253 days ago'],
  ])('%d ms from now reads "%s"', (delta, text) => {
    expect(relative(NOW + delta, NOW)).toBe(text);
  });
});

describe('counts in words', () => {
  it.each([
    [1, 'step', undefined, '1 step'],
    [0, 'step', undefined, '0 steps'],
    [72, 'step', undefined, '72 steps'],
    [9.1, 'error', undefined, '9 errors'],
    [0.6, 'error', undefined, '1 error'],
    [2, 'person', 'people', '2 people'],
    [12_345, 'call', undefined, '12,345 calls'],
  ])('%d %s', (n, singular, plural, text) => {
    expect(countOf(n, singular, plural)).toBe(text);
  });
});

describe("a group's steps done, the noun agreeing with the total (the board read \"0 of 1 steps done\")", () => {
  it.each([
    [0, 1, '0 of 1 step done'],
    [1, 1, '1 of 1 step done'],
    [0, 72, '0 of 72 steps done'],
    [3, 3, '3 of 3 steps done'],
  ])('%d of %d reads "%s"', (done, total, text) => {
    expect(stepsDone(done, total)).toBe(text);
  });
});

describe("how far a running rollback or back-out got, in its dialog's headline (a back-out's read \"Backing LON out…\" alone)", () => {
  type State = Parameters<typeof runProgressWords>[1][number]['state'];
  const steps = (...states: State[]) => states.map((state) => ({ state }));
  it.each([
    ['Backing LON out', steps('running', ...Array<State>(10).fill('pending')), 'Backing LON out… 0 of 11 steps'],
    ['Backing S01 out', steps('running'), 'Backing S01 out… 0 of 1 step'],
    ['Rolling back HO-1234', steps('done', 'skipped', 'done', 'running', 'pending'), 'Rolling back HO-1234… 3 of 5 steps'],
    ['Backing LON out', steps('done', 'failed', 'pending'), 'Backing LON out… 1 of 3 steps'],
  ])('%s, its steps %j, reads "%s"', (doing, states, text) => {
    expect(runProgressWords(doing, states)).toBe(text);
  });
});
