import { describe, expect, it } from 'vitest';
import { ReadProgress, STALLED_WINDOW_MS } from '../../../main/serve/read-progress';
import { HIGH_WATERMARK_CHARS } from '../../../shared/terminal/flowControl';

describe('which windows have stopped reading their terminals', () => {
  it('names a window that owes a flow-control window and has acknowledged nothing for the stall time, and no other', () => {
    const progress = new ReadProgress();
    progress.sent('paused', HIGH_WATERMARK_CHARS, 0);
    progress.sent('reading', HIGH_WATERMARK_CHARS, 0);
    progress.sent('idle', 10_000, 0);
    progress.acknowledged('reading', 5_000, STALLED_WINDOW_MS - 1);
    progress.sent('reading', 5_000, STALLED_WINDOW_MS - 1);
    expect(progress.stalled(STALLED_WINDOW_MS - 1)).toEqual([]);
    expect(progress.stalled(STALLED_WINDOW_MS)).toEqual(['paused']);
    expect(progress.stalled(2 * STALLED_WINDOW_MS - 2)).toEqual(['paused']);
    expect(progress.stalled(2 * STALLED_WINDOW_MS - 1)).toEqual(['paused', 'reading']);
  });

  it('starts the clock when a window that owed nothing is sent output, and forgets a window that went', () => {
    const progress = new ReadProgress();
    progress.sent('w', 1_000, 0);
    progress.acknowledged('w', 1_000, 1_000);
    progress.sent('w', HIGH_WATERMARK_CHARS, 50_000);
    expect(progress.stalled(50_000 + STALLED_WINDOW_MS - 1)).toEqual([]);
    expect(progress.stalled(50_000 + STALLED_WINDOW_MS)).toEqual(['w']);
    progress.forget('w');
    expect(progress.stalled(100_000)).toEqual([]);
  });
});
