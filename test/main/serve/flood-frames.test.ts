import { describe, expect, it } from 'vitest';
import { decodeTerminalFrame, encodeTerminalFrame, type TerminalOutputFrame } from '../../../shared/api/terminalFrame';
import { OUTPUT_BATCH_MAX_CHARS } from '../../../shared/terminal/flowControl';
import { FLOOD_FRAME_MAX_CHARS, FLOOD_FRAME_WAIT_MS, FloodFrames, type FloodFramesClock } from '../../../main/serve/flood-frames';

/** Timers the test fires by hand. */
class HandTimers implements FloodFramesClock {
  readonly waiting = new Map<number, { run: () => void; ms: number }>();
  private nextId = 1;
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.waiting.set(id, { run, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.waiting.delete(handle as number);
  }
  fireAll(): void {
    for (const [id, timer] of [...this.waiting]) {
      this.waiting.delete(id);
      timer.run();
    }
  }
}

function setUp() {
  const sent: TerminalOutputFrame[] = [];
  /** The window each sent frame went to, beside `sent`. */
  const to: (string | undefined)[] = [];
  const timers = new HandTimers();
  // Each frame as the page reads it off the WebSocket: a frame of several batches is encoded piece by piece.
  const frames = new FloodFrames((frame, window) => {
    const read = decodeTerminalFrame(encodeTerminalFrame(frame));
    if ('error' in read) throw new Error(read.error);
    sent.push(read);
    to.push(window);
  }, timers);
  return { sent, to, timers, frames };
}

/** A session's output as main's session batches it: full batches during a flood, then the short tail. */
function batches(sessionId: string, from: number, sizes: number[]): TerminalOutputFrame[] {
  let offset = from;
  return sizes.map((size, i) => {
    const frame = { sessionId, offset, data: String.fromCharCode(97 + (i % 26)).repeat(size) };
    offset += size;
    return frame;
  });
}

const FULL = OUTPUT_BATCH_MAX_CHARS + 5_000;

describe('FloodFrames: a flood goes to the page in fewer, larger frames, and nothing else waits', () => {
  it('sends an echoed key, a prompt or any short batch at once', () => {
    const { sent, timers, frames } = setUp();
    frames.output({ sessionId: 's1', offset: 0, data: 'x' });
    frames.output({ sessionId: 's1', offset: 1, data: '\r\n$ ' });
    expect(sent).toEqual([
      { sessionId: 's1', offset: 0, data: 'x' },
      { sessionId: 's1', offset: 1, data: '\r\n$ ' },
    ]);
    expect(timers.waiting.size).toBe(0);
  });

  it('joins a flood\'s full batches into frames of at least FLOOD_FRAME_MAX_CHARS, the same text at the same offsets', () => {
    const { sent, frames } = setUp();
    const flood = batches('s1', 100, [FULL, FULL, FULL, FULL, FULL, FULL, FULL, 1_234]);
    for (const batch of flood) frames.output(batch);
    expect(sent.length).toBeLessThan(flood.length / 2);
    expect(sent.slice(0, -1).every((frame) => frame.data.length >= FLOOD_FRAME_MAX_CHARS)).toBe(true);
    expect(sent.map((frame) => frame.data).join('')).toBe(flood.map((batch) => batch.data).join(''));
    let offset = 100;
    for (const frame of sent) {
      expect(frame.offset).toBe(offset);
      offset += frame.data.length;
    }
  });

  it('sends what a paused flood left held once FLOOD_FRAME_WAIT_MS has passed', () => {
    const { sent, timers, frames } = setUp();
    frames.output(batches('s1', 0, [FULL])[0]!);
    expect(sent).toEqual([]);
    expect([...timers.waiting.values()].map((t) => t.ms)).toEqual([FLOOD_FRAME_WAIT_MS]);
    timers.fireAll();
    expect(sent.map((frame) => frame.data.length)).toEqual([FULL]);
  });

  it('lets another shell\'s echo go at once while a flood is held, and each session keeps its own offsets', () => {
    const { sent, frames } = setUp();
    frames.output(batches('flooding', 0, [FULL])[0]!);
    frames.output({ sessionId: 'typing', offset: 7, data: 'x' });
    expect(sent).toEqual([{ sessionId: 'typing', offset: 7, data: 'x' }]);
  });

  it('sends everything held before any other event (flushAll), so an exit never overtakes its output', () => {
    const { sent, timers, frames } = setUp();
    frames.output(batches('a', 0, [FULL])[0]!);
    frames.output(batches('b', 0, [FULL])[0]!);
    frames.flushAll();
    expect(sent.map((frame) => frame.sessionId)).toEqual(['a', 'b']);
    expect(timers.waiting.size).toBe(0);
  });

  it('sends what is held on its own when the next batch does not continue it (a session replayed or restarted)', () => {
    const { sent, frames } = setUp();
    frames.output({ sessionId: 's1', offset: 0, data: 'a'.repeat(FULL) });
    frames.output({ sessionId: 's1', offset: 10, data: 'tail' });
    expect(sent).toEqual([
      { sessionId: 's1', offset: 0, data: 'a'.repeat(FULL) },
      { sessionId: 's1', offset: 10, data: 'tail' },
    ]);
  });

  it("gathers a flood per window: each window attached to the session gets the text from where it attached, in its own frames", () => {
    const { sent, to, frames } = setUp();
    const flood = batches('s1', 0, [FULL, FULL, FULL, FULL, FULL, 99]);
    // The PE's window shows the flood from the start; QA's attaches after the second batch.
    flood.forEach((batch, i) => {
      frames.output(batch, 'pe-window');
      if (i >= 2) frames.output(batch, 'qa-window');
    });
    const textTo = (window: string) => sent.filter((_, i) => to[i] === window).map((frame) => frame.data).join('');
    expect(textTo('pe-window')).toBe(flood.map((batch) => batch.data).join(''));
    expect(textTo('qa-window')).toBe(flood.slice(2).map((batch) => batch.data).join(''));
    expect(sent.find((_, i) => to[i] === 'qa-window')?.offset).toBe(flood[2]!.offset);
    expect(new Set(to)).toEqual(new Set(['pe-window', 'qa-window']));
  });

  it('drops what is held when disposed, and its timer with it', () => {
    const { sent, timers, frames } = setUp();
    frames.output(batches('s1', 0, [FULL])[0]!);
    frames.dispose();
    timers.fireAll();
    expect(sent).toEqual([]);
  });
});
