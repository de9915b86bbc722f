// The console-wide keys, decided once: App's window listener acts on them, and a focused terminal asks the
// same function which keys to leave to the console rather than send to the shell (VS Code's
// terminal.integrated.commandsToSkipShell, where the workbench's own commands skip the pty).
import type { Screen } from '../store/release-slice';

export type KeyPlatform = 'mac' | 'other';

/** The parts of a KeyboardEvent a key decision reads (a table test passes plain objects). */
export interface KeyChord {
  type: string;
  key: string;
  /** The physical key (`KeyK`, `Digit1`), whatever the layout or a modifier makes it type. */
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function keyPlatformOf(platform: string): KeyPlatform {
  return /mac|iphone|ipad/i.test(platform) ? 'mac' : 'other';
}

/** Alt+digit, matched on `KeyboardEvent.code`: on macOS Option+1 types "¡", so `key` is never "1" there. */
export const SCREEN_SHORTCUTS: { screen: Screen; key: string; code: string; label: string }[] = [
  { screen: 'regions', key: '1', code: 'Digit1', label: 'Control pane' },
  { screen: 'checklist', key: '2', code: 'Digit2', label: 'Checklist' },
  { screen: 'board', key: '3', code: 'Digit3', label: 'Release board' },
  { screen: 'qa', key: '4', code: 'Digit4', label: 'QA checklist' },
  { screen: 'evidence', key: '5', code: 'Digit5', label: 'Evidence and exports' },
  { screen: 'delivery', key: '6', code: 'Digit6', label: 'Delivery' },
  { screen: 'history', key: '7', code: 'Digit7', label: 'History' },
];

export type ConsoleShortcut = { kind: 'palette' } | { kind: 'screen'; screen: Screen };

/**
 * What a key press means to the whole console, or null. The palette is Cmd+K on macOS and Ctrl+K elsewhere,
 * the platform's own modifier only: on macOS Ctrl+K stays the shell's kill-to-end-of-line. Alt+digit (Option on
 * macOS) switches screens. Ctrl+C, Ctrl+D, Ctrl+R, the arrows and the rest are not the console's.
 */
export function consoleShortcut(chord: KeyChord, platform: KeyPlatform): ConsoleShortcut | null {
  if (chord.type !== 'keydown') return null;
  const mod = platform === 'mac' ? chord.metaKey && !chord.ctrlKey : chord.ctrlKey && !chord.metaKey;
  if (mod && !chord.altKey && chord.code === 'KeyK') return { kind: 'palette' };
  if (chord.altKey && !chord.ctrlKey && !chord.metaKey) {
    const target = SCREEN_SHORTCUTS.find((s) => s.code === chord.code);
    if (target) return { kind: 'screen', screen: target.screen };
  }
  return null;
}

/** The palette's key as the nav's button shows it. */
export function paletteKeyLabel(platform: KeyPlatform): string {
  return platform === 'mac' ? '⌘K' : 'Ctrl K';
}
