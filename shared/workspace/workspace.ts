import type { WorkspaceMeta } from './schema/workspaceMeta';
import type { Region } from './schema/regions';
import type { Package, PackagePolicy } from './schema/packages';
import type { Freeze, Window } from './schema/rules';
import type { CommandTemplate, ValueSource } from './schema/commands';
import type { MetricDefinition } from './schema/metrics';
import type { FixForwardPolicy, RollbackCriterion } from './schema/rollback';
import type { Release, ReleaseType } from './schema/releases';
import type { Runbook, Step } from './schema/runbooks';
import type { RoleDeclaration } from './schema/roles';

export type { RoleDeclaration };
export type { WorkspaceMeta, Region, Package, PackagePolicy, Freeze, Window, CommandTemplate, MetricDefinition, RollbackCriterion, Release, ReleaseType, Runbook, Step };
export type { Handover, HandoverMove, HandoverPackage, HandoverStatus, DeploymentWindowRef } from './schema/releases';
import type { HandoverMove } from './schema/releases';
export type { Gate, GateDeadline, RegionScope, StepKind } from './schema/runbooks';
export type { FreezePeriod, FreezeException } from './schema/rules';
export type { ApproverRequirement, OverridePolicy, Weekday } from './schema/common';
import type { SharedStore } from '../team/sharedStore';
import type { Announcements } from '../announce/channels';
import type { DeliveryGoals } from './schema/delivery';

/** A fully validated workspace: plain data, safe to send from main to the renderer. */
export interface Workspace {
  /** workspace.yaml's `id`: names its data folder. */
  id?: string;
  name: string;
  /** workspace.yaml's `docs`: linked from the desktop app's Help menu. */
  docs?: string;
  description?: string;
  /** Which runbook this workspace expresses (e.g. "seed 000"). */
  source?: string;
  /** The release the console opens first. */
  defaultRelease?: string;
  /** Hosts whose http(s) links may be opened in the browser. */
  externalLinks?: string[];
  /** The workspace's roles in its own words (workspace.yaml `roles`); every role reference names one. */
  roles: RoleDeclaration[];
  /** The team's shared release log (issue 15); absent when the console works alone. */
  sharedStore?: SharedStore;
  /** workspace.yaml's `announcements` (issue 19): Slack channels and the ticket link; absent: announcements are copied by hand. */
  announcements?: Announcements;
  /** Issue 19: the delivery metrics' Targets and Thresholds (workspace.yaml `delivery`); absent: none drawn. */
  delivery?: DeliveryGoals;
  regions: Region[];
  policies: PackagePolicy[];
  packages: Package[];
  windows: Window[];
  freezes: Freeze[];
  patterns: Record<string, string>;
  /** commands.yaml's `values`: where each placeholder gets its value (absent: only the built-in ones). */
  values?: Record<string, ValueSource>;
  commands: CommandTemplate[];
  metrics: MetricDefinition[];
  rollbackCriteria: RollbackCriterion[];
  /** How old a baseline may be before a deploy (metrics.yaml); absent: no limit. */
  baselineMaxAgeMinutes?: number | undefined;
  /** Who may start, retry, skip or abort a rollback; null: anyone. */
  rollbackRoles: string[] | null;
  /** Minutes the metrics stay back under the criteria before a rollback's "Service restored" (shared/rollback/restored.ts); absent: its default. */
  recoveryMinutes?: number;
  /** Issue 19: the severity scale and deadline of a fix forward (rollback.yaml); absent: fixing forward is not allowed. */
  fixForward?: FixForwardPolicy;
  releaseTypes: ReleaseType[];
  releases: Release[];
  /** releases.yaml's `handoverMoves`: who may move a handover to each status; a status none names is anyone's. */
  handoverMoves?: HandoverMove[];
  runbooks: Runbook[];
}

export interface WorkspaceError {
  /** Path relative to the workspace folder, e.g. "runbooks/production-rollout.yaml". */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** A sentence saying what is wrong and what was expected. */
  message: string;
}

