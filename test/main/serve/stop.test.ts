// `release-console serve` stops when told to, whatever is still connected or running: a refused client that
// keeps its socket open, a pty host that no longer answers. Real processes, real signals.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { STOP_LIMIT_MS } from '../../../main/stop-limit';
import { until } from '../until';
import { startServeProcess, type ServeProcess } from './serve-process';

let served: ServeProcess | null = null;
/** Processes a test stopped (SIGSTOP) on purpose: killed after it, whatever it found. */
const stoppedPids: number[] = [];

afterEach(async () => {
  for (const pid of stoppedPids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  if (served && served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
  await served?.ended;
  served = null;
});

/** How the process ended after `signal` and how many milliseconds it took; `stillRunning` once `withinMs` passed without an end. */
async function timedStop(serve: ServeProcess, signal: NodeJS.Signals, withinMs: number) {
  const sentAt = Date.now();
  serve.child.kill(signal);
  const ended = await Promise.race([serve.ended, new Promise<'stillRunning'>((resolve) => setTimeout(() => resolve('stillRunning'), withinMs))]);
  return { ...(ended === 'stillRunning' ? { stillRunning: true } : ended), ms: Date.now() - sentAt };
}

/** A window's socket that opens a shell in LON and waits until it runs; the socket stays open. */
async function openShell(serve: ServeProcess): Promise<WebSocket> {
  const ws = new WebSocket(`ws://${serve.url.host}/api?token=${serve.token}`, { headers: { Origin: serve.url.origin } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const running = new Promise<void>((resolve) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = JSON.parse(data.toString()) as { event?: string; payload?: { phase?: string } };
      if (message.event === 'terminalState' && message.payload?.phase === 'running') resolve();
    });
  });
  ws.send(JSON.stringify({ id: 1, call: 'openTerminal', payload: { regionId: 'LON', cols: 80, rows: 24 } }));
  await running;
  return ws;
}

/** serve's pty host: its one child process (browser mode forks it; the shells are the host's children). */
function ptyHostPid(servePid: number): number {
  const children = readFileSync(`/proc/${servePid}/task/${servePid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  const host = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('ptyHost'));
  if (host === undefined) throw new Error(`serve (${servePid}) has no pty host among its children ${children.join(', ')}`);
  return host;
}

/** A process and its descendants, from /proc (a process's children are those its threads started). */
function processTree(pid: number): number[] {
  const tasks = readdirSafe(`/proc/${pid}/task`);
  const children = tasks.flatMap((task) => {
    try {
      return readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
  return [pid, ...children.flatMap(processTree)];
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The pids of `pids` that still run or are stopped: gone, or a zombie waiting for its reaper, is not left. */
function stillAlive(pids: readonly number[]): number[] {
  return pids.filter((pid) => {
    if (!existsSync(`/proc/${pid}/stat`)) return false;
    try {
      // "pid (comm) S …": the state follows the last ')', as comm may hold one.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
    } catch {
      return false;
    }
  });
}

/**
 * A pty host that stops answering while a shell runs in it: closing that shell waits on an exit that does not
 * come. `hostProcesses` are the host and the shell it runs, as they were before the host was stopped.
 */
async function serveWithHungPtyHost(): Promise<{ hung: ServeProcess; hostProcesses: number[] }> {
  served = await startServeProcess();
  await openShell(served);
  const host = ptyHostPid(served.child.pid!);
  const hostProcesses = processTree(host);
  expect(hostProcesses.length).toBeGreaterThan(1);
  stoppedPids.push(host);
  process.kill(host, 'SIGSTOP');
  return { hung: served, hostProcesses };
}

/** Once serve has exited, nothing of its pty host may run on: neither the stopped host nor its shell. */
async function expectNothingLeftOf(hostProcesses: readonly number[]): Promise<void> {
  // SIGKILL is delivered as serve exits; the kernel may take a moment to end a process.
  await until('the pty host and its shell to be gone', () => stillAlive(hostProcesses), (alive) => alive.length === 0, 2_000);
}

describe('serve stops on SIGTERM', () => {
  it('while a client whose WebSocket was refused keeps its side of the socket open', async () => {
    served = await startServeProcess();
    // A client knocks with an earlier run's token; it is refused, and keeps its side of the socket open.
    const socket = net.connect({ port: Number(served.url.port), host: '127.0.0.1', allowHalfOpen: true });
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    const answer = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    socket.write(
      `GET /api?token=an-earlier-runs-token HTTP/1.1\r\nHost: ${served.url.host}\r\nOrigin: ${served.url.origin}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(await answer).toMatch(/^HTTP\/1\.1 401 /);

    const stop = await timedStop(served, 'SIGTERM', 5_000);
    socket.destroy();
    expect(stop).toMatchObject({ code: 0, signal: null });
  });

  it('with a pty host that no longer answers: at its limit it says what it waited for and exits 1', async () => {
    const { hung, hostProcesses } = await serveWithHungPtyHost();
    const stop = await timedStop(hung, 'SIGTERM', STOP_LIMIT_MS + 3_000);
    expect(stop).toMatchObject({ code: 1, signal: null });
    expect(stop.ms).toBeGreaterThanOrEqual(STOP_LIMIT_MS - 500);
    expect(hung.stderr()).toContain(
      `release-console serve: still stopping ${STOP_LIMIT_MS / 1000} s after the signal; exiting now without waiting for the console to close its terminals, shell transcripts and release log.`,
    );
    await expectNothingLeftOf(hostProcesses);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('a second %s while it stops exits at once with %i and says so', async (signal, code) => {
    const { hung, hostProcesses } = await serveWithHungPtyHost();
    hung.child.kill(signal);
    // The first stop is under way: the server is closed, and the console waits on its shell.
    await until('the server to stop listening', () => canConnect(hung), (listening) => !listening, 5_000);
    const stop = await timedStop(hung, signal, 2_000);
    expect(stop).toMatchObject({ code, signal: null });
    expect(hung.stderr()).toContain(`release-console serve: ${signal} again while stopping; exiting now without waiting for the console to close its terminals`);
    await expectNothingLeftOf(hostProcesses);
  });
});

function canConnect(serve: ServeProcess): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(serve.url.port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
