// The terminal benches' yardstick, one rule for every ratio against bare xterm.js (terminal.bench.ts for the
// console, transportFloor.ts for the transport floor): the fastest bare variant that draws as smoothly as the
// console is required to, and the flood's text handed to the page that runs the variants.
import type { ChromiumPage } from './chromiumPipe';

/** The yardstick must draw as smoothly as the console is required to (terminal.max_stall_ms ≤ 100). */
export const YARDSTICK_MAX_STALL_MS = 100;

export interface VariantFigure<V extends string> {
  variant: V;
  medianMs: number;
  medianStallMs: number;
}

/**
 * The fastest variant whose median frame gap is within YARDSTICK_MAX_STALL_MS, and every such variant, fastest
 * first. If none draws smoothly enough (a loaded machine), the smoothest is the yardstick, and `smooth` is empty.
 */
export function fastestSmooth<F extends VariantFigure<string>>(figures: readonly F[]): { yardstick: F; smooth: F[] } {
  const smooth = figures.filter((v) => v.medianStallMs <= YARDSTICK_MAX_STALL_MS).sort((a, b) => a.medianMs - b.medianMs);
  return { yardstick: smooth[0] ?? [...figures].sort((a, b) => a.medianStallMs - b.medianStallMs)[0]!, smooth };
}

/** Parts the flood's text is handed to the page in: one DevTools message each. */
const FLOOD_PART_CHARS = 1024 * 1024;

/** Hands the page (terminalPage.ts) the flood's text for its bare variants. */
export async function handFloodText(page: ChromiumPage, text: string): Promise<void> {
  for (let at = 0; at < text.length; at += FLOOD_PART_CHARS) {
    await page.evaluate(`terminalBench.addFloodText(${JSON.stringify(text.slice(at, at + FLOOD_PART_CHARS))})`);
  }
}
