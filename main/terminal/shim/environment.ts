/** The variables a guarded shell carries for its shims (main/terminal/shell-guard.ts sets them, client.ts reads them). */
export const SHIM_ENV = {
  /** The console's guard socket. */
  socket: 'RELEASE_CONSOLE_SHIM_SOCKET',
  /** This shell's token: the guard knows the shell (its region) by it, and refuses any other. */
  token: 'RELEASE_CONSOLE_SHIM_TOKEN',
  /** The shim folder, taken off PATH to find the real tool. */
  dir: 'RELEASE_CONSOLE_SHIM_DIR',
} as const;
