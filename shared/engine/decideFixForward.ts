import type { MetricsAlert } from '../api/metrics';
import { alertDetail } from '../metrics/alerts';
import { DEFAULT_RECOVERY_MINUTES } from '../rollback/restored';
import type { BreachReading, FixForwardRecord } from '../rollback/fixForward';
import type { Handover, Workspace } from '../workspace/workspace';
import { allow, refuse, refuseNaming, releaseOf, type Decision, type EngineState, type Refusal, type RefusalCode } from './decision';
import { isDeployedIn } from './deployedWhere';
import { recordOf } from './fold';
import type { Intent } from './intents';
import type { Actor } from './state';

type FixForwardIntent = Extract<Intent, { kind: 'fixForward' | 'fixForwardLanding' | 'fixForwardExpiring' }>;

/** A refusal as the offer reports it (decision.ts's `refuse` answers the wider Decision). */
function no(code: RefusalCode, message: string): Refusal {
  return { allowed: false, code, message, reasons: [message], opensAt: null };
}

/** The active breaches that name the handover (it runs where they breached): what a fix forward answers. */
export function breachesOf(state: EngineState, handoverId: string): MetricsAlert[] {
  return Object.values(state.metrics)
    .flatMap((facts) => facts?.alerts ?? [])
    .filter((a) => a.active && a.handovers.includes(handoverId));
}

/**
 * Issue 19: why a breach on this handover cannot be fixed forward now, or null when it may; whoever asks.
 * The alert offers "Fix forward" only where this is null, and `decide` asks it first, so the button and
 * the decision cannot disagree. Who may decide it is asked separately (the alert shows the offer to all).
 */
export function fixForwardUnavailable(state: EngineState, workspace: Workspace, releaseId: string, handoverId: string): Refusal | null {
  // Seed 000: all packages of an HO are interdependent and a failure rolls the whole HO back.
  if (!workspace.fixForward) return no('blocked', `This workspace does not fix forward: a breach rolls ${handoverId} back (rollback.yaml names no fixForward).`);
  const record = recordOf(state, releaseId);
  const open = record.fixForwards[handoverId];
  if (open?.status === 'fixing') return refuseNaming('conflict', open.deadline, (when) => `${handoverId} is already being fixed forward (${open.severity}), decided by ${open.decidedBy.name}; deadline ${when}.`);
  if (open?.status === 'landed') return no('conflict', `${handoverId} was fixed forward by ${open.fixHandover ?? 'a linked handover'} already.`);
  // One chance: a fix that missed its deadline is not given a second one; the rollback is what is left.
  if (open?.status === 'expired') return refuseNaming('blocked', open.deadline, (when) => `${handoverId}'s fix forward expired at ${when} without a fix landing; roll it back.`);
  const run = record.rollbacks[handoverId];
  if (run) return no('conflict', `${handoverId} ${run.status === 'done' ? 'is rolled back' : 'is being rolled back'}; it cannot be fixed forward as well.`);
  const breaches = breachesOf(state, handoverId);
  if (breaches.length === 0) return no('blocked', `There is no active breach on ${handoverId} to fix forward.`);
  // Seed 001: "Immediate Rollback (No Discussion)": such a breach is never answered by a fix forward.
  const immediate = breaches.find((a) => a.level === 'immediate');
  if (immediate) return no('blocked', `${immediate.regionId}: "${immediate.title}" is an immediate rollback (no discussion); ${handoverId} cannot be fixed forward.`);
  return null;
}

/** The handover that fixes this one's incident, deployed in every region of the breach; null while there is none. */
export function landedFix(workspace: Workspace, state: EngineState, run: FixForwardRecord): Handover | null {
  const fixes = workspace.releases.flatMap((r) => r.handovers).filter((ho) => ho.fixes === run.handoverId);
  return fixes.find((ho) => run.regions.every((region) => isDeployedIn(ho, state.world, region))) ?? null;
}

/**
 * Issue 19's fix forward, decided: who may choose it (the workspace's rollback roles: the same authority
 * over the breach), where it is never offered (fixForwardUnavailable), what it must say (a reason and a
 * severity on the workspace's scale), and how it ends: landed, or expired at its deadline.
 */
