import { describe, expect, it } from 'vitest';
import { STOP_ESCALATION_MS } from '../../../shared/terminal/stopEscalation';
import { stepEndedWords, stepStoppingNote, stopButtonTitle, stopCommandSignals } from '../../../renderer/views/stop-words';

describe("a Stop's words name the terminal service's own wait between signals", () => {
  it('say 5 s, the wait STOP_ESCALATION_MS holds today', () => {
    expect(STOP_ESCALATION_MS).toBe(5_000);
    expect(stopButtonTitle()).toBe('Sends SIGINT, then SIGTERM after 5 s, then SIGKILL after 5 s more');
    expect(stepStoppingNote({ name: 'alice', role: 'PE' }, 'Thu 10:55 London')).toBe(
      'Stopping: asked by alice (PE) at Thu 10:55 London. Its command was sent SIGINT; SIGTERM follows after 5 s and SIGKILL after 5 s more if it still runs.',
    );
    expect(stopCommandSignals()).toBe('gets SIGINT, then SIGTERM after 5 s and SIGKILL after 5 s more.');
  });

  it.each([
    [2_500, '2.5 s'],
    [10_000, '10 s'],
    [90_000, '90 s'],
  ])('follow the wait if it changes: %i ms reads %s in every sentence', (ms, words) => {
    expect(stopButtonTitle(ms)).toBe(`Sends SIGINT, then SIGTERM after ${words}, then SIGKILL after ${words} more`);
    expect(stepStoppingNote({ name: 'bob', role: 'PE' }, '18:02 London', ms)).toContain(`SIGTERM follows after ${words} and SIGKILL after ${words} more`);
    expect(stopCommandSignals(ms)).toBe(`gets SIGINT, then SIGTERM after ${words} and SIGKILL after ${words} more.`);
  });
});

describe("a step's card says who ended it", () => {
  const alice = { name: 'alice', role: 'PE' };
  // "exit" and its code are joined by a no-break space (written _ here): the card never ends a line on "exit".
  it.each([
    ['done', null, 0, 'Done by alice (PE) at 10:57 London · exit_0'],
    ['failed', null, 1, 'Failed by alice (PE) at 10:57 London · exit_1'],
    // Stopped from another desk: the Stop is olu's, in his role as every "by" says it (before: "Stopped by olu at …"),
    // and the run alice's, in words that do not say she failed it.
    ['failed', { by: { name: 'olu', role: 'on-call PE' }, at: '10:56 London' }, 130, 'Stopped by olu (on-call PE) at 10:56 London · exit_130 · run by alice (PE)'],
    // A Stop an older console recorded without its role: the name alone, never "olu ()".
    ['failed', { by: { name: 'olu', role: '' }, at: '10:56 London' }, 130, 'Stopped by olu at 10:56 London · exit_130 · run by alice (PE)'],
    // Stopped by whoever ran it, on the same desk: said once.
    ['failed', { by: alice, at: '10:56 London' }, 130, 'Stopped by alice (PE) at 10:56 London · exit_130'],
  ] as const)('%s, stopped %o, exit %i: %s', (state, stopped, exitCode, words) => {
    expect(stepEndedWords({ state, doneBy: alice, at: '10:57 London', exitCode, stopped })).toBe(words.replace('_', '\u00a0'));
  });
});
