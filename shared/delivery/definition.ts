import type { EventOf, ReleaseDefinition } from '../engine/events';
import type { Decision, EngineState } from '../engine/decision';
import { recordOf } from '../engine/fold';
import type { Actor } from '../engine/state';
import { stepPackages } from '../engine/stepPackages';
import { indexWorkspace, regionsOfStep, type Release, type Workspace } from '../workspace/workspace';

/**
 * Issue 19: what `releaseDefined` records when a release starts. A handover's target regions are those of
 * the runbook's deploy steps that concern one of its packages (seed 000's CAI steps concern only CAI
 * packages), split by the region's environment, in the workspace's order.
 */
export function releaseDefinition(workspace: Workspace, release: Release): ReleaseDefinition {
  const index = indexWorkspace(workspace);
  const deploySteps = index.runbooks.get(release.runbook)?.gates.flatMap((gate) => gate.steps).filter((step) => step.deploys) ?? [];
  const targets: ReleaseDefinition['targets'] = {};
  for (const handover of release.handovers) {
    const reached = new Set(deploySteps.filter((step) => stepPackages(workspace, { ...release, handovers: [handover] }, step).length > 0).flatMap((step) => regionsOfStep(step, workspace)));
    const inOrder = workspace.regions.filter((region) => reached.has(region.id));
    targets[handover.id] = {
      production: inOrder.filter((region) => region.environment === 'production').map((region) => region.id),
      staging: inOrder.filter((region) => region.environment === 'staging').map((region) => region.id),
    };
  }
  return { ...release, targets };
}

export function releaseDefinedEvent(workspace: Workspace, release: Release, actor: Actor, at: number): EventOf<'releaseDefined'> {
  return { type: 'releaseDefined', actor, at, release: release.id, definition: releaseDefinition(workspace, release) };
}

/**
 * The release's first step on record, started or ticked, logs the release's definition before it: once,
 * since every later step finds a step on record.
 */
export function definedFirst(decision: Decision, releaseId: string, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  if (!decision.allowed || Object.keys(recordOf(state, releaseId).steps).length > 0) return decision;
  if (!decision.events.some((e) => e.type === 'stepStarted' || e.type === 'stepFinished')) return decision;
  const release = indexWorkspace(workspace).releases.get(releaseId);
  return release ? { ...decision, events: [releaseDefinedEvent(workspace, release, actor, now), ...decision.events] } : decision;
}
