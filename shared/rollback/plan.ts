import { commandValues, fillCommandTemplate, valueSourceOf } from '../workspace/commandTemplate';
import type { CommandTemplate, Handover, HandoverStatus, Package, Release, Step, Workspace, WorkspaceIndex } from '../workspace/workspace';
import { indexWorkspace, stepsOf } from '../workspace/workspace';
import { PLACEHOLDER } from '../workspace/schema/commands';

/** The slice of a release record a plan reads: what runs where, maintenance mode, HO statuses, deploy runs. */
export interface RollbackState {
  /** Region → package → version the console's own deploy and rollback steps left running. */
  deployed: Readonly<Record<string, Readonly<Record<string, string>>>>;
  maintenance: Readonly<Record<string, boolean>>;
  handovers: Readonly<Record<string, { status: HandoverStatus; history?: readonly HandoverStatus[] }>>;
  /** Command runs by step instance: when each region got the HO tells the order to undo it in. */
  runs?: Readonly<Record<string, ReadonlyArray<{ commandId: string; argv: readonly string[]; regionId: string | null; exitCode: number; startedAt: number }>>>;
  /** Step instances by `${stepId}@${regionId}`: a deploying step still running means the HO may be half there. */
  steps?: Readonly<Record<string, { status: string }>>;
  /** The release's region back-outs, by region: which handovers each rolled back there. */
  backOuts?: Readonly<Record<string, { regionId: string; handovers: readonly string[] }>>;
}

/** `undo`: a command that takes back a step's own command (seed 004's disable-flag for a flag it enabled). */
export type RollbackStepKind = 'maintenance-on' | 'undo' | 'rollback' | 'remove' | 'verify' | 'maintenance-off';

export interface RollbackPlanStep {
  /** `${regionId}/${kind}/${package}`: stable, so progress can be kept against it. */
  id: string;
  regionId: string;
  kind: RollbackStepKind;
  package: string | null;
  fromVersion: string | null;
  /** null when the step removes a package that was new in the HO. */
  toVersion: string | null;
  commandId: string;
  argv: string[];
  title: string;
  note: string | null;
}

export interface RollbackRegionPlan {
  regionId: string;
  environment: 'production' | 'staging';
  /** When the HO's packages were last deployed here (from the runs), null when only the runbook tells the order. */
  deployedAt: number | null;
  packages: { name: string; from: string; to: string | null }[];
  /** Seed 000: maintenance mode where a package needs it; the plan turns it on (and off again) itself. */
  maintenance: 'enable' | 'already-on' | 'not-needed';
  steps: RollbackPlanStep[];
}

export interface RollbackFlag {
  package: string | null;
  regionId: string | null;
  reason: string;
}

export interface RollbackStatusPath {
  /** Where the HO moves when the rollback starts. */
  start: HandoverStatus;
  /** Seed 000: after production, the stage rollback; null on the stage-only path. */
  afterProduction: HandoverStatus | null;
  end: HandoverStatus;
}

export interface RollbackPlan {
  releaseId: string;
  handoverId: string;
  handoverStatus: HandoverStatus;
  path: RollbackStatusPath | null;
  /** Region by region, in the order they run: production before stage, newest deploy first. */
  regions: RollbackRegionPlan[];
  /** Anything that must be fixed before the plan may run (seed 000: a new package without rollback instructions). */
  flags: RollbackFlag[];
  notes: string[];
  canStart: boolean;
}

/** Seed 000's failure paths: a production failure is rolled back on Production and on Stage. */
const PRODUCTION_PATH: RollbackStatusPath = { start: 'Production Rollback Required', afterProduction: 'Stage Rollback Required', end: 'Failed Production Rollout' };
const STAGE_PATH: RollbackStatusPath = { start: 'Stage Rollback Required', afterProduction: null, end: 'Failed Stage Rollout' };

/** Every status a rollback may move its handover to, as whoever started it (decideRollback.ts). */
export const ROLLBACK_MOVES: readonly HandoverStatus[] = [...new Set([PRODUCTION_PATH, STAGE_PATH].flatMap((path) => [path.start, path.afterProduction, path.end].filter((to) => to !== null)))];

