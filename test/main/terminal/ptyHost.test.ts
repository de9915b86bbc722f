import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../../shared/api/terminal';
import { PTY_HOST_MAX_RESTARTS } from '../../../shared/terminal/ptyHost';
import { forkPtyHost } from '../../../main/terminal/ptyHost/launch';
import { PtyHost } from '../../../main/terminal/ptyHost/supervisor';
import { until } from '../until';
import { createTestService, isRunning, processes } from './fixture';

/** The pty host (main/terminal/ptyHost/) is a real forked process running node-pty; these tests kill it for real. */
describe('the pty host', () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  const phaseOf = (sessionId: string): TerminalInfo['phase'] => fixture.service.info(sessionId).phase;

  /** Kills the running host with SIGKILL, as a native fault would end it, and waits for its successor. */
  async function killHost(): Promise<number> {
    const host = fixture.ptyHost!;
    const dead = host.pid!;
    const restarted = new Promise<void>((resolve) => {
      const stop = host.onRestart(() => {
        stop();
        resolve();
      });
    });
    process.kill(dead, 'SIGKILL');
    await restarted;
    return dead;
  }

  it('runs the ptys in a separate process, not in the console', async () => {
    fixture = createTestService();
    const { info } = fixture.service.open({ regionId: null, consumerId: 'window-1' });
    const pid = await until('the shell to run', () => fixture.service.info(info.sessionId).pid, (started) => started != null, 10_000);
    const shell = processes().find((p) => p.pid === pid);
    expect(fixture.ptyHost?.pid).toBeDefined();
    expect(fixture.ptyHost?.pid).not.toBe(process.pid);
    expect(shell?.ppid).toBe(fixture.ptyHost?.pid);
  });

  it('killed mid-step: the console stays up, the step ends interrupted with its output kept, and a new shell works', async () => {
    fixture = createTestService();
    const { info: shell } = fixture.service.open({ regionId: 'EUW2', consumerId: 'window-1' });
    // Each line is quoted apart, so only echo's output (not the tty's echo of the typed line) is waited for.
    fixture.service.write(shell.sessionId, 'echo "before-the""-crash"\n');
    await fixture.waitForOutput(shell.sessionId, 'before-the-crash\r\n');

    let stepId = '';
    const run = fixture.service.runCommand('EUW2', ['/bin/sh', '-c', 'echo deploy-started; sleep 300'], {
      commandId: 'deploy',
      releaseId: '2026-03-product-rollout',
      onStarted: (id) => (stepId = id),
    });
    await until('the step to start', () => stepId, (id) => id !== '', 10_000);
    await fixture.waitForOutput(stepId, 'deploy-started\r\n');
    const stepPid = fixture.service.info(stepId).pid!;

    await killHost();
    const result = await run;

    // Never done: the run failed, says why, and kept what it printed.
    expect(result.exitCode).not.toBe(0);
    expect(result.interruption).toEqual({ kind: 'lost', message: 'the pty host was killed by SIGKILL' });
    expect(result.output).toContain('deploy-started');
    const transcript = readFileSync(result.transcriptFile!, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(transcript.at(-1)).toMatchObject({ commandId: 'deploy', interruption: { kind: 'lost' } });
    expect(phaseOf(stepId)).toBe('lost');
    // Nothing the console can no longer show keeps running.
    await until('the step\'s program to end', () => isRunning(stepPid), (running) => !running, 10_000);

    // The shell that was open is lost too, its output kept for the person to read.
    expect(phaseOf(shell.sessionId)).toBe('lost');
    const seen = fixture.output.get(shell.sessionId) ?? '';
    expect(seen).toContain('before-the-crash');
    expect(seen).toContain('this session was lost');

    // A new shell, on the restarted host.
    const { info: fresh } = fixture.service.open({ regionId: 'EUW2', consumerId: 'window-1' });
    fixture.service.write(fresh.sessionId, 'echo "after-the""-crash"\n');
    await fixture.waitForOutput(fresh.sessionId, 'after-the-crash\r\n');
    // And the lost shell can be started again in place.
    const restarted = await fixture.service.restart(shell.sessionId);
    expect(restarted.phase).toBe('running');
    fixture.service.write(shell.sessionId, 'echo "back""-again"\n');
    await fixture.waitForOutput(shell.sessionId, 'back-again\r\n');
  }, 30_000);

  it(`is restarted at most ${PTY_HOST_MAX_RESTARTS} times, then a new terminal says why it cannot start`, async () => {
    fixture = createTestService();
    for (let i = 0; i < PTY_HOST_MAX_RESTARTS; i++) await killHost();
    expect(fixture.ptyHost?.restartCount).toBe(PTY_HOST_MAX_RESTARTS);
    // The last allowed host still works.
    const { info: last } = fixture.service.open({ regionId: null, consumerId: 'window-1' });
    fixture.service.write(last.sessionId, 'echo "still""-here"\n');
    await fixture.waitForOutput(last.sessionId, 'still-here\r\n');

    process.kill(fixture.ptyHost!.pid!, 'SIGKILL');
    await until('the last host to be given up', () => fixture.ptyHost?.pid, (pid) => pid === undefined, 10_000);
    expect(phaseOf(last.sessionId)).toBe('lost');
    const { info } = fixture.service.open({ regionId: null, consumerId: 'window-1' });
    expect(fixture.service.info(info.sessionId).exit?.code).toBe(127);
    expect(fixture.output.get(info.sessionId)).toContain(`restarted ${PTY_HOST_MAX_RESTARTS} times already; restart the console`);
  }, 60_000);

  it('kills a host that stops beating (hung in a native call) and starts another', async () => {
    fixture = createTestService({ ptyHost: new PtyHost(forkPtyHost(), { heartbeatMs: 100, unresponsiveMs: 600 }) });
    const { info: shell } = fixture.service.open({ regionId: null, consumerId: 'window-1' });
    fixture.service.write(shell.sessionId, 'echo "before-the""-hang"\n');
    await fixture.waitForOutput(shell.sessionId, 'before-the-hang\r\n');
    const hung = fixture.ptyHost!.pid!;
    // A stopped process runs no code at all: no beat, no output, as a host stuck in node-pty would be.
    process.kill(hung, 'SIGSTOP');
    await until('the hung host to be replaced', () => fixture.ptyHost?.restartCount, (restarts) => restarts === 1, 10_000);
    expect(fixture.ptyHost?.pid).not.toBe(hung);
    await until('the hung host to be gone', () => isRunning(hung), (running) => !running, 10_000);
    expect(phaseOf(shell.sessionId)).toBe('lost');
    const { info: fresh } = fixture.service.open({ regionId: null, consumerId: 'window-1' });
    fixture.service.write(fresh.sessionId, 'echo "after-the""-hang"\n');
    await fixture.waitForOutput(fresh.sessionId, 'after-the-hang\r\n');
  }, 30_000);
});

