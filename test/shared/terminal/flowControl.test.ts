import { describe, expect, it } from 'vitest';
import { simulatedMonotonicClock, type SimulatedMonotonicClock } from '../../../shared/clock';
import { ACK_CHUNK_CHARS, HIGH_WATERMARK_CHARS, LOW_WATERMARK_CHARS, STALLED_CONSUMER_MS, UnacknowledgedChars, WrittenChars } from '../../../shared/terminal/flowControl';

describe('UnacknowledgedChars', () => {
  it('never pauses when no window is attached', () => {
    const flow = new UnacknowledgedChars();
    expect(flow.sent(10 * HIGH_WATERMARK_CHARS)).toBe('none');
  });

  it('pauses above the high watermark and resumes only below the low one', () => {
    const flow = new UnacknowledgedChars();
    flow.attach('w');
    expect(flow.sent(HIGH_WATERMARK_CHARS)).toBe('none');
    expect(flow.sent(1)).toBe('pause');
    expect(flow.acknowledged('w', HIGH_WATERMARK_CHARS - LOW_WATERMARK_CHARS)).toBe('none');
    expect(flow.acknowledged('w', 2)).toBe('resume');
  });

  it('follows the slowest of several windows', () => {
    const flow = new UnacknowledgedChars();
    flow.attach('fast');
    flow.attach('slow');
    expect(flow.sent(HIGH_WATERMARK_CHARS + 1)).toBe('pause');
    expect(flow.acknowledged('fast', HIGH_WATERMARK_CHARS + 1)).toBe('none');
    expect(flow.detach('slow')).toBe('resume');
  });

  it('counts a replay handed to a window as owed, and ignores acknowledgements of unknown windows', () => {
    const flow = new UnacknowledgedChars();
    expect(flow.attach('reloaded', HIGH_WATERMARK_CHARS * 2)).toBe('pause');
    expect(flow.acknowledged('stranger', HIGH_WATERMARK_CHARS * 2)).toBe('none');
    expect(flow.acknowledged('reloaded', HIGH_WATERMARK_CHARS * 3)).toBe('resume');
    expect(flow.largest).toBe(0);
  });
});

/** Moves a test's monotonic clock on to `ms` from its origin. */
function moveTo(clock: SimulatedMonotonicClock, ms: number): void {
  clock.advance(ms - clock.elapsedMs());
}

describe('a window that stopped reading', () => {
  it('is named once it has held the pty paused and acknowledged nothing for the stall time, and no other window is', () => {
    const clock = simulatedMonotonicClock(0);
    const flow = new UnacknowledgedChars(clock);
    flow.attach('paused');
    flow.attach('reading');
    flow.attach('idle');
    expect(flow.sent(HIGH_WATERMARK_CHARS + 1)).toBe('pause');
    moveTo(clock, STALLED_CONSUMER_MS - 1);
    flow.acknowledged('reading', HIGH_WATERMARK_CHARS + 1);
    flow.acknowledged('idle', HIGH_WATERMARK_CHARS + 1);
    expect(flow.stalled).toEqual([]);
    moveTo(clock, STALLED_CONSUMER_MS);
    expect(flow.stalled).toEqual(['paused']);
    // Both owed nothing: their stall time starts now, when they come to owe a flow-control window again.
    flow.sent(HIGH_WATERMARK_CHARS + 1);
    moveTo(clock, 2 * STALLED_CONSUMER_MS - 1);
    expect(flow.stalled).toEqual(['paused']);
    flow.acknowledged('reading', ACK_CHUNK_CHARS);
    flow.sent(ACK_CHUNK_CHARS);
    moveTo(clock, 2 * STALLED_CONSUMER_MS);
    expect(flow.stalled).toEqual(['paused', 'idle']);
    flow.detach('paused');
    expect(flow.stalled).toEqual(['idle']);
  });

  it('owing less than a flow-control window, holds nothing paused and is never named, however long it does not read', () => {
    const clock = simulatedMonotonicClock(0);
    const flow = new UnacknowledgedChars(clock);
    flow.attach('w');
    flow.sent(HIGH_WATERMARK_CHARS);
    moveTo(clock, 10 * STALLED_CONSUMER_MS);
    expect(flow.stalled).toEqual([]);
  });

  it('starts the stall time when a window that owed nothing is sent output, not when it last read', () => {
    const clock = simulatedMonotonicClock(0);
    const flow = new UnacknowledgedChars(clock);
    flow.attach('w');
    flow.sent(1_000);
    flow.acknowledged('w', 1_000);
    moveTo(clock, 50_000);
    flow.sent(HIGH_WATERMARK_CHARS + 1);
    moveTo(clock, 50_000 + STALLED_CONSUMER_MS - 1);
    expect(flow.stalled).toEqual([]);
    moveTo(clock, 50_000 + STALLED_CONSUMER_MS);
    expect(flow.stalled).toEqual(['w']);
  });

  it('counts a replay it was handed from the moment it attached', () => {
    const clock = simulatedMonotonicClock(1_000);
    const flow = new UnacknowledgedChars(clock);
    flow.attach('reloaded', HIGH_WATERMARK_CHARS + 1);
    moveTo(clock, 1_000 + STALLED_CONSUMER_MS);
    expect(flow.stalled).toEqual(['reloaded']);
  });
});

describe('WrittenChars', () => {
  it(`acknowledges in chunks of at least ${ACK_CHUNK_CHARS} chars`, () => {
    const written = new WrittenChars();
    expect(written.written(ACK_CHUNK_CHARS - 1)).toBe(0);
    expect(written.written(2)).toBe(ACK_CHUNK_CHARS + 1);
    expect(written.written(1)).toBe(0);
  });
});
