import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startingClock, type StartingClock } from '../../shared/workspace/demoWeek';
import { createConsole, WorkspaceLoadError } from '../console';
import { rendererDir } from '../paths';
import type { Session } from '../../shared/api';
import { switchableHost, type SwitchableHost } from '../host/switchable';
import { workspaceProblemHost } from '../host/workspace-problem';
import { traceFloodsFromEnv } from '../terminal/floodTraceFile';
import { killPtyHostsNow } from '../terminal/ptyHost/supervisor';
import { STOP_LIMIT_MS } from '../stop-limit';
import type { Host } from '../host/host';
import { startServer, type RunningServer } from './server';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** An ISO 8601 time with its offset (`Z` or `±hh:mm`), or an error naming the flag. */
function isoInstant(flag: string, value: string): number | string {
  const ms = Date.parse(value);
  if (!/(Z|[+-]\d\d:\d\d)$/.test(value) || Number.isNaN(ms)) {
    return `release-console serve: ${flag} needs an ISO 8601 time with its offset, e.g. 2026-11-27T10:55:00Z, not "${value}".`;
  }
  return ms;
}

/**
 * `release-console serve [--port N] [--workspace DIR] [--data-dir DIR] [--rehearsal-at ISO | --live] [--today ISO]`:
 * browser mode until SIGINT/SIGTERM. With no workspace the demo opens as a rehearsal on the coming rollout
 * morning; `--today` stands in for the wall clock that picks it (tests). A workspace that does not load is
 * served as its errors until it is fixed (stderr says them too).
 */
export async function runServe(argv: string[], io: CommandIo): Promise<number> {
  traceFloodsFromEnv('main');
  let values: { port?: string; workspace?: string; 'data-dir'?: string; 'rehearsal-at'?: string; live?: boolean; today?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        workspace: { type: 'string' },
        'data-dir': { type: 'string' },
        'rehearsal-at': { type: 'string' },
        live: { type: 'boolean' },
        today: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    io.err(`release-console serve: ${(error as Error).message}`);
    return 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`release-console serve: --port must be a whole number from 0 to 65535, not "${values.port}".`);
    return 2;
  }
  const rehearsalAt = values['rehearsal-at'] === undefined ? null : isoInstant('--rehearsal-at', values['rehearsal-at']);
  const today = values.today === undefined ? Date.now() : isoInstant('--today', values.today);
  if (typeof rehearsalAt === 'string') {
    io.err(rehearsalAt);
    return 2;
  }
  if (typeof today === 'string') {
    io.err(today);
    return 2;
  }
  let clock: StartingClock;
  try {
    clock = startingClock({ workspaceChosen: values.workspace !== undefined, rehearsalAt, live: values.live === true, today });
  } catch (error) {
    io.err(`release-console serve: ${(error as Error).message}`);
    return 2;
  }
  const dir = rendererDir();
  if (!existsSync(path.join(dir, 'index.html'))) {
    io.err(`release-console serve: the renderer is not built (${dir} has no index.html); run \`npm run build\` first.`);
    return 2;
  }
  const open = (starting: StartingClock): ReturnType<typeof createConsole> =>
    createConsole({
      ...(values.workspace ? { workspaceDir: values.workspace } : {}),
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      ...(starting.mode === 'simulated' ? { rehearsalStart: starting.start } : {}),
      demoWeeks: starting.demoWeeks,
      demoHistory: true,
      ...(starting.switchable ? { switchDemoClock } : {}),
      // "Start over": this console closes (its rehearsal folder is archived), then the same one opens afresh.
      reopenAfterClose: () => {
        switchable!.replaceAfterClose(async () => (await open(starting)).host).catch((error: unknown) => io.err(`release-console serve: could not start the rehearsal over: ${(error as Error).message}`));
      },
    });
  // The demo's "go live" / "rehearse" reopens the console behind the same server, token and URL.
  const switchDemoClock = (mode: Session['clockMode']) => {
    const next = startingClock({ workspaceChosen: false, rehearsalAt: null, live: mode === 'system', today: values.today === undefined ? Date.now() : today });
    switchable!.replace(async () => (await open(next)).host).catch((error: unknown) => io.err(`release-console serve: could not reopen the demo: ${(error as Error).message}`));
  };
  let switchable: SwitchableHost | undefined;
  try {
    switchable = switchableHost((await open(clock)).host);
  } catch (error) {
    if (!(error instanceof WorkspaceLoadError)) throw error;
    // The PE looks at the browser, not at serve's terminal: the page says what is wrong and where, and the
    // console opens there once the folder is fixed.
    io.err(error.message);
    switchable = switchableHost(
      workspaceProblemHost({
        problem: { dir: error.dir, errors: error.errors },
        open: () =>
          open(clock).then(
            (opened) => opened.host,
            (again: unknown) => {
              if (again instanceof WorkspaceLoadError) return { dir: again.dir, errors: again.errors };
              throw again;
            },
          ),
        replaceWith: (opened) => switchable!.replace(() => Promise.resolve(opened)),
        report: io.err,
      }),
    );
  }
  const host = switchable.host;
  let server;
  try {
    server = await startServer({ host, rendererDir: dir, port });
  } catch (error) {
    io.err(`release-console serve: cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`);
    await host.close();
    return 2;
  }
  const running = server;
  // Listening for the signals before the URL is out: whoever read the URL may stop us at once, and a
  // stop must close the console (the release log's snapshot), not kill it.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  io.out(`Release Console: ${server.url}`);
  await stopped;
  return stop(running, host, io);
}


/**
 * Closes the server, then the console, within STOP_LIMIT_MS. A second SIGINT or SIGTERM meanwhile exits at
 * once, as servers people stop by hand do, with 128 + the signal's number as a shell reports such an end.
 * Exiting so, it first kills the pty host and its shells' process groups: a hung host is what such a stop
 * most often waits on, and a stopped one would outlive serve.
 */
async function stop(running: RunningServer, host: Host, io: CommandIo): Promise<number> {
  let waitingFor = "the browser windows' connections to close";
  const exitNow = (why: string, code: number) => {
    io.err(`release-console serve: ${why}; exiting now without waiting for ${waitingFor}.`);
    killPtyHostsNow();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => exitNow(`${signal} again while stopping`, 128 + os.constants.signals[signal]));
  }
  const limit = setTimeout(() => exitNow(`still stopping ${STOP_LIMIT_MS / 1000} s after the signal`, 1), STOP_LIMIT_MS);
  await running.close();
  waitingFor = 'the console to close its terminals, shell transcripts and release log';
  await host.close();
  clearTimeout(limit);
  return 0;
}