describe('the pty host and the console process', () => {
  it('keeps a process that awaits a command run alive until the run ends, and lets it exit once idle', async () => {
    const { build } = await import('esbuild');
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-pty-host-hold-'));
    try {
      // Nothing but the pty host keeps this script's event loop busy while the command runs.
      const script = path.join(dir, 'script.ts');
      const root = process.cwd();
      writeFileSync(
        script,
        `import { systemClock } from ${JSON.stringify(path.join(root, 'shared/clock'))};
import { TerminalService } from ${JSON.stringify(path.join(root, 'main/terminal/service'))};
import { PtyHost } from ${JSON.stringify(path.join(root, 'main/terminal/ptyHost/supervisor'))};
import { forkPtyHost } from ${JSON.stringify(path.join(root, 'main/terminal/ptyHost/launch'))};
const service = new TerminalService({ clock: systemClock(), dataDir: ${JSON.stringify(dir)}, env: { PATH: '/usr/bin:/bin' }, ptyHost: new PtyHost(forkPtyHost()) });
const result = await service.runCommand(null, ['/bin/sh', '-c', 'sleep 0.3; echo ran-to-the-end'], { commandId: 'hold' });
console.log(JSON.stringify({ exitCode: result.exitCode, output: result.output.trim() }));
`,
      );
      const outfile = path.join(root, 'out', 'test-pty-host-hold.mjs');
      await build({ entryPoints: [script], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning', absWorkingDir: root });
      try {
        // Exits on its own (no closeAll): an idle host does not hold it.
        const printed = execFileSync(process.execPath, [outfile], { encoding: 'utf8', timeout: 20_000 });
        expect(JSON.parse(printed.trim().split('\n').at(-1)!)).toEqual({ exitCode: 0, output: 'ran-to-the-end' });
      } finally {
        rmSync(outfile, { force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
