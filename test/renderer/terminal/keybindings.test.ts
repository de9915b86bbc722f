import { describe, expect, it } from 'vitest';
import { keyPlatformOf, terminalKeyAction, type KeyChord, type KeyPlatform } from '../../../renderer/views/terminal/keybindings';

function chord(spec: string, type = 'keydown'): KeyChord {
  const parts = spec.split('+');
  const key = parts.pop()!;
  return { type, key, ctrlKey: parts.includes('Ctrl'), shiftKey: parts.includes('Shift'), altKey: parts.includes('Alt'), metaKey: parts.includes('Cmd') };
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
  ])('on %s, %s is %s', (platform, spec, action) => {
    expect(terminalKeyAction(chord(spec), platform)).toBe(action);
  });

  it('acts on the key going down only, so a copy or paste happens once per press', () => {
    expect(terminalKeyAction(chord('Ctrl+Shift+V', 'keyup'), 'other')).toBeNull();
    expect(terminalKeyAction(chord('Cmd+v', 'keypress'), 'mac')).toBeNull();
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
