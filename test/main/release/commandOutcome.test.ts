// What a command's run hands to `decide`, built in one place for the rollout's steps, a rollback's and a
// back-out's commands (main/release/command-runner.ts): the evidence keeps the end of the output, not its start.
import { describe, expect, it } from 'vitest';
import { notStartedOutcome, outcomeOf } from '../../../main/release/command-runner';

describe('a command run as decide reads it', () => {
  it('keeps the exit, the times, the transcript, the interruption and the last 4,000 characters of the output', () => {
    const output = `${'x'.repeat(10_000)}\ndeploy rollback rt-media-gateway 4.12.0 --region EUW2: done\n`;
    const interruption = { kind: 'stopped', message: 'stopped by oscar' };
    const outcome = outcomeOf({ exitCode: 130, signal: 'SIGINT', output, startedAt: 1_000, endedAt: 2_000, transcriptFile: 'EUW2/run.log', interruption });
    expect(outcome).toEqual({ started: true, exitCode: 130, signal: 'SIGINT', startedAt: 1_000, endedAt: 2_000, transcriptFile: 'EUW2/run.log', outputTail: output.slice(-4_000), interruption });
    expect(outcome.started && outcome.outputTail.endsWith('--region EUW2: done\n')).toBe(true);
  });

  it.each([
    ['an Error', new Error('The program name "deploi" is not on PATH'), 'The program name "deploi" is not on PATH'],
    ['anything else thrown', 'no terminal for EUW2', 'no terminal for EUW2'],
  ])('says why a command never started, from %s', (_name, error, message) => {
    expect(notStartedOutcome(error)).toEqual({ started: false, error: message });
  });
});
