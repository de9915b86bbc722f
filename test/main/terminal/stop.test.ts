import { afterEach, describe, expect, it } from 'vitest';
import { createTestService, isRunning } from './fixture';

/** A tool that ignores Ctrl+C and terminate, as a wedged deploy client does: only SIGKILL ends it. */
const STUBBORN = ['/bin/sh', '-c', 'trap "echo got-INT" INT; trap "echo got-TERM" TERM; echo stubborn-started; while :; do sleep 0.05; done'];

describe('stopping a run', () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  it('sends SIGINT, then SIGTERM, then SIGKILL to a tool that ignores the first two, and the run says who stopped it', async () => {
    fixture = createTestService({ stopEscalationMs: 300 });
    let sessionId = '';
    const run = fixture.service.runCommand('EUW2', STUBBORN, { commandId: 'deploy', onStarted: (id) => (sessionId = id) });
    for (let i = 0; i < 500 && sessionId === ''; i++) await new Promise((r) => setTimeout(r, 10));
    await fixture.waitForOutput(sessionId, 'stubborn-started\r\n');
    const pid = fixture.service.info(sessionId).pid!;

    const stopped = await fixture.service.stop(sessionId, 'Dana (PE)');
    const result = await run;

    expect(stopped.phase).toBe('exited');
    expect(result).toMatchObject({ exitCode: 137, signal: 'SIGKILL', interruption: { kind: 'stopped', message: 'stopped by Dana (PE)' } });
    // The tool saw each signal in order before the one it could not catch.
    const output = result.output;
    expect(output.indexOf('got-INT')).toBeGreaterThan(output.indexOf('stubborn-started'));
    expect(output.indexOf('got-TERM')).toBeGreaterThan(output.indexOf('got-INT'));
    expect(isRunning(pid)).toBe(false);
    expect(fixture.service.info(sessionId).exit).toEqual({ code: 137, signal: 'SIGKILL', interruption: { kind: 'stopped', message: 'stopped by Dana (PE)' } });
  });

  it('ends at SIGINT when the tool honours Ctrl+C, without waiting for the escalation', async () => {
    fixture = createTestService({ stopEscalationMs: 30_000 });
    let sessionId = '';
    const run = fixture.service.runCommand(null, ['/bin/sh', '-c', 'echo waiting; exec sleep 300'], { commandId: 'wait', onStarted: (id) => (sessionId = id) });
    for (let i = 0; i < 500 && sessionId === ''; i++) await new Promise((r) => setTimeout(r, 10));
    await fixture.waitForOutput(sessionId, 'waiting\r\n');
    await fixture.service.stop(sessionId, 'the operator');
    const result = await run;
    expect(result).toMatchObject({ exitCode: 130, signal: 'SIGINT', interruption: { kind: 'stopped', message: 'stopped by the operator' } });
  });

  it('is a no-op on a run that already ended, which keeps its own exit', async () => {
    fixture = createTestService();
    const result = await fixture.service.runCommand(null, ['/bin/sh', '-c', 'exit 0'], { commandId: 'quick' });
    const info = await fixture.service.stop(result.sessionId, 'the operator');
    expect(info.exit).toEqual({ code: 0, signal: null });
  });
});

describe('restarting a terminal', () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  it('refuses a step\'s or a rollback\'s command session with a clear error, and never runs the command again', async () => {
    fixture = createTestService();
    const result = await fixture.service.runCommand('EUW2', ['/bin/sh', '-c', 'echo deployed-once'], { commandId: 'deploy' });
    await expect(fixture.service.restart(result.sessionId)).rejects.toThrow(
      `Terminal ${result.sessionId} ran a step's command; it runs again only as a step of the release, not by restarting its terminal.`,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect((fixture.output.get(result.sessionId) ?? '').split('deployed-once').length - 1).toBe(2); // the banner's argv and the one run
    expect(fixture.service.info(result.sessionId).phase).toBe('exited');
  });
});
