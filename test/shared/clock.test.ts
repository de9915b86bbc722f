import { describe, expect, test } from 'vitest';
import { simulatedClock, systemClock } from '../../shared/clock';

describe('clocks', () => {
  test('a simulated clock for a rehearsal only moves when set or advanced', () => {
    const clock = simulatedClock(Date.parse('2026-03-20T10:55:00Z'));
    expect(clock.now()).toBe(Date.parse('2026-03-20T10:55:00Z'));
    clock.advance(5 * 60_000);
    expect(clock.now()).toBe(Date.parse('2026-03-20T11:00:00Z'));
    clock.set(Date.parse('2026-03-20T17:59:00Z'));
    expect(clock.now()).toBe(Date.parse('2026-03-20T17:59:00Z'));
  });

  test.each([[-1], [Number.NaN]])('a simulated clock refuses to move by %s', (ms) => {
    expect(() => simulatedClock(0).advance(ms)).toThrow(RangeError);
  });

  test('the system clock reads the real time', () => {
    const before = Date.now();
    const now = systemClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
