import { z } from 'zod';
import { Id, LocalTime, Weekday, Zone } from './common';

export const Role = z.string().min(1);

/** one: a single region; each: one step instance per listed region; all: one instance covering every listed region. */
export const RegionScope = z.strictObject({
  scope: z.enum(['one', 'each', 'all']),
  ids: z.union([z.literal('all'), z.array(Id).min(1)]),
});
export type RegionScope = z.infer<typeof RegionScope>;

const stepBase = {
  id: Id,
  title: z.string().min(1),
  owner: Role,
  regions: RegionScope.optional(),
  after: z.array(Id).default([]),
  /** Window ids from rules.yaml; "region" means the region's own timing policy. */
  timing: z.array(Id).default([]),
  /** Whether the step changes production: release type windows, freezes and package policies apply. */
  deploys: z.boolean().default(false),
  /** Seed 000: RT packages need maintenance mode; `packages` means "when any package of the release needs it". */
  maintenanceMode: z.enum(['required', 'packages', 'none']).default('none'),
  instructions: z.string().optional(),
  /**
   * Seed 000's CAI table: the step concerns only the release's packages under these package policies, so each
   * CAI package goes out in its own step under its own rule ("any time" never waits for "Friday afternoon only").
   * Absent: every package of the release.
   */
  policies: z.array(Id).optional(),
};

export const Step = z.discriminatedUnion('kind', [
  z.strictObject({ ...stepBase, kind: z.literal('manual'), checklist: z.array(z.string()).default([]) }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('command'),
    command: Id,
    /** Run the template once per package (deploy, check-versions) or per handover (verify-handover) of the release. */
    forEach: z.enum(['package', 'handover']).optional(),
    /**
     * Seed 000: "maintenance mode only where a package needs it". The step runs its command only when a
     * package it concerns needs maintenance mode; otherwise it is done with nothing to run.
     */
    onlyWhereMaintenanceNeeded: z.boolean().optional(),
  }),
  z.strictObject({ ...stepBase, kind: z.literal('baseline'), metrics: z.array(Id).default([]) }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('metricGate'),
    baseline: Id,
    minutes: z.number().int().min(1),
    criteria: z.array(Id).default([]),
  }),
  z.strictObject({ ...stepBase, kind: z.literal('soak'), minutes: z.number().int().min(1) }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('approval'),
    approvers: z.array(z.strictObject({ role: Role, count: z.number().int().min(1).default(1) })).min(1),
    /** "2nd PE reviews instructions": the approver cannot be whoever did this step. */
    notBy: Id.optional(),
  }),
]);
export type Step = z.infer<typeof Step>;
export type StepKind = Step['kind'];

/** Seed 000: gate deadlines are relative to the sprint (week 1–2 the sprint, week 3 the first week after it). */
export const GateDeadline = z.strictObject({
  week: z.number().int().min(1).max(8),
  day: Weekday,
  time: LocalTime,
  zone: Zone,
});
export type GateDeadline = z.infer<typeof GateDeadline>;

export const Gate = z.strictObject({
  id: Id,
  title: z.string().min(1),
  deadline: GateDeadline.optional(),
  /** Seed 000: an HO not at this status by the deadline is removed from the release. */
  requiresHandoverStatus: z.string().optional(),
  /**
   * Seed 000: the status a handover moves to when this gate completes ("Mark CR as Rollout Complete"), if it
   * is deployed in every region the gate's deploy steps target; one that is not stays, with the reason.
   */
  movesHandoversTo: z.string().optional(),
  onMiss: z.string().optional(),
  steps: z.array(Step).min(1),
});
export type Gate = z.infer<typeof Gate>;

export const Runbook = z.strictObject({
  id: Id,
  title: z.string().min(1),
  releaseTypes: z.array(Id).default([]),
  gates: z.array(Gate).min(1),
});
export type Runbook = z.infer<typeof Runbook>;
