import { describe, expect, it } from 'vitest';
import { placeOffScaleNote, type PlotBox } from '../../../renderer/views/graphs/off-scale-note';

/** 6 px a character, as 10 px system-ui reads roughly: the widths below are what a 1280 px row of four graphs gives. */
const measure = (text: string) => text.length * 6;
const PARTS = ['immediate 5%', 'consider 1%'];

function inside(box: PlotBox) {
  return (line: { text: string; x: number; y: number }) => line.x >= box.left && line.x + measure(line.text) <= box.left + box.width && line.y >= box.top && line.y < box.top + box.height;
}

describe("the note naming thresholds above a chart's scale", () => {
  it('sits on one line at the top right of a wide plot, its end 4 px inside the right edge', () => {
    const box = { left: 52, top: 0, width: 400, height: 90 };
    const lines = placeOffScaleNote(PARTS, box, measure, 4, 12);
    expect(lines).toEqual([{ text: '↑ immediate 5% · consider 1%', x: 52 + 400 - 4 - 28 * 6, y: 4, width: 28 * 6 }]);
  });

  it.each([
    ['a plot narrower than the one-line note', 150, ['↑ immediate 5%', 'consider 1%']],
    ['a plot narrower than one threshold', 60, ['↑ immed…', 'conside…']],
  ])('stays wholly inside %s: its start never falls left of the plot', (_name, width, texts) => {
    const box = { left: 52, top: 0, width, height: 90 };
    const lines = placeOffScaleNote(PARTS, box, measure, 4, 12);
    expect(lines.map((l) => l.text)).toEqual(texts);
    expect(lines.filter((line) => !inside(box)(line))).toEqual([]);
    // Right-aligned as the old note was, it began left of the plot, over the axis's labels.
    expect(52 + width - 4 - measure(`↑ ${PARTS.join(' · ')}`)).toBeLessThan(box.left);
  });

  it('leaves out the lines a short plot has no room for, and draws nothing without thresholds', () => {
    const box = { left: 0, top: 10, width: 80, height: 20 };
    expect(placeOffScaleNote(PARTS, box, measure, 4, 12).map((l) => l.text)).toEqual(['↑ immediate…']);
    expect(placeOffScaleNote([], box, measure, 4, 12)).toEqual([]);
  });
});
