import { describe, expect, it } from 'vitest';
import { until } from './until';

/** The one wait the tests under test/main share: what it returns and what its timeout says. */
describe('until', () => {
  it('returns the first reading that holds, read again until then, from a synchronous or an asynchronous read', async () => {
    let reads = 0;
    expect(await until('the third read', () => ++reads, (n) => n >= 3, 5_000)).toBe(3);
    let later = 0;
    expect(await until('the second read', async () => ++later, (n) => n === 2, 5_000)).toBe(2);
  });

  it('fails saying what it waited for and the last reading, cut to 2,000 characters', async () => {
    await expect(until('the S01 baseline', () => ({ state: 'running' }), (step) => step.state === 'done', 60)).rejects.toThrow(
      'the S01 baseline: still {"state":"running"} after 60 ms',
    );
    await expect(until('a long reading', () => 'x'.repeat(5_000), () => false, 0)).rejects.toThrow(`a long reading: still "${'x'.repeat(1_999)} after 0 ms`);
  });

  it('says undefined and circular readings in words rather than failing on them', async () => {
    await expect(until('the shell to run', () => undefined, (pid) => pid !== undefined, 0)).rejects.toThrow('the shell to run: still undefined after 0 ms');
    const circular: { self?: unknown } = {};
    circular.self = circular;
    await expect(until('a child process', () => circular, () => false, 0)).rejects.toThrow('a child process: still [object Object] after 0 ms');
  });
});
