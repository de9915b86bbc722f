import { z } from 'zod';
import { IdString } from './bounds';
import { defineCall } from './contract';
import { EvidenceTranscript } from './release';

/**
 * Issue 19, item 4: the History and audit screen. Every entry of the release log, filtered and paged on
 * the main side (a log grows to tens of thousands of entries; the renderer holds one page), and every
 * release the log or the workspace knows, with its outcome.
 */

const Name = z.string().trim().min(1).max(200);

/** What the screen filters by; every field is optional, and all given fields must match. */
export const HistoryFilter = z
  .object({
    release: Name.optional(),
    region: Name.optional(),
    /** The actor's name, as the log records it. */
    person: Name.optional(),
    /** An event type (`stepStarted`, `refused`…) or a log bookkeeping kind (`checkpoint`, `acknowledgement`…). */
    kind: Name.optional(),
    /** Epoch ms, inclusive: entries decided at or after it. */
    from: z.number().int().optional(),
    /** Epoch ms, exclusive: entries decided before it. */
    to: z.number().int().optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from < f.to, { message: '`from` must be before `to`', path: ['to'] });
export type HistoryFilter = z.infer<typeof HistoryFilter>;

export const HistoryEntryView = z.object({
  seq: z.number().int().positive(),
  /** The entry's sha256 in the log's chain; the screen shows its first characters, the full one on hover and copy. */
  hash: z.string(),
  /** When it was decided (the event's own time; a rehearsal's is its simulated clock), epoch ms. */
  at: z.number(),
  /**
   * Where the team's shared log (issue 15) holds it, for an event another desk or this one wrote there: the
   * chain every desk shares, so its hash is the one to compare across desks. Null for this desk's own entries.
   */
  shared: z.object({ seq: z.number().int().positive(), hash: z.string() }).nullable(),
  kind: z.string(),
  /**
   * The kind in words as the row says it (shared/history/entryKind.ts), where the entry says more than its kind: a
   * step's end is "Step finished" or "Step failed". Absent (from a main before it), the row words `kind`.
   */
  kindWords: z.string().optional(),
  release: z.string().nullable(),
  region: z.string().nullable(),
  person: z.string().nullable(),
  role: z.string().nullable(),
  summary: z.string(),
});
export type HistoryEntryView = z.infer<typeof HistoryEntryView>;

/** The largest page main sends: the screen asks for one page at a time. */
export const HISTORY_PAGE_MAX = 500;

export const HistoryPageView = z.object({
  /** Newest first. */
  entries: z.array(HistoryEntryView),
  /** Entries matching the filter, over every page. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  /** Entries in the whole log. */
  logEntries: z.number().int().nonnegative(),
  /** What the filters can choose from: every value the log holds, sorted. */
  choices: z.object({ releases: z.array(z.string()), regions: z.array(z.string()), people: z.array(z.string()), kinds: z.array(z.string()) }),
});
export type HistoryPageView = z.infer<typeof HistoryPageView>;

/**
 * `step failed, can be retried`: a release whose only failure is a step's run, which stays open (the board offers
 * Retry on it); `rollback stopped, can be retried`: a handover's rollback stopped on a failure, which its dialog
 * offers to retry, skip or abort; `failed` is one that cannot go on as it is (a failure of a release the workspace
 * no longer defines, which no intent can act on).
 */
export const ReleaseOutcomeLabel = z.enum(['completed', 'in progress', 'not started', 'step failed, can be retried', 'rollback stopped, can be retried', 'failed', 'rolling back', 'rolled back', 'partly rolled back', 'backed out', 'not in this workspace']);
export type ReleaseOutcomeLabel = z.infer<typeof ReleaseOutcomeLabel>;

export const PastReleaseView = z.object({
  id: z.string(),
  /** The workspace's title, else its logged definition's; null for a release the log names with no definition. */
  title: z.string().nullable(),
  /**
   * Issue 19: when the definition it is read from was logged, for a release the workspace no longer defines
   * but whose `releaseDefined` is in the log; null when the workspace defines it or nothing describes it.
   */
  definedAt: z.number().nullable(),
  /** The parts of its evidence that cannot be built from what is kept, each said with why; empty when all can. */
  unbuilt: z.array(z.string()),
  outcome: ReleaseOutcomeLabel,
  /** The outcome in a sentence: which handovers were rolled back where, which regions were backed out. */
  detail: z.string(),
  /** The release open on this desk now: the one intents act on. */
  open: z.boolean(),
  startedAt: z.number().nullable(),
  lastActivityAt: z.number().nullable(),
  startedBy: z.string().nullable(),
  /** Log entries naming it. */
  entries: z.number().int().nonnegative(),
  handovers: z.array(z.object({ id: z.string(), title: z.string(), outcome: z.string(), deployedIn: z.array(z.string()), rolledBackIn: z.array(z.string()) })),
});
export type PastReleaseView = z.infer<typeof PastReleaseView>;

export const historyCalls = {
  getHistory: defineCall(
    z
      .object({
        filter: HistoryFilter,
        offset: z.number().int().nonnegative(),
        limit: z.number().int().positive().max(HISTORY_PAGE_MAX),
      })
      .strict(),
    HistoryPageView,
  ),
  /** Newest activity first; a release with none yet comes last, in the workspace's order. */
  getPastReleases: defineCall(z.object({}).strict(), z.object({ releases: z.array(PastReleaseView) })),
  /**
   * A release's evidence to read on screen: the CR evidence and the deployment log entry, built as the
   * exports build them, with the transcripts listed. Not an export (nothing leaves the console, nothing
   * is logged): "Evidence and exports" on the open release is where evidence is taken, and recorded.
   */
  readReleaseEvidence: defineCall(
    z.object({ releaseId: IdString }).strict(),
    z.object({ crEvidence: z.string(), deploymentLog: z.string(), transcripts: z.array(EvidenceTranscript) }),
  ),
};
