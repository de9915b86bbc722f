import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { NamedInstant } from '../../shared/engine/decision';
import type { Actor } from '../../shared/engine/state';
import { wordsWithInstants } from '../../shared/instantWords';
import { MAX_SHIM_LINE_BYTES, ShimRequest, type ShimReply } from '../../shared/terminal/shimProtocol';
import { packageRoot } from '../paths';
import { SHIM_ENV } from './shim/environment';

/** The shell a shim runs in, as the guard knows it by its token. */
export interface GuardedShell {
  regionId: string | null;
  /** Who opened it, and the release their window showed: its tools are decided as them, against it. */
  openedBy?: ShellOpener | undefined;
}

export interface ShellOpener {
  operator: Actor;
  releaseId: string;
}

/** `instants`: those a refusal's message and reasons name in UTC words (shared/engine/decision.ts), read in the shell's zone. */
export type ShellVerdict = { verdict: 'allowed' } | { verdict: 'rehearsal' } | { verdict: 'blocked'; message: string; reasons: string[]; instants?: readonly NamedInstant[] };

/** What the guard asks the console: each is decided and logged there (main/console.ts, shared/engine). */
export interface ShellDecider {
  ask(shell: GuardedShell, argv: string[]): Promise<ShellVerdict>;
  /** The person's answer to "run anyway?", with the reasons the refusal gave. */
  answer(shell: GuardedShell, argv: string[], runAnyway: boolean, blockedBy: string[]): Promise<void>;
  /** The real tool ran and ended (then the console reconciles the region). */
  exited(shell: GuardedShell, argv: string[], ended: { exitCode: number | null; signal: string | null }): Promise<void>;
}

export interface ShellGuardOptions {
  /** Where each console session's shim folder is made (`<dataDir>/shell-shims`). */
  folder: string;
  /** The workspace's tools: every argv[0] its commands use. */
  tools: readonly string[];
  decider: ShellDecider;
  /** The built shim client; `out/shim/client.mjs` when absent. */
  clientEntry?: string;
  /** The node the shims run; the console's own unless it is Electron (then `node` on PATH). */
  nodePath?: string | null;
  /** The zone a refusal's instants are read in at the shell's prompt: the console's own (its shells inherit it). */
  zone?: string;
}

/** A Unix socket's path must fit sun_path (108 bytes on Linux, 104 on macOS): longer data folders put it in a private temporary folder. */
const MAX_SOCKET_PATH = 100;

/** The file in a session folder naming its socket. */
const SOCKET_NOTE = 'socket-path';

/**
 * A console killed without closing leaves its session folder behind. One whose socket no one answers is
 * gone and is removed; one that answers belongs to a console still running on this data folder.
 */
