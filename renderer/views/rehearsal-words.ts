/**
 * How a rehearsal's clock moves, in the banner and in the clock's tooltip alike. On a shared log every desk on the
 * rehearsal folds the same clockMoved, so another desk's "+1 min" moves this one's too: "only when you press" would
 * be untrue there.
 */
const BUTTONS = '+1 min, +15 min or +1 h';

/** The banner's sentence about the time at the top. */
export function rehearsalBannerClockWords(onSharedLog: boolean): string {
  return onSharedLog
    ? `The time at the top is this rehearsal's, the same at every desk on it: it moves when anyone at one presses ${BUTTONS}.`
    : `The time at the top is this rehearsal's: it moves only when you press ${BUTTONS} beside it.`;
}

/** The rehearsal clock's tooltip, before its reading in the rehearsal's own zone. */
export function rehearsalClockTitle(onSharedLog: boolean): string {
  return onSharedLog
    ? `Rehearsal: a simulated clock, the same at every desk on it, that moves when anyone at one presses ${BUTTONS}`
    : `Rehearsal: a simulated clock that moves only when you press ${BUTTONS}`;
}
