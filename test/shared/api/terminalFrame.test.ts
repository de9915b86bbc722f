import { describe, expect, it } from 'vitest';
import { decodeTerminalFrame, encodeTerminalFrame, TERMINAL_OUTPUT_FRAME } from '../../../shared/api/terminalFrame';

describe('terminal output frames (browser mode)', () => {
  it('carries a flood line, escape sequences and non-ASCII text with its offset unchanged', () => {
    const data = 'QUJD\r\n\x1b[31mrød ✓ 🚀\x1b[0m\r\n\0\u202e';
    const frame = encodeTerminalFrame({ sessionId: 'shell-LON-7', data, offset: 2 ** 40 + 3 });
    expect(frame[0]).toBe(TERMINAL_OUTPUT_FRAME);
    expect(decodeTerminalFrame(frame)).toEqual({ sessionId: 'shell-LON-7', data, offset: 2 ** 40 + 3 });
    // The page receives an ArrayBuffer, not a view.
    expect(decodeTerminalFrame(frame.slice().buffer)).toEqual({ sessionId: 'shell-LON-7', data, offset: 2 ** 40 + 3 });
  });

  it("encodes a frame given in pieces (main's batches) as the text they make together", () => {
    const pieces = ['QUJD\r\n'.repeat(3), '\x1b[31mrød ✓ 🚀\x1b[0m', '', '\r\nZoë'];
    expect(decodeTerminalFrame(encodeTerminalFrame({ sessionId: 'term-4', data: pieces, offset: 9 }))).toEqual({ sessionId: 'term-4', data: pieces.join(''), offset: 9 });
  });

  it('keeps the char count of a chunk that ends in half a surrogate pair, so offsets and acknowledgements stay right', () => {
    const data = 'ab\ud83d';
    const decoded = decodeTerminalFrame(encodeTerminalFrame({ sessionId: 's', data, offset: 0 }));
    expect('error' in decoded ? decoded.error : decoded.data.length).toBe(data.length);
  });

  it('refuses an offset or a session id it cannot carry, saying which', () => {
    expect(() => encodeTerminalFrame({ sessionId: 's', data: '', offset: -1 })).toThrow(/offset .* -1/);
    expect(() => encodeTerminalFrame({ sessionId: 's', data: '', offset: 1.5 })).toThrow(/offset .* 1.5/);
    expect(() => encodeTerminalFrame({ sessionId: 'x'.repeat(256), data: '', offset: 0 })).toThrow(/at most 255 bytes/);
  });

  it('says what is wrong with a frame it cannot read', () => {
    expect(decodeTerminalFrame(new Uint8Array([1, 0, 0]))).toEqual({ error: 'a binary frame of 3 bytes is shorter than its header' });
    const other = encodeTerminalFrame({ sessionId: 's', data: 'x', offset: 0 });
    other[0] = 7;
    expect(decodeTerminalFrame(other)).toEqual({ error: 'binary frame kind 7 is not terminal output' });
    const cut = encodeTerminalFrame({ sessionId: 'session', data: '', offset: 0 }).subarray(0, 12);
    expect(decodeTerminalFrame(cut)).toEqual({ error: 'a terminal output frame ends inside its session id' });
  });
});
