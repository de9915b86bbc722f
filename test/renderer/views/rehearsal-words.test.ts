import { describe, expect, it } from 'vitest';
import { rehearsalBannerClockWords, rehearsalClockTitle } from '../../../renderer/views/rehearsal-words';

describe("how a rehearsal's clock moves, in the banner and in the clock's tooltip", () => {
  it('a desk alone moves it only by its own presses', () => {
    expect(rehearsalBannerClockWords(false)).toBe("The time at the top is this rehearsal's: it moves only when you press +1 min, +15 min or +1 h beside it.");
    expect(rehearsalClockTitle(false)).toBe('Rehearsal: a simulated clock that moves only when you press +1 min, +15 min or +1 h');
  });

  // ff2386c: one clock for every desk on a shared rehearsal; the banner said so (eea9285), the tooltip still said "only when you press".
  it('on a shared log, any desk on the rehearsal moves it: neither says "only when you press"', () => {
    expect(rehearsalBannerClockWords(true)).toBe("The time at the top is this rehearsal's, the same at every desk on it: it moves when anyone at one presses +1 min, +15 min or +1 h.");
    expect(rehearsalClockTitle(true)).toBe('Rehearsal: a simulated clock, the same at every desk on it, that moves when anyone at one presses +1 min, +15 min or +1 h');
    expect(rehearsalClockTitle(true)).not.toContain('only when you press');
  });
});
