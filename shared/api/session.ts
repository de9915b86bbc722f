import { z } from 'zod';
import { defineCall } from './contract';

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
  }),
  regions: z.array(RegionSummary),
  /** Epoch ms of the console clock when the snapshot was taken (simulated during a rehearsal). */
  now: z.number(),
  clockMode: z.enum(['system', 'simulated']),
  /** The demo opened without a pinned clock can be switched between its rehearsal and live mode. */
  canSwitchDemoClock: z.boolean(),
});
export type Session = z.infer<typeof Session>;

export const sessionCalls = {
  getSession: defineCall(z.object({}).strict(), Session),
  /** Reopens the demo live or as the coming week's rehearsal; the page reloads onto the reopened console. */
  switchDemoClock: defineCall(z.object({ mode: z.enum(['system', 'simulated']) }).strict(), z.object({ mode: z.enum(['system', 'simulated']) })),
};

export const sessionEvents = {
  session: Session,
};
