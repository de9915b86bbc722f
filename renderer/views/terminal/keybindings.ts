import { consoleShortcut, type KeyChord, type KeyPlatform } from '../shortcuts';

/**
 * What a key press in a terminal means to the console, before xterm.js turns it into bytes for the pty.
 * 'console': a console-wide key (the palette, a screen), left to bubble to the console instead of the shell.
 */
export type TerminalKeyAction = 'copy' | 'paste' | 'search' | 'maximize' | 'console';

/**
 * The console's terminal keys, as in VS Code's terminal: on macOS Cmd+C / Cmd+V / Cmd+F; on Linux and
 * Windows Ctrl+Shift+C / Ctrl+Shift+V and Ctrl+F. Ctrl+C (and Ctrl+V, Ctrl+Shift+F…) are left to the
 * shell: Ctrl+C is SIGINT to whatever runs. Ctrl+Shift+M (Cmd+Shift+M) maximizes the panel.
 * The console's own keys (consoleShortcut: Ctrl+K / Cmd+K, Alt+digit) skip the shell.
 * Returns null for every key that belongs to the program in the terminal.
 */
export function terminalKeyAction(chord: KeyChord, platform: KeyPlatform): TerminalKeyAction | null {
  if (chord.type !== 'keydown') return null;
  if (consoleShortcut(chord, platform) !== null) return 'console';
  if (chord.altKey) return null;
  const key = chord.key.toLowerCase();
  const mod = platform === 'mac' ? chord.metaKey && !chord.ctrlKey : chord.ctrlKey && !chord.metaKey;
  if (!mod) return null;
  if (chord.shiftKey && key === 'm') return 'maximize';
  if (platform === 'mac') {
    if (chord.shiftKey) return null;
    return key === 'c' ? 'copy' : key === 'v' ? 'paste' : key === 'f' ? 'search' : null;
  }
  if (chord.shiftKey) return key === 'c' ? 'copy' : key === 'v' ? 'paste' : null;
  return key === 'f' ? 'search' : null;
}
