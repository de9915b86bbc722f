import { describe, expect, it } from 'vitest';
import { gateDeadlineParts } from '../../../renderer/format/deadline';

const at = (iso: string) => Date.parse(iso);
// Seed 000's gate 5: "Friday 10:00" in London; the desk reads it a day, or two hours, before.
const gate5 = (deadline: string, missed = false) => ({ deadline: at(deadline), deadlineZone: 'Europe/London', missed });

describe("a gate's deadline reads as the desk reads every time, its rule's zone beside it, in parts a line breaks between", () => {
  it.each([
    ['a UTC desk in winter reads UTC first, then the rule\'s London, though the clocks agree', gate5('2026-03-20T10:00:00Z'), '2026-03-20T08:00:00Z', 'UTC', ['Due Fri 20 Mar, 10:00 UTC', '(10:00 London),', 'in 2 hours']],
    ['a UTC desk in summer time reads an hour apart', gate5('2026-07-03T09:00:00Z'), '2026-07-02T09:00:00Z', 'UTC', ['Due Fri 3 Jul, 09:00 UTC', '(10:00 London),', 'in 1 day']],
    ['a desk in New York reads its own clock', gate5('2026-03-20T10:00:00Z'), '2026-03-20T08:00:00Z', 'America/New_York', ['Due Fri 20 Mar, 06:00 New York', '(10:00 London),', 'in 2 hours']],
    ['a desk on another day names the rule\'s day too', gate5('2026-03-20T00:30:00Z'), '2026-03-19T20:00:00Z', 'America/New_York', ['Due Thu 19 Mar, 20:30 New York', '(Fri 20 Mar, 00:30 London),', 'in 4 hours 30 minutes']],
    ['a desk in the rule\'s zone reads it once', gate5('2026-03-20T10:00:00Z'), '2026-03-20T08:00:00Z', 'Europe/London', ['Due Fri 20 Mar, 10:00 London,', 'in 2 hours']],
    ['a missed deadline says so, and how long ago', gate5('2026-03-20T10:00:00Z', true), '2026-03-20T13:00:00Z', 'UTC', ['Missed Fri 20 Mar, 10:00 UTC', '(10:00 London),', '3 hours ago']],
  ])('%s', (_, gate, now, operator, parts) => {
    // Read with a space between them; a line breaks only between them ("in 23 hours 5" over "minutes" on the board at 1024 px).
    expect(gateDeadlineParts(gate, at(now), operator)).toEqual(parts);
  });

  it('says nothing for a gate without a deadline', () => {
    expect(gateDeadlineParts({ deadline: null, deadlineZone: null, missed: false }, at('2026-03-20T08:00:00Z'), 'UTC')).toBeNull();
  });
});
