import type { TerminalExit, TerminalInfo, TerminalInterruption, TerminalPhase } from '../../shared/api/terminal';
import type { Clock } from '../../shared/clock';
import { markFlood } from '../../shared/terminal/floodTrace';
import { OUTPUT_BATCH_MAX_CHARS, OUTPUT_BATCH_MS, REPLAY_BUFFER_CHARS, UnacknowledgedChars, type FlowDecision } from '../../shared/terminal/flowControl';
import { OutputRing } from './outputRing';
import { isSessionAlive, signalName, signalSession } from './processGroup';
import type { PtyProcess, SpawnPty } from './pty';

export interface SessionSpec {
  id: string;
  regionId: string | null;
  kind: 'shell' | 'command';
  title: string;
  /** The argv as asked for; `file` is argv[0] resolved on PATH. */
  argv: readonly string[];
  file: string;
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
  /** Set when the program cannot be started at all: shown in the terminal, and the session exits 127 like a shell would. */
  refusal?: string;
  /** Set when a rehearsal withheld the command: the line is shown instead, nothing is spawned, and the session ends 0. */
  withheld?: string;
}

export interface SessionListener {
  output(sessionId: string, data: string, offset: number): void;
  state(info: TerminalInfo): void;
}

/** Exit code for a program that could not be found or started, as POSIX shells report it. */
const NOT_STARTED_EXIT = 127;

/** What a session whose pty host died reports: the kernel hung its terminal up, as a closed terminal window does. */
const LOST_EXIT: TerminalExit = { code: 128 + 1, signal: 'SIGHUP' };

/** Stop's signals, in order: Ctrl+C's, then the polite end, then the one that cannot be ignored. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGKILL'];

/** How often `terminate` looks whether a session it signalled has emptied. */
const GROUP_POLL_MS = 20;

/** After a lost host, what ignored the hang-up gets this long after SIGTERM before SIGKILL. */
const LOST_CLEANUP_GRACE_MS = 1_000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One pty and its life: starting → running → exited (code or signal) → closed. Output is batched, kept
 * in a replay buffer and flow-controlled against the windows attached to it.
 */
export class TerminalSession {
  private phase: TerminalPhase = 'starting';
  private pty: PtyProcess | null = null;
  private pid: number | null = null;
  private exit: TerminalExit | null = null;
  private startedAt: number;
  private endedAt: number | null = null;
  private cols: number;
  private rows: number;
  private batch: string[] = [];
  private batchChars = 0;
  private batchTimer: NodeJS.Timeout | null = null;
  private offset = 0;
  private readonly replay = new OutputRing(REPLAY_BUFFER_CHARS);
  private readonly flow = new UnacknowledgedChars();
  /** Once the exit is reported the remaining output is drained, never paused again. */
  private isChildGone = false;
  private subscriptions: { dispose(): void }[] = [];
  private readonly taps = new Set<(data: string) => void>();
  private exited!: Promise<TerminalExit>;
  private resolveExited!: (exit: TerminalExit) => void;
  /** Settles once the program runs (or could not start): what `restart` waits for. */
  private started: Promise<void> = Promise.resolve();
  /** Set by stop or a timeout before the signals go out, so the exit it causes says why. */
  private interruption: TerminalInterruption | null = null;

  constructor(
    private readonly spec: SessionSpec,
    private readonly spawn: SpawnPty,
    private readonly clock: Clock,
    private readonly listener: SessionListener,
  ) {
    this.startedAt = clock.now();
    this.cols = spec.cols;
    this.rows = spec.rows;
    this.resetExit();
  }

  get id(): string {
    return this.spec.id;
  }

  get regionId(): string | null {
    return this.spec.regionId;
  }

  get kind(): SessionSpec['kind'] {
    return this.spec.kind;
  }

  get currentPhase(): TerminalPhase {
    return this.phase;
  }

  /** The windows attached to the session: the ones its output goes to, and that hold it to their pace. */
  get windows(): readonly string[] {
    return this.flow.consumers;
  }

  /** The attached windows that hold the session paused and have read none of its output for a while (flowControl's STALLED_CONSUMER_MS). */
  get stalledWindows(): readonly string[] {
    return this.flow.stalled;
  }

  /** Unacknowledged chars of the slowest attached window. */
  get unacknowledged(): number {
    return this.flow.largest;
  }

  info(): TerminalInfo {
    return {
      sessionId: this.spec.id,
      regionId: this.spec.regionId,
      kind: this.spec.kind,
      title: this.spec.title,
      argv: [...this.spec.argv],
      phase: this.phase,
      pid: this.pid,
      exit: this.exit,
      cols: this.cols,
      rows: this.rows,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
    };
  }

