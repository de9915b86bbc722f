import { z } from 'zod';
import { Id, LocalTime, Weekday, Zone } from './common';
import { PackageKind } from './packages';

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
  z.strictObject({
    ...stepBase,
    kind: z.literal('manual'),
    checklist: z.array(z.string()).default([]),
    /** The checklist is ticked line by line on the QA checklist though no QA role owns it (seed 004's post-deployment validation, done by engineers). */
    qaChecklist: z.boolean().default(false),
  }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('command'),
    command: Id,
    /** Run the template once per package (deploy, check-versions) or per handover (verify-handover) of the release. */
    forEach: z.enum(['package', 'handover']).optional(),
    /** Seed 003: "infrastructure changes first, then application": a per-package step for these kinds only. */
    packageKinds: z.array(PackageKind).min(1).optional(),
    /** Values this step gives its command's placeholders (`from: step` in commands.yaml), e.g. the flag it enables. */
    values: z.record(z.string(), z.string().min(1)).optional(),
    /** A traffic step of the strategy: the share of traffic on the new version once it is done (seed 001's 1 → 10 → 50 → 100). */
    traffic: z.number().gt(0).max(100).optional(),
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

/**
 * The rollout strategies the engine knows (shared/release/strategy.ts checks a runbook has each one's
 * steps): seed 000's region by region, 001's canary, 002's and 004's blue/green, 003's phased gates.
 */
export const STRATEGIES = ['region-by-region', 'canary', 'blue-green', 'phased-gates'] as const;
export const Strategy = z.enum(STRATEGIES);
export type Strategy = z.infer<typeof Strategy>;

export const Runbook = z.strictObject({
  id: Id,
  title: z.string().min(1),
  /** Seed 000's region-by-region rollout when omitted. */
  strategy: Strategy.optional(),
  releaseTypes: z.array(Id).default([]),
  gates: z.array(Gate).min(1),
});
export type Runbook = z.infer<typeof Runbook>;

/** The strategy a runbook follows: seed 000's region by region unless it says otherwise. */
export function strategyOf(runbook: Pick<Runbook, 'strategy'> | undefined): Strategy {
  return runbook?.strategy ?? 'region-by-region';
}
