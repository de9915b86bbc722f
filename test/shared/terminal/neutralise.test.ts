import { describe, expect, it } from 'vitest';
import { neutraliseEscapes } from '../../../shared/terminal/neutralise';

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
    ['drops bidirectional overrides (Trojan Source)', 'rm \u202eevil\u202c', 'rm evil'],
    ['keeps Unicode text', 'Zürich 東京 🚀', 'Zürich 東京 🚀'],
  ])('%s', (_name, input, expected) => {
    expect(neutraliseEscapes(input)).toBe(expected);
  });
});