  start(): void {
    this.phase = 'starting';
    this.startedAt = this.clock.now();
    this.listener.state(this.info());
    if (this.spec.refusal !== undefined) {
      this.finishWithoutProcess(this.spec.refusal);
      return;
    }
    if (this.spec.withheld !== undefined) {
      // Yellow, not red: nothing failed, the rehearsal chose not to run it.
      this.announce(`\x1b[33m${this.spec.withheld}\x1b[0m\r\n`);
      this.decideExit({ code: 0, signal: null, withheld: true });
      return;
    }
    let pty: PtyProcess;
    try {
      pty = this.spawn(this.spec.file, this.spec.argv.slice(1), { cwd: this.spec.cwd, env: this.spec.env, cols: this.cols, rows: this.rows });
    } catch (error) {
      this.finishWithoutProcess(this.notStarted(error));
      return;
    }
    this.pty = pty;
    this.isChildGone = false;
    this.subscriptions = [pty.onData((data) => this.receive(data)), pty.onExit((event) => this.onPtyExit(event))];
    const lost = pty.onLost?.((reason) => this.onPtyLost(pty, reason));
    if (lost !== undefined) this.subscriptions.push(lost);
    // A pty in the pty host has a pid once the host answers; output and the exit may already be on their way.
    this.started = pty.spawned.then(
      (pid) => {
        if (this.pty !== pty) return;
        this.pid = pid;
        if (this.phase !== 'starting') return;
        this.phase = 'running';
        this.listener.state(this.info());
      },
      (error: unknown) => {
        if (this.pty === pty && this.phase === 'starting') this.finishWithoutProcess(this.notStarted(error));
      },
    );
  }

  /** Settles once the program runs, or could not be started. */
  whenStarted(): Promise<void> {
    return this.started;
  }

  whenExited(): Promise<TerminalExit> {
    return this.exited;
  }

  /** Receives output as it is emitted (after batching), for a command run that keeps its own copy. */
  tap(listener: (data: string) => void): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  /** Output the console itself shows in the terminal (a restart marker, a refusal), in order with the program's. */
  announce(text: string): void {
    this.batch.push(text);
    this.flush();
  }

  /** Typing before the pty host has answered is kept in order: the host starts the pty before it reads on. */
  write(data: string): void {
    if (this.phase === 'running' || this.phase === 'starting') this.pty?.write(data);
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    if (this.phase !== 'running' && this.phase !== 'starting') return;
    try {
      this.pty?.resize(cols, rows);
    } catch {
      // The pty closed between the exit and our noticing it; the next start uses the new size.
    }
  }

  attach(consumer: string): { replay: string; replayEnd: number } {
    const replay = this.replay.text();
    this.applyFlow(this.flow.attach(consumer, replay.length));
    return { replay, replayEnd: this.offset };
  }

  detach(consumer: string): void {
    this.applyFlow(this.flow.detach(consumer));
  }

  acknowledge(consumer: string, chars: number): void {
    markFlood('acknowledged', chars, this.flow.largest);
    this.applyFlow(this.flow.acknowledged(consumer, chars));
  }

  /** Signals every process of the session: the shell, its foreground job, its background jobs. */
  signal(signal: NodeJS.Signals): void {
    // Asked before the pty host said which process it started: sent as soon as it has.
    if (this.pid === null && this.phase === 'starting') void this.started.then(() => this.signal(signal));
    if (this.pid === null) return;
    if (!signalSession(this.pid, signal) && this.phase === 'running') this.pty?.kill(signal);
  }

  /**
   * Stops the session's program as a person at the keyboard would, then harder: SIGINT to every process
   * group of the session (Ctrl+C), SIGTERM after `escalationMs`, SIGKILL after as long again. Resolves
   * once the exit is decided; the exit carries `interruption`, so the run says why it ended.
   */
  async stop(interruption: TerminalInterruption, escalationMs: number): Promise<void> {
    await this.started;
    if (this.phase !== 'running' || this.pid === null) return;
    // The first reason wins: a timeout that fires during a person's stop does not rename it.
    this.interruption ??= interruption;
    const sid = this.pid;
    for (const signal of STOP_SIGNALS) {
      signalSession(sid, signal);
      if (signal === 'SIGKILL') break;
      if (await Promise.race([this.exited.then(() => true), delay(escalationMs).then(() => false)])) return;
    }
    await this.exited;
  }

  /**
   * Ends everything in the session: hang-up and terminate (interactive shells ignore SIGTERM but honour
   * SIGHUP, as when a terminal window closes), then SIGKILL after `graceMs`. Resolves once the leader's
   * exit has been drained and decided and nothing of the session runs any more.
   */
  async terminate(graceMs: number): Promise<void> {
    await this.started;
    const sid = this.pid;
    if (sid === null) return;
    if (this.phase === 'running') {
      signalSession(sid, 'SIGHUP');
      signalSession(sid, 'SIGTERM');
      const ended = await Promise.race([this.exited.then(() => true), delay(graceMs).then(() => false)]);
      if (!ended) {
        signalSession(sid, 'SIGKILL');
        await this.exited;
      }
    }
    // A job that ignored the hang-up outlives the leader, still in the session.
    if (!isSessionAlive(sid)) return;
    signalSession(sid, 'SIGTERM');
    for (let waited = 0; waited < graceMs && isSessionAlive(sid); waited += GROUP_POLL_MS) await delay(GROUP_POLL_MS);
    signalSession(sid, 'SIGKILL');
    for (let waited = 0; waited < graceMs && isSessionAlive(sid); waited += GROUP_POLL_MS) await delay(GROUP_POLL_MS);
  }

