import { z } from 'zod';
import { FixForwardRecord } from '../rollback/fixForward';
import { Baseline, ScenarioKind } from '../api/metrics';
import { HandoverStatus } from '../workspace/schema/releases';
import { RollbackRecord } from '../rollback/record';
import { NamedInstant } from '../api/contract';
import { BackOutRecord } from '../rollback/backOut';

/**
 * The console's state: the fold of its release log (shared/engine/fold.ts), saved as a snapshot between
 * runs. Per release: the progress the step engine reads, handover statuses, QA ticks, baselines, command
 * results and rollbacks. Per workspace: the world (maintenance mode, versions running in each region).
 */
/**
 * Who did something. Outside rehearsals `arn` is the desk's STS caller identity and `osUser` its OS
 * account (issue 15); a rehearsal's or the demo's simulated persona has `persona: true` and no ARN.
 */
export const Actor = z.object({ name: z.string(), role: z.string(), arn: z.string().optional(), osUser: z.string().optional(), persona: z.boolean().optional() });
export type Actor = z.infer<typeof Actor>;

/**
 * Issue 15, "Region leases": who may run commands in a region right now. A lease is taken and given back
 * by events in the release log (leaseEvents.ts), so it is shared once the log is; heartbeats that move its
 * expiry on are not events (main/team/lease-heartbeat.ts), so they never grow the log.
 */
export const RegionLease = z.object({
  region: z.string(),
  holder: Actor,
  release: z.string(),
  /** The run holding it: a step instance key (`deploy@S01`) or a rollback's `rollback-HO-1234`. */
  run: z.string(),
  /** In words, for a refusal and the region's header: "HO-1234's rollback", "Deploy packages (2026-03-product-rollout)". */
  purpose: z.string(),
  since: z.number(),
  /** The expiry the log knows; a heartbeat (outside the log) may have moved it on. */
  expiresAt: z.number(),
  /** Set when it was taken over after its holder stopped beating: whose it was and why. */
  takenOverFrom: z.object({ holder: Actor, run: z.string(), expiredAt: z.number(), reason: z.string() }).nullable().default(null),
});
export type RegionLease = z.infer<typeof RegionLease>;

export const StepRecord = z.object({
  status: z.enum(['running', 'done', 'failed']),
  at: z.number(),
  by: z.string().optional(),
  /** The STS ARN of whoever did it, when AWS said: "not by the writer" compares this, not `by`. */
  byArn: z.string().optional(),
  role: z.string().optional(),
  note: z.string().optional(),
  exitCode: z.number().optional(),
  /** A command step that was running when the console stopped is shown as interrupted, never as done. */
  interrupted: z.boolean().optional(),
  /**
   * A running command step someone asked to stop (the first ask): it runs on until its command's exit is observed; kept on
   * the failure that follows. `role` is the stepStopRequested actor's, absent from a snapshot an older console wrote.
   */
  stopRequested: z.object({ by: z.string(), role: z.string().optional(), at: z.number() }).optional(),
});

export const ApprovalRecord = z.object({ name: z.string(), role: z.string(), arn: z.string().optional(), at: z.number() });

export const OverrideRecord = z.object({
  stepId: z.string(),
  region: z.string().nullable(),
  reason: z.string(),
  approvers: z.array(Actor),
  by: z.string(),
  at: z.number(),
  required: z.array(z.object({ role: z.string(), count: z.number() })),
});

export const QaTick = z.object({
  outcome: z.enum(['open', 'pass', 'fail']),
  by: Actor,
  at: z.number(),
  note: z.string().optional(),
  link: z.string().optional(),
});

export const CommandRunRecord = z.object({
  commandId: z.string(),
  argv: z.array(z.string()),
  regionId: z.string().nullable(),
  exitCode: z.number(),
  startedAt: z.number(),
  endedAt: z.number(),
  transcriptFile: z.string().nullable(),
  outputTail: z.string(),
});
export type CommandRunRecord = z.infer<typeof CommandRunRecord>;

