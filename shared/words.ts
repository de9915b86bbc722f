/** Counts in words: "1 step", "3 steps", never "1 steps" or "9.1 errors"; the screens, the History outcome and main's notices and rollback log say them alike. */

const plurals = new Intl.PluralRules('en-GB');

/**
 * `n` whole things, named in the singular or plural as English needs. A fractional count is rounded:
 * counts of steps, errors or calls are whole, even when a rate or an average produced them.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  const whole = Math.round(n);
  return `${whole.toLocaleString('en-GB')} ${plurals.select(whole) === 'one' ? singular : plural}`;
}

/** How many of a group's steps are done, the noun agreeing with the total: "0 of 1 step done", "3 of 72 steps done". */
export function stepsDone(done: number, total: number): string {
  return `${done} of ${countOf(total, 'step')} done`;
}

/**
 * How far a running rollback or back-out got, as the headline of its dialog says it: "Rolling back HO-1234… 3 of 12
 * steps", "Backing LON out… 0 of 11 steps". A step passed over with a reason is as far behind it as one done; a back-out's
 * read "Backing LON out…" alone.
 */
export function runProgressWords(doing: string, steps: readonly { state: 'pending' | 'running' | 'done' | 'failed' | 'skipped' }[]): string {
  const finished = steps.filter((s) => s.state === 'done' || s.state === 'skipped').length;
  return `${doing}… ${finished} of ${countOf(steps.length, 'step')}`;
}

/**
 * Who did something, as every "by" in the console says it: "olu (on-call PE)". A record from before roles were kept
 * with it (a Stop logged by an older console) has none: the name alone, never "olu ()".
 */
export function actorWords(actor: { name: string; role?: string | null }): string {
  return actor.role ? `${actor.name} (${actor.role})` : actor.name;
}

/** Who asked a Stop, as a record keeps it (`stopping`, `stopRequested`: `by` and the role): "oscar (on-call PE)". */
export function stopperWords(stopping: { by: string; role?: string | null }): string {
  return actorWords({ name: stopping.by, role: stopping.role });
}
