import { describe, expect, it } from 'vitest';
import { terminalKeyAction } from '../../../renderer/views/terminal/keybindings';
import { keyPlatformOf, type KeyChord, type KeyPlatform } from '../../../renderer/views/shortcuts';

function chord(spec: string, type = 'keydown'): KeyChord {
  const parts = spec.split('+');
  const key = parts.pop()!;
  return { type, key, code: codeOf(key), ctrlKey: parts.includes('Ctrl'), shiftKey: parts.includes('Shift'), altKey: parts.includes('Alt'), metaKey: parts.includes('Cmd') };
}

/** The physical key a US layout types `key` with: `KeyK`, `Digit1`, `ArrowUp`. */
function codeOf(key: string): string {
  if (/^[a-z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return key;
}

describe('the terminal keys, by platform', () => {
  it.each<[KeyPlatform, string, ReturnType<typeof terminalKeyAction>]>([
    // Linux and Windows: VS Code's Ctrl+Shift pair, and Ctrl+C stays SIGINT for the shell.
    ['other', 'Ctrl+Shift+C', 'copy'],
    ['other', 'Ctrl+Shift+V', 'paste'],
    ['other', 'Ctrl+Shift+c', 'copy'],
    ['other', 'Ctrl+c', null],
    ['other', 'Ctrl+v', null],
    ['other', 'Ctrl+f', 'search'],
    ['other', 'Ctrl+Shift+F', null],
    ['other', 'Ctrl+Shift+M', 'maximize'],
    ['other', 'Cmd+c', null],
    ['other', 'Cmd+v', null],
    ['other', 'Ctrl+Alt+f', null],
    ['other', 'c', null],
    ['other', 'F', null],
    // macOS: Cmd, and Ctrl+C is still the interrupt.
    ['mac', 'Cmd+c', 'copy'],
    ['mac', 'Cmd+v', 'paste'],
    ['mac', 'Cmd+f', 'search'],
    ['mac', 'Cmd+Shift+M', 'maximize'],
    ['mac', 'Ctrl+c', null],
    ['mac', 'Ctrl+Shift+C', null],
    ['mac', 'Ctrl+Shift+V', null],
    ['mac', 'Ctrl+f', null],
    ['mac', 'Cmd+Shift+c', null],
    ['mac', 'Ctrl+Cmd+c', null],
    // The console's own keys skip the shell (VS Code's commandsToSkipShell): the palette and the screens.
    ['other', 'Ctrl+k', 'console'],
    ['other', 'Ctrl+Shift+K', 'console'],
    ['other', 'Alt+1', 'console'],
    ['other', 'Alt+7', 'console'],
    ['mac', 'Cmd+k', 'console'],
    ['mac', 'Alt+3', 'console'],
    // Everything a shell needs still reaches it: interrupt, end of input, history search, readline's keys.
    ['other', 'Ctrl+d', null],
    ['other', 'Ctrl+r', null],
    ['other', 'Ctrl+l', null],
    ['other', 'Ctrl+u', null],
    ['other', 'ArrowUp', null],
    ['other', 'Tab', null],
    ['other', 'Alt+8', null],
    ['other', 'Alt+b', null],
    ['other', 'Cmd+k', null],
    ['other', 'Ctrl+Alt+k', null],
    ['mac', 'Ctrl+k', null],
    ['mac', 'Ctrl+r', null],
  ])('on %s, %s is %s', (platform, spec, action) => {
    expect(terminalKeyAction(chord(spec), platform)).toBe(action);
  });

  it('acts on the key going down only, so a copy or paste happens once per press', () => {
    expect(terminalKeyAction(chord('Ctrl+Shift+V', 'keyup'), 'other')).toBeNull();
    expect(terminalKeyAction(chord('Cmd+v', 'keypress'), 'mac')).toBeNull();
    expect(terminalKeyAction(chord('Ctrl+k', 'keyup'), 'other')).toBeNull();
  });

  it.each([
    ['MacIntel', 'mac'],
    ['iPad', 'mac'],
    ['Linux x86_64', 'other'],
    ['Win32', 'other'],
    ['', 'other'],
  ])('reads navigator.platform %j as %s', (platform, expected) => {
    expect(keyPlatformOf(platform)).toBe(expected);
  });
});
