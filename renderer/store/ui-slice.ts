import type { StateCreator } from 'zustand';
import type { ApiError } from '../../shared/api';
import { refusalWords } from '../format/refusal';
import { operatorZone } from '../format/time';

export type Theme = 'dark' | 'light';

/** The graphs' time ranges (issue 20): the last hour, six, a day, or everything since the region's baseline. */
export type GraphRange = '1h' | '6h' | '24h' | 'baseline';

export interface Toast {
  id: number;
  tone: 'info' | 'error' | 'success';
  text: string;
  /** When it was shown (ms), the newest time for a merged one: each notice stays its own 8 s, so a burst does not linger one after another. */
  shownAt: number;
  /** How many times this very notice came (the same failure announced again, the view pushed again): shown once, with "×2". */
  count: number;
  /**
   * An alert's notice whose banner holds the detail and the buttons: the strip says where the banner is, which depends
   * on where the strip shows (below the screens, or in a dialog that hides the banner).
   */
  pointsToBanner: boolean;
  /**
   * The alert whose banner it points to: the notice goes with the banner. A QA failure's notice stayed its 8 s after
   * the item was reopened or passed, saying "see the banner at the top" over a top with no banner.
   */
  alertId: string | null;
}

/**
 * A notice as it reads where it shows. One that points to its alert's banner says where that is: at the top, above
 * and scrolled out of sight (the strip then offers to show it), or, in a dialog (which lies over the banner), behind
 * the dialog. "See the banner at the top" read the same to QA scrolled down to the checklist's last item, the banner
 * out of sight above.
 */
export function noticeWords(toast: Pick<Toast, 'text' | 'pointsToBanner'>, inDialog: boolean, bannerOutOfSight = false): string {
  if (!toast.pointsToBanner) return toast.text;
  if (inDialog) return `${toast.text} — its banner is behind this dialog; close the dialog to see it.`;
  return bannerOutOfSight ? `${toast.text} — its banner is above, scrolled out of sight.` : `${toast.text} — see the banner at the top.`;
}

/** When a dialog that showed the notices was open: from its opening to its closing (ms). */
export interface DialogSpan {
  from: number;
  to: number;
}

/**
 * The notices a place shows: below the screens, all of them; in a dialog, not those pointing to a banner that came while
 * an earlier dialog was open. Such a notice was about what that dialog showed: the rollback's stop, said in its own
 * dialog, followed the on-call engineer into backing LON out ("HO-1234's rollback STOPPED … — its banner is behind this
 * dialog"), where it had nothing to do with what they were confirming. One that came below the screens goes with them
 * into the dialog its banner's button opens (a testing failure's, into its rollback).
 */
export function noticesShownIn<T extends Pick<Toast, 'pointsToBanner' | 'shownAt'>>(toasts: readonly T[], inDialog: boolean, earlierDialogs: readonly DialogSpan[]): T[] {
  if (!inDialog) return [...toasts];
  return toasts.filter((t) => !t.pointsToBanner || !earlierDialogs.some((d) => t.shownAt >= d.from && t.shownAt < d.to));
}

/** How many notices the strip shows until "Show all": a few lines, so a burst keeps off the screens and a dialog's body. */
export const NOTICES_FOLDED = 3;
/**
 * In a dialog, the newest alone until "Show all": three (178 px with the head) left the rollback plan a 95 px slit
 * at 720 px, its first region's first package, so the notices hid what the on-call engineer was confirming.
 */
export const NOTICES_FOLDED_IN_DIALOG = 1;

export interface NoticeFold {
  /** Newest first. */
  shown: Toast[];
  hidden: number;
  /** Of the hidden, how many are errors: the head names them, so a failure is never folded away without a trace. */
  hiddenErrors: number;
}

/** The strip's notices, newest first: all of them, or the newest `folded` and a count of the rest. */
export function foldNotices(toasts: readonly Toast[], showAll: boolean, folded = NOTICES_FOLDED): NoticeFold {
  const newestFirst = [...toasts].reverse();
  const shown = showAll ? newestFirst : newestFirst.slice(0, folded);
  const rest = newestFirst.slice(shown.length);
  return { shown, hidden: rest.length, hiddenErrors: rest.filter((t) => t.tone === 'error').length };
}

