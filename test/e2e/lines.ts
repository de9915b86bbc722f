import type { Locator } from '@playwright/test';

/**
 * Where text breaks as a person reads it: the lines a run of a box's text is drawn on, counted from the tops of its
 * characters' rectangles. The text may span elements (a command line drawn as one span an argument).
 * `wanted`: the runs to measure (each one's first occurrence); null for every word (run without white space).
 */
async function lineCounts(box: Locator, wanted: readonly string[] | null): Promise<[string, number][]> {
  return box.evaluate((el, texts) => {
    const nodes: { node: Text; start: number }[] = [];
    let whole = '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      nodes.push({ node: node as Text, start: whole.length });
      whole += node.textContent;
    }
    const spans: [number, number][] =
      texts === null ? [...whole.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]) : texts.map((text) => [whole.indexOf(text), whole.indexOf(text) + text.length]);
    // A start is in the last node that begins at or before it; an end in the last that begins before it.
    const point = (index: number, end: boolean): [Text, number] => {
      const found = nodes.findLast((n) => (end ? n.start < index : n.start <= index))!;
      return [found.node, index - found.start];
    };
    return spans.map(([from, to]): [string, number] => {
      if (from < 0 || to <= from) return [whole.slice(from, to), 0];
      const range = document.createRange();
      range.setStart(...point(from, false));
      range.setEnd(...point(to, true));
      const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top));
      return [whole.slice(from, to), new Set(tops).size];
    });
  }, wanted === null ? null : [...wanted]);
}

/** The lines each of `texts` (its first occurrence in `box`'s text) is drawn on; 0 for one not in the box. */
export async function linesOf(box: Locator, texts: readonly string[]): Promise<number[]> {
  return (await lineCounts(box, texts)).map(([, lines]) => lines);
}

/** The words of `box`'s text (runs without white space) drawn over more than one line. */
export async function brokenWords(box: Locator): Promise<string[]> {
  return (await lineCounts(box, null)).filter(([, lines]) => lines > 1).map(([word]) => word);
}
