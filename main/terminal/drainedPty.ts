import { closeSync, constants, openSync } from 'node:fs';
import type { IPty } from 'node-pty';
import { isProcessAlive } from './processGroup';
import type { PtyProcess } from './pty';

/** How often a pty looks whether its child has exited; an exit is reported this much later at most (plus the quiet time). */
const CHILD_POLL_MS = 10;

/** After the child is gone, output must have been quiet this long before the pty is let go: the kernel has handed over all of it. */
const QUIET_AFTER_EXIT_MS = 20;

/**
 * node-pty on Linux loses the end of a fast command's output (microsoft/node-pty#726, #85): when the
 * child's side of the pty closes, reading our side fails with EIO while the kernel still holds output,
 * and about half of `head -c 100000 /dev/zero; exit 3` runs come back short. So we keep our own handle
 * on the child's side (the pts device): the child's exit cannot close it, reads never fail early, and
 * everything is read. Once the child is gone and the output has gone quiet we close that handle; the
 * read side then ends and node-pty reports the exit.
 *
 * The same knowledge covers a paused pty: once the child is gone, pausing is pointless (it writes no
 * more) and harmful (node-pty drops an unread pty 200 ms after the exit), so it resumes and drains.
 */
export class DrainedPty implements PtyProcess {
  private childSide: number | null;
  private isChildGone = false;
  private lastDataAt = Date.now();
  private poll: NodeJS.Timeout | null;

  constructor(private readonly pty: IPty & { readonly ptsName?: string }) {
    this.childSide = openChildSide(pty.ptsName);
    pty.onData(() => {
      this.lastDataAt = Date.now();
    });
    pty.onExit(() => this.letGo());
    this.poll = this.childSide === null ? null : setInterval(() => this.check(), CHILD_POLL_MS);
    // Watching a child must not keep the console running on quit.
    this.poll?.unref();
  }

  get spawned(): Promise<number> {
    return Promise.resolve(this.pty.pid);
  }

  onData(listener: (data: string) => void) {
    return this.pty.onData(listener);
  }

  onExit(listener: (event: { exitCode: number; signal?: number }) => void) {
    return this.pty.onExit(listener);
  }

  write(data: string): void {
    this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    this.pty.resize(cols, rows);
  }

  pause(): void {
    if (!this.isChildGone) this.pty.pause();
  }

  resume(): void {
    this.pty.resume();
  }

  kill(signal?: string): void {
    this.pty.kill(signal);
  }

  private check(): void {
    if (!this.isChildGone) {
      if (isProcessAlive(this.pty.pid)) return;
      this.isChildGone = true;
      this.pty.resume();
      this.lastDataAt = Date.now();
      return;
    }
    if (Date.now() - this.lastDataAt >= QUIET_AFTER_EXIT_MS) this.letGo();
  }

  private letGo(): void {
    if (this.poll !== null) clearInterval(this.poll);
    this.poll = null;
    if (this.childSide === null) return;
    closeSync(this.childSide);
    this.childSide = null;
  }
}

function openChildSide(ptsName: string | undefined): number | null {
  if (ptsName === undefined) return null;
  try {
    // O_NOCTTY: the console must never adopt a session's terminal as its own. Node opens with O_CLOEXEC,
    // so later sessions do not inherit this handle.
    return openSync(ptsName, constants.O_RDWR | constants.O_NOCTTY);
  } catch {
    // Without it we fall back to node-pty's own behaviour, which may lose the last output.
    return null;
  }
}
