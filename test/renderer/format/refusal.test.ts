import { describe, expect, it } from 'vitest';
import { refusalWords } from '../../../renderer/format/refusal';

// decideStep's refusal to a second "Mark done": the engine names alice's tick in UTC and says which words name it.
const refused = { message: '"PE writes Production CR instructions" is already done by alice at 10:55 UTC.', instant: { at: Date.parse('2026-03-19T10:55:00Z'), words: '10:55 UTC' } };

describe("a refusal's instant reads in the desk's zone", () => {
  it.each([
    ['UTC', '"PE writes Production CR instructions" is already done by alice at 10:55 UTC.'],
    ['America/New_York', '"PE writes Production CR instructions" is already done by alice at 06:55 New York.'],
    ['Europe/London', '"PE writes Production CR instructions" is already done by alice at 10:55 London.'],
  ])('on a desk in %s', (zone, words) => {
    expect(refusalWords(refused, zone)).toBe(words);
  });

  it('leaves a refusal that names no instant as the engine wrote it', () => {
    expect(refusalWords({ message: 'HO-1234 is not deployed anywhere.' }, 'America/New_York')).toBe('HO-1234 is not deployed anywhere.');
  });
});
