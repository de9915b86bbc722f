import { describe, expect, it } from 'vitest';
import { STOP_ESCALATION_MS } from '../../../shared/terminal/stopEscalation';
import { stepStoppingNote, stopButtonTitle, stopCommandSignals } from '../../../renderer/views/stop-words';

describe("a Stop's words name the terminal service's own wait between signals", () => {
  it('say 5 s, the wait STOP_ESCALATION_MS holds today', () => {
    expect(STOP_ESCALATION_MS).toBe(5_000);
    expect(stopButtonTitle()).toBe('Sends SIGINT, then SIGTERM after 5 s, then SIGKILL after 5 s more');
    expect(stepStoppingNote('alice', 'Thu 10:55 London')).toBe(
      'Stopping: asked by alice at Thu 10:55 London. Its command was sent SIGINT; SIGTERM follows after 5 s and SIGKILL after 5 s more if it still runs.',
    );
    expect(stopCommandSignals()).toBe('gets SIGINT, then SIGTERM after 5 s and SIGKILL after 5 s more.');
  });

  it.each([
    [2_500, '2.5 s'],
    [10_000, '10 s'],
    [90_000, '90 s'],
  ])('follow the wait if it changes: %i ms reads %s in every sentence', (ms, words) => {
    expect(stopButtonTitle(ms)).toBe(`Sends SIGINT, then SIGTERM after ${words}, then SIGKILL after ${words} more`);
    expect(stepStoppingNote('bob', '18:02 London', ms)).toContain(`SIGTERM follows after ${words} and SIGKILL after ${words} more`);
    expect(stopCommandSignals(ms)).toBe(`gets SIGINT, then SIGTERM after ${words} and SIGKILL after ${words} more.`);
  });
});
