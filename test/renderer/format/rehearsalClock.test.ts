import { describe, expect, it } from 'vitest';
import { dayAndClockIn, rehearsalClockZone, zoneLabel } from '../../../renderer/format/time';

describe("the rehearsal clock's zone", () => {
  it("is seed 004's Pacific when its staging and production share it", () => {
    const zone = rehearsalClockZone([{ zone: 'America/Los_Angeles' }, { zone: 'America/Los_Angeles' }]);
    expect(`${dayAndClockIn(Date.parse('2026-03-03T18:30:00Z'), zone)} ${zoneLabel(zone)}`).toBe('Tue 3 Mar, 10:30 Los Angeles');
  });

  it("stays London for the demo's regions in many zones, and for a workspace without regions", () => {
    expect(rehearsalClockZone([{ zone: 'America/New_York' }, { zone: 'Europe/London' }, { zone: 'Asia/Singapore' }])).toBe('Europe/London');
    expect(rehearsalClockZone([])).toBe('Europe/London');
  });
});
