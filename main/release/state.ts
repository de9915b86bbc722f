import { z } from 'zod';
import { Baseline } from '../../shared/api/metrics';
import { HandoverStatus } from '../../shared/workspace/schema/releases';
import { RollbackRecord } from './rollback-record';

/**
 * What the console persists between runs (electron-store's file format, atomically written): per release,
 * the progress the step engine reads, handover statuses, QA ticks, baselines and command results.
 */
const Actor = z.object({ name: z.string(), role: z.string() });

const StepRecord = z.object({
  status: z.enum(['running', 'done', 'failed']),
  at: z.number(),
  by: z.string().optional(),
  role: z.string().optional(),
  note: z.string().optional(),
  exitCode: z.number().optional(),
  /** A command step that was running when the console stopped is shown as interrupted, never as done. */
  interrupted: z.boolean().optional(),
});

const ApprovalRecord = z.object({ name: z.string(), role: z.string(), at: z.number() });

const OverrideRecord = z.object({
  stepId: z.string(),
  region: z.string().nullable(),
  reason: z.string(),
  approvers: z.array(Actor),
  by: z.string(),
  at: z.number(),
  required: z.array(z.object({ role: z.string(), count: z.number() })),
});

const QaTick = z.object({
  outcome: z.enum(['open', 'pass', 'fail']),
  by: Actor,
  at: z.number(),
  note: z.string().optional(),
  link: z.string().optional(),
});

const CommandRunRecord = z.object({
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

export const ReleaseRecord = z.object({
  steps: z.record(z.string(), StepRecord).default({}),
  approvals: z.record(z.string(), z.array(ApprovalRecord)).default({}),
  overrides: z.array(OverrideRecord).default([]),
  maintenance: z.record(z.string(), z.boolean()).default({}),
  handovers: z.record(z.string(), z.object({ status: HandoverStatus, history: z.array(HandoverStatus).default([]) })).default({}),
  qa: z.record(z.string(), QaTick).default({}),
  baselines: z.array(Baseline).default([]),
  /** Region → package → version now running there, as the console's own deploy and rollback steps left it. */
  deployed: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  runs: z.record(z.string(), z.array(CommandRunRecord)).default({}),
  /** Handover id → its rollback (issue 7), kept after it ends for the incident record. */
  rollbacks: z.record(z.string(), RollbackRecord).default({}),
});
export type ReleaseRecord = z.infer<typeof ReleaseRecord>;

export const ConsoleStateFile = z.object({
  version: z.literal(1).default(1),
  operator: Actor.nullable().default(null),
  selectedRelease: z.string().nullable().default(null),
  releases: z.record(z.string(), ReleaseRecord).default({}),
});
export type ConsoleStateFile = z.infer<typeof ConsoleStateFile>;

export function emptyConsoleState(): ConsoleStateFile {
  return { version: 1, operator: null, selectedRelease: null, releases: {} };
}

export function emptyReleaseRecord(): ReleaseRecord {
  return ReleaseRecord.parse({});
}
