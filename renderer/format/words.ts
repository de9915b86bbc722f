/** Counts in words: "1 step", "3 steps", never "1 steps" or "9.1 errors". */

const plurals = new Intl.PluralRules('en-GB');

/**
 * `n` whole things, named in the singular or plural as English needs. A fractional count is rounded:
 * counts of steps, errors or calls are whole, even when a rate or an average produced them.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  const whole = Math.round(n);
  return `${whole.toLocaleString('en-GB')} ${plurals.select(whole) === 'one' ? singular : plural}`;
}
