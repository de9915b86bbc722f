import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { dataFrom, rangeStartMs } from '../../../renderer/views/graphs/time-range';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.UTC(2026, 2, 19, 10, 55);

describe('graph time ranges', () => {
  it.each([
    ['1h', NOW - HOUR],
    ['6h', NOW - 6 * HOUR],
    ['24h', NOW - 24 * HOUR],
    ['baseline', NOW - 40 * MINUTE],
  ] as const)('%s starts at the right instant', (range, start) => {
    expect(rangeStartMs(range, NOW, NOW - 40 * MINUTE)).toBe(start);
  });

  it('"since the baseline" of a region with none starts nowhere: every point shows', () => {
    expect(rangeStartMs('baseline', NOW, null)).toBeNull();
  });

  it('keeps the points from the start on, in every series', () => {
    const x = Float64Array.from([0, 1, 2, 3].map((i) => (NOW - (3 - i) * MINUTE) / 1000));
    const data: uPlot.AlignedData = [x, [1, null, 3, 4]];
    const cut = dataFrom(data, NOW - 90_000);
    expect(Array.from(cut[0])).toEqual([(NOW - MINUTE) / 1000, NOW / 1000]);
    expect(cut[1]).toEqual([3, 4]);
    expect(dataFrom(data, null)).toBe(data);
    expect(dataFrom(data, NOW - HOUR)).toBe(data);
  });
});
