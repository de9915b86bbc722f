import type { StateCreator } from 'zustand';
import type { ReleaseView } from '../../shared/api';

export type Screen = 'board' | 'regions' | 'checklist' | 'qa' | 'evidence';

export interface ReleaseSlice {
  view: ReleaseView | null;
  /** performance.now() when the view arrived, so countdowns tick between pushes on a running clock. */
  receivedAt: number;
  screen: Screen;
  selectedRegion: string | null;
  /** A link or the operator chose a screen before the first view arrived: it wins over the role's first screen. */
  screenChosen: boolean;
  setView: (view: ReleaseView) => void;
  showScreen: (screen: Screen) => void;
  selectRegion: (regionId: string | null) => void;
}

export const createReleaseSlice: StateCreator<ReleaseSlice, [], [], ReleaseSlice> = (set) => ({
  view: null,
  receivedAt: 0,
  screen: 'regions',
  selectedRegion: null,
  screenChosen: false,
  setView: (view) => set({ view, receivedAt: performance.now() }),
  // Choosing the control pane while already on it goes back from a region's workspace to every region.
  showScreen: (screen) => set((state) => (screen === 'regions' && state.screen === 'regions' ? { screen, selectedRegion: null, screenChosen: true } : { screen, screenChosen: true })),
  selectRegion: (selectedRegion) => set({ selectedRegion, screen: 'regions', screenChosen: true }),
});
