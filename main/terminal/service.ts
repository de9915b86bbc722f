import os from 'node:os';
import type { TerminalInfo, TerminalReplay } from '../../shared/api/terminal';
import { systemMonotonicClock, type Clock } from '../../shared/clock';
import { checkArgv, describeArgv } from '../../shared/terminal/argv';
import { STOP_ESCALATION_MS } from '../../shared/terminal/stopEscalation';
import { CommandOutput, type CommandResult, type CommandRunOptions } from './commandRun';
import { resolveProgram } from './program';
import type { PtyHost } from './ptyHost/supervisor';
import { spawnNodePty, type SpawnPty } from './pty';
import { TerminalSession, type SessionListener, type SessionSpec } from './session';
import { TranscriptLog } from './transcript';

export interface TerminalServiceOptions {
  clock: Clock;
  /** Where transcripts are appended (`<dataDir>/transcripts/<release>.jsonl`). */
  dataDir: string;
  /** The environment every session starts from (PATH already including the workspace's tools). */
  env: Record<string, string>;
  /** Where ptys run: the pty host process (what the console uses), or `spawn` in this process (tests of the pty itself). */
  ptyHost?: Pick<PtyHost, 'spawn' | 'dispose'>;
  spawn?: SpawnPty;
  /** What a region's terminals add to `env` (shared/terminal/regionEnvironment.ts); only RELEASE_CONSOLE_REGION when absent. */
  regionEnv?: (regionId: string) => Record<string, string>;
  /**
   * What an interactive shell (not a step's command) adds on top of its environment: the console's shell
   * guard puts its tool shims first on PATH (main/terminal/shell-guard.ts). Given the PATH it would have.
   */
  shellEnv?: (regionId: string | null, path: string | undefined) => Record<string, string>;
  /** Where shells and commands start; the home folder when absent. */
  cwd?: string;
  /** The argv of an interactive shell; the user's $SHELL, or /bin/sh. */
  shell?: readonly string[];
  /** How long a process group gets after hang-up and terminate before SIGKILL. */
  killGraceMs?: number;
  /** Stop's wait between SIGINT, SIGTERM and SIGKILL. */
  stopEscalationMs?: number;
}

/** Long enough for a shell's exit traps and a tool's lock-file cleanup, short enough for quitting to feel immediate. */
export const KILL_GRACE_MS = 1_500;

/** A terminal that has not been sized yet still needs a size: the classic 80×24. */
const DEFAULT_COLS = 80;
const DEFAULT_ROWS = 24;

/** Finished command sessions stay visible in their region for review; beyond this many the oldest are closed. */
const KEPT_FINISHED_COMMANDS_PER_REGION = 20;

/** A refusal to run or find something: the host turns it into a typed error for the renderer. */
export class TerminalRefusal extends Error {
  constructor(
    readonly reason: 'not_found' | 'invalid' | 'conflict' | 'closing',
    message: string,
  ) {
    super(message);
    this.name = 'TerminalRefusal';
  }
}

type OutputListener = (event: { sessionId: string; data: string; offset: number }) => void;
type StateListener = (info: TerminalInfo) => void;

/**
 * Every pty the console runs: shells per region, free-standing shells, and the command runs of steps.
 * Owns their lifecycle and ends them all on quit.
 */
export class TerminalService {
  private readonly sessions = new Map<string, TerminalSession>();
  private readonly outputListeners = new Set<OutputListener>();
  private readonly stateListeners = new Set<StateListener>();
  private readonly transcripts: TranscriptLog;
  private readonly spawn: SpawnPty;
  private readonly killGraceMs: number;
  private readonly stopEscalationMs: number;
  /** A run's elapsed time, on the clock its time limit runs on: not the console clock, which a rehearsal moves. */
  private readonly duration = systemMonotonicClock();
  private nextId = 1;
  private isClosing = false;

