// The snapshot's earlier heads stay bounded however long the log grows, and still span it: the first and
// the newest head are always kept.
import { describe, expect, it } from 'vitest';
import { MAX_EARLIER_HEADS, withEarlierHead } from '../../../main/storage/snapshot-file';

const headAt = (seq: number) => ({ seq, hash: seq.toString(16).padStart(64, '0') });

describe('withEarlierHead', () => {
  it.each([10, 64, 65, 200, 5_000])('after %i snapshots keeps a bounded list, in order, from the first head to the newest', (snapshots) => {
    let heads: ReturnType<typeof headAt>[] = [];
    for (let i = 1; i <= snapshots; i++) heads = withEarlierHead(heads, headAt(i * 500));
    expect(heads.length).toBeLessThanOrEqual(MAX_EARLIER_HEADS);
    if (snapshots <= MAX_EARLIER_HEADS) expect(heads).toHaveLength(snapshots);
    expect(heads.at(-1)).toEqual(headAt(snapshots * 500));
    expect(heads.map((h) => h.seq)).toEqual([...heads.map((h) => h.seq)].sort((a, b) => a - b));
    expect(heads[0]).toEqual(headAt(500));
  });
});
