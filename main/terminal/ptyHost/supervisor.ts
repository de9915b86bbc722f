import {
  mayRestartPtyHost,
  PTY_HOST_HEARTBEAT_MS,
  PTY_HOST_MAX_RESTARTS,
  PTY_HOST_UNRESPONSIVE_MS,
  type PtyHostReport,
} from '../../../shared/terminal/ptyHost';
import type { SpawnPty } from '../pty';
import type { LaunchPtyHost, PtyHostChild } from './launch';
import { RemotePty } from './remotePty';

/** Every pty host this process runs, for a forced exit to end: nothing else would (a stopped host outlives its parent). */
const runningHosts = new Set<PtyHost>();

/**
 * For a process about to exit without closing its terminals (serve's stop past its limit, or a second
 * Ctrl+C): each pty host's ptys' process groups and the host itself are killed with SIGKILL, since the host
 * may be hung and would answer nothing gentler.
 */
export function killPtyHostsNow(): void {
  for (const host of runningHosts) host.killNow();
}

/**
 * Keeps one pty host process running for the terminal service: starts it, watches its heartbeat, and
 * when it dies (crash, SIGKILL, or killed for hanging) reports each of its ptys lost and starts another,
 * at most PTY_HOST_MAX_RESTARTS times.
 */
export class PtyHost {
  private child: PtyHostChild | null = null;
  private readonly ptys = new Map<number, RemotePty>();
  /** Each running pty's pid, as the host reported it: node-pty makes it a session leader, so it is also its process group. */
  private readonly ptyPids = new Map<number, number>();
  private nextId = 1;
  private restarts = 0;
  private lastBeatAt = Date.now();
  private readonly watchdog: NodeJS.Timeout;
  private isDisposed = false;
  /** Why the host is not running any more, once it may not be restarted. */
  private givenUp: string | null = null;
  private readonly restartListeners = new Set<(how: string) => void>();

  private readonly heartbeatMs: number;
  private readonly unresponsiveMs: number;

  /** `timing` is for tests that hang a host on purpose; the console uses VS Code's pace. */
  constructor(
    private readonly launch: LaunchPtyHost,
    timing: { heartbeatMs: number; unresponsiveMs: number } = { heartbeatMs: PTY_HOST_HEARTBEAT_MS, unresponsiveMs: PTY_HOST_UNRESPONSIVE_MS },
  ) {
    this.heartbeatMs = timing.heartbeatMs;
    this.unresponsiveMs = timing.unresponsiveMs;
    this.start();
    runningHosts.add(this);
    this.watchdog = setInterval(() => this.checkHeartbeat(), this.heartbeatMs);
    // Watching the host must not keep the console running on quit.
    this.watchdog.unref();
  }

  /** The host's pid, for a test or bench that kills it. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get restartCount(): number {
    return this.restarts;
  }

  /** Called after the host died and another was started, with how the old one ended. */
  onRestart(listener: (how: string) => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  readonly spawn: SpawnPty = (file, args, options) => {
    const child = this.child;
    if (child === null) throw new Error(this.givenUp ?? 'the pty host is not running.');
    const pty = new RemotePty(this.nextId++, (request) => child.send(request));
    this.ptys.set(pty.id, pty);
    // A pty's output is awaited (a command run): the process must not exit under it.
    if (this.ptys.size === 1) child.hold?.(true);
    child.send({ type: 'spawn', id: pty.id, file, args: [...args], cwd: options.cwd, env: options.env, cols: options.cols, rows: options.rows });
    return pty;
  };

  dispose(): void {
    this.isDisposed = true;
    runningHosts.delete(this);
    clearInterval(this.watchdog);
    this.child?.kill();
    this.child = null;
  }

  /** Kills every pty's process group, then the host, without waiting for either: see killPtyHostsNow. */
  killNow(): void {
    for (const pid of this.ptyPids.values()) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    }
    this.ptyPids.clear();
    this.dispose();
  }

  private start(): void {
    const child = this.launch(this.heartbeatMs);
    this.child = child;
    this.lastBeatAt = Date.now();
    child.onReport((report) => this.receive(report));
    child.onExit((how) => this.died(child, how));
  }

  private receive(report: PtyHostReport): void {
    this.lastBeatAt = Date.now();
    if (report.type === 'heartbeat') return;
    const pty = this.ptys.get(report.id);
    if (pty === undefined) return;
    if (report.type === 'spawned') {
      this.ptyPids.set(report.id, report.pid);
      pty.hasSpawned(report.pid);
    }
    else if (report.type === 'data') pty.received(report.data);
    else if (report.type === 'spawnFailed') {
      this.forget(report.id);
      pty.failedToSpawn(report.message);
    } else {
      this.forget(report.id);
      pty.exited({ exitCode: report.exitCode, ...(report.signal === undefined ? {} : { signal: report.signal }) });
    }
  }

  private forget(id: number): void {
    this.ptys.delete(id);
    this.ptyPids.delete(id);
    if (this.ptys.size === 0) this.child?.hold?.(false);
  }

  private checkHeartbeat(): void {
    // A hung host (a native call that never returns) is ended, and then handled like any dead one.
    if (this.child !== null && Date.now() - this.lastBeatAt > this.unresponsiveMs) this.child.kill();
  }

  private died(child: PtyHostChild, how: string): void {
    if (child !== this.child) return;
    this.child = null;
    const reason = `the pty host ${how}`;
    const lost = [...this.ptys.values()];
    this.ptys.clear();
    this.ptyPids.clear();
    for (const pty of lost) pty.lost(reason);
    if (this.isDisposed) return;
    if (!mayRestartPtyHost(this.restarts)) {
      this.givenUp = `${reason}, and it has been restarted ${PTY_HOST_MAX_RESTARTS} times already; restart the console.`;
      console.error(`release-console: ${this.givenUp}`);
      return;
    }
    this.restarts++;
    console.error(`release-console: ${reason}; ${lost.length} terminal(s) lost; starting it again (restart ${this.restarts} of ${PTY_HOST_MAX_RESTARTS}).`);
    this.start();
    for (const listener of this.restartListeners) listener(how);
  }
}
