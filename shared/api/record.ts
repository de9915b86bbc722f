import { z } from 'zod';
import { defineCall } from './contract';

/** Where the release log stands: the sequence number and hash of its last entry. */
export const LogHeadView = z.object({ seq: z.number().int().nonnegative(), hash: z.string() });
export type LogHeadView = z.infer<typeof LogHeadView>;

/** One thing the start-up checks of the release log found, worded for the person who must look at it. */
export const LogFindingView = z.object({
  kind: z.string(),
  message: z.string(),
  /** The log line it is about, when there is one. */
  line: z.number().int().nullable(),
  /** How many entries are missing, when that is known. */
  missing: z.number().int().nullable(),
});
export type LogFindingView = z.infer<typeof LogFindingView>;

/** The "Record" panel: the log head to copy into a CR, and what was found at start until acknowledged. */
export const LogRecordView = z.object({
  head: LogHeadView,
  /** The log file, so a person can open it beside the finding. */
  file: z.string(),
  findings: z.array(LogFindingView),
  /** Set while findings are unacknowledged, or the shared log is unreachable: the console refuses every change until then. */
  readOnly: z.object({ reason: z.string() }).nullable(),
  /**
   * The team's shared log (issue 15), when the workspace names one: `head` above is then its head, the same
   * on every desk; `line` is what the status bar says ("Shared log unreachable since 14:02 UTC — read-only: …").
   */
  sharedLog: z
    .object({
      table: z.string(),
      reachable: z.boolean(),
      broken: z.boolean(),
      line: z.string(),
      /** What this desk's store clients sent: the live polling cost (issue 15, `team.reads_per_desk_per_minute`). */
      traffic: z
        .object({
          reads: z.number(),
          writes: z.number(),
          readsLastMinute: z.number(),
          writesLastMinute: z.number(),
          readsBy: z.object({ log: z.number(), lease: z.number(), presence: z.number(), other: z.number() }),
        })
        .nullable()
        .default(null),
    })
    .nullable()
    .default(null),
});
export type LogRecordView = z.infer<typeof LogRecordView>;

/**
 * Calls that change the release record, refused while the log is read-only (tampering found and not yet
 * acknowledged). Reading, exporting, choosing a release or naming the operator stay open: a person must
 * be able to look, and the acknowledgement is recorded under their name.
 */
export const RECORD_CHANGING_CALLS = [
  'startStep',
  'stopStep',
  'retakeBaseline',
  'completeStep',
  'approveStep',
  'overrideStep',
  'approveOverride',
  'tickQaItem',
  'transitionHandover',
  'captureBaseline',
  'startRollback',
  'retryRollback',
  'skipRollbackStep',
  'abortRollback',
  'stopRollbackStep',
  'postAnnouncement',
  'retryAnnouncement',
  'fixForward',
  // A console shell's opening is a log entry (issue 16): with no log to write it to, no shell opens.
  'openTerminal',
] as const;

export const recordCalls = {
  getLogRecord: defineCall(z.object({}).strict(), LogRecordView),
  /** Records that the operator looked at the findings (a new chain segment) and lifts read-only. */
  acknowledgeLog: defineCall(z.object({}).strict(), LogRecordView),
};

export const recordEvents = {
  logRecord: LogRecordView,
};
