import { describe, expect, test } from 'vitest';
import { runServe } from '../../../main/serve/serve-command';

async function serve(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runServe(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

describe('release-console serve refuses clock flags it cannot honour, before starting anything', () => {
  test.each([
    [['--live', '--rehearsal-at', '2026-03-19T10:55:00Z'], 'A console is either live or a rehearsal: --live and --rehearsal-at cannot be given together.'],
    [['--today', 'next thursday'], '--today needs an ISO 8601 time with its offset, e.g. 2026-11-27T10:55:00Z, not "next thursday".'],
    [['--today', '2026-11-28T19:30:00'], '--today needs an ISO 8601 time with its offset'],
    [['--rehearsal-at', '2026-13-40T10:55:00Z'], '--rehearsal-at needs an ISO 8601 time with its offset'],
    [['--live=yes'], 'release-console serve:'],
  ])('%j → exit 2 naming the flag', async (args, message) => {
    const result = await serve(args);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err.join('\n')).toContain(message);
  });
});
