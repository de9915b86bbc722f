import { useLayoutEffect, useState, type RefObject } from 'react';
import { countOf } from '../../../shared/words';

/**
 * A step of a rollback dialog's plan or run: a row of an `.rb-steps` list, the back-out's one list or each region's of a
 * rollback (LON's, then S01's).
 */
const STEP = '.rb-steps > li';

/**
 * How many of the steps in a scrolling body are not wholly in sight, below its visible part: cut at its foot. Asked on
 * each scroll and whenever a step crosses the body's edge (an IntersectionObserver: a resize, or the body moved by what
 * grows above it; a ResizeObserver missed the last). `changed`: what may add or move steps.
 */
function useStepsBelow(body: RefObject<HTMLElement | null>, changed: unknown): number {
  const [below, setBelow] = useState(0);
  useLayoutEffect(() => {
    const scroller = body.current;
    if (!scroller) return;
    const steps = [...scroller.querySelectorAll(STEP)];
    // Measured, not taken from the entries: a last step whose foot is a fraction of a pixel past the body's when
    // scrolled to its end never reaches a ratio of 1, and stayed "1 more step below".
    const measure = () => {
      const foot = scroller.getBoundingClientRect().bottom;
      setBelow(steps.filter((step) => step.getBoundingClientRect().bottom > foot + 1).length);
    };
    const observer = new IntersectionObserver(measure, { root: scroller, threshold: [0, 1] });
    for (const step of steps) observer.observe(step);
    scroller.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      scroller.removeEventListener('scroll', measure);
    };
  }, [body, changed]);
  return below;
}

/**
 * "↓ 2 more steps below", under the scrolling body while steps are out of sight at its foot: at 1024x720 backing LON
 * out showed its first eight steps, the ninth cut, and nothing said that "Disable maintenance mode" and another followed
 * before a PE typed LON to confirm; rolling HO-1234 back, its plan at 1280x800 showed LON's steps and nothing of S01's.
 * Words, not a button: it goes once they are in sight, and a button gone would drop the keyboard's place in the dialog.
 * Under the body, not over its foot: shown over it, it hid a step of those it counted.
 */
export function StepsBelow({ body, changed }: { body: RefObject<HTMLElement | null>; changed: unknown }) {
  const below = useStepsBelow(body, changed);
  if (below === 0) return null;
  return (
    <p className="rb-more-below">
      ↓ {countOf(below, 'more step')} below
    </p>
  );
}
