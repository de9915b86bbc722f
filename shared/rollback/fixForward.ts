import { z } from 'zod';
import { namedInstant, type NamedInstant } from '../engine/decision';

/**
 * Issue 19: a breach answered by fixing forward instead of rolling back (seed 002: "If config issue:
 * Apply config fix via fast-track"). Kept with its release beside the rollbacks, so the incident record
 * and the evidence say who chose it, why, at what severity, against which readings, and how it ended.
 */
/** `detail`: the reading in the workspace's words and units ("Error rate 8% against a threshold of 0.5%"), as the alert said it. */
export const BreachReading = z.object({ region: z.string(), criterion: z.string(), metric: z.string(), value: z.number(), threshold: z.number(), detail: z.string().default('') });
export type BreachReading = z.infer<typeof BreachReading>;

/** What the on-call engineer decided, as the event logs it and the record keeps it; `deadline` (epoch ms) is when the rollback is offered again. */
export const FixForwardDecision = z.object({
  reason: z.string(),
  severity: z.string(),
  deadline: z.number(),
  /** The criteria that breached, and the regions they breached in: where the fix must land. */
  criteria: z.array(z.string()),
  regions: z.array(z.string()),
  values: z.array(BreachReading),
});

export const FixForwardRecord = z.object({
  handoverId: z.string(),
  /** fixing: the deadline runs; landed: a linked handover is deployed and the metrics recovered; expired: the deadline passed first. */
  status: z.enum(['fixing', 'landed', 'expired']),
  decidedBy: z.object({ name: z.string(), role: z.string() }),
  decidedAt: z.number(),
  ...FixForwardDecision.shape,
  fixHandover: z.string().nullable().default(null),
  endedAt: z.number().nullable().default(null),
});
export type FixForwardRecord = z.infer<typeof FixForwardRecord>;

/** The readings a fix forward was decided on, one line: "production: Error rate 8% against a threshold of 0.5%". */
export function readingsLine(values: readonly BreachReading[]): string {
  return values.map((v) => `${v.region}: ${v.detail || `${v.metric} ${v.value} against a threshold of ${v.threshold}`}`).join('; ');
}

/** "Fixing forward (SEV-2) — decided by oren, deadline 11:40 UTC": the line the alert and the incident record show. */
export function fixForwardLine(record: FixForwardRecord): string {
  const deadline = namedInstant(record.deadline).words;
  switch (record.status) {
    case 'fixing':
      return `Fixing forward (${record.severity}) — decided by ${record.decidedBy.name}, deadline ${deadline}`;
    case 'landed':
      return `Fixed forward (${record.severity}) by ${record.fixHandover ?? 'a linked handover'} — decided by ${record.decidedBy.name}`;
    case 'expired':
      return `Fix forward (${record.severity}) expired at ${deadline} without a fix landing — decided by ${record.decidedBy.name}; roll back`;
  }
}

/** The instant `fixForwardLine` names (its deadline, while fixing or once expired) and its words, for a desk to read in its own zone. */
export function fixForwardLineInstants(record: FixForwardRecord): NamedInstant[] {
  return record.status === 'landed' ? [] : [namedInstant(record.deadline)];
}
