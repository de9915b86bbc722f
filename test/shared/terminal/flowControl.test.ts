import { describe, expect, it } from 'vitest';
import { ACK_CHUNK_CHARS, HIGH_WATERMARK_CHARS, LOW_WATERMARK_CHARS, UnacknowledgedChars, WrittenChars } from '../../../shared/terminal/flowControl';

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

describe('WrittenChars', () => {
  it(`acknowledges in chunks of at least ${ACK_CHUNK_CHARS} chars`, () => {
    const written = new WrittenChars();
    expect(written.written(ACK_CHUNK_CHARS - 1)).toBe(0);
    expect(written.written(2)).toBe(ACK_CHUNK_CHARS + 1);
    expect(written.written(1)).toBe(0);
  });
});
