import type { Release, Step, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { stepPackages } from '../engine/stepPackages';
import { isFailed } from '../handover/status';
import { isPartlyDeployedIn } from '../engine/deployedWhere';
import type { WorldState } from '../engine/state';
import { stepCommands } from './stepCommands';

/** What a failed deploy step means for the release, in seed 000's words, and the handovers it concerns. */
export interface FailedDeploy {
  /** Seed 000's rule for this failure, as a sentence the PE reads beside the step. */
  rule: string;
  /** The live handovers with a package this step deploys: each is rolled back whole. */
  handoverIds: string[];
}

/**
 * Seed 000, "Failed on Stage / Failed on Production — Deployment Failure": the entire handover is rolled back
 * (its packages are assumed interdependent), on Production and Stage when it failed in production, and its
 * error output goes in the HO's comments. Null for a step that deploys nothing: a failed maintenance switch
 * or check is retried, not rolled back; and for one whose failed handover is already on its failure path.
 */
export function failedDeploy(
  workspace: Workspace,
  release: Release,
  step: Step,
  regionId: string | null,
  failure: { note: string | null; world: WorldState; runsNowhere?: readonly string[] } | null = null,
): FailedDeploy | null {
  if (!step.deploys) return null;
  const index = indexWorkspace(workspace);
  const packages = stepPackages(workspace, release, step);
  const candidates = release.handovers.filter((ho) => !isFailed(ho.status) && ho.packages.some((p) => packages.includes(p.name)));
  if (candidates.length === 0) return null;
  const handoverIds = reached(workspace, release, step, regionId, candidates, failure) ?? candidates.map((ho) => ho.id);
  if (handoverIds.length === 0) return null;
  const production = (regionId ? index.regions.get(regionId)?.environment : undefined) !== 'staging';
  const where = production ? ' on Production and on Stage' : '';
  const whole = handoverIds.length === 1 ? `the whole of ${handoverIds[0]} is rolled back${where}` : `each of ${handoverIds.join(', ')} is rolled back whole${where}`;
  const rule = `A failed deployment: ${whole} (its packages are assumed interdependent) and its error output goes in the HO's comments.`;
  return { rule: `${rule}${nothingToRunBack(handoverIds.filter((id) => failure?.runsNowhere?.includes(id)))}`, handoverIds };
}

/**
 * Beside the rule, a handover with nothing left to roll back (its deploy failed before it ran anywhere, or a back-out
 * took it out) read as a contradiction: "the whole of HO-1234 is rolled back" over "there is nothing left to roll
 * back". The rule's usual case runs commands in the regions the handover reached; this one has none to run. Why, and
 * how its failure is recorded instead, is the refusal's beside it (shared/rollback/plan.ts), said once: the rule said
 * "HO-1234 runs in no region now … the rollback is its moves on the board" above the refusal's "HO-1234 runs in no
 * region now … its moves on the board".
 */
function nothingToRunBack(ids: readonly string[]): string {
  if (ids.length === 0) return '';
  return ` Usually that runs commands in each region the handover reached; for ${ids.join(' and ')} there is none to run.`;
}

/**
 * The handovers the failed run reached in the region: the one whose command failed (its argv opens the
 * failure's note) and any whose packages already run there at their new version. Null when neither can be
 * told (no note, a single run for the whole release): then every handover the step deploys. None when the
 * one whose command failed is no longer live (moved on its failure path, seed 000) and no other was reached:
 * the failure is not the others' to roll back.
 */
function reached(workspace: Workspace, release: Release, step: Step, regionId: string | null, candidates: readonly Release['handovers'][number][], failure: { note: string | null; world: WorldState } | null): string[] | null {
  if (!failure || regionId === null) return null;
  const failing = failingHandover(workspace, release, step, regionId, failure.note);
  const ids = candidates.filter((ho) => ho.id === failing || isPartlyDeployedIn(ho, failure.world, regionId)).map((ho) => ho.id);
  if (ids.length > 0) return ids;
  return failing !== undefined && !candidates.some((ho) => ho.id === failing) ? [] : null;
}

/**
 * The handover whose command failed: a live one's run is the step's own command line that opens the note; one
 * moved off the live handovers since has no run in the step any more, and is named by its package at its new
 * version in the failed command line.
 */
function failingHandover(workspace: Workspace, release: Release, step: Step, regionId: string, note: string | null): string | undefined {
  if (!note) return undefined;
  const commands = stepCommands(workspace, release, step, regionId);
  const live = commands.ok ? commands.runs.find((run) => note.startsWith(`${run.argv.join(' ')} `))?.values.handover : undefined;
  if (live !== undefined) return live;
  const words = new Set(note.split(' '));
  return release.handovers.find((ho) => isFailed(ho.status) && ho.packages.some((p) => p.newVersion !== undefined && words.has(p.name) && words.has(p.newVersion)))?.id;
}
