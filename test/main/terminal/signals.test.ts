import { afterEach, describe, expect, it } from 'vitest';
import { createTestService, isRunning } from './fixture';

describe('ending processes', () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  it('reports a command killed by a signal as a failure with exit code 128 + the signal number', async () => {
    fixture = createTestService();
    const result = await fixture.service.runCommand(null, ['sleep', '30'], {
      commandId: 'sleep',
      onStarted: (id) => setTimeout(() => fixture.service.kill(id, 'SIGKILL'), 100),
    });
    expect(result).toMatchObject({ exitCode: 137, signal: 'SIGKILL' });
  });

  it('stops a command that hangs past its timeout, even one that ignores interrupt and terminate, and says it timed out', async () => {
    fixture = createTestService({ stopEscalationMs: 200 });
    const result = await fixture.service.runCommand(null, ['/bin/sh', '-c', 'trap "" INT TERM; echo waiting; while :; do sleep 1; done'], {
      commandId: 'hang',
      // As below: the stop must find sh with its trap set and "waiting" printed, which a loaded machine may
      // not have reached 300 ms after the start.
      timeoutMs: 2_000,
    });
    expect(result.exitCode).toBe(137);
    expect(result.signal).toBe('SIGKILL');
    expect(result.output).toContain('waiting');
    expect(result.interruption).toEqual({ kind: 'timedOut', message: 'timed out after 2 s' });
  });

  it('a command that honours Ctrl+C ends at the timeout\'s SIGINT, and still says it timed out', async () => {
    fixture = createTestService({ stopEscalationMs: 5_000 });
    const result = await fixture.service.runCommand(null, ['/bin/sh', '-c', 'trap "echo interrupted; exit 3" INT; echo waiting; while :; do sleep 0.1; done'], {
      commandId: 'polite',
      // The timeout's SIGINT must find sh running with its trap set. At 300 ms, once on a loaded machine the
      // run ended only at SIGTERM, stopEscalationMs later (5.5 s), neither interrupted nor exit 3: most likely
      // the pty host had only just forked sh, and a SIGINT to a session not yet made reaches nothing.
      timeoutMs: 2_000,
    });
    expect(result.output).toContain('interrupted');
    expect(result.exitCode).toBe(3);
    expect(result.interruption?.kind).toBe('timedOut');
  });

  it('closes a hanging interactive shell, and its foreground job, within the grace period', async () => {
    fixture = createTestService({ killGraceMs: 200 });
    const { info } = fixture.service.open({ regionId: 'EUW2', consumerId: 'window-1' });
    fixture.service.write(info.sessionId, 'trap "" HUP TERM; sleep 1000 & echo "job=$!"; wait\n');
    const seen = await fixture.waitForOutput(info.sessionId, /job=([0-9]+)/);
    const job = Number(/job=([0-9]+)/.exec(seen)?.[1]);
    expect(isRunning(job)).toBe(true);
    await fixture.service.close(info.sessionId);
    expect(isRunning(job)).toBe(false);
    expect(fixture.states.get(info.sessionId)).toEqual(['starting', 'running', 'exited', 'closed']);
  });
});