async function removeStaleSessions(folder: string): Promise<void> {
  for (const name of readdirSync(folder)) {
    if (!name.startsWith('session-')) continue;
    const dir = path.join(folder, name);
    let socketPath: string;
    try {
      socketPath = readFileSync(path.join(dir, SOCKET_NOTE), 'utf8');
    } catch {
      socketPath = path.join(dir, 'guard.sock');
    }
    if (await answers(socketPath)) continue;
    rmSync(dir, { recursive: true, force: true });
    if (path.dirname(socketPath) !== dir && path.basename(path.dirname(socketPath)).startsWith('rc-guard-')) rmSync(path.dirname(socketPath), { recursive: true, force: true });
  }
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function shimClientEntry(): string {
  return path.join(packageRoot(), 'out', 'shim', 'client.mjs');
}

/**
 * The workspace tools a shell can reach by name. A program given as a path cannot be shimmed on PATH, and
 * a name outside this set would not be a plain file name in the shim folder.
 */
export function guardedTools(argv0s: readonly string[]): string[] {
  return [...new Set(argv0s.filter((name) => /^[A-Za-z0-9._+-]+$/.test(name) && name !== '.' && name !== '..'))].sort();
}

function shQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Issue 16, "Console shells": the console's shells get a PATH whose first folder holds a shim for each of
 * the workspace's tools; a shim asks this guard, over a Unix socket in the session's private folder with
 * the shell's own token, before the real tool runs. The guard only carries messages: `decider` decides
 * (shared/engine, through the intent loop) and logs.
 */
export class ShellGuard {
  private readonly tokens = new Map<string, GuardedShell>();
  private readonly sockets = new Set<net.Socket>();
  private readonly zone: string;

  private constructor(
    private readonly options: ShellGuardOptions,
    readonly binDir: string,
    readonly socketPath: string,
    private readonly server: net.Server | null,
    private readonly made: string[],
  ) {
    this.zone = options.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  static async start(options: ShellGuardOptions): Promise<ShellGuard> {
    mkdirSync(options.folder, { recursive: true, mode: 0o700 });
    await removeStaleSessions(options.folder);
    const sessionDir = mkdtempSync(path.join(options.folder, 'session-'));
    chmodSync(sessionDir, 0o700);
    const made = [sessionDir];
    const binDir = path.join(sessionDir, 'bin');
    mkdirSync(binDir, { mode: 0o700 });
    const client = path.join(sessionDir, 'client.mjs');
    const entry = options.clientEntry ?? shimClientEntry();
    // Copied, not referenced: a packaged app's out/ is inside app.asar, which no node outside Electron can read.
    const hasClient = existsSync(entry);
    if (hasClient) copyFileSync(entry, client);
    const node = options.nodePath === undefined ? (process.versions.electron ? null : process.execPath) : options.nodePath;
    for (const tool of options.tools) writeFileSync(path.join(binDir, tool), shimScript(tool, hasClient ? client : null, node), { mode: 0o755 });

    let socketPath = path.join(sessionDir, 'guard.sock');
    if (socketPath.length > MAX_SOCKET_PATH) {
      const short = mkdtempSync(path.join(os.tmpdir(), 'rc-guard-'));
      chmodSync(short, 0o700);
      made.push(short);
      socketPath = path.join(short, 'guard.sock');
    }
    // Where this session's socket is, for the next console's clean-up of a session that ended without closing.
    writeFileSync(path.join(sessionDir, SOCKET_NOTE), socketPath);
    let guard: ShellGuard | null = null;
    let server: net.Server | null = net.createServer((socket) => guard?.serve(socket));
    try {
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(socketPath, () => resolve());
      });
      chmodSync(socketPath, 0o600);
    } catch (error) {
      // The console still starts; its shells' shims find no one to ask and refuse (fail closed).
      console.error(`release-console: the shell guard cannot listen on ${socketPath}; the workspace's tools will refuse to run in console shells:`, error instanceof Error ? error.message : error);
      server.close();
      server = null;
    }
    guard = new ShellGuard(options, binDir, socketPath, server, made);
    return guard;
  }

  /** What a shell of `regionId` adds to its environment: the shims first on PATH, the socket, and a token of its own. */
  envFor(regionId: string | null, basePath: string | undefined, openedBy?: ShellOpener): Record<string, string> {
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, { regionId, ...(openedBy ? { openedBy } : {}) });
    return {
      PATH: basePath ? `${this.binDir}${path.delimiter}${basePath}` : this.binDir,
      [SHIM_ENV.socket]: this.socketPath,
      [SHIM_ENV.token]: token,
      [SHIM_ENV.dir]: this.binDir,
    };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const dir of this.made) rmSync(dir, { recursive: true, force: true });
  }

  /** One tool run per connection: ask, then (if refused) the answer, then (if it ran) the exit. */
  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = '';
    let phase: 'ask' | 'answer' | 'run' | 'done' = 'ask';
    let shell: GuardedShell | null = null;
    let argv: string[] = [];
    let blockedBy: string[] = [];
    let busy = Promise.resolve();
    const reply = (message: ShimReply): void => {
      socket.write(`${JSON.stringify(message)}\n`);
    };
    const handle = async (line: string) => {
      let request: ShimRequest;
      try {
        request = ShimRequest.parse(JSON.parse(line));
      } catch {
        phase = 'done';
        return reply({ verdict: 'refused', message: 'The console could not read what the shim asked.' });
      }
      try {
        if (phase === 'ask' && request.type === 'ask') {
          shell = this.tokens.get(request.token) ?? null;
          if (shell === null) {
            phase = 'done';
            return reply({ verdict: 'refused', message: "This shell's token is not one the console gave out." });
          }
          argv = request.argv;
          const verdict = await this.options.decider.ask(shell, argv);
          phase = verdict.verdict === 'allowed' ? 'run' : verdict.verdict === 'blocked' ? 'answer' : 'done';
          if (verdict.verdict !== 'blocked') return reply(verdict);
          // The log keeps the reasons as decided, in UTC; the person at the prompt reads them on this desk's clock.
          blockedBy = verdict.reasons.length ? verdict.reasons : [verdict.message];
          const read = (words: string) => wordsWithInstants(words, verdict.instants, this.zone);
          return reply({ verdict: 'blocked', message: read(verdict.message), reasons: verdict.reasons.map(read) });
        }
        if (phase === 'answer' && request.type === 'answer' && shell) {
          await this.options.decider.answer(shell, argv, request.runAnyway, blockedBy);
          phase = request.runAnyway ? 'run' : 'done';
          return reply({ verdict: 'recorded', runAnyway: request.runAnyway });
        }
        if (phase === 'run' && request.type === 'exited' && shell) {
          phase = 'done';
          await this.options.decider.exited(shell, argv, { exitCode: request.exitCode, signal: request.signal });
          return reply({ verdict: 'recorded', runAnyway: false });
        }
        phase = 'done';
        return reply({ verdict: 'refused', message: `The console did not expect "${request.type}" now.` });
      } catch (error) {
        phase = 'done';
        return reply({ verdict: 'refused', message: `The console could not record it: ${error instanceof Error ? error.message : String(error)}` });
      }
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.length > MAX_SHIM_LINE_BYTES) return socket.destroy();
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        busy = busy.then(() => handle(line));
      }
    });
  }
}

/** The shim for one tool: a POSIX sh script that runs the client with the console's node. */
function shimScript(tool: string, client: string | null, node: string | null): string {
  const head = `#!/bin/sh\n# Release Console shim for \`${tool}\` (issue 16): the console decides before the real tool runs.\n`;
  // Fail closed: a shim that cannot ask the console runs nothing.
  if (client === null) return `${head}echo 'release-console: the shim client is missing (the console was not built), so ${tool} was not run.' >&2\nexit 126\n`;
  const findNode =
    node === null
      ? `node=$(command -v node) || { echo 'release-console: no node on PATH to ask the console with, so ${tool} was not run. Install Node.js or run it outside the console.' >&2; exit 126; }\n`
      : `node=${shQuote(node)}\n`;
  return `${head}${findNode}exec "$node" ${shQuote(client)} ${shQuote(tool)} "$@"\n`;
}
