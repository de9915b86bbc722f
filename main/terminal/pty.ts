import * as nodePty from 'node-pty';
import { DrainedPty } from './drainedPty';

/** The part of node-pty's IPty the terminal service uses; a test may hand in its own spawn function. */
export interface PtyProcess {
  /** The child's pid: at once for a pty in this process, once the pty host answers for one in the host. Rejects when it could not start. */
  readonly spawned: Promise<number>;
  onData(listener: (data: string) => void): { dispose(): void };
  onExit(listener: (event: { exitCode: number; signal?: number }) => void): { dispose(): void };
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(signal?: string): void;
  /** A pty in the pty host is lost when the host dies: its program lost its terminal, and no exit will come. */
  onLost?(listener: (reason: string) => void): { dispose(): void };
}

export interface PtySpawnOptions {
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

/** Starts `file` with exactly `args` as its argv (execvp, no shell in between) on a new pty. */
export type SpawnPty = (file: string, args: readonly string[], options: PtySpawnOptions) => PtyProcess;

/** The TERM our renderer (xterm.js) emulates; programs pick their escape sequences from it. */
const TERM_NAME = 'xterm-256color';

export const spawnNodePty: SpawnPty = (file, args, options) =>
  new DrainedPty(
    nodePty.spawn(file, [...args], {
      name: TERM_NAME,
      cols: options.cols,
      rows: options.rows,
      cwd: options.cwd,
      // A fresh object, never process.env itself: node-pty would otherwise edit it in place.
      env: { ...options.env, TERM: TERM_NAME },
      encoding: 'utf8',
    }),
  );
