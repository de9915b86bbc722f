import type { ReleaseDefinition } from '../engine/events';
import type { ReleaseRecord, VersionChange, WorldState } from '../engine/state';
import { computeStepStates } from '../engine/stepStates';
import { liveRelease, progressOf } from '../engine/live';
import { indexWorkspace, type HandoverStatus, type Release, type Workspace } from '../workspace/workspace';
import type { RollbackRecord } from '../rollback/record';

/**
 * Issue 17, "True exports": what a release actually did, region by region, worked out from its log (the
 * handover statuses, the versions its own commands left, its rollbacks, its steps), never from a screen.
 * The deployment log and the announcements both read this one answer.
 */

/** Seed 000: a handover that fails PE review is unlinked from the release; it is left out, not a failure of it. */
const PULLED: Partial<Record<HandoverStatus, string>> = { 'Failed P.E Review': 'pulled at PE review: Failed P.E Review' };

export interface DeployedPackage {
  handover: string;
  name: string;
  /** The version it replaced; null for a new package. */
  from: string | null;
  to: string;
  /** The workspace's `commit` for this package version; absent when none is given. */
  commit?: string;
}

/** A package this release deployed in a region and then rolled back: `now` is what its rollback left (null: removed). */
export interface RolledBackPackage extends DeployedPackage {
  now: string | null;
}

export interface RegionDeployment {
  regionId: string;
  /** Packages this release deployed there and that still run their new version. */
  deployed: DeployedPackage[];
  /** Packages this release deployed there and then rolled back (or removed). */
  rolledBack: RolledBackPackage[];
}

export type HandoverOutcome = 'pulled' | 'not deployed' | 'deployed' | 'rolling back' | 'rollback stopped' | 'rolled back' | 'partly rolled back';

export interface HandoverDeployment {
  id: string;
  title: string;
  status: HandoverStatus;
  outcome: HandoverOutcome;
  /** Why it is not part of the release; null when it is. */
  excludedBecause: string | null;
  /** Regions where this release left at least one of its packages on the new version. */
  deployedIn: string[];
  /** Regions where this release rolled at least one of its packages back. */
  rolledBackIn: string[];
  /** Packages that cannot be named with a version, each with what is known and why. */
  unversioned: string[];
  /** Every package as far as it is known: "name version", or what is known and why not. */
  known: string[];
}

export type DeploymentStatus = 'success' | 'in-progress' | 'failed' | 'rolling-back' | 'rolled-back' | 'partially-rolled-back';

export interface ReleaseDeployment {
  releaseId: string;
  status: DeploymentStatus;
  handovers: HandoverDeployment[];
  /** Every region this release changed, in the workspace's order. */
  regions: RegionDeployment[];
  /** The included packages still running their new version in at least one region, once each. */
  packages: DeployedPackage[];
  steps: { total: number; done: number; failed: number };
  /** The first and last moment the release's steps and commands are on record; null before any. */
  startedAt: number | null;
  lastActivityAt: number | null;
  /** Who started the release's first deploy step (else its first step on record): the deployment's owner, whoever exports later. */
  startedBy: string | null;
}

export interface DeploymentInput {
  workspace: Workspace;
  release: Release;
  record: ReleaseRecord;
  world: WorldState;
  now: number;
  /**
   * Issue 19: set for a release read from its logged definition (History), whose handovers' target regions
   * it names. Its steps are its runbook's as the workspace has it today, which it may never have gone
   * through, so it is complete when every included handover runs its new version in all its targets.
   */
  targets?: ReleaseDefinition['targets'];
}

export function releaseDeployment({ workspace, release, record, world, now, targets }: DeploymentInput): ReleaseDeployment {
  const live = liveRelease(release, record);
  const regionOrder = workspace.regions.map((r) => r.id);
  const regions = new Map<string, RegionDeployment>();
  const handovers: HandoverDeployment[] = [];
  const packages: DeployedPackage[] = [];

  for (const ho of live.handovers) {
    const excludedBecause = PULLED[ho.status] ?? null;
    const known = ho.packages.map((p) => (p.newVersion !== undefined ? `${p.name} ${p.newVersion}` : `${p.name}${p.currentVersion ? ` ${p.currentVersion}` : ''} (no new version given)`));
    const unversioned = known.filter((_, i) => ho.packages[i]!.newVersion === undefined);
    if (excludedBecause) {
      handovers.push({ id: ho.id, title: ho.title, status: ho.status, outcome: 'pulled', excludedBecause, deployedIn: [], rolledBackIn: [], unversioned, known });
      continue;
    }
    const deployedIn = new Set<string>();
    const rolledBackIn = new Set<string>();
    for (const pkg of ho.packages) {
      if (pkg.newVersion === undefined) continue;
      const entry: DeployedPackage = { handover: ho.id, name: pkg.name, from: pkg.currentVersion ?? null, to: pkg.newVersion, ...(pkg.commit !== undefined ? { commit: pkg.commit } : {}) };
      let running = false;
      for (const regionId of regionOrder) {
        const changes = record.versionChanges.filter((c) => c.region === regionId && c.package === pkg.name);
        const reached = changes.some((c) => c.rollback === null && c.version === pkg.newVersion);
        if (!reached) continue;
        const last = changes.at(-1) as VersionChange;
        const region = regionOf(regions, regionId);
        if (last.version === pkg.newVersion) {
          region.deployed.push(entry);
          deployedIn.add(regionId);
          running = true;
        } else if (last.rollback !== null) {
          region.rolledBack.push({ ...entry, now: last.version });
          rolledBackIn.add(regionId);
        }
      }
      if (running) packages.push(entry);
    }
    const run = record.rollbacks[ho.id] ?? null;
    handovers.push({ id: ho.id, title: ho.title, status: ho.status, outcome: outcomeOf(run, deployedIn, rolledBackIn), excludedBecause: null, deployedIn: ordered(deployedIn, regionOrder), rolledBackIn: ordered(rolledBackIn, regionOrder), unversioned, known });
  }

  const instances = computeStepStates({ workspace, release: live, progress: progressOf(record, world), now });
  const steps = { total: instances.length, done: instances.filter((s) => s.state.status === 'done').length, failed: instances.filter((s) => s.state.status === 'failed').length };
  const times = [...Object.values(record.steps).map((s) => s.at), ...Object.values(record.runs).flat().flatMap((r) => [r.startedAt, r.endedAt]), ...record.versionChanges.map((c) => c.at)];
  return {
    releaseId: release.id,
    status: statusOf(handovers, steps, targets),
    handovers,
    regions: regionOrder.flatMap((id) => regions.get(id) ?? []),
    packages,
    steps,
    startedAt: times.length ? Math.min(...times) : null,
    lastActivityAt: times.length ? Math.max(...times) : null,
    startedBy: deploymentOwner(workspace, live, record),
  };
}

