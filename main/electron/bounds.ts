import type { WindowBounds } from './policy';

/** A display's work area (the screen minus task bars and docks), as `screen.getAllDisplays()` reports it. */
export interface DisplayArea {
  workArea: WindowBounds;
}

/** Where the window opens: the saved bounds, a size only (centred by the OS), or the defaults. */
export type WindowPlacement = WindowBounds | { width: number; height: number } | undefined;

/**
 * Enough of the window's top edge to grab it by the title bar: a window whose saved place shows less than
 * this on every display (the monitor it was on was unplugged, or a laptop left its dock) would open out of
 * reach.
 */
const GRAB_WIDTH = 120;
const GRAB_HEIGHT = 40;

function overlap(a: WindowBounds, b: WindowBounds): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function isWholeNumberBounds(bounds: WindowBounds): boolean {
  return [bounds.x, bounds.y, bounds.width, bounds.height].every(Number.isFinite) && bounds.width > 0 && bounds.height > 0;
}

/**
 * Saved bounds are reused only where a display still shows the window's title bar; otherwise the window
 * keeps its size (shrunk to fit the largest display) and the OS centres it.
 */
export function placeWindow(saved: WindowBounds | undefined, displays: readonly DisplayArea[]): WindowPlacement {
  if (!saved || !isWholeNumberBounds(saved) || displays.length === 0) return undefined;
  const titleBar: WindowBounds = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, GRAB_HEIGHT) };
  const reachable = displays.some(({ workArea }) => {
    const seen = overlap(titleBar, workArea);
    return seen.width >= Math.min(GRAB_WIDTH, saved.width) && seen.height >= Math.min(GRAB_HEIGHT, saved.height) && saved.y >= workArea.y;
  });
  if (reachable) return saved;
  const largest = displays.map((d) => d.workArea).reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
  return { width: Math.min(saved.width, largest.width), height: Math.min(saved.height, largest.height) };
}