/** A workspace tool typed into one of the console's shells (issue 16): what `decide` said, what the person answered, how it ended. */
export const ShellCommandRecord = z.object({
  argv: z.array(z.string()),
  region: z.string().nullable(),
  by: Actor,
  at: z.number(),
  /** allowed: it was a ready step, a rollback step or a read-only command; otherwise the answer to "run anyway?". */
  decision: z.enum(['allowed', 'runAnyway', 'declined']),
  step: z.string().nullable(),
  handover: z.string().nullable(),
  /** Why it was refused, for run anyway and declined. */
  reasons: z.array(z.string()),
  exitCode: z.number().nullable(),
});
export type ShellCommandRecord = z.infer<typeof ShellCommandRecord>;
/**
 * A console shell opened while this release was the one in use (issue 16): who opened it, where, and
 * once it ended, its transcript's size and SHA-256, so the CR evidence can name it and be checked.
 */
export const ShellRecord = z.object({
  transcript: z.string(),
  sessionId: z.string(),
  regionId: z.string().nullable(),
  title: z.string(),
  openedBy: Actor,
  openedAt: z.number(),
  closedAt: z.number().nullable(),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  bytes: z.number().nullable(),
  sha256: z.string().nullable(),
});
export type ShellRecord = z.infer<typeof ShellRecord>;

/**
 * Issue 17: a version this release's own command left in a region (a deploy's, or a rollback's with the
 * handover it rolled back). The world keeps only the latest version, whichever release set it; the
 * deployment log and announcements need what this release did, and undid, region by region.
 */
export const VersionChange = z.object({ region: z.string(), package: z.string(), version: z.string().nullable(), at: z.number(), rollback: z.string().nullable() });
export type VersionChange = z.infer<typeof VersionChange>;

/** Issue 19: one post of an announcement to a Slack channel, as the log has it so far. */
export const AnnouncementPost = z.object({
  channel: z.string(),
  message: z.string(),
  attempt: z.number(),
  by: Actor,
  at: z.number(),
  /** posting: sent, no answer yet; failed: a non-2xx status, a timeout or a network error; wouldPost: a rehearsal's. */
  state: z.enum(['posting', 'posted', 'failed', 'wouldPost']),
  status: z.number().nullable(),
  error: z.string().nullable(),
  answeredAt: z.number().nullable(),
});
export type AnnouncementPost = z.infer<typeof AnnouncementPost>;

export const ReleaseRecord = z.object({
  steps: z.record(z.string(), StepRecord).default({}),
  /**
   * Step instance → the last time a QA failure after its sign-off reopened it (`stepReopened`): who, when and
   * why, so the step's row can say so; the step's own record is cleared, this is not.
   */
  reopened: z.record(z.string(), z.object({ by: Actor, at: z.number(), reason: z.string() })).default({}),
  approvals: z.record(z.string(), z.array(ApprovalRecord)).default({}),
  overrides: z.array(OverrideRecord).default([]),
  /** Step instance → who approved overriding it, each on their own desk (issue 15); the override counts these, not typed names. */
  overrideApprovals: z.record(z.string(), z.array(ApprovalRecord)).default({}),
  /** Before the world was kept per workspace (issue 14) it was kept here; read once, lifted into `world`. */
  maintenance: z.record(z.string(), z.boolean()).optional(),
  /** `held`: why a completed gate did not move it (seed 000: not deployed in every target region), with the instants it names (`heldInstants`). */
  handovers: z.record(z.string(), z.object({ status: HandoverStatus, history: z.array(HandoverStatus).default([]), held: z.string().optional(), heldInstants: z.array(NamedInstant).optional() })).default({}),
  qa: z.record(z.string(), QaTick).default({}),
  /**
   * Every QA tick in the order it was recorded (item id with the tick): \`qa\` keeps only each item's last, and the
   * CR evidence must show a failure that reopened a sign-off even after the item passed again.
   */
  qaTicks: z.array(z.object({ itemId: z.string(), tick: QaTick })).default([]),
  baselines: z.array(Baseline).default([]),
  /** Legacy, like `maintenance`: lifted into `world.deployed` on load. */
  deployed: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  runs: z.record(z.string(), z.array(CommandRunRecord)).default({}),
  /** Handover id → its rollback (issue 7), kept after it ends for the incident record. */
  rollbacks: z.record(z.string(), RollbackRecord).default({}),
  /** Region id → its latest back-out (issue 17), kept after it ends for the record. */
  backOuts: z.record(z.string(), BackOutRecord).default({}),
  /** Handover id → its fix forward (issue 19), kept after it lands or expires for the incident record. */
  fixForwards: z.record(z.string(), FixForwardRecord).default({}),
  shellCommands: z.array(ShellCommandRecord).default([]),
  shells: z.array(ShellRecord).default([]),
  versionChanges: z.array(VersionChange).default([]),
  announcements: z.array(AnnouncementPost).default([]),
});
export type ReleaseRecord = z.infer<typeof ReleaseRecord>;

