/**
 * Where the note naming thresholds above the chart's scale ("↑ immediate 5% · consider 1%") is drawn on the
 * canvas. It was right-aligned at the plot's right edge whatever its width, so on a narrow chart (four graphs a
 * row at 1280 px) its start fell left of the plot, over the axis and off the canvas. Now every line lies wholly
 * inside the plot: the parts share one line when it fits, stack one per line when it does not, and a part still
 * too wide for the plot is cut with an ellipsis.
 */

export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One line of the note: its text is drawn left-aligned from x, with its top at y, `width` wide (its backdrop's width). */
export interface NoteLine {
  text: string;
  x: number;
  y: number;
  width: number;
}

const ARROW = '↑ ';
const SEPARATOR = ' · ';
const ELLIPSIS = '…';

/**
 * The note's lines for the threshold `parts` ("immediate 5%"), placed at the plot's top right inside `pad` of
 * its edges; `measure` is the canvas's text width in the same pixels as the box. No line starts left of the
 * plot or ends right of it; lines that would run below the plot are left out.
 */
export function placeOffScaleNote(parts: readonly string[], box: PlotBox, measure: (text: string) => number, pad: number, lineHeight: number): NoteLine[] {
  if (parts.length === 0) return [];
  const room = Math.max(0, box.width - 2 * pad);
  const single = ARROW + parts.join(SEPARATOR);
  const texts = measure(single) <= room ? [single] : parts.map((part, i) => (i === 0 ? ARROW : '') + part);
  const right = box.left + box.width - pad;
  const lines: NoteLine[] = [];
  for (const [i, whole] of texts.entries()) {
    const y = box.top + pad + i * lineHeight;
    if (i > 0 && y + lineHeight > box.top + box.height) break;
    const text = fitted(whole, room, measure);
    const width = measure(text);
    lines.push({ text, x: Math.max(box.left + pad, right - width), y, width });
  }
  return lines;
}

/** The text, or as much of its start as fits `room` with an ellipsis after it. */
function fitted(text: string, room: number, measure: (text: string) => number): string {
  if (measure(text) <= room) return text;
  for (let end = text.length - 1; end > 0; end--) {
    const cut = text.slice(0, end).trimEnd() + ELLIPSIS;
    if (measure(cut) <= room) return cut;
  }
  return '';
}
