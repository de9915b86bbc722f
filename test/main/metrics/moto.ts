import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { resolveProgram } from '../../../main/terminal/program';

/**
 * Preinstalled on these machines (Python moto 5 with Flask); the package index cannot be reached to install it.
 * After $MOTO_SERVER, the PATH's moto_server, as `npm test` checks for it: a machine where it is not root's
 * pyenv (CI's user, a venv, ~/.local/bin) still finds the one its PATH has.
 */
const MOTO_CANDIDATES = ['/root/.pyenv/shims/moto_server', '/usr/local/bin/moto_server', '/usr/bin/moto_server'];
/** moto imports every service's models on start: a cold start on a busy 2-core machine takes seconds. */
const STARTUP_TIMEOUT_MS = 45_000;

export interface Moto {
  url: string;
  stop(): Promise<void>;
}

function findMoto(): string {
  const fromEnv = process.env.MOTO_SERVER;
  const found = fromEnv !== undefined && fromEnv !== '' && existsSync(fromEnv) ? fromEnv : (resolveProgram('moto_server', process.env.PATH, process.cwd()) ?? MOTO_CANDIDATES.find((candidate) => existsSync(candidate)));
  if (!found) {
    throw new Error('moto_server was not found (looked in $MOTO_SERVER, on PATH, in /root/.pyenv/shims, /usr/local/bin, /usr/bin). These tests need the real CloudWatch emulator: Python moto[server].');
  }
  return found;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
    return response.status < 500;
  } catch {
    return false;
  }
}

/** Starts moto_server on a free loopback port and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const binary = findMoto();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Its own process group, so stopping it also stops the python the pyenv shim execs into.
  const child: ChildProcess = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!(await answers(url))) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      stopGroup(child);
      throw new Error(`moto_server did not answer on ${url} within ${STARTUP_TIMEOUT_MS} ms: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      stopGroup(child);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    },
  };
}

function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}
