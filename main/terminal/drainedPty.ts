import { closeSync, constants, openSync } from 'node:fs';
import type { IPty } from 'node-pty';
import { isProcessAlive } from './processGroup';
import type { PtyProcess } from './pty';

/** How often a pty looks whether its child has exited; an exit is reported this much later at most (plus the quiet time). */
const CHILD_POLL_MS = 10;

/** After the child is gone, output must have been quiet this long before the pty is let go: the kernel has handed over all of it. */
const QUIET_AFTER_EXIT_MS = 20;

/**
 * The longest we drain after the child is gone. What the child wrote before it exited sits in the kernel's pty
 * buffer (tens of KB), read in a few polls even when the loop is held up; output that keeps coming after this
 * is a background job's that holds the pty open (`tail -f log &`), and waiting for it to pause would hold the
 * command's exit for as long as the job writes.
 */
const MAX_DRAIN_AFTER_EXIT_MS = 2000;

/** Once we let go, the read side ends by itself on Linux; node-pty's destroy runs after this if it has not. */
const CLOSE_AFTER_LET_GO_MS = 1000;

/** node-pty's read side: private, so only reached for its `destroy`, and left alone if it is not there. */
interface ReadSide {
  destroy(...args: unknown[]): unknown;
  destroyed?: boolean;
}

/**
 * node-pty on Linux loses the end of a fast command's output (microsoft/node-pty#726, #85): when the
 * child's side of the pty closes, reading our side fails with EIO while the kernel still holds output,
 * and about half of `head -c 100000 /dev/zero; exit 3` runs come back short. So we keep our own handle
 * on the child's side (the pts device): the child's exit cannot close it, reads never fail early, and
 * everything is read. Once the child is gone and the output has gone quiet we close that handle; the
 * read side then ends and node-pty reports the exit.
 *
 * The same knowledge covers a paused pty: once the child is gone, pausing is pointless (it writes no
 * more) and harmful, so it resumes and drains.
 *
 * Two clocks could still cut the end off when the reading process is busy (the pty host shares two cores
 * with Chromium and the console during a release; the burst test lost 3 k chars of 100 k this way):
 * - "Quiet for 20 ms" was judged by a timer, and timers run before the loop polls for input: after the
 *   loop had been held up for 20 ms, output waiting to be read looked like silence. Quiet is now
 *   confirmed after a poll, from `setImmediate`, which runs right after the loop has read what was ready.
 * - node-pty destroys its read side 200 ms after the child's exit (DESTROY_SOCKET_TIMEOUT_MS, for a macOS
 *   socket that never closes), read or not. While we hold the child's side, that destroy waits for us; we
 *   then let the read side end on its own, and destroy it only if it has not within CLOSE_AFTER_LET_GO_MS.
 */
export class DrainedPty implements PtyProcess {
  private childSide: number | null;
  private isChildGone = false;
  private childGoneAt = 0;
  private lastDataAt = Date.now();
  private poll: NodeJS.Timeout | null;
  /** node-pty's destroy of its read side, asked for while we still held the child's side. */
  private heldDestroy: (() => void) | null = null;

  constructor(private readonly pty: IPty & { readonly ptsName?: string }) {
    this.childSide = openChildSide(pty.ptsName);
    if (this.childSide !== null) this.holdDestroyWhileDraining();
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
      this.lastDataAt = this.childGoneAt = Date.now();
      return;
    }
    if (Date.now() - this.childGoneAt >= MAX_DRAIN_AFTER_EXIT_MS) {
      this.letGo();
      return;
    }
    if (Date.now() - this.lastDataAt < QUIET_AFTER_EXIT_MS) return;
    // This timer may have run late, with output waiting that the loop has not polled for yet: only a quiet
    // that outlasts the next poll is quiet.
    const lastSeen = this.lastDataAt;
    setImmediate(() => {
      if (this.lastDataAt === lastSeen) this.letGo();
    });
  }

  private letGo(): void {
    if (this.poll !== null) clearInterval(this.poll);
    this.poll = null;
    if (this.childSide === null) return;
    closeSync(this.childSide);
    this.childSide = null;
    const destroy = this.heldDestroy;
    this.heldDestroy = null;
    if (destroy !== null) setTimeout(destroy, CLOSE_AFTER_LET_GO_MS).unref();
  }

  private holdDestroyWhileDraining(): void {
    const readSide = (this.pty as unknown as { _socket?: ReadSide })._socket;
    if (typeof readSide?.destroy !== 'function') return;
    const destroy = readSide.destroy.bind(readSide);
    readSide.destroy = (...args: unknown[]) => {
      if (this.childSide === null) return destroy(...args);
      this.heldDestroy = () => {
        if (!readSide.destroyed) destroy(...args);
      };
      return readSide;
    };
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