  /** Closing is final: the process group is ended, listeners dropped, and the session reports `closed`. */
  async close(graceMs: number): Promise<void> {
    if (this.phase === 'closed') return;
    await this.terminate(graceMs);
    this.flush();
    this.dispose();
    this.phase = 'closed';
    this.listener.state(this.info());
  }

  /** Restart runs the same argv again in the same session; the output stream (and replay) continues. */
  async restart(graceMs: number): Promise<void> {
    if (this.phase === 'closed') throw new Error(`Terminal ${this.spec.id} is closed and cannot be restarted.`);
    await this.terminate(graceMs);
    this.dispose();
    this.announce('\r\n\x1b[2m[restarted]\x1b[0m\r\n');
    this.pid = null;
    this.exit = null;
    this.endedAt = null;
    this.interruption = null;
    this.resetExit();
    this.start();
    await this.started;
  }

  private resetExit(): void {
    this.exited = new Promise((resolve) => {
      this.resolveExited = resolve;
    });
  }

  private receive(data: string): void {
    this.batch.push(data);
    // Counted on arrival, as VS Code does, so the pause decision does not wait for the batch timer.
    this.applyFlow(this.flow.sent(data.length));
    this.batchChars += data.length;
    if (this.batchChars >= OUTPUT_BATCH_MAX_CHARS) this.flush();
    else this.batchTimer ??= setTimeout(() => this.flush(), OUTPUT_BATCH_MS);
  }

  private flush(): void {
    if (this.batchTimer !== null) {
      clearTimeout(this.batchTimer);
      this.batchTimer = null;
    }
    if (this.batch.length === 0) return;
    const data = this.batch.join('');
    this.batch = [];
    this.batchChars = 0;
    const offset = this.offset;
    markFlood('batchSent', data.length, this.flow.largest);
    this.offset += data.length;
    this.replay.append(data);
    for (const tap of this.taps) tap(data);
    this.listener.output(this.spec.id, data, offset);
  }

  private applyFlow(decision: FlowDecision): void {
    if (decision !== 'none') markFlood(decision === 'pause' ? 'flowPause' : 'flowResume', this.flow.largest);
    // The pty itself (DrainedPty) also refuses to pause once its child is gone, before the exit is reported.
    if (decision === 'pause' && !this.isChildGone && this.phase === 'running') this.pty?.pause();
    else if (decision === 'resume') this.pty?.resume();
  }

  private onPtyExit(event: { exitCode: number; signal?: number }): void {
    this.isChildGone = true;
    this.pty?.resume();
    // node-pty reports the exit after the pty's read side closed; a data event queued in the same turn
    // still comes first if we decide on the next one. Drain, then decide.
    setImmediate(() => {
      this.flush();
      const signal = event.signal ?? 0;
      this.decideExit(signal > 0 ? { code: 128 + signal, signal: signalName(signal) } : { code: event.exitCode, signal: null });
    });
  }

  /**
   * The pty host died: the program lost its terminal (the kernel hangs it up) and no exit will come.
   * The output so far stays in the replay and the command's transcript; the session is `lost`, and a
   * command run ends interrupted, never as a success. Whatever ignored the hang-up is ended.
   */
  private onPtyLost(pty: PtyProcess, reason: string): void {
    if (this.pty !== pty || (this.phase !== 'running' && this.phase !== 'starting')) return;
    this.isChildGone = true;
    this.flush();
    this.announce(`\r\n\x1b[31m[release-console: ${reason}; this session was lost. Its output above is kept.]\x1b[0m\r\n`);
    this.interruption = { kind: 'lost', message: reason };
    this.decideExit(LOST_EXIT, 'lost');
    void this.terminate(LOST_CLEANUP_GRACE_MS);
  }

  private notStarted(error: unknown): string {
    return `release-console: ${this.spec.argv[0] ?? ''} could not be started: ${error instanceof Error ? error.message : String(error)}`;
  }

  private finishWithoutProcess(message: string): void {
    this.announce(`\x1b[31m${message}\x1b[0m\r\n`);
    this.decideExit({ code: NOT_STARTED_EXIT, signal: null });
  }

  private decideExit(exit: TerminalExit, phase: 'exited' | 'lost' = 'exited'): void {
    if (this.interruption !== null) exit = { ...exit, interruption: this.interruption };
    this.exit = exit;
    this.endedAt = this.clock.now();
    this.phase = phase;
    this.listener.state(this.info());
    this.resolveExited(exit);
  }

  private dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.subscriptions = [];
    this.pty = null;
  }
}
