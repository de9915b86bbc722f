import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/** The repository: vitest and the bench runner both run from it (a bundled bench has no __dirname). */
const root = process.cwd();

export interface ServeProcess {
  child: ChildProcess;
  url: URL;
  token: string;
  /** Resolves with the exit code if the process dies while the test runs. */
  exited: Promise<number | null>;
  /** How it ended: its exit code, or the signal that killed it. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it wrote on stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/** The real `release-console serve` (built out/), as an operator starts it, on any free port. */
export async function startServeProcess(extraArgs: string[] = []): Promise<ServeProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-serve-'));
  const child = spawn(process.execPath, [path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const exited = ended.then(({ code }) => code);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const printed = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /^Release Console: (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}`)));
  });
  const url = new URL(printed);
  return {
    child,
    url,
    token: url.searchParams.get('token')!,
    exited,
    ended,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]);
}
