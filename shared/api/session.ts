import { z } from 'zod';
import { CalendarStatusView } from './calendar';
import { defineCall } from './contract';
import { ROLE_SCREENS } from '../workspace/schema/roles';

export const RegionSummary = z.object({
  id: z.string(),
  name: z.string(),
  awsRegion: z.string(),
  zone: z.string(),
  sibling: z.string().nullable(),
});
export type RegionSummary = z.infer<typeof RegionSummary>;

export const Session = z.object({
  /** Which adapter serves this renderer; the UI shows it so nobody mistakes a rehearsal for production. */
  transport: z.enum(['electron', 'browser']),
  workspace: z.object({
    name: z.string(),
    dir: z.string(),
    isDemo: z.boolean(),
    /** Hosts whose http(s) links may be opened from the console (the workspace's `externalLinks`). */
    externalLinks: z.array(z.string()),
    /** `announcements.ticketUrl` ("https://jira.example.com/browse/{ticket}"): a handover's tickets are links on the board as in a post. */
    ticketUrl: z.string().nullable(),
    /** The workspace's roles as it declares them (issue 17): the persona picker offers these, and each names the screen it opens on. */
    roles: z.array(z.object({ name: z.string(), description: z.string().nullable(), opens: z.enum(ROLE_SCREENS).nullable() })),
    /** Issue 19: each freeze kept in a calendar, where it was read from and how old the copy in use is. */
    calendars: z.array(CalendarStatusView).default([]),
  }),
  regions: z.array(RegionSummary),
  /** Epoch ms of the console clock when the snapshot was taken (simulated during a rehearsal). */
  now: z.number(),
  clockMode: z.enum(['system', 'simulated']),
  /** The demo opened without a pinned clock can be switched between its rehearsal and live mode. */
  canSwitchDemoClock: z.boolean(),
  /**
   * The rehearsal this console runs, kept per workspace and start time: its folder under the workspace's data
   * folder, the runs "Start over" archived (newest first), and whether this adapter can start it over. Null live.
   */
  rehearsal: z
    .object({
      start: z.number(),
      folder: z.string(),
      archived: z.array(z.object({ name: z.string(), archivedAt: z.number() })),
      canStartOver: z.boolean(),
    })
    .nullable(),
});
export type Session = z.infer<typeof Session>;

/**
 * A workspace that does not load, in browser mode: each error where it is (file relative to the folder,
 * line, column) and what is wrong, so the page can say it where the PE looks instead of on serve's stderr.
 */
export const WorkspaceProblem = z.object({
  dir: z.string(),
  errors: z.array(z.object({ file: z.string(), line: z.number(), column: z.number(), message: z.string() })),
});
export type WorkspaceProblem = z.infer<typeof WorkspaceProblem>;

export const sessionCalls = {
  getSession: defineCall(z.object({}).strict(), Session),
  /** Null once the workspace is loaded; while it is not, why (every other call is refused meanwhile). */
  getWorkspaceProblem: defineCall(z.object({}).strict(), WorkspaceProblem.nullable()),
  /** Reads the workspace folder again now ("Try again"): null when it loaded (the page then reloads onto it). */
  retryWorkspace: defineCall(z.object({}).strict(), WorkspaceProblem.nullable()),
  /** Reopens the demo live or as the coming week's rehearsal; the page reloads onto the reopened console. */
  switchDemoClock: defineCall(z.object({ mode: z.enum(['system', 'simulated']) }).strict(), z.object({ mode: z.enum(['system', 'simulated']) })),
  /**
   * A decided intent: archives this rehearsal's folder (renamed with the archive time, never deleted) and
   * reopens it from its start time; the page reloads onto the new run. Refused on the real clock.
   */
  startRehearsalOver: defineCall(z.object({}).strict(), z.object({ archivedAs: z.string() })),
};

export const sessionEvents = {
  session: Session,
  /** The workspace folder was read again after a change: its errors now, or null when it loaded. */
  workspaceProblem: WorkspaceProblem.nullable(),
};
