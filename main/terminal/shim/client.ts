// The shim a console shell runs instead of a workspace tool (issue 16, "Console shells"): it asks the
// console whether this argv may run, shows why not and asks "run anyway?", then runs the real tool (found
// on PATH without the shim folder) or does not. Bundled on its own (scripts/build.mjs → out/shim/client.mjs)
// and copied into each console session's shim folder; the console cannot see bash's line buffer, so the
// guard is at exec. Run as: node client.mjs TOOL [ARGS...].
import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describeArgv } from '../../../shared/terminal/argv';
import type { ShimReply, ShimRequest } from '../../../shared/terminal/shimProtocol';
import { resolveProgram } from '../program';
import { SHIM_ENV } from './environment';

/** "not run": the exit status a shell gives a command it found but could not execute. */
const NOT_RUN = 126;
const NOT_FOUND = 127;

const [tool, ...args] = process.argv.slice(2);
const argv = [tool ?? '', ...args];

function say(line: string): void {
  process.stderr.write(`release-console: ${line}\n`);
}

function refuse(line: string, hint?: string): never {
  say(line);
  if (hint) say(hint);
  process.exit(NOT_RUN);
}

/** One connection to the console's guard: send a line, read the reply line. */
function connect(socketPath: string): Promise<{ ask: (request: ShimRequest) => Promise<ShimReply>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    let buffered = '';
    let waiting: ((reply: ShimReply) => void) | null = null;
    let failed: ((error: Error) => void) | null = null;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0 || !waiting) return;
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const done = waiting;
      waiting = null;
      done(JSON.parse(line) as ShimReply);
    });
    socket.once('error', (error) => (failed ? failed(error) : reject(error)));
    socket.once('close', () => failed?.(new Error('the console closed the connection')));
    socket.once('connect', () =>
      resolve({
        ask: (request) =>
          new Promise((answer, fail) => {
            waiting = answer;
            failed = fail;
            socket.write(`${JSON.stringify(request)}\n`);
          }),
        close: () => socket.end(),
      }),
    );
  });
}

/** Reads one line from the terminal itself, not stdin: a tool in a pipe still asks the person at the keyboard. */
function askTerminal(question: string): string | null {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return null;
  }
  try {
    process.stderr.write(question);
    const bytes: number[] = [];
    const one = Buffer.alloc(1);
    while (bytes.length < 200 && readSync(fd, one, 0, 1, null) === 1 && one[0] !== 0x0a) bytes.push(one[0]!);
    return Buffer.from(bytes).toString('utf8').trim();
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Runs the real tool with exactly argv, the shell's terminal as its own; resolves with how it ended. */
function runReal(program: string): Promise<{ exitCode: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: 'inherit', argv0: tool });
    // Ctrl+C in the terminal reaches the tool (same process group); the shim waits to report its exit.
    const ignore = () => undefined;
    for (const signal of ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, ignore);
    child.once('error', (error) => {
      say(`${tool}: ${error.message}`);
      resolve({ exitCode: NOT_RUN, signal: null });
    });
    child.once('exit', (exitCode, signal) => resolve({ exitCode, signal }));
  });
}

async function main(): Promise<void> {
  const socketPath = process.env[SHIM_ENV.socket];
  const token = process.env[SHIM_ENV.token] ?? '';
  const shimDir = process.env[SHIM_ENV.dir] ?? path.dirname(process.argv[1] ?? '');
  const console_ = socketPath
    ? await connect(socketPath).catch(() => null)
    : null;
  if (!console_) {
    refuse(
      `the console is not answering, so ${describeArgv(argv)} was not run (this shell's tools are guarded by the Release Console).`,
      'Reopen this shell from the console, or run the tool from a terminal outside it if you mean to.',
    );
  }
  let reply: ShimReply;
  try {
    reply = await console_.ask({ type: 'ask', token, argv });
    if (reply.verdict === 'refused') refuse(`${reply.message} ${describeArgv(argv)} was not run.`);
    if (reply.verdict === 'rehearsal') {
      process.stdout.write(`Rehearsal: would run ${describeArgv(argv)}\n`);
      console_.close();
      process.exit(0);
    }
    if (reply.verdict === 'blocked') {
      say(reply.message);
      for (const reason of reply.reasons) if (reason !== reply.message) process.stderr.write(`  • ${reason}\n`);
      const answer = askTerminal('run anyway? it will be recorded [y/N] ');
      const runAnyway = answer !== null && /^y(es)?$/i.test(answer);
      const recorded = await console_.ask({ type: 'answer', runAnyway });
      if (recorded.verdict !== 'recorded') refuse(`${recorded.verdict === 'refused' ? recorded.message : 'the answer could not be recorded'}; ${describeArgv(argv)} was not run.`);
      if (!runAnyway) {
        console_.close();
        refuse(`declined: ${describeArgv(argv)} was not run (recorded).`);
      }
    }
  } catch (error) {
    refuse(`the console stopped answering (${(error as Error).message}), so ${describeArgv(argv)} was not run.`, 'Reopen this shell from the console.');
  }
  const pathWithoutShims = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => path.resolve(dir) !== path.resolve(shimDir))
    .join(path.delimiter);
  const program = resolveProgram(tool ?? '', pathWithoutShims, process.cwd());
  if (program === null) {
    say(`${tool}: not found on PATH (outside the console's shims).`);
    await console_.ask({ type: 'exited', exitCode: NOT_FOUND, signal: null }).catch(() => null);
    process.exit(NOT_FOUND);
  }
  const ended = await runReal(program);
  // The console reconciles the region after this: the exit is logged first, so the record reads in order.
  await console_.ask({ type: 'exited', ...ended }).catch(() => say('the console did not hear how the tool ended; reconcile the region from its tile.'));
  console_.close();
  // As a shell reports a tool killed by a signal: 128 + its number.
  const signalled = ended.signal === null ? undefined : os.constants.signals[ended.signal as NodeJS.Signals];
  process.exit(signalled !== undefined ? 128 + signalled : (ended.exitCode ?? NOT_RUN));
}

void main();
