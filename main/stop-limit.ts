/**
 * How long the process may take to close the console when it is asked to end: `serve` on SIGTERM or SIGINT,
 * the desktop app on Quit. Closing takes a few seconds (each terminal gets KILL_GRACE_MS after its hang-up),
 * so a close that takes longer is stuck on something: a hung pty host, a shared store that does not answer.
 * Past this, the process says what it was waiting for, kills its pty hosts and their shells' process groups
 * (killPtyHostsNow: a stopped host would outlive it) and exits without it, as a second Ctrl+C would; what it
 * left running is marked interrupted at the next start.
 */
export const STOP_LIMIT_MS = 10_000;