function statusPath(status: HandoverStatus, history: readonly HandoverStatus[]): RollbackStatusPath | null {
  // A copy each time: the plan's path goes into the run's record.
  const production = { ...PRODUCTION_PATH };
  const stage = { ...STAGE_PATH };
  switch (status) {
    case 'Ready for Production':
    case 'Rollout Complete':
    case 'Production Rollback Required':
      return production;
    case 'Ready for P.E Review':
    case 'Released to Stage':
      return stage;
    case 'Stage Rollback Required':
      return history.includes('Production Rollback Required') ? production : stage;
    default:
      return null;
  }
}

export function needsMaintenanceMode(pkg: Package | undefined, workspace: Workspace): boolean {
  if (!pkg) return false;
  return pkg.needsMaintenanceMode || indexWorkspace(workspace).policies.get(pkg.policy)?.needsMaintenanceMode === true;
}

function placeholders(template: CommandTemplate): Set<string> {
  return new Set(template.argv.flatMap((entry) => PLACEHOLDER.exec(entry)?.slice(1, 2) ?? []));
}

/**
 * The steps of the release the plan is for, in runbook order; none when the workspace has no such runbook. Read
 * from the release handed in (stepOfRelease would look its id up in the workspace instead).
 */
function releaseSteps(index: WorkspaceIndex, release: Release): Step[] {
  const runbook = index.runbooks.get(release.runbook);
  return runbook ? stepsOf(runbook) : [];
}

/** The workspace's own verification: the check a command step of the runbook runs per package after deploying. */
function verificationTemplate(workspace: Workspace, release: Release): CommandTemplate | null {
  const index = indexWorkspace(workspace);
  const steps = releaseSteps(index, release);
  for (const step of steps) {
    if (step.kind !== 'command' || step.forEach !== 'package') continue;
    const template = index.commands.get(step.command);
    if (template?.purpose === 'check' && placeholders(template).has('package')) return template;
  }
  return null;
}

