// A command whose shell exits while a job it started in the background keeps writing to the terminal: a deploy
// script that leaves `tail -f deploy.log &` behind, ignoring the hangup. The job holds the pty open and its output
// never goes quiet. Before, the exit was reported only once that output paused for 20 ms: seconds, or never on a
// busy log, so the step sat "running" and its Stop was the only way out. The exit must come once the command's own
// output is drained, whatever the job goes on writing.
import { describe, expect, it } from 'vitest';
import { signalGroup } from '../../../main/terminal/processGroup';
import { spawnNodePty } from '../../../main/terminal/pty';

/** Not a timing figure: a bound on "never", several times the longest drain after an exit, so the test fails instead of hanging. */
const NEVER_MS = 6_000;

describe('a pty whose shell exits while a background job keeps writing', () => {
  it('reports the exit code, with what the shell printed before it exited', async () => {
    const pty = spawnNodePty('/bin/sh', ['-c', "(trap '' HUP; while :; do echo tick; done) & sleep 0.3; echo deployed; exit 4"], {
      cwd: '/',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      cols: 80,
      rows: 24,
    });
    let tail = '';
    let sawDeployed = false;
    pty.onData((data) => {
      // Only a tail is kept (the job writes megabytes); a word split across two chunks is still found in it.
      const seen = tail + data;
      sawDeployed ||= seen.includes('deployed');
      tail = seen.slice(-16);
    });
    const pid = await pty.spawned;
    try {
      const exited = await Promise.race([
        new Promise<number>((resolve) => pty.onExit((event) => resolve(event.exitCode))),
        new Promise<'never'>((resolve) => setTimeout(() => resolve('never'), NEVER_MS)),
      ]);
      expect(exited).toBe(4);
      expect(sawDeployed).toBe(true);
    } finally {
      // The background job is in the shell's process group (sh -c has no job control): end it, and only it.
      signalGroup(pid, 'SIGKILL');
    }
  }, 30_000);
});
