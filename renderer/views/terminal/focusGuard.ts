/**
 * How long after a keystroke a shell still counts as being typed in. VS Code's rule: a terminal that
 * appears never takes the view from a shell someone is typing in; 10 s covers a pause to read output.
 */
export const TYPING_GUARD_MS = 10_000;

/**
 * Whether a step's new terminal may take the view: not while the shown shell had input in the last
 * TYPING_GUARD_MS (its tab flashes instead, and the keystrokes keep going to the shell).
 */
export function mayTakeView(lastShellInputAt: number | null, now: number): boolean {
  return lastShellInputAt === null || now - lastShellInputAt >= TYPING_GUARD_MS;
}
