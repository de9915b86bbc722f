import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../../shared/api/terminal';
import { TerminalRefusal } from '../../../main/terminal/service';
import { createTestService, isRunning, openFdCount, processes } from './fixture';

const CYCLES = 200;

describe('terminal session lifecycle', () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  async function untilPhase(sessionId: string, phase: TerminalInfo['phase']): Promise<void> {
    for (let i = 0; i < 500 && fixture.service.info(sessionId).phase !== phase; i++) await new Promise((r) => setTimeout(r, 5));
    expect(fixture.service.info(sessionId).phase).toBe(phase);
  }

  it(`leaves the fd count flat and no processes behind after ${CYCLES} open/kill cycles`, async () => {
    fixture = createTestService();
    const cycle = async () => {
      const { info } = fixture.service.open({ regionId: 'USE2', consumerId: 'window-1', cols: 100, rows: 30 });
      await untilPhase(info.sessionId, 'running');
      // The pid is known once the pty host has started the shell.
      const running = fixture.service.info(info.sessionId);
      fixture.service.kill(info.sessionId, 'SIGKILL');
      await untilPhase(info.sessionId, 'exited');
      await fixture.service.close(info.sessionId);
      return running;
    };
    // One cycle first, so lazily opened handles (node-pty's native module, the /proc walk) are counted as the baseline.
    await cycle();
    const before = openFdCount();
    // Children of this process from before the cycles are not the cycles': the files of a fork share it, and one that
    // bundled a child script left esbuild's service running (test/child-bundle.ts).
    const earlierChildren = new Set(processes().filter((p) => p.ppid === process.pid).map((p) => p.pid));
    const leaders: number[] = [];
    for (let i = 0; i < CYCLES; i++) {
      const info = await cycle();
      expect(info.pid).not.toBeNull();
      leaders.push(info.pid!);
    }
    expect(openFdCount()).toBe(before);
    expect(fixture.service.list()).toEqual([]);
    const everything = processes();
    // Nothing but the pty host itself is left under the console or under the host.
    const host = fixture.ptyHost?.pid;
    expect(everything.filter((p) => (p.ppid === process.pid && p.pid !== host && !earlierChildren.has(p.pid)) || p.ppid === host)).toEqual([]);
    const sessions = new Set(leaders);
    expect(everything.filter((p) => sessions.has(p.pgid) && p.state !== 'Z')).toEqual([]);
  }, 120_000);

  it('goes starting → running → exited with the code → closed, and reports each phase', async () => {
    fixture = createTestService();
    const { info } = fixture.service.open({ regionId: null, consumerId: 'window-1' });
    await untilPhase(info.sessionId, 'running');
    fixture.service.write(info.sessionId, 'exit 4\n');
    await untilPhase(info.sessionId, 'exited');
    expect(fixture.service.info(info.sessionId).exit).toEqual({ code: 4, signal: null });
    await fixture.service.close(info.sessionId);
    expect(fixture.states.get(info.sessionId)).toEqual(['starting', 'running', 'exited', 'closed']);
    expect(() => fixture.service.info(info.sessionId)).toThrow(/no terminal/);
  });

  it('ends a background job a command left behind when its session closes', async () => {
    fixture = createTestService();
    const result = await fixture.service.runCommand('EUW2', ['/bin/sh', '-c', 'trap "" HUP; sleep 1000 & echo "job=$!"'], { commandId: 'fork' });
    expect(result.exitCode).toBe(0);
    const job = Number(/job=([0-9]+)/.exec(result.output)?.[1]);
    expect(isRunning(job)).toBe(true);
    await fixture.service.close(result.sessionId);
    expect(isRunning(job)).toBe(false);
  });

  it('closes every session on quit and refuses new ones afterwards', async () => {
    fixture = createTestService();
    const opened = ['USE2', 'EUW2', null].map((regionId) => fixture.service.open({ regionId, consumerId: 'window-1' }).info);
    await Promise.all(opened.map((info) => untilPhase(info.sessionId, 'running')));
    const pids = opened.map((info) => fixture.service.info(info.sessionId).pid);
    await fixture.service.closeAll();
    expect(fixture.service.list()).toEqual([]);
    for (const pid of pids) expect(pid !== null && isRunning(pid)).toBe(false);
    expect(() => fixture.service.open({ regionId: null })).toThrow(/quitting/);
  });

  it('refuses a new shell while it closes, as it refuses a command, before its shell guard is asked for one', async () => {
    const guarded: (string | null)[] = [];
    fixture = createTestService({
      shellEnv: (regionId) => {
        guarded.push(regionId);
        return {};
      },
    });
    const { info } = fixture.service.open({ regionId: 'LON', consumerId: 'window-1' });
    await untilPhase(info.sessionId, 'running');
    // The shell ignores its hang-up, so closing waits out its grace: the console is closing, not closed.
    fixture.service.write(info.sessionId, 'trap "" HUP\n');
    const closing = fixture.service.closeAll();
    let refusal: unknown;
    try {
      fixture.service.open({ regionId: 'EUW2', consumerId: 'window-1' });
    } catch (error) {
      refusal = error;
    }
    await expect(fixture.service.runCommand('EUW2', ['/bin/true'], { commandId: 'noop' })).rejects.toMatchObject({ reason: 'closing' });
    expect(refusal).toBeInstanceOf(TerminalRefusal);
    expect(refusal).toMatchObject({ reason: 'closing', message: 'The console is quitting; no shell can be opened.' });
    expect(guarded).toEqual(['LON']);
    await closing;
  });

  it('restarts a session in place: same id, a new process, the output stream continuing', async () => {
    fixture = createTestService();
    const { info } = fixture.service.open({ regionId: 'LON', consumerId: 'window-1' });
    await untilPhase(info.sessionId, 'running');
    // Quoted apart, so only echo's output (not the tty's echo of the typed line) reads before-restart.
    fixture.service.write(info.sessionId, 'echo "before""-restart"\n');
    await fixture.waitForOutput(info.sessionId, 'before-restart\r\n');
    const restarted = await fixture.service.restart(info.sessionId);
    expect(restarted.sessionId).toBe(info.sessionId);
    expect(restarted.phase).toBe('running');
    expect(restarted.pid).not.toBe(info.pid);
    fixture.service.write(info.sessionId, 'echo "after""-restart"\n');
    const seen = await fixture.waitForOutput(info.sessionId, 'after-restart\r\n');
    expect(seen.indexOf('[restarted]')).toBeGreaterThan(seen.indexOf('before-restart'));
  });

  it('replays recent output to a window that reattaches after a reload', async () => {
    fixture = createTestService();
    const { info } = fixture.service.open({ regionId: 'APSE1', consumerId: 'window-1' });
    await untilPhase(info.sessionId, 'running');
    fixture.service.write(info.sessionId, 'echo "replay""-me"\n');
    await fixture.waitForOutput(info.sessionId, 'replay-me\r\n');
    await new Promise((r) => setTimeout(r, 50));
    fixture.service.detachConsumer('window-1');
    const { replay, replayEnd } = fixture.service.attach(info.sessionId, 'window-1-reloaded');
    expect(replay).toContain('replay-me');
    expect(replayEnd).toBe((fixture.output.get(info.sessionId) ?? '').length);
  });

  it('keeps only the most recent 256 KiB for replay', async () => {
    fixture = createTestService();
    const result = await fixture.service.runCommand(null, ['/bin/sh', '-c', "head -c 600000 /dev/zero | tr '\\0' y; echo; echo tail-marker"], {
      commandId: 'long',
    });
    const { replay, replayEnd } = fixture.service.attach(result.sessionId, 'late-window');
    expect(replay.length).toBeLessThanOrEqual(256 * 1024);
    expect(replay).toContain('tail-marker');
    expect(replayEnd).toBeGreaterThan(600_000);
  });
});
