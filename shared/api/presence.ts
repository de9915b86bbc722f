import { z } from 'zod';
import { IdString } from './bounds';
import { defineCall } from './contract';
import { PRESENCE_SCREENS } from '../team/presence';

/** Where a window is: the screen, and the region when it shows one region's workspace. */
export const ShownScreen = z.object({ screen: z.enum(PRESENCE_SCREENS), regionId: IdString.nullable() }).strict();

/** Someone else at the release: another desk (from the team store's heartbeats) or another window of this console. */
export const PresenceEntry = z.object({
  name: z.string(),
  role: z.string().nullable(),
  /** In words: "the QA checklist". */
  screen: z.string(),
  /** "priya (QA) is on the QA checklist" */
  line: z.string(),
  where: z.enum(['desk', 'window']),
  at: z.number(),
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

export const PresenceView = z.object({
  /** `store`: other desks from the team store and this console's other windows; `console`: this console's other windows only. */
  source: z.enum(['store', 'console']),
  others: z.array(PresenceEntry),
  /** Why the store's presence could not be read or written, when it could not. */
  problem: z.string().nullable(),
});
export type PresenceView = z.infer<typeof PresenceView>;

export const presenceCalls = {
  /** The calling window says which screen it shows; answers who else is where. */
  showScreen: defineCall(ShownScreen, PresenceView),
  getPresence: defineCall(z.object({}).strict(), PresenceView),
};

export const presenceEvents = {
  /** Pushed to each window after every heartbeat and every screen change: who else is where, itself left out. */
  presence: PresenceView,
};