/** Never a half-loaded workspace: either all of it, or every error found. */
export type WorkspaceLoadResult = { ok: true; workspace: Workspace } | { ok: false; errors: WorkspaceError[] };

export interface WorkspaceIndex {
  regions: Map<string, Region>;
  policies: Map<string, PackagePolicy>;
  packages: Map<string, Package>;
  windows: Map<string, Window>;
  freezes: Map<string, Freeze>;
  commands: Map<string, CommandTemplate>;
  metrics: Map<string, MetricDefinition>;
  releaseTypes: Map<string, ReleaseType>;
  releases: Map<string, Release>;
  runbooks: Map<string, Runbook>;
}

const indexes = new WeakMap<Workspace, WorkspaceIndex>();

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

/** Lookups by id, built once per workspace object (rules are evaluated many times per render). */
export function indexWorkspace(workspace: Workspace): WorkspaceIndex {
  let index = indexes.get(workspace);
  if (!index) {
    index = {
      regions: byKey(workspace.regions, (r) => r.id),
      policies: byKey(workspace.policies, (p) => p.id),
      packages: byKey(workspace.packages, (p) => p.name),
      windows: byKey(workspace.windows, (w) => w.id),
      freezes: byKey(workspace.freezes, (f) => f.id),
      commands: byKey(workspace.commands, (c) => c.id),
      metrics: byKey(workspace.metrics, (m) => m.id),
      releaseTypes: byKey(workspace.releaseTypes, (t) => t.id),
      releases: byKey(workspace.releases, (r) => r.id),
      runbooks: byKey(workspace.runbooks, (r) => r.id),
    };
    indexes.set(workspace, index);
  }
  return index;
}

/**
 * Puts new freeze objects (a calendar read again) in place of the workspace's ones with the same ids, in
 * its array and its index, so every holder of this workspace decides with them at once. New objects, never
 * the old ones changed: the rules memoise each freeze's frozen days by the object (shared/rules/freeze.ts).
 */
export function replaceFreezes(workspace: Workspace, freezes: readonly Freeze[]): void {
  const index = indexes.get(workspace);
  for (const freeze of freezes) {
    const at = workspace.freezes.findIndex((f) => f.id === freeze.id);
    if (at < 0) throw new Error(`The workspace has no freeze ${freeze.id} to replace.`);
    workspace.freezes[at] = freeze;
    index?.freezes.set(freeze.id, freeze);
  }
}

export function stepsOf(runbook: Runbook): Step[] {
  return runbook.gates.flatMap((gate) => gate.steps);
}

/** A release's step by id, from its runbook; undefined where the workspace has no such release, runbook or step. */
export function stepOfRelease(workspace: Workspace, releaseId: string, stepId: string): Step | undefined {
  const index = indexWorkspace(workspace);
  const runbook = index.runbooks.get(index.releases.get(releaseId)?.runbook ?? '');
  return runbook ? stepsOf(runbook).find((s) => s.id === stepId) : undefined;
}

/** The regions a step runs in; a step without a region scope runs once, not per region. */
export function regionsOfStep(step: Step, workspace: Workspace): string[] {
  if (!step.regions) return [];
  return step.regions.ids === 'all' ? workspace.regions.map((r) => r.id) : step.regions.ids;
}

export interface MetricEndpoint {
  profile: string;
  awsRegion: string;
  regions: string[];
}

/** Metrics are fetched per endpoint (AWS profile × AWS region), shared by the regions that live there. */
export function metricEndpoints(workspace: Workspace): MetricEndpoint[] {
  const endpoints = new Map<string, MetricEndpoint>();
  for (const region of workspace.regions) {
    const key = `${region.profile}\u0000${region.awsRegion}`;
    const endpoint = endpoints.get(key) ?? { profile: region.profile, awsRegion: region.awsRegion, regions: [] };
    endpoint.regions.push(region.id);
    endpoints.set(key, endpoint);
  }
  return [...endpoints.values()];
}
