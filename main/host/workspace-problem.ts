import { watch, type FSWatcher } from 'node:fs';
import { calls, isCallName, type Result, type WorkspaceProblem } from '../../shared/api';
import { createEventBus } from './events';
import type { Host } from './host';

/**
 * An editor's save is a burst of events (a temporary file written, renamed over the old one, the folder
 * touched): the folder is read once the burst has been quiet this long, not once per event.
 */
const SAVE_SETTLE_MS = 250;

export interface WorkspaceProblemOptions {
  problem: WorkspaceProblem;
  /** Opens the console from the folder again: its host, or the folder's errors when it still does not load. */
  open: () => Promise<Host | WorkspaceProblem>;
  /** Puts the opened console behind the adapter in this host's place (the switchable host's `replace`). */
  replaceWith: (host: Host) => Promise<void>;
  /** A failure that is not the workspace's (a data folder that cannot be written): serve's stderr. */
  report: (message: string) => void;
}

/**
 * What browser mode serves while its workspace does not load: the page asks for the problem and shows it
 * where the PE looks (file, line, column, message), every other call is refused as unavailable, and the
 * folder is read again when a file in it is saved or on "Try again". Once it loads, windows are told (null)
 * and the console takes this host's place behind the same server, token and URL, so the page reloads onto it.
 */
export function workspaceProblemHost(options: WorkspaceProblemOptions): Host {
  const bus = createEventBus();
  let problem: WorkspaceProblem | null = options.problem;
  let reading: Promise<WorkspaceProblem | null> | null = null;
  let savedDuringRead = false;
  let settle: ReturnType<typeof setTimeout> | null = null;
  let watcher: FSWatcher | null = null;

  async function readAgain(): Promise<WorkspaceProblem | null> {
    if (!problem) return null;
    const opened = await options.open();
    if ('invoke' in opened) {
      problem = null;
      stopWatching();
      // Before the swap: the windows' listeners are still on this host. A page that reloads at once meets
      // the new console, because calls wait for the swap under way.
      bus.emit('workspaceProblem', null);
      await options.replaceWith(opened);
      return null;
    }
    problem = opened;
    bus.emit('workspaceProblem', problem);
    return problem;
  }

  /** One read at a time: a save during a read is read again after it, so the last save is the one shown. */
  function readOnce(): Promise<WorkspaceProblem | null> {
    if (reading) {
      savedDuringRead = true;
      return reading;
    }
    reading = readAgain().finally(() => {
      reading = null;
      if (!savedDuringRead) return;
      savedDuringRead = false;
      readOnce().catch(reportFailure);
    });
    return reading;
  }

  function reportFailure(error: unknown): void {
    options.report(`release-console serve: the workspace could not be read again: ${(error as Error).message}`);
  }

  function stopWatching(): void {
    if (settle) clearTimeout(settle);
    watcher?.close();
    watcher = null;
  }

  try {
    watcher = watch(options.problem.dir, { recursive: true }, () => {
      if (settle) clearTimeout(settle);
      settle = setTimeout(() => {
        readOnce().catch(reportFailure);
      }, SAVE_SETTLE_MS);
    });
  } catch {
    // No folder to watch (the path is wrong or gone): "Try again" still reads it.
    watcher = null;
  }

  const unavailable = (): Result<never> => ({
    ok: false,
    error: { code: 'unavailable', message: `The workspace ${options.problem.dir} could not be loaded; nothing can be done until it is fixed.` },
  });

  return {
    async invoke(call, payload) {
      if (!isCallName(call)) return { ok: false, error: { code: 'unknown_call', message: `There is no call named "${call.slice(0, 100)}".` } };
      if (call !== 'getWorkspaceProblem' && call !== 'retryWorkspace') return unavailable();
      if (!calls[call].request.safeParse(payload ?? {}).success) return { ok: false, error: { code: 'invalid_request', message: `The request for ${call} is malformed.` } };
      if (call === 'getWorkspaceProblem') return { ok: true, value: problem };
      try {
        return { ok: true, value: await readOnce() };
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: `The workspace could not be read again: ${(error as Error).message}` } };
      }
    },
    onEvent: (listener) => bus.subscribe(listener),
    disconnect: () => undefined,
    stalledConnections: () => [],
    close() {
      stopWatching();
      return Promise.resolve();
    },
  };
}
