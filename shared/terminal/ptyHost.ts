/**
 * The console and its pty host (main/terminal/ptyHost/) speak these messages. node-pty runs in that
 * separate process, as in VS Code, so a native fault in it ends the host and its terminals, not the
 * console. Plain data only: both Node's IPC ('advanced' serialisation) and Electron's utility process
 * port pass it by structured clone.
 */

/** One pty in the host, numbered by the console. */
export type PtyHostRequest =
  | { type: 'spawn'; id: number; file: string; args: string[]; cwd: string; env: Record<string, string>; cols: number; rows: number }
  | { type: 'write'; id: number; data: string }
  | { type: 'resize'; id: number; cols: number; rows: number }
  /** Flow control: the console decides (shared/terminal/flowControl.ts), the host pauses the pty's reads. */
  | { type: 'pause'; id: number }
  | { type: 'resume'; id: number }
  | { type: 'kill'; id: number; signal?: string }
  /** The console has taken `chars` of this pty's output off the channel (see PTY_HOST_IN_FLIGHT_HIGH_CHARS). */
  | { type: 'received'; id: number; chars: number };

export type PtyHostReport =
  | { type: 'heartbeat' }
  | { type: 'spawned'; id: number; pid: number }
  | { type: 'spawnFailed'; id: number; message: string }
  | { type: 'data'; id: number; data: string }
  /** Sent after the pty's last output: the host drains before it reports an exit. */
  | { type: 'exit'; id: number; exitCode: number; signal?: number };

/**
 * The channel between host and console is flow-controlled too: the console's pause (shared/terminal/
 * flowControl.ts) arrives one round trip late, and a `cat` can put many megabytes into the channel in that
 * time. So the host pauses a pty that has this many chars sent and not yet taken by the console, and
 * resumes it below the low mark: eight and four of the console's 64 k batches, enough to keep it busy.
 */
export const PTY_HOST_IN_FLIGHT_HIGH_CHARS = 512 * 1024;
export const PTY_HOST_IN_FLIGHT_LOW_CHARS = 256 * 1024;

/**
 * A pty's output that follows its last message to the console within this long is a flood: the host
 * gathers it this long (or up to a full batch) instead of sending each 4 k read on its own. Output after a
 * quiet spell, a keystroke's echo, leaves at once.
 */
export const PTY_HOST_GATHER_MS = 4;

/** The host says it is alive this often: VS Code's pty host beats every 5 s (HeartbeatConstants.BeatInterval). */
export const PTY_HOST_HEARTBEAT_MS = 5_000;

/**
 * Silent this long and the host is taken as hung (a native call that never returns): it is killed and
 * treated like one that crashed. Three beats, so one late beat on a loaded 2-core machine is not a hang.
 */
export const PTY_HOST_UNRESPONSIVE_MS = 3 * PTY_HOST_HEARTBEAT_MS;

/**
 * VS Code restarts a dead pty host at most 5 times (ptyHostService's Constants.MaxRestarts): a host that
 * keeps dying has a cause a restart will not fix, and the person has to see it instead of a loop.
 */
export const PTY_HOST_MAX_RESTARTS = 5;

/** Whether a host that just died may be started again, after `restartsSoFar` restarts. */
export function mayRestartPtyHost(restartsSoFar: number): boolean {
  return restartsSoFar < PTY_HOST_MAX_RESTARTS;
}
