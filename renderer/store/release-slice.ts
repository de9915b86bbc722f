// The default import: the package is CommonJS to Node (tests run this slice there), ESM to the bundler.
import jsonPatch from 'fast-json-patch';
import type { StateCreator } from 'zustand';
import type { ReleaseView, ReleaseViewPatch } from '../../shared/api';

export type Screen = 'board' | 'regions' | 'checklist' | 'qa' | 'evidence' | 'history' | 'delivery';

/** What became of a pushed patch: applied, or not the next one (a patch was missed) so the whole view is needed. */
export type PatchOutcome = 'applied' | 'gap';

export interface ReleaseSlice {
  view: ReleaseView | null;
  /** The sequence number of the view held: a patch applies only to the view numbered one less. */
  viewSeq: number | null;
  /** performance.now() when the view arrived, so countdowns tick between pushes on a running clock. */
  receivedAt: number;
  screen: Screen;
  /** The person picked a screen: the role's first screen no longer replaces it when the first view arrives. */
  screenChosen: boolean;
  selectedRegion: string | null;
  /** The region whose workspace was just left for the control pane: its tile takes the keyboard back. */
  regionLeft: string | null;
  setView: (view: ReleaseView, seq: number) => void;
  applyViewPatch: (patch: ReleaseViewPatch) => PatchOutcome;
  showScreen: (screen: Screen) => void;
  /** The screen a role starts on (issue 6), unless the person already picked one while the view was loading. */
  openFirstScreen: (screen: Screen) => void;
  selectRegion: (regionId: string | null) => void;
  /** Bumped per release when main says its Slack posts changed: the posts list reads them again. */
  announcementsSeen: Readonly<Record<string, number>>;
  announcementsChanged: (releaseId: string) => void;
}

export const createReleaseSlice: StateCreator<ReleaseSlice, [], [], ReleaseSlice> = (set, get) => ({
  view: null,
  viewSeq: null,
  receivedAt: 0,
  screen: 'regions',
  screenChosen: false,
  selectedRegion: null,
  regionLeft: null,
  announcementsSeen: {},
  announcementsChanged: (releaseId) => set((state) => ({ announcementsSeen: { ...state.announcementsSeen, [releaseId]: (state.announcementsSeen[releaseId] ?? 0) + 1 } })),
  setView: (view, viewSeq) => set({ view, viewSeq, receivedAt: performance.now() }),
  applyViewPatch: (patch) => {
    const { view, viewSeq } = get();
    if (!view || viewSeq === null || patch.seq !== viewSeq + 1) return 'gap';
    let next: ReleaseView;
    try {
      // Validated (a path that is not there throws rather than being skipped) and not in place: the held
      // view stays intact for selectors comparing old and new.
      next = jsonPatch.applyPatch(view, patch.ops as Parameters<typeof jsonPatch.applyPatch>[1], true, false).newDocument;
    } catch {
      // A patch that does not fit what is held means the two have drifted apart: start again from a whole view.
      return 'gap';
    }
    set({ view: next, viewSeq: patch.seq, receivedAt: performance.now() });
    return 'applied';
  },
  // Choosing the control pane while already on it goes back from a region's workspace to every region.
  showScreen: (screen) => set((state) => (screen === 'regions' && state.screen === 'regions' ? { screen, screenChosen: true, selectedRegion: null, regionLeft: state.selectedRegion } : { screen, screenChosen: true })),
  openFirstScreen: (screen) => set((state) => (state.screenChosen ? {} : { screen })),
  selectRegion: (selectedRegion) => set((state) => ({ selectedRegion, regionLeft: selectedRegion === null ? state.selectedRegion : null, screen: 'regions', screenChosen: true })),
});
