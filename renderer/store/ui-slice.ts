import type { StateCreator } from 'zustand';
import type { ApiError } from '../../shared/api';

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
}

/**
 * A notice as it reads where it shows. One that points to its alert's banner says where that is: at the top, or,
 * in a dialog (which lies over the banner), behind the dialog.
 */
export function noticeWords(toast: Pick<Toast, 'text' | 'pointsToBanner'>, inDialog: boolean): string {
  if (!toast.pointsToBanner) return toast.text;
  return inDialog ? `${toast.text} — its banner is behind this dialog; close the dialog to see it.` : `${toast.text} — see the banner at the top.`;
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
  toast: (tone: Toast['tone'], text: string, options?: { pointsToBanner?: boolean }) => void;
  toastError: (error: ApiError) => void;
  dismissToast: (id: number) => void;
  dismissAllToasts: () => void;
}

/** Notices kept at once: a drill's burst of alerts stays countable, and the oldest go first. */
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
    set({ toasts: [...others.slice(-(TOASTS_KEPT - 1)), { id: nextToast++, tone, text, shownAt: Date.now(), count: (same?.count ?? 0) + 1, pointsToBanner }] });
  },
  toastError: (error) => get().toast('error', error.message),
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  dismissAllToasts: () => set({ toasts: [] }),
});
