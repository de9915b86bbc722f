import { describe, expect, it } from 'vitest';
import { spanIn } from '../../../renderer/format/time';

const at = (iso: string) => Date.parse(iso);

describe('a calendar block in words (never "00:00 – 00:00" for a whole day, nor "– 00:00" for an evening)', () => {
  it.each([
    ['a whole day reads as one', '2026-03-24T00:00:00Z', '2026-03-25T00:00:00Z', 'Europe/London', 'Tue 24 Mar, all day in London'],
    ['whole days read as their first and last', '2026-03-24T00:00:00Z', '2026-03-26T00:00:00Z', 'Europe/London', 'Tue 24 Mar – Wed 25 Mar, all day in London'],
    ['the day the clocks go forward (23 hours) is still a whole day', '2026-03-29T00:00:00Z', '2026-03-29T23:00:00Z', 'Europe/London', 'Sun 29 Mar, all day in London'],
    ['an evening that runs to midnight ends at 24:00 of its day', '2026-03-19T18:00:00Z', '2026-03-20T00:00:00Z', 'Europe/London', 'Thu 19 Mar, 18:00 – 24:00 London'],
    ['a span past a day that runs to midnight ends at 24:00 of its last day', '2026-12-28T19:00:00-05:00', '2026-12-31T00:00:00-05:00', 'America/New_York', 'Mon 28 Dec, 19:00 – Wed 30 Dec, 24:00 New York'],
    ['a span within a day names the day once', '2026-03-19T11:00:00Z', '2026-03-19T13:00:00Z', 'Europe/London', 'Thu 19 Mar, 11:00 – 13:00 London'],
    ['a span from midnight names its start as 00:00', '2026-03-30T00:00:00+01:00', '2026-03-30T14:00:00+01:00', 'Europe/London', 'Mon 30 Mar, 00:00 – 14:00 London'],
    ['a span across midnight names both days', '2026-03-29T22:00:00+01:00', '2026-03-30T02:00:00+01:00', 'Europe/London', 'Sun 29 Mar, 22:00 – Mon 30 Mar, 02:00 London'],
    ['whole days are whole in the zone they are read in, not in UTC', '2026-12-24T00:00:00Z', '2026-12-25T00:00:00Z', 'America/New_York', 'Wed 23 Dec, 19:00 – Thu 24 Dec, 19:00 New York'],
  ])('%s', (_, start, end, zone, words) => {
    expect(spanIn(at(start), at(end), zone)).toBe(words);
  });
});
