import { describe, expect, it } from 'vitest';
import { reasonsWords, refusalWords, wordsWithInstants } from '../../../renderer/format/refusal';

// decideStep's refusal to a second "Mark done": the engine names alice's tick in UTC and says which words name it.
const refused = { message: '"PE writes Production CR instructions" is already done by alice at 10:55 UTC.', instants: [{ at: Date.parse('2026-03-19T10:55:00Z'), words: '10:55 UTC' }] };

describe("a refusal's instant reads in the desk's zone", () => {
  it.each([
    ['UTC', '"PE writes Production CR instructions" is already done by alice at Thu 19 Mar, 10:55 UTC.'],
    ['America/New_York', '"PE writes Production CR instructions" is already done by alice at Thu 19 Mar, 06:55 New York.'],
    ['Europe/London', '"PE writes Production CR instructions" is already done by alice at Thu 19 Mar, 10:55 London.'],
    // Past midnight on the desk's clock the day is another: said, as the step's row says it.
    ['Asia/Tokyo', '"PE writes Production CR instructions" is already done by alice at Thu 19 Mar, 19:55 Tokyo.'],
  ])('on a desk in %s', (zone, words) => {
    expect(refusalWords(refused, zone)).toBe(words);
  });

  it('leaves a refusal that names no instant as the engine wrote it', () => {
    expect(refusalWords({ message: 'HO-1234 is not deployed anywhere.' }, 'America/New_York')).toBe('HO-1234 is not deployed anywhere.');
  });
});

describe('a refusal or a reason that names several instants reads each in the desk\'s zone', () => {
  const deadline = Date.parse('2026-03-03T10:08:00Z');
  // decideFixForward: a fix that recovered after its deadline names both, in this order.
  const late = { message: "HO-1's fix recovered at 10:12 UTC, after its deadline of 10:08 UTC.", instants: [{ at: deadline + 4 * 60_000, words: '10:12 UTC' }, { at: deadline, words: '10:08 UTC' }] };
  // decideLease: who holds the region, since and until when; two instants the engine writes alike are each their own.
  const lease = { message: "S01 is held by carol (on-call PE) for HO-1234's rollback since 10:55 UTC, until 10:55 UTC.", instants: [{ at: Date.parse('2026-03-19T10:55:00Z'), words: '10:55 UTC' }, { at: Date.parse('2026-03-19T10:55:40Z'), words: '10:55 UTC' }] };

  it.each([
    ['UTC', late, "HO-1's fix recovered at Tue 3 Mar, 10:12 UTC, after its deadline of Tue 3 Mar, 10:08 UTC."],
    ['America/New_York', late, "HO-1's fix recovered at Tue 3 Mar, 05:12 New York, after its deadline of Tue 3 Mar, 05:08 New York."],
    ['America/New_York', lease, "S01 is held by carol (on-call PE) for HO-1234's rollback since Thu 19 Mar, 06:55 New York, until Thu 19 Mar, 06:55 New York."],
  ])('on a desk in %s', (zone, error, words) => {
    expect(refusalWords(error, zone)).toBe(words);
  });

  // uncleanBaselineWindow: S02's reason reads S02's New York first, then UTC where the clocks differ.
  const unclean = {
    reasons: ["S02 carried S01's traffic until 07:10 New York (11:10 UTC) (S01 was in maintenance mode): its 30-minute baseline window must hold only S02's own traffic. It can be taken from 07:40 New York (11:40 UTC)."],
    instants: [
      { at: Date.parse('2026-03-19T11:10:00Z'), words: '07:10 New York (11:10 UTC)', zone: 'America/New_York' },
      { at: Date.parse('2026-03-19T11:40:00Z'), words: '07:40 New York (11:40 UTC)', zone: 'America/New_York' },
    ],
  };
  it.each([
    ['UTC', "S02 carried S01's traffic until 07:10 New York (11:10 UTC) (S01 was in maintenance mode): its 30-minute baseline window must hold only S02's own traffic. It can be taken from 07:40 New York (11:40 UTC)."],
    ['America/New_York', "S02 carried S01's traffic until 07:10 New York (S01 was in maintenance mode): its 30-minute baseline window must hold only S02's own traffic. It can be taken from 07:40 New York."],
    ['Europe/London', "S02 carried S01's traffic until 07:10 New York (11:10 London) (S01 was in maintenance mode): its 30-minute baseline window must hold only S02's own traffic. It can be taken from 07:40 New York (11:40 London)."],
  ])("a step's reason read in its region's zone first, on a desk in %s", (zone, words) => {
    expect(reasonsWords(unclean, zone)).toEqual([words]);
  });

  // reopenedAbove: a step after QA's reopened sign-off names when it was reopened, its day with it, as the row's note does.
  const reopened = {
    reasons: ["Testing failure: QA's sign-off “QA post-rollout testing” was reopened by quinn (QA) at Fri 20 Mar, 08:30 UTC: calls drop after transfer."],
    instants: [{ at: Date.parse('2026-03-20T08:30:00Z'), words: 'Fri 20 Mar, 08:30 UTC' }],
  };
  it.each([
    ['UTC', 'Fri 20 Mar, 08:30 UTC'],
    ['America/New_York', 'Fri 20 Mar, 04:30 New York'],
    ['Pacific/Honolulu', 'Thu 19 Mar, 22:30 Honolulu'],
  ])("a reopened sign-off's reason on a desk in %s", (zone, when) => {
    expect(reasonsWords(reopened, zone)).toEqual([`Testing failure: QA's sign-off “QA post-rollout testing” was reopened by quinn (QA) at ${when}: calls drop after transfer.`]);
  });
});

describe("a fix forward's line on its alert reads its deadline in the desk's zone", () => {
  // fixForwardLine and fixForwardLineInstants (main's alert view joins them), decided at 09:08 UTC with an hour to fix.
  const line = 'Fixing forward (SEV-2) — decided by oren, deadline 10:08 UTC';
  const instants = [{ at: Date.parse('2026-03-03T10:08:00Z'), words: '10:08 UTC' }];
  it.each([
    ['UTC', 'Fixing forward (SEV-2) — decided by oren, deadline Tue 3 Mar, 10:08 UTC'],
    ['America/New_York', 'Fixing forward (SEV-2) — decided by oren, deadline Tue 3 Mar, 05:08 New York'],
  ])('on a desk in %s', (zone, words) => {
    expect(wordsWithInstants(line, instants, zone)).toBe(words);
  });
});
