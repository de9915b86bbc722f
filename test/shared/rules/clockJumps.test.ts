// issue 8, the clock jumps (sleep/resume, an NTP step, a rehearsal clock moved by hand): rules are evaluated
// again at every instant, the per-day caches never carry an answer across a jump, and nothing opens early.
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateDeployment } from '../../../shared/rules/evaluate';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, iso, loadTemplate } from '../loadTemplate';

let demo: Workspace;

beforeAll(async () => {
  demo = await loadTemplate('demo');
});

/** The same question asked of a workspace loaded just for it: no cache can have seen another instant. */
async function fresh(region: string, t: number) {
  return evaluateDeployment(await loadTemplate('demo'), { region }, t);
}

// EUW2 opens 18:00 London and stays open to midnight; USE2 is open until 14:00 London. Times in UTC; the UK
// moves to summer time on 29 March 2026, so 18:00 London is 18:00Z before it and 17:00Z after.
const JUMPS: [string, string, boolean][] = [
  ['EUW2', '2026-03-19T10:55:00Z', false],
  ['EUW2', '2026-03-19T17:59:59.999Z', false],
  ['EUW2', '2026-03-19T18:00:00Z', true],
  // Backwards a minute across the edge: closed again.
  ['EUW2', '2026-03-19T17:59:00Z', false],
  // Forwards past midnight (a laptop asleep overnight): closed, not still open from yesterday.
  ['EUW2', '2026-03-20T09:00:00Z', false],
  // Backwards a whole day into the open evening, then forwards into the next morning.
  ['EUW2', '2026-03-19T23:59:59.999Z', true],
  ['EUW2', '2026-03-20T00:00:00Z', false],
  // Across the DST change: 17:30Z is 17:30 London on the Saturday, 18:30 London on the Monday.
  ['EUW2', '2026-03-28T17:30:00Z', false],
  ['EUW2', '2026-03-30T17:30:00Z', true],
  ['EUW2', '2026-03-28T17:30:00Z', false],
  ['USE2', '2026-03-19T13:59:59.999Z', true],
  ['USE2', '2026-03-19T14:00:00Z', false],
  ['USE2', '2026-03-19T13:00:00Z', true],
  ['USE2', '2026-04-02T13:30:00Z', false],
  ['USE2', '2026-03-19T13:30:00Z', true],
];

describe('rules across clock jumps', () => {
  it('answer every instant of a jumping clock as if asked for the first time', async () => {
    for (const [region, instant, allowed] of JUMPS) {
      const t = at(instant);
      const verdict = evaluateDeployment(demo, { region }, t);
      expect(verdict.allowed, `${region} at ${instant}`).toBe(allowed);
      expect(verdict, `${region} at ${instant}`).toEqual(await fresh(region, t));
    }
  });

  it('never opens EUW2 before 18:00 London, whichever way the clock came', () => {
    // Every minute of the day before the edge, visited backwards and then forwards.
    const opens = at('2026-03-19T18:00:00Z');
    const minutes = Array.from({ length: 8 * 60 }, (_, i) => opens - (i + 1) * 60_000);
    for (const t of [...minutes, ...minutes.reverse(), opens - 1]) {
      const verdict = evaluateDeployment(demo, { region: 'EUW2' }, t);
      expect(verdict.allowed, iso(t)!).toBe(false);
      if (!verdict.allowed) expect(verdict.opensAt, iso(t)!).toBe(opens);
    }
    expect(evaluateDeployment(demo, { region: 'EUW2' }, opens).allowed).toBe(true);
  });
});