/** "6 notices, newest first; 3 older not shown, 1 of them an error": the strip's head over a burst. */
export function noticesHead(total: number, fold: Pick<NoticeFold, 'hidden' | 'hiddenErrors'>): string {
  const errors = fold.hiddenErrors === 0 ? '' : fold.hiddenErrors === fold.hidden ? (fold.hidden === 1 ? ', an error' : ', all errors') : fold.hiddenErrors === 1 ? ', 1 of them an error' : `, ${fold.hiddenErrors} of them errors`;
  return `${total} notices, newest first${fold.hidden > 0 ? `; ${fold.hidden} older not shown${errors}` : ''}`;
}

/**
 * The notices kept when one more comes, at most `room`: the oldest go first, but an error only once no other is
 * left to go. An error clears on its own time like any notice; a burst of windows opening must not push it out.
 */
function keepWithin(toasts: readonly Toast[], room: number): Toast[] {
  let excess = toasts.length - room;
  if (excess <= 0) return [...toasts];
  const kept = toasts.filter((t) => (excess > 0 && t.tone !== 'error' ? (excess--, false) : true));
  return kept.slice(-room);
}

export interface UiSlice {
  /** What shows: the operator's choice, else the operating system's. */
  theme: Theme;
  /** What the operator picked, remembered across reloads; null follows `prefers-color-scheme`. */
  themeChoice: Theme | null;
  systemTheme: Theme;
  paletteOpen: boolean;
  /** Checklist groups the operator opened (true) or closed (false), by release, gate and region. */
  openGroups: Record<string, boolean>;
  /** How much history every region's graphs show. */
  graphRange: GraphRange;
  toasts: Toast[];
  /** A theme, or null to follow the operating system again. */
  setTheme: (choice: Theme | null) => void;
  setSystemTheme: (systemTheme: Theme) => void;
  setPaletteOpen: (open: boolean) => void;
  setGroupOpen: (groupKey: string, open: boolean) => void;
  setGraphRange: (range: GraphRange) => void;
  toast: (tone: Toast['tone'], text: string, options?: { pointsToBanner?: boolean; alertId?: string }) => void;
  /** Drops the notices of alerts no longer raised (`alertIds`: the ones the view still has). */
  dropNoticesOfClearedAlerts: (alertIds: readonly string[]) => void;
  toastError: (error: ApiError) => void;
  dismissToast: (id: number) => void;
  dismissAllToasts: () => void;
}

/** Notices kept at once: a drill's burst of alerts stays countable, and the oldest go first (an error last). */
const TOASTS_KEPT = 20;

let nextToast = 1;

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set, get) => ({
  // Dark until the OS says otherwise: Friday night in the EU.
  theme: 'dark',
  themeChoice: null,
  systemTheme: 'dark',
  paletteOpen: false,
  openGroups: {},
  // Seed 001 compares against the baseline over the hours around a deploy: six of them by default.
  graphRange: '6h',
  toasts: [],
  setTheme: (themeChoice) => set({ themeChoice, theme: themeChoice ?? get().systemTheme }),
  setSystemTheme: (systemTheme) => set({ systemTheme, theme: get().themeChoice ?? systemTheme }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setGraphRange: (graphRange) => set({ graphRange }),
  setGroupOpen: (groupKey, open) => set({ openGroups: { ...get().openGroups, [groupKey]: open } }),
  toast: (tone, text, options) => {
    const pointsToBanner = options?.pointsToBanner ?? false;
    // The same notice again is one line with its count, at its newest time and place, not a second line saying the same.
    const same = get().toasts.find((t) => t.tone === tone && t.text === text && t.pointsToBanner === pointsToBanner);
    const others = get().toasts.filter((t) => t !== same);
    set({ toasts: [...keepWithin(others, TOASTS_KEPT - 1), { id: nextToast++, tone, text, shownAt: Date.now(), count: (same?.count ?? 0) + 1, pointsToBanner, alertId: options?.alertId ?? null }] });
  },
  dropNoticesOfClearedAlerts: (alertIds) => {
    const kept = get().toasts.filter((t) => t.alertId === null || alertIds.includes(t.alertId));
    if (kept.length !== get().toasts.length) set({ toasts: kept });
  },
  // A refusal that names an instant names it in this desk's zone, as every time the desk shows.
  toastError: (error) => get().toast('error', refusalWords(error, operatorZone())),
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  dismissAllToasts: () => set({ toasts: [] }),
});