export function decideFixForward(intent: FixForwardIntent, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  const release = releaseOf(workspace, intent.release);
  if (!release) return refuse('not_found', `There is no release ${intent.release} in this workspace.`);
  const handover = release.handovers.find((h) => h.id === intent.handover);
  if (!handover) return refuse('not_found', `There is no handover ${intent.handover} in ${intent.release}.`);
  const at = { actor, at: now, release: intent.release, handover: handover.id };
  const open = recordOf(state, intent.release).fixForwards[handover.id];

  switch (intent.kind) {
    case 'fixForward': {
      const unavailable = fixForwardUnavailable(state, workspace, intent.release, handover.id);
      const policy = workspace.fixForward;
      if (unavailable || !policy) return unavailable ?? refuse('blocked', 'This workspace does not fix forward.');
      // Seed 002: the on-call engineer has monitoring and rollback authority; choosing not to roll back is the same call.
      const roles = workspace.rollbackRoles;
      if (roles !== null && !roles.some((r) => r.toLowerCase() === actor.role.toLowerCase())) {
        return refuse('blocked', `Fixing forward is decided by ${roles.join(' or ')}; ${actor.name} is signed in as ${actor.role}.`);
      }
      const reason = intent.reason.trim();
      if (!reason) return refuse('invalid_request', `Fixing ${handover.id} forward needs a reason: it goes into the incident record.`);
      if (!policy.severities.includes(intent.severity)) {
        return refuse('invalid_request', `Severity "${intent.severity}" is not on this workspace's scale: ${policy.severities.join(', ')}.`);
      }
      const breaches = breachesOf(state, handover.id);
      const values: BreachReading[] = breaches.map((a) => ({ region: a.regionId, criterion: a.criterionId, metric: a.metricId, value: a.value, threshold: a.threshold, detail: alertDetail(a, workspace.metrics) }));
      return allow({
        type: 'fixForwardDecided',
        ...at,
        reason,
        severity: intent.severity,
        deadline: now + policy.deadlineMinutes * 60_000,
        criteria: [...new Set(breaches.map((a) => a.criterionId))],
        regions: [...new Set(breaches.map((a) => a.regionId))],
        values,
      });
    }
    case 'fixForwardLanding': {
      if (open?.status !== 'fixing') return refuse('conflict', `${handover.id} is not being fixed forward.`);
      if (recordOf(state, intent.release).rollbacks[handover.id]) return refuse('conflict', `${handover.id} is rolled back instead; its fix forward ended with the rollback.`);
      const fix = landedFix(workspace, state, open);
      if (!fix || fix.id !== intent.fixHandover) return refuse('conflict', `${intent.fixHandover} does not fix ${handover.id}, or is not deployed in ${open.regions.join(', ')}.`);
      if (intent.healthySince < open.decidedAt || intent.at < intent.healthySince || intent.at > now) return refuse('invalid_request', `A recovery is counted from the fix forward's decision, up to now.`);
      // The same rule as a rollback's "Service restored" (shared/rollback/restored.ts), for the same duration.
      const minutes = workspace.recoveryMinutes ?? DEFAULT_RECOVERY_MINUTES;
      if (intent.at - intent.healthySince < minutes * 60_000) return refuse('invalid_request', `The metrics must be back under the rollback criteria for ${minutes} minutes before the fix counts as landed.`);
      if (intent.at > open.deadline) return refuseNaming('blocked', [intent.at, open.deadline], (recovered, deadline) => `${handover.id}'s fix recovered at ${recovered}, after its deadline of ${deadline}.`);
      return allow({ type: 'fixForwardLanded', ...at, fixHandover: fix.id, regions: open.regions });
    }
    case 'fixForwardExpiring': {
      if (open?.status !== 'fixing') return refuse('conflict', `${handover.id} is not being fixed forward.`);
      // The rollback, reachable all along, was chosen instead: it ends the fix forward, and nothing expires after it.
      if (recordOf(state, intent.release).rollbacks[handover.id]) return refuse('conflict', `${handover.id} is rolled back instead; its fix forward ended with the rollback.`);
      if (now < open.deadline) return refuseNaming('blocked', open.deadline, (deadline) => `${handover.id}'s fix forward has until ${deadline}.`, open.deadline);
      return allow({ type: 'fixForwardExpired', ...at });
    }
  }
}
