import type { Actor } from '../engine/state';
import type { Release } from '../workspace/workspace';
import type { RollbackRecord } from '../rollback/record';
import { rollbackOutcomes } from '../rollback/outcomes';
import { commitLine, versionLine, type DeployedPackage, type HandoverDeployment, type ReleaseDeployment } from './deployment';

/**
 * Issue 17: the deployment log (seed 002) and the channel posts (seed 001), each built from what the
 * release did (deployment.ts), so neither can say more, or less, than happened.
 */

export interface DeploymentLogInput {
  deployment: ReleaseDeployment;
  at: number;
  environment: string;
  operator: Actor;
  strategy: string;
  approvals: string[];
  verification: string;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Seed 002's deployment log entry: `version` and `commit` from the packages, `status` from what happened. */
export function deploymentLog({ deployment, at, environment, operator, strategy, approvals, verification }: DeploymentLogInput) {
  const commit = commitLine(deployment.packages);
  return {
    timestamp: iso(at),
    environment,
    version: versionLine(deployment.packages),
    ...(commit !== null ? { commit } : {}),
    // Who ran the deployment (its first step on record), as seed 002's $USER is; whoever exports it before anyone has.
    operator: deployment.startedBy ?? operator.name,
    strategy,
    approvals,
    status: deployment.status,
    verification,
    handovers: deployment.handovers.map((h) => ({
      id: h.id,
      status: h.status,
      outcome: h.outcome,
      ...(h.excludedBecause ? { excludedBecause: h.excludedBecause } : {}),
      deployedIn: h.deployedIn,
      rolledBackIn: h.rolledBackIn,
    })),
    regions: deployment.regions.map((r) => ({
      region: r.regionId,
      deployed: r.deployed.map(packageEntry),
      rolledBack: r.rolledBack.map((p) => ({ handover: p.handover, name: p.name, deployed: p.to, now: p.now })),
    })),
    packages: deployment.packages.map(packageEntry),
  };
}

function packageEntry(p: DeployedPackage) {
  return { handover: p.handover, name: p.name, from: p.from, to: p.to, ...(p.commit !== undefined ? { commit: p.commit } : {}) };
}

const STATUS_WORDS: Record<ReleaseDeployment['status'], string> = {
  success: 'SUCCESS',
  'in-progress': 'IN PROGRESS',
  failed: 'FAILED',
  'rolling-back': 'ROLLING BACK',
  'rolled-back': 'ROLLED BACK',
  'partially-rolled-back': 'PARTIALLY ROLLED BACK',
};

function included(deployment: ReleaseDeployment): HandoverDeployment[] {
  return deployment.handovers.filter((h) => h.excludedBecause === null);
}

/** Pulled handovers are named once, with their reason, so a reader does not look for them in the rollout. */
function pulledLines(deployment: ReleaseDeployment): string[] {
  return deployment.handovers.filter((h) => h.excludedBecause !== null).map((h) => `Not in this release: ${h.id}, ${h.excludedBecause} (${h.known.join(', ')})`);
}

/** A package with no new version is named with what is known and why, never "name ?". */
function unversionedLines(handovers: readonly HandoverDeployment[]): string[] {
  return handovers.flatMap((h) => h.unversioned.map((p) => `Not deployed: ${p} in ${h.id}`));
}

/** The versions a release is about to deploy: its included handovers' packages, as the workspace gives them. */
function plannedVersions(release: Release, handovers: readonly HandoverDeployment[]): string {
  const ids = new Set(handovers.map((h) => h.id));
  return release.handovers
    .filter((h) => ids.has(h.id))
    .flatMap((h) => h.packages.filter((p) => p.newVersion !== undefined).map((p) => `${p.name} ${p.newVersion}`))
    .join(', ');
}

function regionLine(deployment: ReleaseDeployment, regionId: string): string {
  const parts = included(deployment).flatMap((h) => {
    const deployed = h.deployedIn.includes(regionId);
    const rolledBack = h.rolledBackIn.includes(regionId);
    if (deployed && rolledBack) return [`${h.id} partly rolled back`];
    if (rolledBack) return [`${h.id} rolled back`];
    return deployed ? [`${h.id} deployed`] : [];
  });
  return `  ${regionId}: ${parts.join('; ')}`;
}

export interface AnnouncementInput {
  release: Release;
  deployment: ReleaseDeployment;
  at: number;
  owner: Actor;
}

/** Seed 001's "DEPLOYMENT STARTING". */
export function startAnnouncement({ release, deployment, at, owner }: AnnouncementInput): string[] {
  const handovers = included(deployment);
  return [
    'DEPLOYMENT STARTING',
    '--------------------',
    `Service: ${handovers.map((h) => h.id).join(', ')}`,
    `Version: ${plannedVersions(release, handovers)}`,
    // When the release's work began, from its log; before any, the post is written ahead of it.
    `Time: ${new Date(deployment.startedAt ?? at).toISOString().slice(11, 16)} UTC`,
    // The deployment's owner: who began it, not whoever posts this later (seed 004's on-call engineer after a rollback).
    `Owner: @${deployment.startedBy ?? owner.name}`,
    ...unversionedLines(handovers),
    ...pulledLines(deployment),
  ];
}

/** Seed 001's "DEPLOYMENT COMPLETE": SUCCESS only when it was one; otherwise what happened, region by region. */
export function completeAnnouncement({ deployment, at }: AnnouncementInput): string[] {
  const handovers = included(deployment);
  const started = deployment.startedAt ?? at;
  const ended = deployment.status === 'in-progress' || deployment.status === 'rolling-back' ? at : (deployment.lastActivityAt ?? at);
  const lines = [
    'DEPLOYMENT COMPLETE',
    '--------------------',
    `Service: ${handovers.map((h) => h.id).join(', ')}`,
    `Version: ${versionLine(deployment.packages) || 'nothing deployed'}`,
    `Duration: ${Math.max(0, Math.round((ended - started) / 60_000))} minutes`,
    `Status: ${STATUS_WORDS[deployment.status]}`,
  ];
  if (deployment.status !== 'success' && deployment.regions.length) lines.push('Regions:', ...deployment.regions.map((r) => regionLine(deployment, r.regionId)));
  if (deployment.status === 'in-progress' || deployment.status === 'failed') lines.push(`Steps: ${deployment.steps.done} of ${deployment.steps.total} done${deployment.steps.failed ? `, ${deployment.steps.failed} failed` : ''}`);
  return [...lines, ...unversionedLines(handovers), ...pulledLines(deployment)];
}

/**
 * Seed 001's rollback post is "ROLLBACK INITIATED … Status: IN PROGRESS", sent as the rollback starts. Posted or
 * copied later, its heading says what it now announces, in the words of seed 001's "DEPLOYMENT COMPLETE": a
 * finished rollback headed INITIATED over "Status: COMPLETE" read as two different moments.
 */
export function rollbackPostHead(status: RollbackRecord['status']): { heading: string; status: string } {
  switch (status) {
    case 'running':
      return { heading: 'ROLLBACK INITIATED', status: 'IN PROGRESS' };
    case 'done':
      return { heading: 'ROLLBACK COMPLETE', status: 'COMPLETE' };
    case 'failed':
      return { heading: 'ROLLBACK STOPPED', status: 'STOPPED — see the incident record' };
    case 'aborted':
      return { heading: 'ROLLBACK ABORTED', status: 'ABORTED' };
  }
}

/** Seed 001's rollback post for the handovers the release has rolled back, with what each rollback changed. */
export function rollbackAnnouncementLines({ owner }: AnnouncementInput, rollbacks: readonly RollbackRecord[], reason?: string): string[] {
  if (rollbacks.length === 0) return ['ROLLBACK', '--------------------', 'No rollback has been started in this release.'];
  const outcomes = rollbacks.flatMap((run) => {
    const { rolledBack, notRolledBack } = rollbackOutcomes(run);
    return [...rolledBack, ...notRolledBack];
  });
  // Of several, the one still to settle speaks for the post: running, then stopped on a failure, then aborted.
  const head = rollbackPostHead((['running', 'failed', 'aborted'] as const).find((status) => rollbacks.some((r) => r.status === status)) ?? 'done');
  return [
    head.heading,
    '--------------------',
    `Service: ${rollbacks.map((r) => r.handoverId).join(', ')}`,
    `From: ${outcomes.map((o) => `${o.regionId} ${o.package} ${o.from}`).join(', ')}`,
    `To: ${outcomes.map((o) => `${o.regionId} ${o.package} ${o.to ?? '(removed)'}`).join(', ')}`,
    `Reason: ${reason ?? rollbacks.map((r) => r.reason).join('; ')}`,
    `Owner: @${rollbacks[0]?.startedBy.name ?? owner.name}`,
    `Status: ${head.status}`,
  ];
}