/** The rollback command for a region's environment: seed 002's switch back to blue is production's, not staging's. */
function rollbackTemplate(workspace: Workspace, environment?: 'production' | 'staging'): CommandTemplate | null {
  const rollbacks = workspace.commands.filter((c) => c.purpose === 'rollback' && (environment === undefined || c.environments === undefined || c.environments.includes(environment)));
  return rollbacks.find((c) => c.effect === 'version') ?? rollbacks.find((c) => placeholders(c).has('package') && placeholders(c).has('version')) ?? null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Seed 000: a new package has no previous version, so its removal comes from the HO's rollback
 * instructions ("deploy rollback cdr-export-lambda 0.0.0 … removes the function"): the line that names
 * the package followed by a version-like word (with a digit, so "the cdr-export-lambda trigger" is not one).
 */
export function removalFromInstructions(ho: Handover, packageName: string): { instruction: string; version: string | null } | null {
  const named = new RegExp(`(?:^|[^a-z0-9._-])${escapeRegExp(packageName)}(?![a-z0-9._-])`);
  const followed = new RegExp(`(?:^|[^a-z0-9._-])${escapeRegExp(packageName)}\\s+([0-9A-Za-z][0-9A-Za-z.+_-]*)`, 'g');
  let mention: string | null = null;
  for (const line of ho.rollback) {
    if (!named.test(line)) continue;
    mention ??= line;
    for (const match of line.matchAll(followed)) {
      const version = match[1]!.replace(/\.$/, '');
      if (/[0-9]/.test(version)) return { instruction: line, version };
    }
  }
  return mention === null ? null : { instruction: mention, version: null };
}

const VERSION_FIELDS = new Set(['newVersion', 'currentVersion', 'commit', 'version']);

/**
 * The argv entries that name one of the HO's packages: its name, and every value a package placeholder
 * takes for it. Seed 001's deploy names `deployment/api-server-canary` and `api-server=…:v1.2.3`, never
 * the bare package name, and is still the HO's deploy.
 */
export function handoverPackageArgs(workspace: Workspace, ho: Handover): Set<string> {
  const index = indexWorkspace(workspace);
  const args = new Set<string>();
  for (const version of ho.packages) {
    args.add(version.name);
    const context = { package: { definition: index.packages.get(version.name), version } };
    for (const template of workspace.commands) {
      for (const [name, value] of Object.entries(commandValues(workspace, template.argv, context))) {
        const source = valueSourceOf(workspace, name);
        // A bare version ("4.13.0") could be another package's; a name, deployment or image is this one's.
        if (value !== undefined && source?.from === 'package' && !VERSION_FIELDS.has(source.field ?? name)) args.add(value);
      }
    }
  }
  return args;
}

/** When each region last got one of the HO's packages, from the console's own successful deploy runs. */
function deployTimes(workspace: Workspace, ho: Handover, state: RollbackState): Map<string, number> {
  const index = indexWorkspace(workspace);
  const names = handoverPackageArgs(workspace, ho);
  const times = new Map<string, number>();
  for (const run of Object.values(state.runs ?? {}).flat()) {
    if (run.regionId === null || run.exitCode !== 0 || index.commands.get(run.commandId)?.purpose !== 'deploy') continue;
    if (!run.argv.some((arg) => names.has(arg))) continue;
    times.set(run.regionId, Math.max(times.get(run.regionId) ?? 0, run.startedAt));
  }
  return times;
}

/**
 * A region's packages in the order to undo them: those a later step of the runbook deployed first (seed 003:
 * "infrastructure changes first … followed by application rollouts", so the application goes back first);
 * packages one step deployed keep the handover's order.
 */
function undoOrder<P extends { name: string }>(workspace: Workspace, release: Release, regionId: string, state: RollbackState, packages: P[]): P[] {
  const index = indexWorkspace(workspace);
  const position = new Map(releaseSteps(index, release).map((step, i) => [step.id, i]));
  const deployedBy = new Map<string, number>();
  for (const [key, runs] of Object.entries(state.runs ?? {})) {
    const at = position.get(key.slice(0, key.lastIndexOf('@')));
    if (at === undefined) continue;
    for (const run of runs) {
      if (run.regionId !== regionId || run.exitCode !== 0 || index.commands.get(run.commandId)?.purpose !== 'deploy') continue;
      for (const pkg of packages) if (run.argv.includes(pkg.name)) deployedBy.set(pkg.name, Math.max(deployedBy.get(pkg.name) ?? -1, at));
    }
  }
  return [...packages].sort((a, b) => (deployedBy.get(b.name) ?? -1) - (deployedBy.get(a.name) ?? -1));
}

/** Where each region's first deploying step sits in the runbook: the rollout's intended order. */
function runbookOrder(workspace: Workspace, release: Release): Map<string, number> {
  const index = indexWorkspace(workspace);
  const order = new Map<string, number>();
  const steps = releaseSteps(index, release);
  steps.forEach((step, position) => {
    if (!step.deploys || !step.regions) return;
    const ids = step.regions.ids === 'all' ? workspace.regions.map((r) => r.id) : step.regions.ids;
    for (const id of ids) if (!order.has(id)) order.set(id, position);
  });
  return order;
}

/**
 * Regions where a deploying step of the release is running now. Its packages may already be partly
 * applied, so such a region counts as reached: refusing the rollback there would leave it half-deployed.
 */
export function deployingRegions(workspace: Workspace, release: Release, state: RollbackState): Set<string> {
  const deploys = deployingStepIds(workspace, release);
  const regions = new Set<string>();
  for (const [key, record] of Object.entries(state.steps ?? {})) {
    const at = key.lastIndexOf('@');
    if (record.status !== 'running' || at < 0) continue;
    if (deploys.has(key.slice(0, at))) regions.add(key.slice(at + 1));
  }
  return regions;
}

/** The ids of the release's steps that deploy (their runs are keyed `${stepId}@${regionId}`). */
function deployingStepIds(workspace: Workspace, release: Release): Set<string> {
  return new Set(releaseSteps(indexWorkspace(workspace), release).filter((step) => step.deploys).map((step) => step.id));
}

/** The release's command steps done in a region whose command names an `undo` (seed 004's flag enable). */
function undoableSteps(workspace: Workspace, release: Release, regionId: string, state: RollbackState): Extract<Step, { kind: 'command' }>[] {
  const index = indexWorkspace(workspace);
  const steps = releaseSteps(index, release);
  return steps.flatMap((step) => {
    if (step.kind !== 'command') return [];
    const undo = index.commands.get(step.command)?.undo;
    if (undo === undefined || !index.commands.has(undo)) return [];
    return state.steps?.[`${step.id}@${regionId}`]?.status === 'done' ? [step] : [];
  });
}

interface Templates {
  rollback: CommandTemplate | null;
  verify: CommandTemplate | null;
  maintenanceOn: CommandTemplate | null;
  maintenanceOff: CommandTemplate | null;
}

function regionPlan(workspace: Workspace, release: Release, ho: Handover, regionId: string, state: RollbackState, templates: Templates, flags: RollbackFlag[], deploying: boolean): RollbackRegionPlan {
  const index = indexWorkspace(workspace);
  const region = index.regions.get(regionId)!;
  const running = state.deployed[regionId] ?? {};
  const reached = undoOrder(workspace, release, regionId, state, ho.packages.filter((p) => p.newVersion !== undefined && (deploying || running[p.name] === p.newVersion)));
  const base = { region: regionId, sibling: region.sibling, release: release.id, handover: ho.id };
  const steps: RollbackPlanStep[] = [];
  const fill = (template: CommandTemplate, values: Record<string, string | undefined>, pkg: string | null, step: Step | null = null): string[] | null => {
    const version = pkg === null ? undefined : ho.packages.find((p) => p.name === pkg);
    const context = { release, region, step, handover: ho, package: pkg === null ? undefined : { definition: index.packages.get(pkg), version } };
    // The plan's own values (the version to go back to) win over where commands.yaml says they come from.
    const filled = fillCommandTemplate(template.argv, { ...base, ...commandValues(workspace, template.argv, context), ...values }, workspace.patterns);
    if (filled.ok) return filled.argv;
    flags.push({ package: pkg, regionId, reason: `${template.title} in ${regionId}: ${filled.error}` });
    return null;
  };

  const needing = reached.filter((p) => needsMaintenanceMode(index.packages.get(p.name), workspace)).map((p) => p.name);
  const maintenance: RollbackRegionPlan['maintenance'] = needing.length === 0 ? 'not-needed' : state.maintenance[regionId] === true ? 'already-on' : 'enable';
  const sibling = region.sibling ? `traffic moves to ${region.sibling}` : 'the region has no sibling to take its traffic';
  if (maintenance === 'enable') {
    if (!templates.maintenanceOn || !templates.maintenanceOff) {
      flags.push({ package: null, regionId, reason: `${needing.join(', ')} need${needing.length === 1 ? 's' : ''} maintenance mode in ${regionId}, and the workspace has no command that turns it on and off.` });
    } else {
      const argv = fill(templates.maintenanceOn, {}, null);
      const note = `${needing.join(', ')} need${needing.length === 1 ? 's' : ''} maintenance mode: the rollback enables it (${sibling}) and disables it when ${regionId} is done.`;
      if (argv) steps.push({ id: `${regionId}/maintenance-on/`, regionId, kind: 'maintenance-on', package: null, fromVersion: null, toVersion: null, commandId: templates.maintenanceOn.id, argv, title: `Enable maintenance mode in ${regionId}`, note });
    }
  }

  // Seed 004: "Or use feature flag kill switch": what the release's own steps switched on here is switched
  // off first, with the values the step ran with, before the traffic goes back.
  if (reached.length > 0) {
    for (const step of undoableSteps(workspace, release, regionId, state)) {
      const undo = index.commands.get(index.commands.get(step.command)!.undo!)!;
      const argv = fill(undo, {}, null, step);
      if (argv) steps.push({ id: `${regionId}/undo/${step.id}`, regionId, kind: 'undo', package: null, fromVersion: null, toVersion: null, commandId: undo.id, argv, title: `${undo.title} in ${regionId} (undoes "${step.title}")`, note: null });
    }
  }

  const packages: RollbackRegionPlan['packages'] = [];
  const rollback = rollbackTemplate(workspace, region.environment);
  if (templates.rollback && !rollback && reached.length > 0) flags.push({ package: null, regionId, reason: `The workspace has no rollback command for ${region.environment} (every rollback command names other environments).` });
  for (const pkg of reached) {
    const from = pkg.newVersion!;
    if (!rollback) continue;
    if (pkg.currentVersion && !pkg.isNew) {
      const argv = fill(rollback, { package: pkg.name, version: pkg.currentVersion }, pkg.name);
      if (argv) steps.push({ id: `${regionId}/rollback/${pkg.name}`, regionId, kind: 'rollback', package: pkg.name, fromVersion: from, toVersion: pkg.currentVersion, commandId: rollback.id, argv, title: `Roll ${pkg.name} back from ${from} to ${pkg.currentVersion} in ${regionId}`, note: null });
      packages.push({ name: pkg.name, from, to: pkg.currentVersion });
      continue;
    }
    const removal = removalFromInstructions(ho, pkg.name);
    if (removal === null) {
      const why = ho.rollback.length === 0 ? `${ho.id} has no rollback instructions` : `${ho.id}'s rollback instructions do not mention it`;
      flags.push({ package: pkg.name, regionId, reason: `${pkg.name} is a new package (no previous version) and ${why}: seed 000 needs them before it can be removed from ${regionId}.` });
      continue;
    }
    if (removal.version === null) {
      flags.push({ package: pkg.name, regionId, reason: `${ho.id}'s rollback instructions name ${pkg.name} but not the command that removes it: "${removal.instruction}"` });
      continue;
    }
    const argv = fill(rollback, { package: pkg.name, version: removal.version }, pkg.name);
    if (argv) steps.push({ id: `${regionId}/remove/${pkg.name}`, regionId, kind: 'remove', package: pkg.name, fromVersion: from, toVersion: null, commandId: rollback.id, argv, title: `Remove ${pkg.name} ${from} from ${regionId} (new in ${ho.id})`, note: `${ho.id}'s rollback instructions: "${removal.instruction}"` });
    packages.push({ name: pkg.name, from, to: null });
  }

  if (templates.verify) {
    for (const pkg of packages) {
      const argv = fill(templates.verify, { package: pkg.name }, pkg.name);
      if (argv) steps.push({ id: `${regionId}/verify/${pkg.name}`, regionId, kind: 'verify', package: pkg.name, fromVersion: null, toVersion: pkg.to, commandId: templates.verify.id, argv, title: `Verify ${pkg.name} is ${pkg.to ?? 'gone'} in ${regionId}`, note: null });
    }
  }
  if (maintenance === 'enable' && templates.maintenanceOff) {
    const argv = fill(templates.maintenanceOff, {}, null);
    if (argv) steps.push({ id: `${regionId}/maintenance-off/`, regionId, kind: 'maintenance-off', package: null, fromVersion: null, toVersion: null, commandId: templates.maintenanceOff.id, argv, title: `Disable maintenance mode in ${regionId}`, note: null });
  }
  return { regionId, environment: region.environment, deployedAt: null, packages, maintenance, steps };
}

function templatesOf(workspace: Workspace, release: Release): Templates {
  return {
    rollback: rollbackTemplate(workspace),
    verify: verificationTemplate(workspace, release),
    maintenanceOn: workspace.commands.find((c) => c.effect === 'maintenance-on') ?? null,
    maintenanceOff: workspace.commands.find((c) => c.effect === 'maintenance-off') ?? null,
  };
}

const NO_ROLLBACK_COMMAND: RollbackFlag = { package: null, regionId: null, reason: 'The workspace has no rollback command (a command with purpose: rollback taking {package} and {version}).' };

/**
 * One handover's rollback in one region, whatever its status: what backing the region out runs for it
 * (rollback/backOut.ts). The region counts as reached as buildRollbackPlan counts it (a package still at its
 * new version there, or a deploy of the release running), but the status path is not asked: an aborted or
 * stopped rollback leaves its handover "Production Rollback Required" with packages still deployed, and a
 * back-out leaves nothing of the release in its region. null when nothing of the handover is there.
 */
export function buildRegionRollback(workspace: Workspace, release: Release, state: RollbackState, handoverId: string, regionId: string): { region: RollbackRegionPlan; flags: RollbackFlag[] } | null {
  const ho = release.handovers.find((h) => h.id === handoverId);
  if (!ho || !indexWorkspace(workspace).regions.has(regionId)) return null;
  const deploying = deployingRegions(workspace, release, state).has(regionId);
  if (!ho.packages.some((p) => p.newVersion !== undefined && (deploying || state.deployed[regionId]?.[p.name] === p.newVersion))) return null;
  const templates = templatesOf(workspace, release);
  const flags: RollbackFlag[] = templates.rollback ? [] : [NO_ROLLBACK_COMMAND];
  return { region: regionPlan(workspace, release, ho, regionId, state, templates, flags, deploying), flags };
}

/**
 * The regions where something of the handover is there to undo: a package running at its new version, or a deploy
 * of the release still running (it may be half applied). The stage-only path looks at staging regions only.
 */
function reachedRegions(workspace: Workspace, ho: Handover, state: RollbackState, deploying: ReadonlySet<string>, stageOnly: boolean): Workspace['regions'] {
  return workspace.regions
    .filter((r) => ho.packages.some((p) => p.newVersion !== undefined && (deploying.has(r.id) || state.deployed[r.id]?.[p.name] === p.newVersion)))
    .filter((r) => !stageOnly || r.environment === 'staging');
}

/**
 * Whether none of the handover's packages runs at its new version in any region, and no deploy of the release is
 * running: a rollback of it would run no command (a failed deploy's card says so beside seed 000's rule).
 */
export function runsInNoRegion(workspace: Workspace, release: Release, state: RollbackState, handoverId: string): boolean {
  const ho = release.handovers.find((h) => h.id === handoverId);
  return ho !== undefined && reachedRegions(workspace, ho, state, deployingRegions(workspace, release, state), false).length === 0;
}

/**
 * How a handover that runs nowhere now still failed in production: the regions a back-out took it out of, and those
 * where a deploy of one of its packages ended without leaving it there (seed 000's "Deployment Failure": a first
 * command that failed). Either way its failure is recorded by its moves, though there is nothing to roll back.
 */
interface Undone {
  backedOut: string[];
  failedDeploys: string[];
}

function undoneIn(workspace: Workspace, release: Release, ho: Handover, state: RollbackState): Undone {
  const backedOut = Object.values(state.backOuts ?? {})
    .filter((run) => run.handovers.includes(ho.id))
    .map((run) => run.regionId);
  const deploys = deployingStepIds(workspace, release);
  const names = new Set(ho.packages.filter((p) => p.newVersion !== undefined).map((p) => p.name));
  const failedDeploys = new Set<string>();
  for (const [key, runs] of Object.entries(state.runs ?? {})) {
    if (!deploys.has(key.slice(0, key.lastIndexOf('@')))) continue;
    for (const run of runs) if (run.exitCode !== 0 && run.regionId !== null && run.argv.some((arg) => names.has(arg))) failedDeploys.add(run.regionId);
  }
  return { backedOut, failedDeploys: [...failedDeploys].filter((regionId) => !backedOut.includes(regionId)) };
}

const isUndone = (undone: Undone) => undone.backedOut.length > 0 || undone.failedDeploys.length > 0;

/**
 * How a production failure with nothing to roll back is recorded, from where the handover stands on seed 000's path:
 * by moves still to make, or made. It does not name them: on the board card its moves are buttons right above it and
 * its status is the card's tag, the rollback dialog opens on its status, and the failed step's card opens the board. It
 * named the status and the next move ("it is "Production Rollback Required", and its next move is to "Stage Rollback
 * Required""), under the status and beside the button "Move to “Stage Rollback Required”"; after "Failed Production
 * Rollout" it said to record the failure through the moves just made.
 */
function failureRecord(status: HandoverStatus): string {
  const { start, afterProduction, end } = PRODUCTION_PATH;
  if (status === end) return 'Its failure is recorded on the board (seed 000).';
  if (status === start || status === afterProduction) return 'Its failure is being recorded by its moves on the board (seed 000).';
  return 'Its failure is to be recorded by its moves on the board instead (seed 000).';
}

/**
 * Issue 16: a rollback that runs nothing would still mark the HO failed. Whether nothing was ever deployed or
 * everything was rolled back or backed out already, what the world runs now is what counts: says why, and what
 * lets it start, or, for a handover a back-out took out, how its failure is recorded instead.
 */
function deployedNowhere(handoverId: string, status: HandoverStatus, stageOnly: boolean, undone: Undone): string {
  if (isUndone(undone) && !stageOnly) {
    const how = [
      ...(undone.backedOut.length > 0 ? [`the back-out of ${undone.backedOut.join(' and ')} rolled it back there`] : []),
      ...(undone.failedDeploys.length > 0 ? [`its deploy in ${undone.failedDeploys.join(' and ')} failed before it ran there`] : []),
    ];
    return `${handoverId} runs in no region now: ${how.join(', and ')}, so there is nothing left to roll back. ${failureRecord(status)}`;
  }
  const where = stageOnly ? 'no staging region' : 'no region';
  return `${handoverId} is deployed in ${where}: there is nothing to roll back, and its status stays "${status}". A rollback can start once one of its packages runs at its new version in a region, or while a deploy of it runs.`;
}

/**
 * Seed 000's "Failed on Production": "Production Rollback Required" is for a handover that is there to roll back.
 * Why a handover may not be moved there now (it is deployed in no region), or null: `decide` asks it of a move
 * to that status, as buildRollbackPlan refuses a rollback that would run nothing, in the same words.
 */
export function productionRollbackRefusal(workspace: Workspace, release: Release, state: RollbackState, handoverId: string): string | null {
  const ho = release.handovers.find((h) => h.id === handoverId);
  if (!ho) return null;
  if (reachedRegions(workspace, ho, state, deployingRegions(workspace, release, state), false).length > 0) return null;
  // One a back-out took out, or whose deploy failed, did fail in production: this move is how that is recorded (seed 000), not a rollback.
  const undone = undoneIn(workspace, release, ho, state);
  if (isUndone(undone)) return null;
  return deployedNowhere(ho.id, state.handovers[ho.id]?.status ?? ho.status, false, undone);
}

/**
 * Seed 000's "Failed on Production": every package of the HO, in every region it reached, rolled back in
 * the reverse order of the rollout, production before stage; maintenance mode where a package needs it,
 * the workspace's verification after. Pure: the state is handed in, nothing runs here.
 */
export function buildRollbackPlan(workspace: Workspace, release: Release, state: RollbackState, handoverId: string): RollbackPlan {
  const ho = release.handovers.find((h) => h.id === handoverId);
  if (!ho) return { releaseId: release.id, handoverId, handoverStatus: 'Draft', path: null, regions: [], flags: [{ package: null, regionId: null, reason: `There is no handover ${handoverId} in ${release.id}.` }], notes: [], canStart: false };
  const status = state.handovers[ho.id]?.status ?? ho.status;
  const path = statusPath(status, state.handovers[ho.id]?.history ?? []);
  const flags: RollbackFlag[] = [];
  const notes: string[] = [];
  if (!path) flags.push({ package: null, regionId: null, reason: `${ho.id} is "${status}": a rollback starts from "Ready for Production" or "Rollout Complete" (production) or "Released to Stage" (stage).` });

  const templates = templatesOf(workspace, release);
  if (!templates.rollback) flags.push(NO_ROLLBACK_COMMAND);
  if (!templates.verify) notes.push('The runbook has no per-package check command, so the rollback has no verification step; check the versions by hand.');

  const stageOnly = path !== null && path.afterProduction === null;
  const times = deployTimes(workspace, ho, state);
  const runbook = runbookOrder(workspace, release);
  const position = new Map(workspace.regions.map((r, i) => [r.id, i]));
  const deploying = deployingRegions(workspace, release, state);
  const reached = reachedRegions(workspace, ho, state, deploying, stageOnly)
    .sort((a, b) => {
      // Production before stage (seed 000), then the newest deploy first: undo in reverse.
      if (a.environment !== b.environment) return a.environment === 'production' ? -1 : 1;
      const byTime = (times.get(b.id) ?? -1) - (times.get(a.id) ?? -1);
      if (byTime !== 0) return byTime;
      const byRunbook = (runbook.get(b.id) ?? -1) - (runbook.get(a.id) ?? -1);
      return byRunbook !== 0 ? byRunbook : position.get(b.id)! - position.get(a.id)!;
    });
  if (reached.length === 0) flags.push({ package: null, regionId: null, reason: deployedNowhere(ho.id, status, stageOnly, undoneIn(workspace, release, ho, state)) });
  const stillDeploying = reached.filter((r) => deploying.has(r.id)).map((r) => r.id);
  if (stillDeploying.length) notes.push(`A deploy is still running in ${stillDeploying.join(', ')}: it counts as reached, so the rollback undoes ${ho.id}'s packages there too.`);
  if (path?.afterProduction && !workspace.regions.some((r) => r.environment === 'staging')) {
    notes.push('This workspace has no staging region: the stage rollback has nothing to run here and is done on the stage environment by hand.');
  }
  const regions = reached.map((r) => ({ ...regionPlan(workspace, release, ho, r.id, state, templates, flags, deploying.has(r.id)), deployedAt: times.get(r.id) ?? null }));
  return { releaseId: release.id, handoverId: ho.id, handoverStatus: status, path, regions, flags, notes, canStart: flags.length === 0 };
}
