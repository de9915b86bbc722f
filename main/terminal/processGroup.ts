import { constants } from 'node:os';

/**
 * node-pty starts each child with setsid(), so the child leads a new session and process group whose
 * id is its pid. Signalling the negative pid reaches the shell and everything it started (pipelines,
 * background jobs), which signalling the pid alone would orphan.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    // ESRCH: the group is already empty. EPERM cannot happen for our own children.
    return false;
  }
}

/** Whether any process is left in the group (signal 0 checks without sending anything). */
export function isGroupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0);
}

/** Whether the process itself still exists; node-pty reaps its child at once, so an exited child is gone. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const NAME_BY_NUMBER = new Map<number, string>(Object.entries(constants.signals).map(([name, number]) => [number, name]));

export function signalName(signal: number): string {
  return NAME_BY_NUMBER.get(signal) ?? `signal ${signal}`;
}

export function signalNumber(name: NodeJS.Signals): number {
  return constants.signals[name];
}
