import type { StoreApi } from 'zustand';
import type { Theme, UiSlice } from './ui-slice';

/** Where the operator's choice is kept: per origin, so the desktop app's `app://console` keeps it for good. */
const STORAGE_KEY = 'release-console.theme';
const PREFERS_LIGHT = '(prefers-color-scheme: light)';

function savedChoice(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    // Storage can be off (a locked-down profile): the theme then follows the OS, which is the default anyway.
    return null;
  }
}

function saveChoice(choice: Theme | null): void {
  try {
    if (choice) localStorage.setItem(STORAGE_KEY, choice);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // As above: nothing to remember it in.
  }
}

/**
 * Wires the store's theme to the browser before the first render, so the page never flashes the wrong
 * theme: the saved choice, else `prefers-color-scheme` (followed live until the operator chooses).
 */
export function keepThemePreference(store: StoreApi<UiSlice>): void {
  const media = window.matchMedia(PREFERS_LIGHT);
  const { setSystemTheme, setTheme } = store.getState();
  setSystemTheme(media.matches ? 'light' : 'dark');
  setTheme(savedChoice());
  media.addEventListener('change', (e) => store.getState().setSystemTheme(e.matches ? 'light' : 'dark'));
  document.documentElement.dataset.theme = store.getState().theme;
  store.subscribe((state, previous) => {
    if (state.themeChoice !== previous.themeChoice) saveChoice(state.themeChoice);
    if (state.theme !== previous.theme) document.documentElement.dataset.theme = state.theme;
  });
}
