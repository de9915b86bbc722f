import { describe, expect, it } from 'vitest';
import { clockIn, clockWithZone, dayAndClockIn, readingPerZone } from '../../shared/instantWords';

// 2026-03-29T00:30Z: London's clocks go forward at 01:00 UTC that night.
const BEFORE_THE_CHANGE = Date.UTC(2026, 2, 29, 0, 30);
const AFTER_THE_CHANGE = Date.UTC(2026, 2, 29, 1, 30);

describe('instants read in a zone, with one formatter kept per zone', () => {
  it('reads each zone in its own clock, before and after a change of offset, from one kept formatter', () => {
    expect(clockIn(BEFORE_THE_CHANGE, 'Europe/London')).toBe('00:30');
    expect(clockIn(AFTER_THE_CHANGE, 'Europe/London')).toBe('02:30');
    expect(clockIn(AFTER_THE_CHANGE, 'America/New_York')).toBe('21:30');
    expect(dayAndClockIn(AFTER_THE_CHANGE, 'America/New_York')).toBe('Sat 28 Mar, 21:30');
    expect(clockWithZone(AFTER_THE_CHANGE, 'UTC')).toBe('01:30 UTC');
  });

  it('gives the same formatter for a zone each time, and another for another zone', () => {
    const reading = readingPerZone({ hour: '2-digit', minute: '2-digit' });
    expect(reading('Europe/London')).toBe(reading('Europe/London'));
    expect(reading('Europe/London')).not.toBe(reading('Asia/Singapore'));
    expect(reading('Asia/Singapore').resolvedOptions().timeZone).toBe('Asia/Singapore');
  });

  it('refuses an unknown zone each time it is asked, as a formatter built afresh did, keeping nothing for it', () => {
    const reading = readingPerZone({ hour: '2-digit' });
    expect(() => reading('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => reading('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => clockIn(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
