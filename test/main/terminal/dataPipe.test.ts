import { describe, expect, it } from 'vitest';
import type { PtyHostReport } from '../../../shared/terminal/ptyHost';
import { encodeFrame, FrameReader } from '../../../main/terminal/ptyHost/dataPipe';

/** The pty host's data pipe: what the console reads is what the host sent, in order, however the pipe cut it. */
describe('the pty host data pipe', () => {
  const sent: Extract<PtyHostReport, { type: 'data' | 'exit' }>[] = [
    { type: 'data', id: 1, data: 'ok\r\n' },
    // Multi-byte characters (a box drawing, an emoji, an accented name): a frame holds whole characters.
    { type: 'data', id: 7, data: `┌─ deploy ─┐ 🚀 Zoë\r\n${'QUJD'.repeat(20_000)}` },
    { type: 'data', id: 1, data: '' },
    { type: 'exit', id: 7, exitCode: 3 },
    { type: 'exit', id: 1, exitCode: 0, signal: 15 },
  ];
  const bytes = Buffer.concat(sent.map(encodeFrame));

  function read(cuts: number[]): PtyHostReport[] {
    const got: PtyHostReport[] = [];
    const reader = new FrameReader((report) => got.push(report));
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      reader.push(bytes.subarray(from, cut));
      from = cut;
    }
    return got;
  }

  it('reads every frame from one read', () => {
    expect(read([])).toEqual(sent);
  });

  it('reads every frame when the pipe cuts anywhere: in a header, in a character, between frames', () => {
    for (let cut = 1; cut < 64; cut++) expect(read([cut])).toEqual(sent);
    for (const cut of [bytes.length - 40, bytes.length - 1, 80_000]) expect(read([cut])).toEqual(sent);
  });

  it('reads a frame that arrives a few bytes at a time', () => {
    const cuts = Array.from({ length: Math.floor(bytes.length / 997) }, (_, i) => (i + 1) * 997);
    expect(read([1, 2, 3, 5, 8, ...cuts.filter((c) => c > 8)])).toEqual(sent);
  });
});
