import { describe, expect, it } from 'vitest';
import { consoleShortcut, paletteKeyLabel, type KeyChord, type KeyPlatform } from '../../../renderer/views/shortcuts';

function chord(mods: string[], code: string, type = 'keydown'): KeyChord {
  return { type, key: '', code, ctrlKey: mods.includes('Ctrl'), shiftKey: mods.includes('Shift'), altKey: mods.includes('Alt'), metaKey: mods.includes('Cmd') };
}

describe('the console-wide keys', () => {
  it.each<[KeyPlatform, string[], string, ReturnType<typeof consoleShortcut>]>([
    ['other', ['Ctrl'], 'KeyK', { kind: 'palette' }],
    ['mac', ['Cmd'], 'KeyK', { kind: 'palette' }],
    // The platform's own modifier only: on macOS Ctrl+K is the shell's kill-line.
    ['mac', ['Ctrl'], 'KeyK', null],
    ['other', ['Cmd'], 'KeyK', null],
    ['other', ['Ctrl', 'Alt'], 'KeyK', null],
    ['other', ['Alt'], 'Digit1', { kind: 'screen', screen: 'regions' }],
    ['mac', ['Alt'], 'Digit2', { kind: 'screen', screen: 'checklist' }],
    ['other', ['Alt'], 'Digit7', { kind: 'screen', screen: 'history' }],
    ['other', ['Alt'], 'Digit8', null],
    ['other', ['Ctrl', 'Alt'], 'Digit1', null],
    ['other', [], 'KeyK', null],
    ['other', ['Ctrl'], 'KeyC', null],
  ])('on %s, %j + %s is %j', (platform, mods, code, expected) => {
    expect(consoleShortcut(chord(mods, code), platform)).toEqual(expected);
  });

  it('acts on the key going down only', () => {
    expect(consoleShortcut(chord(['Ctrl'], 'KeyK', 'keyup'), 'other')).toBeNull();
  });

  it("names the palette's key as each platform writes it", () => {
    expect(paletteKeyLabel('other')).toBe('Ctrl K');
    expect(paletteKeyLabel('mac')).toBe('⌘K');
  });
});
