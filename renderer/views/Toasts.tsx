import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useConsole } from '../store/store';
import { foldNotices, noticesHead, noticesShownIn, noticeWords, NOTICES_FOLDED, NOTICES_FOLDED_IN_DIALOG, type DialogSpan } from '../store/ui-slice';
import { bannerOf, useBannersOutOfSight } from './use-banners-out-of-sight';

/** How long a notice stays: long enough to read a two-line refusal. */
const TOAST_MS = 8_000;
/** Dialogs remembered for where their notices came: more than a notice's 8 s can hold opened and closed. */
const EARLIER_DIALOGS_KEPT = 10;

/**
 * A strip below the screens, or inside the open modal dialog's `DialogToasts` slot when there is one. It
 * takes its own room rather than floating over the bottom-right corner, where it hid the terminal panel's
 * controls and the screens' last buttons. Newest first; a burst shows its newest three (NOTICES_FOLDED; in a dialog the
 * newest one, NOTICES_FOLDED_IN_DIALOG) and says how many more there are, naming the errors among them; "Show all"
 * gives the rest, "Dismiss all" clears them.
 */
export function Toasts({ slot, screens }: { slot: HTMLElement | null; screens: RefObject<HTMLElement | null> }) {
  const kept = useConsole((s) => s.toasts);
  const alerts = useConsole((s) => s.view?.alerts);
  // The dialogs that showed notices before this place, and since when the open one does: a banner's notice that came in
  // one of them stays out of the next (noticesShownIn).
  const dialogs = useRef<{ openedAt: number | null; earlier: DialogSpan[] }>({ openedAt: null, earlier: [] });
  const earlier = useMemo(() => {
    const now = Date.now();
    const seen = dialogs.current;
    if (seen.openedAt !== null) seen.earlier = [...seen.earlier.slice(-(EARLIER_DIALOGS_KEPT - 1)), { from: seen.openedAt, to: now }];
    seen.openedAt = slot ? now : null;
    return seen.earlier;
  }, [slot]);
  const toasts = useMemo(() => noticesShownIn(kept, slot !== null, earlier), [kept, slot, earlier]);
  const dismiss = useConsole((s) => s.dismissToast);
  const dismissAll = useConsole((s) => s.dismissAllToasts);
  const [showAll, setShowAll] = useState(false);
  const folded = slot ? NOTICES_FOLDED_IN_DIALOG : NOTICES_FOLDED;
  const fold = foldNotices(toasts, showAll, folded);
  // Below the screens, a banner's notice says whether its banner is in sight; in a dialog it is behind the dialog.
  const pointing = slot ? [] : fold.shown.flatMap((t) => (t.pointsToBanner && t.alertId !== null ? [t.alertId] : []));
  const outOfSight = useBannersOutOfSight(screens, pointing, alerts);
  const showBanner = (alertId: string) => {
    const banner = bannerOf(screens.current, alertId);
    banner?.scrollIntoView({ block: 'start' });
    banner?.focus({ preventScroll: true });
  };
  // Once the burst is down to a few again, the next one starts folded.
  const few = toasts.length <= folded;
  useEffect(() => {
    if (few) setShowAll(false);
  }, [few]);
  useEffect(() => {
    // The oldest goes when its own time is up; a burst of six clears 8 s after it came, not 48 s later. Not while
    // "Show all" is open: someone is reading the list, and it emptied under them (and under a rollback dialog that
    // carries it). "Show fewer" or "Dismiss all" lets them go.
    const oldest = kept[0];
    if (!oldest || showAll) return;
    const timer = setTimeout(() => dismiss(oldest.id), Math.max(0, oldest.shownAt + TOAST_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [kept, dismiss, showAll]);
  const stack = (
    <section className="toasts" aria-label="Notices" aria-live="polite">
      {toasts.length > 1 && (
        <header className="toasts-head">
          <span className={fold.hiddenErrors > 0 ? 'toasts-hidden-errors' : 'muted'}>{noticesHead(toasts.length, fold)}</span>
          {toasts.length > folded && (
            <button type="button" aria-expanded={showAll} onClick={() => setShowAll((shown) => !shown)}>
              {showAll ? 'Show fewer' : 'Show all'}
            </button>
          )}
          <button type="button" onClick={dismissAll}>
            Dismiss all
          </button>
        </header>
      )}
      {toasts.length > 0 && (
        <ul className={`toast-list${showAll ? ' toast-list-all' : ''}`}>
          {fold.shown.map((t) => {
            const away = !slot && t.alertId !== null && outOfSight.has(t.alertId);
            return (
              <li key={t.id} className={`toast toast-${t.tone}`}>
                <span role={t.tone === 'error' ? 'alert' : 'status'} title={noticeWords(t, slot !== null, away)}>
                  {noticeWords(t, slot !== null, away)}
                </span>
                {t.count > 1 && (
                  <span className="toast-count" title={`The same notice came ${t.count} times; this is the newest`}>
                    ×{t.count}
                  </span>
                )}
                {away && (
                  <button type="button" className="toast-show" onClick={() => showBanner(t.alertId!)}>
                    Show the banner
                  </button>
                )}
                <button type="button" className="icon" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
  return slot ? createPortal(stack, slot) : stack;
}