function regionOf(regions: Map<string, RegionDeployment>, regionId: string): RegionDeployment {
  let region = regions.get(regionId);
  if (!region) regions.set(regionId, (region = { regionId, deployed: [], rolledBack: [] }));
  return region;
}

function ordered(ids: ReadonlySet<string>, order: readonly string[]): string[] {
  return order.filter((id) => ids.has(id));
}

function outcomeOf(run: RollbackRecord | null, deployedIn: ReadonlySet<string>, rolledBackIn: ReadonlySet<string>): HandoverOutcome {
  if (run?.status === 'running') return 'rolling back';
  if (run?.status === 'failed') return 'rollback stopped';
  if (rolledBackIn.size) return deployedIn.size ? 'partly rolled back' : 'rolled back';
  return deployedIn.size ? 'deployed' : 'not deployed';
}

/**
 * A pulled handover is not the release's failure. A rollback is said as what it is (running, whole, or
 * partial); a failed step that nothing rolled back is a failure; all steps done is a success.
 */
function statusOf(handovers: readonly HandoverDeployment[], steps: ReleaseDeployment['steps'], targets?: ReleaseDefinition['targets']): DeploymentStatus {
  const included = handovers.filter((h) => h.excludedBecause === null);
  if (included.some((h) => h.outcome === 'rolling back')) return 'rolling-back';
  if (included.some((h) => h.outcome === 'rollback stopped')) return 'failed';
  const rolledBack = included.filter((h) => h.outcome === 'rolled back' || h.outcome === 'partly rolled back');
  if (rolledBack.length) {
    const reached = included.filter((h) => h.outcome !== 'not deployed');
    return rolledBack.length === reached.length && rolledBack.every((h) => h.outcome === 'rolled back') ? 'rolled-back' : 'partially-rolled-back';
  }
  if (steps.failed > 0) return 'failed';
  if (targets && included.length > 0 && included.every((h) => reachedTargets(h, targets[h.id]))) return 'success';
  return steps.total > 0 && steps.done === steps.total ? 'success' : 'in-progress';
}

function reachedTargets(handover: HandoverDeployment, target: ReleaseDefinition['targets'][string] | undefined): boolean {
  const regions = target ? [...target.staging, ...target.production] : [];
  return regions.length > 0 && regions.every((region) => handover.deployedIn.includes(region));
}

/** Seed 002's `version`: the versions of the packages deployed, named, since a release carries several. */
export function versionLine(packages: readonly DeployedPackage[]): string {
  return packages.map((p) => `${p.name} ${p.to}`).join(', ');
}

/** Seed 002's `commit`: from the packages' own commits; null when none gives one, so the field is left out. */
export function commitLine(packages: readonly DeployedPackage[]): string | null {
  const withCommit = packages.filter((p) => p.commit !== undefined);
  if (withCommit.length === 0) return null;
  if (packages.length === 1) return withCommit[0]!.commit!;
  return withCommit.map((p) => `${p.name} ${p.commit}`).join(', ');
}

/**
 * Who runs the deployment: whoever started its first step that changes production (seed 001's "Owner:
 * @sam" is the engineer who deployed, not the developer who checked readiness, nor whoever exports).
 * Before any deploy, whoever did its first step.
 */
function deploymentOwner(workspace: Workspace, release: Release, record: ReleaseRecord): string | null {
  const runbook = indexWorkspace(workspace).runbooks.get(release.runbook);
  const deploys = new Set(runbook?.gates.flatMap((gate) => gate.steps).filter((step) => step.deploys).map((step) => step.id) ?? []);
  const done = Object.entries(record.steps)
    .filter(([, step]) => step.by !== undefined)
    .sort(([, a], [, b]) => a.at - b.at);
  const first = done.find(([key]) => deploys.has(key.split('@')[0]!)) ?? done[0];
  return first?.[1].by ?? null;
}