/**
 * Seed 000: maintenance mode redirects a region's traffic to its sibling, and a region runs one version
 * of each package, whichever release put it there. So these belong to the region, once per workspace.
 */
export const WorldState = z.object({
  /** Region id → whether maintenance mode is on, as the console's own commands left it. */
  maintenance: z.record(z.string(), z.boolean()).default({}),
  /** Region → package → version now running there, as the console's own deploy and rollback steps left it. */
  deployed: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  /**
   * Region id → when the console's own command last switched its maintenance mode off: until then its
   * sibling carried its traffic, which a baseline of the sibling must not count (baselineWindow.ts).
   */
  maintenanceOffAt: z.record(z.string(), z.number()).optional(),
});
export type WorldState = z.infer<typeof WorldState>;

export const ConsoleStateFile = z.object({
  version: z.literal(1).default(1),
  operator: Actor.nullable().default(null),
  selectedRelease: z.string().nullable().default(null),
  releases: z.record(z.string(), ReleaseRecord).default({}),
  world: WorldState.default({ maintenance: {}, deployed: {} }),
  /** Where the last clock move left a rehearsal's clock (epoch ms): a restart resumes it there. Null until one moves. */
  rehearsalClock: z.number().nullable().default(null),
  /** Region id → its lease (issue 15), while a run holds it. */
  leases: z.record(z.string(), RegionLease).default({}),
  /**
   * Alert id ("S01/immediate-error-rate") → when its last logged breach began (`since`): every desk watching
   * a region observes the same breach, and the one the table took first is the release's one record of it.
   */
  breachesLogged: z.record(z.string(), z.number()).optional(),
  /**
   * Region id → the drill running there (a rehearsal's or the demo's simulated metrics follow it), from its
   * drillSet on, and when the region was rolled back or backed out since: its numbers recover from then.
   */
  drills: z.record(z.string(), z.object({ scenario: ScenarioKind, startedMs: z.number(), rolledBackMs: z.number().nullable(), by: z.object({ name: z.string(), role: z.string() }) })).optional(),
});
export type ConsoleStateFile = z.infer<typeof ConsoleStateFile>;
/** The fold's result: what `decide` reads and what the snapshot saves. */
export type ConsoleState = ConsoleStateFile;

export function emptyConsoleState(): ConsoleStateFile {
  return { version: 1, operator: null, selectedRelease: null, releases: {}, world: { maintenance: {}, deployed: {} }, rehearsalClock: null, leases: {} };
}

/**
 * State saved before the world moved out of the releases: each release's maintenance flags and deployed
 * versions become the world's. Maintenance is on where any release left it on (the safe reading: traffic
 * may be redirected); for versions, a later release in the file wins. Idempotent: a lifted state comes
 * back unchanged.
 */
export function liftWorld(state: ConsoleStateFile): ConsoleStateFile {
  const legacy = Object.values(state.releases).some((r) => r.maintenance !== undefined || r.deployed !== undefined);
  if (!legacy) return state;
  const world: WorldState = { maintenance: { ...state.world.maintenance }, deployed: structuredClone(state.world.deployed) };
  const releases: Record<string, ReleaseRecord> = {};
  for (const [id, { maintenance, deployed, ...record }] of Object.entries(state.releases)) {
    for (const [region, on] of Object.entries(maintenance ?? {})) world.maintenance[region] = (world.maintenance[region] ?? false) || on;
    for (const [region, packages] of Object.entries(deployed ?? {})) world.deployed[region] = { ...world.deployed[region], ...packages };
    releases[id] = record;
  }
  return { ...state, releases, world };
}

export function emptyReleaseRecord(): ReleaseRecord {
  return ReleaseRecord.parse({});
}
