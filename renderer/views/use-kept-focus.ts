import { useLayoutEffect, useRef, type FocusEvent, type RefObject } from 'react';

/**
 * In the page and drawn. A folded group's content is still in the document, and Chromium keeps its boxes
 * (content-visibility: hidden, so find-in-page can open it), so its rectangles do not tell: checkVisibility does.
 */
function isShown(element: Element): boolean {
  return element.isConnected && element.checkVisibility();
}

/** The outermost folded group around an element: its summary is what still shows of it. */
function foldedSummary(element: Element): HTMLElement | null {
  let folded = element.closest('details:not([open])');
  for (let outer = folded?.parentElement?.closest('details:not([open])'); outer; outer = outer.parentElement?.closest('details:not([open])')) folded = outer;
  return folded?.querySelector(':scope > summary') ?? null;
}

/**
 * Keeps a keyboard user's place in a row whose controls come and go with its state: "Run" gives way to "Stop",
 * then to nothing once the step is done. Chromium drops focus to the page when the focused control goes (or is
 * folded away, as a region's group folds once its last step is done), and the next Tab started again from the
 * top of the screen. Focus goes to the row instead, or to the summary of the group folded around it, without
 * scrolling; a control left for another on purpose (a click or Tab elsewhere) is not followed.
 */
export function useKeptFocus<T extends HTMLElement>(): { ref: RefObject<T | null>; onFocus: (e: FocusEvent) => void; onBlur: (e: FocusEvent) => void } {
  const ref = useRef<T>(null);
  const focused = useRef<Element | null>(null);
  useLayoutEffect(() => {
    const gone = focused.current;
    const row = ref.current;
    if (gone === null || row === null || isShown(gone)) return;
    focused.current = null;
    const active = document.activeElement;
    if (active !== null && active !== document.body && active !== gone) return;
    const target = isShown(row) ? row : foldedSummary(row);
    target?.focus({ preventScroll: true });
  });
  return {
    ref,
    onFocus: (e) => {
      focused.current = e.target;
    },
    // A control blurred while still shown was left on purpose; one removed or folded away keeps its place here.
    onBlur: (e) => {
      if (isShown(e.target)) focused.current = null;
    },
  };
}
