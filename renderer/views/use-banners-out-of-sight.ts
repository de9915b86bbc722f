import { useLayoutEffect, useState, type RefObject } from 'react';

/** The height of a banner's title line, about: a banner shows when at least that much of its top is in the pane. */
const TITLE_LINE_PX = 24;

/** An alert's banner in the screens' pane, by its id (AlertBar's `data-alert-id`). */
export function bannerOf(screens: HTMLElement | null, alertId: string): HTMLElement | null {
  return screens?.querySelector<HTMLElement>(`[data-alert-id="${CSS.escape(alertId)}"]`) ?? null;
}

/** Whether the banner's title line is scrolled up out of the pane. */
function isAboveSight(banner: HTMLElement, pane: HTMLElement): boolean {
  const box = banner.getBoundingClientRect();
  return box.top + Math.min(TITLE_LINE_PX, box.height) <= pane.getBoundingClientRect().top;
}

/**
 * Of these alerts, the ones whose banner is scrolled up out of the screens' pane: their notice says so and offers to
 * show it, rather than "see the banner at the top" over a top with the checklist's last items on it. Measured when
 * the notices or the banners change, and as the pane scrolls or changes size.
 */
export function useBannersOutOfSight(screens: RefObject<HTMLElement | null>, alertIds: readonly string[], banners: unknown): ReadonlySet<string> {
  const [outOfSight, setOutOfSight] = useState<ReadonlySet<string>>(() => new Set());
  const key = alertIds.join('\n');
  useLayoutEffect(() => {
    const pane = screens.current;
    const ids = key ? key.split('\n') : [];
    const measure = () => {
      const above = pane ? ids.filter((id) => { const banner = bannerOf(pane, id); return banner !== null && isAboveSight(banner, pane); }) : [];
      setOutOfSight((was) => (was.size === above.length && above.every((id) => was.has(id)) ? was : new Set(above)));
    };
    measure();
    if (!pane || ids.length === 0) return;
    pane.addEventListener('scroll', measure, { passive: true });
    const resized = new ResizeObserver(measure);
    resized.observe(pane);
    return () => {
      pane.removeEventListener('scroll', measure);
      resized.disconnect();
    };
  }, [screens, key, banners]);
  return outOfSight;
}
