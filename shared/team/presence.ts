/** Who else is at the release, from heartbeats in the store (issue 15, "Presence"). */
export interface Presence {
  desk: string;
  name: string;
  arn: string;
  /** The workspace role the identity maps to, or null when the mapping gives none. */
  role: string | null;
  /** The screen the desk shows, in the words the console uses for it ("the QA checklist"). */
  screen: string;
  at: number;
}

/** A desk beats every 20 s; after three missed beats it is no longer shown as present. */
export const PRESENCE_HEARTBEAT_MS = 20_000;
export const PRESENCE_STALE_MS = 3 * PRESENCE_HEARTBEAT_MS;
/**
 * Between its beats a desk reads the others' this often: a desk writes a move at once, and the others showed it
 * only at their own next beat, up to 20 s later. One Query on the presence items, 12 a minute beside the tail's ~115.
 */
export const PRESENCE_READ_MS = 5_000;

export function isPresent(presence: Pick<Presence, 'at'>, now: number): boolean {
  return now - presence.at <= PRESENCE_STALE_MS;
}

/** "priya (QA) is on the QA checklist" */
export function presenceLine(presence: Presence): string {
  return `${presence.name}${presence.role ? ` (${presence.role})` : ''} is on ${presence.screen}`;
}

/** The screens a window can be on, as the renderer names them. */
export const PRESENCE_SCREENS = ['board', 'regions', 'checklist', 'qa', 'evidence', 'history', 'delivery'] as const;
export type PresenceScreen = (typeof PRESENCE_SCREENS)[number];

const SCREEN_WORDS: Record<PresenceScreen, string> = {
  board: 'the release board',
  regions: 'the control pane',
  checklist: 'the checklist',
  qa: 'the QA checklist',
  evidence: 'evidence and exports',
  history: 'the history',
  delivery: 'the delivery metrics',
};

/** "the QA checklist", "S01's workspace": how another desk reads where someone is. */
export function screenWords(screen: PresenceScreen, regionId: string | null): string {
  return screen === 'regions' && regionId ? `${regionId}'s workspace` : SCREEN_WORDS[screen];
}
