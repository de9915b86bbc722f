import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localMinuteOfDay } from '../../../main/metrics/simulated/signals';

const ZONES = ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Sydney'];
/** Days around the 2026 and 2027 changes in the UK, the US and Australia. */
const DAYS = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01', '2027-03-14', '2027-03-28'];

describe('the simulator\'s local time of day', () => {
  it.each(ZONES)('matches luxon minute by minute in %s across DST changes', (zone) => {
    for (const day of DAYS) {
      const start = Date.parse(`${day}T00:00:00Z`) - 12 * 3_600_000;
      for (let t = start; t < start + 48 * 3_600_000; t += 7 * 60_000 + 13_000) {
        const local = DateTime.fromMillis(t, { zone });
        expect(localMinuteOfDay(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(local.hour * 60 + local.minute);
      }
    }
  });
});