  constructor(private readonly options: TerminalServiceOptions) {
    this.spawn = options.ptyHost?.spawn ?? options.spawn ?? spawnNodePty;
    this.killGraceMs = options.killGraceMs ?? KILL_GRACE_MS;
    this.stopEscalationMs = options.stopEscalationMs ?? STOP_ESCALATION_MS;
    this.transcripts = new TranscriptLog(options.dataDir);
  }

  onOutput(listener: OutputListener): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  /** The windows a session's output goes to: those attached to it (none once it is gone). */
  windowsOf(sessionId: string): readonly string[] {
    return this.sessions.get(sessionId)?.windows ?? [];
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  list(): TerminalInfo[] {
    return [...this.sessions.values()].map((session) => session.info());
  }

  info(sessionId: string): TerminalInfo {
    return this.session(sessionId).info();
  }

  /** Opens an interactive shell, in a region or free-standing, and attaches `consumerId` (the window that asked). */
  open(request: { regionId: string | null; cols?: number; rows?: number; consumerId?: string }): TerminalReplay {
    // Refused before anything is asked for it: the shell guard would grant a shell that never runs its tools.
    if (this.isClosing) throw new TerminalRefusal('closing', 'The console is quitting; no shell can be opened.');
    const shell = this.options.shell ?? [this.options.env.SHELL ?? '/bin/sh'];
    const cwd = this.defaultCwd();
    const base = this.sessionEnv(request.regionId);
    const env = { ...base, ...(this.options.shellEnv?.(request.regionId, base.PATH) ?? {}) };
    const program = shell[0] === undefined ? null : resolveProgram(shell[0], env.PATH, cwd);
    const session = this.create({
      regionId: request.regionId,
      kind: 'shell',
      title: this.shellName(request.regionId),
      argv: shell,
      file: program ?? shell[0] ?? '/bin/sh',
      cwd,
      env,
      cols: request.cols ?? DEFAULT_COLS,
      rows: request.rows ?? DEFAULT_ROWS,
      ...(program === null ? { refusal: `release-console: the shell ${shell[0] ?? ''} was not found.` } : {}),
    });
    const attached = request.consumerId === undefined ? { replay: '', replayEnd: 0 } : session.attach(request.consumerId);
    session.start();
    return { info: session.info(), ...attached };
  }

  attach(sessionId: string, consumerId: string): TerminalReplay {
    const session = this.session(sessionId);
    return { ...session.attach(consumerId), info: session.info() };
  }

  detach(sessionId: string, consumerId: string): void {
    this.session(sessionId).detach(consumerId);
  }

  /** A window or socket went away: it acknowledges nothing any more, so it must not hold any pty paused. */
  detachConsumer(consumerId: string): void {
    for (const session of this.sessions.values()) session.detach(consumerId);
  }

  /**
   * The windows that hold a shell paused and have read none of its output for a while (a paused or hung
   * page): the transport lets them go, and one that runs again attaches afresh. Asked by the transport,
   * which alone can tell a window it was let go (a browser window's socket is closed).
   */
  stalledConsumers(): readonly string[] {
    const stalled = new Set<string>();
    for (const session of this.sessions.values()) for (const window of session.stalledWindows) stalled.add(window);
    return [...stalled];
  }

  write(sessionId: string, data: string): void {
    const session = this.session(sessionId);
    // A step's command is the argv the workspace allowed, nothing typed after it.
    if (session.kind === 'command') throw new TerminalRefusal('conflict', `Terminal ${sessionId} runs a step's command and takes no typing.`);
    session.write(data);
  }

  resize(sessionId: string, cols: number, rows: number): void {
    this.session(sessionId).resize(cols, rows);
  }

  acknowledge(sessionId: string, consumerId: string, chars: number): void {
    this.session(sessionId).acknowledge(consumerId, chars);
  }

  kill(sessionId: string, signal: NodeJS.Signals = 'SIGTERM'): void {
    this.session(sessionId).signal(signal);
  }

  /** Stops what runs in the session (SIGINT, then SIGTERM, then SIGKILL); the exit says it was stopped by `by`. */
  async stop(sessionId: string, by: string): Promise<TerminalInfo> {
    const session = this.session(sessionId);
    await session.stop({ kind: 'stopped', message: `stopped by ${by}` }, this.stopEscalationMs);
    return session.info();
  }

  /**
   * Starts a shell again in the same session. Only shells: a step's or a rollback's command runs again
   * only as a step the release decides, never by restarting its terminal.
   */
  async restart(sessionId: string): Promise<TerminalInfo> {
    const session = this.session(sessionId);
    if (session.kind !== 'shell') {
      throw new TerminalRefusal('conflict', `Terminal ${sessionId} ran a step's command; it runs again only as a step of the release, not by restarting its terminal.`);
    }
    if (this.isClosing) throw new TerminalRefusal('closing', 'The console is quitting; no terminal can be restarted.');
    await session.restart(this.killGraceMs);
    return session.info();
  }

  async close(sessionId: string): Promise<void> {
    const session = this.session(sessionId);
    await session.close(this.killGraceMs);
    this.sessions.delete(sessionId);
  }

  /** On quit: every process group ended, every pty closed, nothing left behind. */
  async closeAll(): Promise<void> {
    this.isClosing = true;
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
    this.options.ptyHost?.dispose();
  }

  /**
   * Runs one command step: argv[0] found on PATH and executed with exactly argv (no shell ever parses
   * it) in a new command session of the region, shown like any terminal. The exit code decides; the run
   * is appended to the release's transcript.
   */
  async runCommand(regionId: string | null, argv: readonly string[], options: CommandRunOptions): Promise<CommandResult> {
    if (this.isClosing) throw new TerminalRefusal('closing', 'The console is quitting; no command can be started.');
    const check = checkArgv(argv);
    if (!check.ok) throw new TerminalRefusal('invalid', check.reason);
    const releaseId = options.releaseId ?? null;
    // Refused before running: a command whose evidence could not be filed must not run.
    try {
      this.transcripts.fileFor(releaseId);
    } catch (error) {
      throw new TerminalRefusal('invalid', error instanceof Error ? error.message : String(error));
    }
    const cwd = options.cwd ?? this.defaultCwd();
    const env = { ...this.sessionEnv(regionId), ...options.env };
    const name = argv[0] ?? '';
    const program = resolveProgram(name, env.PATH, cwd);
    const session = this.create({
      regionId,
      kind: 'command',
      title: describeArgv(argv),
      argv,
      file: program ?? name,
      cwd,
      env,
      cols: options.cols ?? DEFAULT_COLS,
      rows: options.rows ?? DEFAULT_ROWS,
      ...(program === null ? { refusal: `release-console: ${describeArgv([name])}: not found on PATH` } : {}),
    });
    session.announce(`\x1b[2m$ ${describeArgv(argv)}\x1b[0m\r\n`);
    const output = new CommandOutput();
    const untap = session.tap((data) => output.append(data));
    const startedAt = this.options.clock.now();
    const ranFrom = this.duration.elapsedMs();
    session.start();
    options.onStarted?.(session.id);
    const timeoutMs = options.timeoutMs;
    const timeout =
      timeoutMs === undefined
        ? null
        : setTimeout(() => void session.stop({ kind: 'timedOut', message: `timed out after ${describeDuration(timeoutMs)}` }, this.stopEscalationMs), timeoutMs);
    const exit = await session.whenExited();
    if (timeout !== null) clearTimeout(timeout);
    untap();
    const result: Omit<CommandResult, 'transcriptFile'> = {
      sessionId: session.id,
      commandId: options.commandId,
      argv: [...argv],
      exitCode: exit.code,
      signal: exit.signal,
      interruption: exit.interruption ?? null,
      output: output.text(),
      outputOmittedChars: output.omittedChars,
      startedAt,
      endedAt: this.options.clock.now(),
      elapsedMs: this.duration.elapsedMs() - ranFrom,
    };
    const transcriptFile = await this.transcripts
      .append({ ...result, releaseId, regionId, argv: result.argv, ...(options.ranBy !== undefined ? { ranBy: options.ranBy } : {}) })
      .catch((error: unknown) => {
        console.error(`release-console: the transcript of ${options.commandId} could not be written:`, error);
        return null;
      });
    await this.pruneFinishedCommands(regionId);
    return { ...result, transcriptFile };
  }

  /**
   * Shows a command a rehearsal withheld (shared/engine/rehearsalTools.ts) as a command session of the
   * region, like a run, that spawns nothing: the PE sees the full argv and that it was not run.
   */
  showWithheld(regionId: string | null, argv: readonly string[], line: string): void {
    const session = this.create({ regionId, kind: 'command', title: describeArgv(argv), argv, file: argv[0] ?? '', cwd: this.defaultCwd(), env: {}, cols: DEFAULT_COLS, rows: DEFAULT_ROWS, withheld: line });
    session.announce(`\x1b[2m$ ${describeArgv(argv)}\x1b[0m\r\n`);
    session.start();
    void this.pruneFinishedCommands(regionId);
  }

  private create(spec: Omit<SessionSpec, 'id'>): TerminalSession {
    if (this.isClosing) throw new TerminalRefusal('closing', 'The console is quitting; no terminal can be opened.');
    const id = `term-${this.nextId++}`;
    const listener: SessionListener = {
      output: (sessionId, data, offset) => {
        for (const l of this.outputListeners) l({ sessionId, data, offset });
      },
      state: (info) => {
        for (const l of this.stateListeners) l(info);
      },
    };
    const session = new TerminalSession({ ...spec, id }, this.spawn, this.options.clock, listener);
    this.sessions.set(id, session);
    return session;
  }

  /**
   * A new shell's name, given once as it opens so every window shows the same one: "Shell", then "Shell 2",
   * "Shell 3"…, the lowest number none of the region's shells holds. A shell keeps its name for its life:
   * closing "Shell" renames no other, and the next shell opened takes "Shell" again.
   */
  private shellName(regionId: string | null): string {
    const taken = new Set([...this.sessions.values()].filter((s) => s.kind === 'shell' && s.regionId === regionId).map((s) => s.info().title));
    let n = 1;
    while (taken.has(shellNameOf(n))) n++;
    return shellNameOf(n);
  }

  private session(sessionId: string): TerminalSession {
    const session = this.sessions.get(sessionId);
    if (session === undefined) throw new TerminalRefusal('not_found', `There is no terminal ${sessionId}.`);
    return session;
  }

  private sessionEnv(regionId: string | null): Record<string, string> {
    if (regionId === null) return { ...this.options.env };
    return { ...this.options.env, ...(this.options.regionEnv?.(regionId) ?? { RELEASE_CONSOLE_REGION: regionId }) };
  }

  private defaultCwd(): string {
    return this.options.cwd ?? this.options.env.HOME ?? os.homedir();
  }

  private async pruneFinishedCommands(regionId: string | null): Promise<void> {
    const finished = [...this.sessions.values()].filter((s) => s.kind === 'command' && s.regionId === regionId && (s.currentPhase === 'exited' || s.currentPhase === 'lost'));
    const excess = finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED_COMMANDS_PER_REGION));
    await Promise.all(excess.map((s) => this.close(s.id)));
  }
}

/** The n-th of a region's shells: "Shell", "Shell 2", as terminals that have several name them. */
function shellNameOf(n: number): string {
  return n === 1 ? 'Shell' : `Shell ${n}`;
}

/** "90 s", "10 min", "1 h 30 min": how a timeout reads in a run's result. */
function describeDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${Math.max(seconds, ms > 0 ? 1 : 0)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h${minutes % 60 === 0 ? '' : ` ${minutes % 60} min`}`;
}
