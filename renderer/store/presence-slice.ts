import type { StateCreator } from 'zustand';
import type { PresenceView } from '../../shared/api';

/** Who else is at the release and on which screen, as main last pushed it (issue 15, "Presence"). */
export interface PresenceSlice {
  presence: PresenceView | null;
  setPresence: (presence: PresenceView) => void;
}

export const createPresenceSlice: StateCreator<PresenceSlice, [], [], PresenceSlice> = (set) => ({
  presence: null,
  setPresence: (presence) => set({ presence }),
});
