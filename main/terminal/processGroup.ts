import { readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';

/**
 * node-pty starts each child with setsid(), so the child leads a new session and process group whose
 * ids are its pid. Signalling the negative pid reaches the shell and its foreground pipeline; an
 * interactive shell with job control puts each background job in a group of its own, still inside the
 * session, so ending a terminal means signalling every group of the session. (A program that calls
 * setsid() itself, like a daemon, leaves the terminal's session on purpose and is not ours to end.)
 */
export function signalSession(sid: number, signal: NodeJS.Signals): boolean {
  let reached = signalGroup(sid, signal);
  for (const pgid of new Set(sessionMembers(sid).map((member) => member.pgid))) {
    if (pgid !== sid) reached = signalGroup(pgid, signal) || reached;
  }
  return reached;
}

/** Whether anything of the session still runs (zombies do not count: they only wait to be reaped). */
export function isSessionAlive(sid: number): boolean {
  return hasProc ? sessionMembers(sid).length > 0 : signalGroup(sid, 0);
}

export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    // ESRCH: the group is already empty. EPERM cannot happen for our own children.
    return false;
  }
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

const hasProc = process.platform === 'linux';

/** Live members of a session, from /proc on Linux (fields after the command name: state, ppid, pgrp, session). Elsewhere only the leader's group is reachable. */
function sessionMembers(sid: number): { pid: number; pgid: number }[] {
  if (!hasProc) return [];
  const members: { pid: number; pgid: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // It ended while we looked.
    }
    // The command name is in parentheses and may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[3]) === sid && fields[0] !== 'Z') members.push({ pid: Number(name), pgid: Number(fields[2]) });
  }
  return members;
}

const NAME_BY_NUMBER = new Map<number, string>(Object.entries(constants.signals).map(([name, number]) => [number, name]));

export function signalName(signal: number): string {
  return NAME_BY_NUMBER.get(signal) ?? `signal ${signal}`;
}
