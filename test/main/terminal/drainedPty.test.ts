// A command's last output must reach the reader whole even when the process reading the pty is busy. The
// pty host shares two cores with Chromium and the console; here its event loop is held up on purpose, in
// stretches of 25-55 ms, as a loaded machine holds it, while `tr` writes 100 kB and the shell exits 3.
// Before the quiet after an exit was confirmed after a poll, and node-pty's destroy held until the pty
// was drained, about one run in five came back a few thousand chars short.
import { describe, expect, it } from 'vitest';
import { spawnNodePty } from '../../../main/terminal/pty';

const BURST_CHARS = 100_000;
const RUNS = 40;

/**
 * The reading process is busy elsewhere: its event loop is held for `ms`. It sleeps rather than spins, so
 * holding it 40 times a second for a whole run does not also take a core from the test files beside it.
 */
const held = new Int32Array(new SharedArrayBuffer(4));
function holdTheLoop(ms: number): void {
  Atomics.wait(held, 0, 0, ms);
}

describe('a pty whose reader is busy', () => {
  it(`delivers every char of a 100 kB burst followed by exit 3, in ${RUNS} runs out of ${RUNS}`, async () => {
    const failures: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const pty = spawnNodePty('/bin/sh', ['-c', `head -c ${BURST_CHARS} /dev/zero | tr '\\0' x; exit 3`], {
        cwd: '/',
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
        cols: 80,
        rows: 24,
      });
      let chars = 0;
      pty.onData((data) => {
        chars += data.split('x').length - 1;
        if (run % 3 === 0) holdTheLoop(25);
      });
      const busy = setInterval(() => holdTheLoop(25 + ((run * 7) % 30)), 7);
      const exitCode = await new Promise<number>((resolve) => pty.onExit((event) => resolve(event.exitCode)));
      clearInterval(busy);
      if (chars !== BURST_CHARS || exitCode !== 3) failures.push(`run ${run}: exit ${exitCode}, ${chars} chars`);
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
