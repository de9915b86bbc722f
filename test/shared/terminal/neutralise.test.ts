import { describe, expect, it } from 'vitest';
import { firstControlOrHidden, isControlOrHidden, neutraliseEscapes, showHiddenCharacters } from '../../../shared/terminal/neutralise';

describe('neutraliseEscapes', () => {
  it.each([
    ['keeps plain text, tabs and newlines', 'a\tb\nc', 'a\tb\nc'],
    ['turns a pty\'s CRLF into LF', 'one\r\ntwo\r\n', 'one\ntwo\n'],
    ['turns a progress bar\'s bare CR into a line break', '10%\r100%', '10%\n100%'],
    ['strips SGR colours', '\x1b[1;31mFAIL\x1b[0m', 'FAIL'],
    ['strips cursor movement and private modes', '\x1b[2J\x1b[H\x1b[?1049hscreen\x1b[?25l', 'screen'],
    ['strips a title set with OSC 0 ended by BEL', '\x1b]0;evil title\x07after', 'after'],
    ['strips an OSC 52 clipboard write ended by ST', '\x1b]52;c;cGF3bmVk\x1b\\after', 'after'],
    ['strips OSC 8 hyperlinks but keeps their text', '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\', 'click'],
    ['strips an OSC 52 clipboard read request', 'a\x1b]52;c;?\x07b', 'ab'],
    ['strips an OSC 2 title with markup', '\x1b]2;<img src=x onerror=alert(1)>\x07after', 'after'],
    ['strips OSC 8 links to javascript: and file:, keeping their text', '\x1b]8;;javascript:alert(1)\x07js\x1b]8;;\x07 \x1b]8;;file:///etc/passwd\x1b\\file\x1b]8;;\x1b\\', 'js file'],
    ['strips DCS strings', '\x1bPq#0;2;0;0;0\x1b\\x', 'x'],
    ['strips APC, PM and SOS strings', '\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\x', 'x'],
    ['strips charset selection and keypad modes', '\x1b(B\x1b=\x1b>\x1b7\x1b8x', 'x'],
    ['strips 8-bit CSI and OSC introducers', '\u009b31mred\u009dtitle\u009cx', 'redx'],
    ['drops a sequence cut off at the end of output', 'ok\x1b[1;3', 'ok'],
    ['drops an OSC never terminated', 'ok\x1b]0;never ends', 'ok'],
    ['drops bell, backspace, NUL and DEL', 'a\x07b\x08c\x00d\x7fe', 'abcde'],
    ['shows bidirectional overrides escaped (Trojan Source)', 'rm \u202eevil\u202c', 'rm <U+202E>evil<U+202C>'],
    ['keeps Unicode text', 'Zürich 東京 🚀', 'Zürich 東京 🚀'],
  ])('%s', (_name, input, expected) => {
    expect(neutraliseEscapes(input)).toBe(expected);
  });
});

// Issue 16: every invisible format character (Unicode Cf) and every C1 control is shown escaped, never passed through.
const HIDDEN: Array<[string, string]> = [
  ['\u0080', 'U+0080'], ['\u0085', 'U+0085'], ['\u008d', 'U+008D'], ['\u0099', 'U+0099'],
  ['\u00ad', 'U+00AD'], ['\u061c', 'U+061C'], ['\u180e', 'U+180E'],
  ['\u200b', 'U+200B'], ['\u200c', 'U+200C'], ['\u200d', 'U+200D'], ['\u200e', 'U+200E'], ['\u200f', 'U+200F'],
  ['\u202a', 'U+202A'], ['\u202b', 'U+202B'], ['\u202c', 'U+202C'], ['\u202d', 'U+202D'], ['\u202e', 'U+202E'],
  ['\u2028', 'U+2028'], ['\u2029', 'U+2029'],
  ['\u2060', 'U+2060'], ['\u2061', 'U+2061'], ['\u2064', 'U+2064'],
  ['\u2066', 'U+2066'], ['\u2067', 'U+2067'], ['\u2068', 'U+2068'], ['\u2069', 'U+2069'],
  ['\ufeff', 'U+FEFF'], ['\ufff9', 'U+FFF9'], ['\ufffb', 'U+FFFB'],
  ['\u{e0001}', 'U+E0001'], ['\u{e0041}', 'U+E0041'], ['\u{e007f}', 'U+E007F'], ['\u{110bd}', 'U+110BD'],
];

describe('hidden characters', () => {
  it.each(HIDDEN)('shows %j as <%s> in transcripts and evidence', (ch, label) => {
    expect(neutraliseEscapes(`deploy${ch}prod`)).toBe(`deploy<${label}>prod`);
  });

  it.each(HIDDEN)('counts %j (%s) as a control or invisible character', (ch, label) => {
    expect(isControlOrHidden(ch)).toBe(true);
    expect(firstControlOrHidden(`Ada${ch}Lovelace`)).toBe(label);
  });

  it.each([['a'], ['é'], ['東'], ['🚀'], [' '], ['\u00a0'], ['-'], ['\u0301']])('leaves the visible character %j alone', (ch) => {
    expect(isControlOrHidden(ch)).toBe(false);
    expect(showHiddenCharacters(ch)).toBe(ch);
  });

  it.each([['\u0000', 'U+0000'], ['\u001b', 'U+001B'], ['\u007f', 'U+007F'], ['\n', 'U+000A']])('names the control character %j as %s', (ch, label) => {
    expect(firstControlOrHidden(`x${ch}`)).toBe(label);
  });
});
