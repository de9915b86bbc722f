import { fork } from 'node:child_process';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { PtyHostReport, PtyHostRequest } from '../../../shared/terminal/ptyHost';
import { packageRoot } from '../../paths';
import { DATA_PIPE_ARG, DATA_PIPE_FD, FrameReader } from './dataPipe';

/**
 * The one thing that differs between browser mode and the desktop app: how the pty host process is
 * started. Browser mode forks Node; Electron passes `utilityProcess.fork` (main/electron/main.ts), because
 * packaged builds turn the RunAsNode fuse off and forking the app binary as Node cannot work there.
 */
export interface PtyHostChild {
  readonly pid: number | undefined;
  send(request: PtyHostRequest): void;
  onReport(listener: (report: PtyHostReport) => void): void;
  /** Called once, when the process has ended, with how it ended ("killed by SIGKILL", "exited with 1"). */
  onExit(listener: (how: string) => void): void;
  /** Kills it with SIGKILL: it may be hung or stopped, and would answer nothing gentler. */
  kill(): void;
  /** Whether the host keeps this process running: only while it runs ptys (Electron's app lives on its own). */
  hold?(isHeld: boolean): void;
}

/** Starts a host that reports a heartbeat every `heartbeatMs` (passed as its one argument). */
export type LaunchPtyHost = (heartbeatMs: number) => PtyHostChild;

/** The built pty host (scripts/build.mjs): CommonJS, so both Node's fork and Electron's utility process load it. */
export function ptyHostEntry(): string {
  return path.join(packageRoot(), 'out', 'ptyHost', 'index.cjs');
}

export function forkPtyHost(entry: string = ptyHostEntry()): LaunchPtyHost {
  return (heartbeatMs) => {
    const child = fork(entry, [String(heartbeatMs), DATA_PIPE_ARG], {
      // JSON, not structured clone, for what still uses the channel: structured clone hands each message
      // over in a Buffer of its own, and that malloc churn grew the browser-mode server by 10 MB more
      // during a 100 MB flood (`npm run bench serve`). Output itself comes on the data pipe (./dataPipe.ts).
      serialization: 'json',
      // Our own flags (a test runner's loaders, --inspect) are not the host's.
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc', 'pipe'],
    });
    const dataPipe = child.stdio[DATA_PIPE_FD] as Socket;
    // An idle host never keeps the console running: quitting closes the channel, and the host then exits.
    const hold = (isHeld: boolean) => {
      if (isHeld) {
        child.ref();
        child.channel?.ref();
        dataPipe.ref();
      } else {
        child.unref();
        child.channel?.unref();
        dataPipe.unref();
      }
    };
    hold(false);
    return {
      get pid() {
        return child.pid;
      },
      send: (request) => {
        if (child.connected) child.send(request);
      },
      onReport: (listener) => {
        child.on('message', (message) => listener(message as PtyHostReport));
        const frames = new FrameReader(listener);
        dataPipe.on('data', (chunk: Buffer) => frames.push(chunk));
        // A host that dies mid-frame leaves it unfinished; its 'exit' says how it ended.
        dataPipe.on('error', () => undefined);
      },
      onExit: (listener) => {
        // 'error' also comes when a message is sent to a host that just died (EPIPE): its 'exit' follows and says how.
        child.on('error', (error) => {
          if (child.pid === undefined) listener(`could not be started: ${error.message}`);
        });
        child.once('exit', (code, signal) => listener(signal !== null ? `was killed by ${signal}` : `exited with ${code ?? 'no code'}`));
      },
      kill: () => void child.kill('SIGKILL'),
      hold,
    };
  };
}
