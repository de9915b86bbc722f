// The token check takes one code path whatever the guess: both sides are hashed to 32 bytes and compared
// with crypto.timingSafeEqual, so a wrong length, a wrong first byte or a missing token cost the same work.
import type * as Crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

const compared = vi.hoisted(() => [] as [number, number][]);

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof Crypto>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return real.timingSafeEqual(a, b);
    },
  };
});

const { createToken, tokenMatches } = await import('../../../main/serve/token');

describe('tokenMatches', () => {
  const token = createToken();

  it.each([
    ['the token', token, true],
    ['a token one character short', token.slice(0, -1), false],
    ['a token one character long', `${token}x`, false],
    ['the last character wrong', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, false],
    ['the first character wrong', `${token.startsWith('A') ? 'B' : 'A'}${token.slice(1)}`, false],
    ['an empty string', '', false],
    ['a megabyte of guess', 'x'.repeat(1_000_000), false],
    ['a NUL-padded token', `${token}\0`, false],
  ])('%s → %s, through timingSafeEqual on two 32-byte digests', (_name, candidate, expected) => {
    compared.length = 0;
    expect(tokenMatches(token, candidate)).toBe(expected);
    expect(compared).toEqual([[32, 32]]);
  });

  it('refuses a missing token without comparing anything secret', () => {
    compared.length = 0;
    expect(tokenMatches(token, null)).toBe(false);
    expect(tokenMatches(token, undefined)).toBe(false);
    expect(compared).toEqual([]);
  });

  it('makes tokens of 192 random bits, different each run', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => createToken()));
    expect(tokens.size).toBe(100);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
