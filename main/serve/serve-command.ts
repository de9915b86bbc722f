import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createConsole, WorkspaceLoadError } from '../console';
import { rendererDir } from '../paths';
import { startServer } from './server';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** `release-console serve [--port N] [--workspace DIR] [--data-dir DIR] [--rehearsal-at ISO]`: browser mode until SIGINT/SIGTERM. */
export async function runServe(argv: string[], io: CommandIo): Promise<number> {
  let values: { port?: string; workspace?: string; 'data-dir'?: string; 'rehearsal-at'?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, workspace: { type: 'string' }, 'data-dir': { type: 'string' }, 'rehearsal-at': { type: 'string' } },
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
  let rehearsalStart: number | undefined;
  if (values['rehearsal-at'] !== undefined) {
    rehearsalStart = Date.parse(values['rehearsal-at']);
    if (!/(Z|[+-]\d\d:\d\d)$/.test(values['rehearsal-at']) || Number.isNaN(rehearsalStart)) {
      io.err(`release-console serve: --rehearsal-at needs an ISO 8601 time with its offset, e.g. 2026-11-27T10:55:00Z, not "${values['rehearsal-at']}".`);
      return 2;
    }
  }
  const dir = rendererDir();
  if (!existsSync(path.join(dir, 'index.html'))) {
    io.err(`release-console serve: the renderer is not built (${dir} has no index.html); run \`npm run build\` first.`);
    return 2;
  }
  let consoleApp;
  try {
    consoleApp = await createConsole({
      ...(values.workspace ? { workspaceDir: values.workspace } : {}),
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      ...(rehearsalStart !== undefined ? { rehearsalStart } : {}),
    });
  } catch (error) {
    if (error instanceof WorkspaceLoadError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  let server;
  try {
    server = await startServer({ host: consoleApp.host, rendererDir: dir, port });
  } catch (error) {
    io.err(`release-console serve: cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`);
    await consoleApp.host.close();
    return 2;
  }
  const running = server;
  // Listening for the signals before the URL is out: whoever read the URL may stop us at once, and a
  // stop must close the console (the release log's snapshot), not kill it.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.out(`Release Console: ${server.url}`);
  await stopped;
  await running.close();
  await consoleApp.host.close();
  return 0;
}
