import type { StoreApi } from 'zustand';
import type { ReleaseSlice, Screen } from './release-slice';

/** What a URL hash names: a screen, and on the control pane the region whose workspace is open. */
export interface ScreenLink {
  screen: Screen;
  regionId: string | null;
}

const SCREENS: readonly Screen[] = ['regions', 'checklist', 'board', 'qa', 'evidence', 'history', 'delivery'];

/** "#/regions/EUW2", "#/checklist": readable, and a link a PE can paste into the release channel. */
export function formatScreenLink({ screen, regionId }: ScreenLink): string {
  return screen === 'regions' && regionId ? `#/regions/${encodeURIComponent(regionId)}` : `#/${screen}`;
}

/** The screen a hash names, or null for an empty or unknown one (the console then opens as it would anyway). */
export function parseScreenLink(hash: string): ScreenLink | null {
  // The History screen keeps its filters after a `?` (renderer/views/history/history-link.ts).
  const [screen, region, ...rest] = hash.replace(/^#\/?/, '').replace(/\?.*$/, '').split('/');
  if (!SCREENS.includes(screen as Screen) || rest.length > 0) return null;
  if (region !== undefined && (screen !== 'regions' || region === '')) return null;
  try {
    return { screen: screen as Screen, regionId: region === undefined ? null : decodeURIComponent(region) };
  } catch {
    // A malformed %-escape: not a link the console wrote.
    return null;
  }
}

/**
 * Keeps the screen and the open region in `location.hash`, both ways: a reload or a pasted link opens
 * them, Back returns to the previous screen, and every screen change writes the hash.
 */
export function keepScreenInHash(store: StoreApi<ReleaseSlice>): void {
  const apply = () => {
    const link = parseScreenLink(location.hash);
    if (!link) return;
    if (link.screen === 'regions') store.getState().selectRegion(link.regionId);
    else store.getState().showScreen(link.screen);
  };
  apply();
  window.addEventListener('hashchange', apply);
  store.subscribe((state, previous) => {
    if (state.screen === previous.screen && state.selectedRegion === previous.selectedRegion) return;
    const hash = formatScreenLink({ screen: state.screen, regionId: state.selectedRegion });
    // The History screen writes its own filters after the screen's name; they stay while it is shown.
    if (location.hash !== hash && !(state.screen === 'history' && location.hash.startsWith(`${hash}?`))) location.hash = hash;
  });
}
