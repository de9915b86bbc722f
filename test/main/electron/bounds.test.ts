import { describe, expect, it } from 'vitest';
import { placeWindow, type DisplayArea } from '../../../main/electron/bounds';

const LAPTOP: DisplayArea = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const MONITOR_RIGHT: DisplayArea = { workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };
const MONITOR_LEFT: DisplayArea = { workArea: { x: -1920, y: 0, width: 1920, height: 1080 } };

describe('a saved window place checked against the displays there are now', () => {
  it.each([
    ['on the laptop', { x: 100, y: 60, width: 1200, height: 800 }, [LAPTOP], { x: 100, y: 60, width: 1200, height: 800 }],
    ['on the external monitor, still plugged in', { x: 1600, y: 100, width: 1800, height: 1100 }, [LAPTOP, MONITOR_RIGHT], { x: 1600, y: 100, width: 1800, height: 1100 }],
    ['on a monitor left of the primary (negative x)', { x: -1800, y: 50, width: 1400, height: 900 }, [LAPTOP, MONITOR_LEFT], { x: -1800, y: 50, width: 1400, height: 900 }],
    ['half off the right edge, title bar still grabbable', { x: 1000, y: 100, width: 1200, height: 700 }, [LAPTOP], { x: 1000, y: 100, width: 1200, height: 700 }],
  ])('keeps a window %s', (_name, saved, displays, expected) => {
    expect(placeWindow(saved, displays)).toEqual(expected);
  });

  it.each([
    ['on a monitor that was unplugged', { x: 1600, y: 100, width: 1800, height: 1100 }, [LAPTOP], { width: 1440, height: 875 }],
    ['left of every display', { x: -1800, y: 50, width: 1400, height: 900 }, [LAPTOP], { width: 1400, height: 875 }],
    ['with only a sliver of its title bar showing', { x: 1400, y: 100, width: 1000, height: 700 }, [LAPTOP], { width: 1000, height: 700 }],
    ['with its title bar above the top of the work area', { x: 100, y: -200, width: 1000, height: 700 }, [LAPTOP], { width: 1000, height: 700 }],
    ['far below every display', { x: 100, y: 5000, width: 1000, height: 700 }, [LAPTOP, MONITOR_RIGHT], { width: 1000, height: 700 }],
  ])('re-centres a window %s, keeping its size within the largest display', (_name, saved, displays, expected) => {
    expect(placeWindow(saved, displays)).toEqual(expected);
  });

  it.each([
    ['nothing saved', undefined],
    ['NaN coordinates', { x: Number.NaN, y: 0, width: 800, height: 600 }],
    ['a zero width', { x: 0, y: 30, width: 0, height: 600 }],
    ['an infinite height', { x: 0, y: 30, width: 800, height: Number.POSITIVE_INFINITY }],
  ])('opens with the defaults for %s', (_name, saved) => {
    expect(placeWindow(saved, [LAPTOP])).toBeUndefined();
  });

  it('opens with the defaults when no display is reported', () => {
    expect(placeWindow({ x: 0, y: 30, width: 800, height: 600 }, [])).toBeUndefined();
  });
});
