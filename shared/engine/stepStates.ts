import type { ApproverRequirement, Gate, Release, Runbook, Step, StepKind, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { evaluate, type Purpose, type RuleContext } from '../rules/evaluate';
import type { Evaluation } from '../rules/appliedRule';
import { formatDayTime, zoneLabel } from '../rules/localDay';
import { concernsPackage, releasePackages } from './stepPackages';
import { baselineAgeOf, staleBaselineReason } from '../metrics/baselineAge';
import { isApproved } from './approval';
import { uncleanBaselineWindow } from './baselineWindow';
import { missingApprovers } from './override';
import { instanceKey } from './progress';
import { reopenedAbove } from './reopenedSignOff';
import type { NamedInstant } from './decision';
import type { OverrideRecord, ReleaseProgress, StepInstanceKey } from './progress';

export type StepState =
  | { status: 'done'; at: number; by?: string | undefined }
  | { status: 'running'; since: number; by?: string | undefined }
  | { status: 'failed'; at: number; note?: string | undefined }
  | { status: 'ready'; closesAt: number | null; override: OverrideRecord | null }
  | {
      status: 'blocked';
      reasons: string[];
      /** The instants the reasons name, as the log reads them (UTC); a desk reads them in its own zone. */
      instants?: NamedInstant[];
      opensAt: number | null;
      /** While it also waits for earlier steps: when its timing rules alone next allow it (null: they allow it now, or not today). */
      windowOpensAt?: number | null;
      /** Not today: the first instant every rule of the step allows it (null: not found, or it waits for state). */
      nextOpensAt?: number | null;
      /** It waits for earlier steps or for the release's state (maintenance mode): it opens once those change, not by the clock alone. */
      waitsForAction?: boolean;
      /** Nothing but earlier steps stands in its way: no rule and no state blocks it. */
      waitsOnlyForSteps?: boolean;
      override: ApproverRequirement[] | null;
    };

export interface StepInstance {
  key: StepInstanceKey;
  stepId: string;
  gateId: string;
  /** null: the step runs once (no region, or one instance covering all its regions). */
  region: string | null;
  title: string;
  kind: StepKind;
  owner: string;
  state: StepState;
}

interface Layout {
  entries: Array<{ step: Step; gate: Gate; region: string | null; regions: string[] }>;
  steps: Map<string, { step: Step; instances: Array<string | null> }>;
}

const layouts = new WeakMap<Runbook, Layout>();

/** each/one: one instance per region; all or no scope: a single instance. */
function layoutOf(runbook: Runbook, workspace: Workspace): Layout {
  let layout = layouts.get(runbook);
  if (layout) return layout;
  layout = { entries: [], steps: new Map() };
  for (const gate of runbook.gates) {
    for (const step of gate.steps) {
      const regions = !step.regions ? [] : step.regions.ids === 'all' ? workspace.regions.map((r) => r.id) : step.regions.ids;
      const instances: Array<string | null> = step.regions && step.regions.scope !== 'all' ? regions : [null];
      layout.steps.set(step.id, { step, instances });
      for (const region of instances) layout.entries.push({ step, gate, region, regions: region === null ? regions : [region] });
    }
  }
  layouts.set(runbook, layout);
  return layout;
}

/** The regions a step has an instance in, as the runbook lays it out; [null]: it runs once. Empty: no such step. */
export function stepInstancesOf(workspace: Workspace, runbook: Runbook, stepId: string): Array<string | null> {
  return layoutOf(runbook, workspace).steps.get(stepId)?.instances ?? [];
}

/** When a step instance finished: its record, or for a soak, the moment its wait ran out. */
function doneAtOf(step: Step, region: string | null, layout: Layout, progress: ReleaseProgress, now: number): number | null {
  const record = progress.steps[instanceKey(step.id, region)];
  if (record) return record.status === 'done' ? record.at : null;
  if (step.kind === 'approval') {
    // An approval is done by its approvals, not by a record: the last one needed finishes it.
    if (!isApproved(step, region, progress)) return null;
    const approvals = progress.approvals[instanceKey(step.id, region)] ?? [];
    return Math.max(...approvals.map((a) => a.at));
  }
  if (step.kind !== 'soak') return null;
  const prerequisites = prerequisiteReasons(step, region, layout, progress, now);
  const until = prerequisites.doneAt + step.minutes * 60_000;
  return !prerequisites.reasons.length && now >= until ? until : null;
}

function prerequisiteReasons(step: Step, region: string | null, layout: Layout, progress: ReleaseProgress, now: number): { reasons: string[]; doneAt: number } {
  const reasons: string[] = [];
  let doneAt = 0;
  for (const id of step.after) {
    const prerequisite = layout.steps.get(id);
    if (!prerequisite) continue;
    const same = region !== null && prerequisite.instances.includes(region);
    const needed = same ? [region] : prerequisite.instances;
    const finished = needed.map((r) => doneAtOf(prerequisite.step, r, layout, progress, now));
    const waiting = needed.filter((_, i) => finished[i] === null);
    for (const t of finished) doneAt = Math.max(doneAt, t ?? 0);
    if (waiting.length) {
      const where = waiting.some((r) => r !== null) ? ` in ${waiting.filter((r) => r !== null).join(', ')}` : '';
      reasons.push(`Waits for "${prerequisite.step.title}"${where} to be done.`);
    }
  }
  return { reasons, doneAt };
}

/** Regions open at different instants too: chase until one instant suits every region, as the rules do within one. */
const NEXT_OPENING_ROUNDS = 8;

function nextOpeningAcross(step: Step, regions: string[], context: RuleContext, blocked: Evaluation[]): number | null {
  for (let round = 0; round < NEXT_OPENING_ROUNDS; round++) {
    const nexts = blocked.map((e) => (e.allowed ? null : e.nextOpensAt));
    if (nexts.includes(null)) return null;
    const candidate = Math.max(...(nexts as number[]));
    blocked = regions.map((r) => evaluate(step, r, context, candidate)).filter((e) => !e.allowed);
    if (!blocked.length) return candidate;
  }
  return null;
}

function evaluateAcross(step: Step, regions: string[], context: RuleContext, now: number): Evaluation {
  if (regions.length <= 1) return evaluate(step, regions[0] ?? null, context, now);
  const evaluations = regions.map((r) => evaluate(step, r, context, now));
  const blocked = evaluations.filter((e) => !e.allowed);
  if (!blocked.length) {
    const closes = evaluations.map((e) => (e.allowed ? e.closesAt : null)).filter((c): c is number => c !== null);
    return { allowed: true, closesAt: closes.length ? Math.min(...closes) : null };
  }
  const opens = blocked.map((e) => e.opensAt);
  return {
    allowed: false,
    reasons: blocked.flatMap((e) => e.reasons),
    opensAt: opens.includes(null) ? null : Math.max(...(opens as number[])),
    nextOpensAt: nextOpeningAcross(step, regions, context, blocked),
    waitsForState: blocked.some((e) => !e.allowed && e.waitsForState),
    closesAt: null,
    blocks: blocked.flatMap((e) => e.blocks),
    override: blocked.every((e) => e.override) ? blocked.flatMap((e) => e.override ?? []) : null,
  };
}

function stateOf(
  entry: Layout['entries'][number],
  layout: Layout,
  context: RuleContext,
  progress: ReleaseProgress,
  now: number,
): StepState {
  const { step, region, regions } = entry;
  const record = progress.steps[instanceKey(step.id, region)];
  if (record?.status === 'done') return { status: 'done', at: record.at, by: record.by };
  if (record?.status === 'running') return { status: 'running', since: record.at, by: record.by };
  if (record?.status === 'failed') return { status: 'failed', at: record.at, note: record.note };

  const prerequisites = prerequisiteReasons(step, region, layout, progress, now);
  if (step.kind === 'approval' && !prerequisites.reasons.length && isApproved(step, region, progress)) {
    const approvals = progress.approvals[instanceKey(step.id, region)] ?? [];
    return { status: 'done', at: Math.max(...approvals.map((a) => a.at)), by: approvals.map((a) => a.name).join(', ') };
  }
  if (step.kind === 'soak' && !prerequisites.reasons.length) {
    // A soak is a wait: it is done once its minutes have passed since the last prerequisite finished.
    const until = prerequisites.doneAt + step.minutes * 60_000;
    if (now >= until) return { status: 'done', at: until };
    const zone = indexWorkspace(context.workspace).regions.get(region ?? '')?.zone ?? 'UTC';
    return { status: 'blocked', reasons: [`Soaking for ${soakLength(step.minutes)}: it ends ${formatDayTime(until, zone)} ${zoneLabel(zone)}.`], opensAt: until, override: null };
  }
  const evaluation = evaluateAcross(step, regions, contextFor(step, context), now);
  // Seed 000's "Testing Failure": a step after a reopened sign-off waits for it even when the steps between them were done
  // before the reopen; the reasons name the sign-off, so nobody reads it as a sign-off not given yet.
  const { reasons: held, instants: heldAt } = reopenedAbove(step, layout.steps, progress);
  if (!prerequisites.reasons.length && held.length) {
    return { status: 'blocked', reasons: [...held, ...(evaluation.allowed ? [] : evaluation.reasons)], instants: heldAt, opensAt: null, waitsForAction: true, override: null };
  }
  const stale = staleBaseline(step, region, layout, context.workspace, progress, now);
  if (!prerequisites.reasons.length && stale !== null) {
    // Issue 17: nothing overrides a stale baseline; retaking it is one click on the baseline step.
    return { status: 'blocked', reasons: [stale, ...(evaluation.allowed ? [] : evaluation.reasons)], opensAt: null, waitsForAction: true, override: null };
  }
  const unclean = step.kind === 'baseline' && region !== null ? uncleanBaselineWindow(context.workspace, region, progress, now) : null;
  if (!prerequisites.reasons.length && unclean !== null) {
    // Nothing overrides it: a baseline that counts a sibling's traffic would raise a false throughput breach.
    const opensAt = evaluation.allowed || unclean.opensAt === null || evaluation.opensAt === null ? (evaluation.allowed ? unclean.opensAt : null) : Math.max(unclean.opensAt, evaluation.opensAt);
    return { status: 'blocked', reasons: [unclean.reason, ...(evaluation.allowed ? [] : evaluation.reasons)], instants: unclean.instants, opensAt, waitsForAction: unclean.opensAt === null, override: null };
  }
  if (!prerequisites.reasons.length) {
    if (evaluation.allowed) return { status: 'ready', closesAt: evaluation.closesAt, override: null };
    // Seed 000: an emergency (a release type whose override the on-call PE gives) is overridden once per
    // region for the release: the one override covers every step of the emergency there.
    const emergency = context.releaseType !== undefined && indexWorkspace(context.workspace).releaseTypes.get(context.releaseType)?.override !== undefined;
    const granted = progress.overrides.find((o) => o.stepId === step.id && o.region === region) ?? (emergency && region !== null ? progress.overrides.find((o) => o.region === region) : undefined);
    if (granted && evaluation.override && missingApprovers(evaluation.override, granted.approvers).length === 0) {
      return { status: 'ready', closesAt: null, override: granted };
    }
    return { status: 'blocked', reasons: evaluation.reasons, opensAt: evaluation.opensAt, nextOpensAt: evaluation.nextOpensAt, waitsForAction: evaluation.waitsForState, override: evaluation.override };
  }
  const reasons = [...prerequisites.reasons, ...held, ...(evaluation.allowed ? [] : evaluation.reasons)];
  return { status: 'blocked', reasons, instants: heldAt, opensAt: null, windowOpensAt: evaluation.allowed ? null : evaluation.opensAt, waitsForAction: true, waitsOnlyForSteps: evaluation.allowed, override: null };
}

/**
 * Issue 17: a deploy in a region needs that region's baseline taken within the workspace's limit; the
 * reason names its age and the baseline step to retake it on. No limit, no baseline yet, or not a deploy: null.
 */
function staleBaseline(step: Step, region: string | null, layout: Layout, workspace: Workspace, progress: ReleaseProgress, now: number): string | null {
  const limit = workspace.baselineMaxAgeMinutes;
  if (step.kind !== 'command' || !step.deploys || region === null || limit === undefined) return null;
  const age = baselineAgeOf(progress.baselines ?? [], region, now, limit);
  if (!age?.isStale) return null;
  const baselineStep = layout.entries.find((e) => e.step.kind === 'baseline' && e.regions.includes(region));
  return staleBaselineReason(region, age, baselineStep?.step.title ?? null);
}

export interface StepStatesInput {
  workspace: Workspace;
  release: Release;
  progress: ReleaseProgress;
  now: number;
  purpose?: Purpose;
}

/** Every step × region of a release: done | ready | blocked(reasons, opensAt) | running | failed. */
export function computeStepStates({ workspace, release, progress, now, purpose }: StepStatesInput): StepInstance[] {
  const runbook = indexWorkspace(workspace).runbooks.get(release.runbook);
  if (!runbook) return [];
  const layout = layoutOf(runbook, workspace);
  const context: RuleContext = { workspace, releaseType: release.type, packages: releasePackages(release), maintenance: progress.maintenance, purpose };
  return layout.entries.map((entry) => ({
    key: instanceKey(entry.step.id, entry.region),
    stepId: entry.step.id,
    gateId: entry.gate.id,
    region: entry.region,
    title: entry.step.title,
    kind: entry.step.kind,
    owner: entry.step.owner,
    state: stateOf(entry, layout, context, progress, now),
  }));
}

/** One instance's state, for main to check an intent (tick, run, override) before applying it. */
export function computeStepState(input: StepStatesInput, stepId: string, region: string | null): StepState | null {
  const runbook = indexWorkspace(input.workspace).runbooks.get(input.release.runbook);
  if (!runbook) return null;
  const layout = layoutOf(runbook, input.workspace);
  const entry = layout.entries.find((e) => e.step.id === stepId && e.region === region);
  if (!entry) return null;
  const context: RuleContext = { workspace: input.workspace, releaseType: input.release.type, packages: releasePackages(input.release), maintenance: input.progress.maintenance, purpose: input.purpose };
  return stateOf(entry, layout, context, input.progress, input.now);
}

/** The raw rule evaluation for one instance, which an override request is checked against. */
export function evaluateStepInstance(input: StepStatesInput, stepId: string, region: string | null): Evaluation | null {
  const runbook = indexWorkspace(input.workspace).runbooks.get(input.release.runbook);
  const entry = runbook ? layoutOf(runbook, input.workspace).entries.find((e) => e.step.id === stepId && e.region === region) : undefined;
  if (!entry) return null;
  const context: RuleContext = { workspace: input.workspace, releaseType: input.release.type, packages: releasePackages(input.release), maintenance: input.progress.maintenance, purpose: input.purpose };
  return evaluateAcross(entry.step, entry.regions, contextFor(entry.step, context), input.now);
}

/** The rule context narrowed to the packages the step concerns (its policies and kinds), so their rules alone apply. */
function contextFor(step: Step, context: RuleContext): RuleContext {
  const index = indexWorkspace(context.workspace);
  return { ...context, packages: (context.packages ?? []).filter((name) => concernsPackage(step, index.packages.get(name))) };
}

/** Seed 002's "24 hours soak" in its own words, not "1440 minutes"; a soak of odd minutes keeps them. */
function soakLength(minutes: number): string {
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
