import { test as base, expect, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface ServedConsole {
  url: string;
  dataDir: string;
  origin: string;
  token: string;
  process: ChildProcess;
  stderr: () => string;
}

/** Starts the real `release-console serve` on a free port and waits for the line with its URL. */
export async function startServe(args: string[] = [], env: NodeJS.ProcessEnv = {}, dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-'))): Promise<ServedConsole> {
  const child = spawn(process.execPath, [path.join(ROOT, 'out', 'cli', 'cli.mjs'), 'serve', '--port', '0', '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 20 s. stderr:\n${stderr}`)), 20_000);
    lines.on('line', (line) => {
      const match = /^Release Console: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL. stderr:\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  return { url, dataDir, origin: parsed.origin, token: parsed.searchParams.get('token')!, process: child, stderr: () => stderr };
}

export async function stopServe(served: ServedConsole): Promise<void> {
  if (served.process.exitCode !== null) return;
  const exited = new Promise((resolve) => served.process.once('exit', resolve));
  served.process.kill('SIGTERM');
  await exited;
}

/** Closes every window (browser context) open now: the test's own `page` and any it opened with `browser.newContext`. */
export async function closeWindows(browser: Browser): Promise<void> {
  await Promise.all(browser.contexts().map((context) => context.close()));
}

export const test = base.extend<{ serveArgs: string[]; serveEnv: NodeJS.ProcessEnv; served: ServedConsole; windowsClosed: void }>({
  // A window a test opened with `browser.newContext` belongs to the worker's browser, not to the test: it stayed
  // open, drawing and reconnecting, through every later test of the worker (and was traced in each of them) until
  // a test with `served` closed them all. Every test's windows now close when it ends.
  windowsClosed: [
    async ({ browser }, use) => {
      await use();
      await closeWindows(browser);
    },
    { auto: true },
  ],
  serveArgs: [[], { option: true }],
  serveEnv: [{}, { option: true }],
  served: async ({ serveArgs, serveEnv, browser }, use) => {
    const served = await startServe(serveArgs, serveEnv);
    await use(served);
    // The test's windows close before the server stops. Playwright takes a failed test's page snapshot and
    // ends its trace when a context closes; when the server went first, every failure showed "Disconnected
    // — retrying" and refused reconnections, which were this teardown and not what the test saw.
    await closeWindows(browser);
    await stopServe(served);
  },
});

export { expect };
