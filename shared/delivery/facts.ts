import { isDeployedIn } from '../engine/deployedWhere';
import type { ReleaseEvent } from '../engine/events';
import type { WorldState } from '../engine/state';
import type { Handover } from '../workspace/workspace';
import { ReleaseEvent as ReleaseEventSchema } from '../engine/events';

/**
 * Issue 19: the facts the delivery metrics are counted from, read from the release log in one pass.
 * - A deployment: a handover reaching an environment complete, i.e. deployed (every package it changes at
 *   its new version) in the last of that environment's target regions its release's definition names.
 * - A failed change: a deployment later rolled back or fixed forward.
 * - A failed rollout: a handover rolled back in an environment it had reached but not yet completed.
 * - A restore: a rollback's "Service restored" (shared/rollback/restored.ts decided it; the log keeps the
 *   moment), timed from the breach that triggered it; or a fix forward landing (`fixForwardLanded`, which
 *   the same "service restored" rule decides), timed from the first breach detected in the regions the
 *   fix-forward decision named.
 * Rehearsal events are never counted: a rehearsal's console logs `consoleStarted` with rehearsal true,
 * and a withheld command (`commandWouldRun`) changed nothing real.
 */

export type Environment = 'production' | 'staging';
export const ENVIRONMENTS: readonly Environment[] = ['production', 'staging'];

/** One log body as the metrics read it; null for a body that is not a release event. */
export function deliveryEventOf(body: unknown): ReleaseEvent | null {
  const event = ReleaseEventSchema.safeParse(body);
  return event.success ? event.data : null;
}

export interface Deployment {
  release: string;
  handover: string;
  environment: Environment;
  at: number;
  /** The handover's `createdAt` as its release's definition recorded it; null when it gave none. */
  createdAt: number | null;
  packages: string[];
  /** How it failed after completing, if it did. */
  failed: { how: 'rolled back' | 'fixed forward'; at: number } | null;
}

export interface FailedRollout {
  release: string;
  handover: string;
  environment: Environment;
  at: number;
  packages: string[];
}

export interface Restore {
  release: string;
  handover: string;
  environments: Environment[];
  breachAt: number;
  restoredAt: number;
  packages: string[];
}

export interface DeliveryFacts {
  deployments: Deployment[];
  failedRollouts: FailedRollout[];
  restores: Restore[];
}

interface EnvironmentProgress {
  regions: readonly string[];
  /** A region of it runs one of the handover's new versions: a rollback now is a failed rollout. */
  reached: boolean;
  complete: Deployment | null;
  failedRollout: FailedRollout | null;
}

/** One handover of a defined release, as the pass follows it. */
interface Followed {
  id: string;
  /** As the release's definition recorded it: what isDeployedIn (shared/engine/deployedWhere.ts) reads. */
  handover: Handover;
  /** The packages it changes, name → new version. */
  changes: Map<string, string>;
  createdAt: number | null;
  environments: Record<Environment, EnvironmentProgress>;
  rolledBack: boolean;
}

/** Region → package → version, the world the log's first event found (a genesis snapshot's), or empty. */
export type DeployedVersions = Readonly<Record<string, Readonly<Record<string, string>>>>;

export function deliveryFacts(events: Iterable<ReleaseEvent>, initial: DeployedVersions = {}): DeliveryFacts {
  // The world as the log's own commands leave it, read with the console's one "deployed in a region" rule.
  const world: WorldState = { maintenance: {}, deployed: Object.fromEntries(Object.entries(initial).map(([region, packages]) => [region, { ...packages }])) };
  const deployed = world.deployed;
  /** Release → handover id → what the pass knows of it. */
  const releases = new Map<string, Map<string, Followed>>();
  const deployments: Deployment[] = [];
  const failedRollouts: FailedRollout[] = [];
  const restores: Restore[] = [];
  const lastBreach = new Map<string, number>();
  /** Release → handover → when the breach a fix-forward decision answers was detected. */
  const fixingSince = new Map<string, Map<string, number>>();
  let rehearsal = false;

  const runsAnyOf = (region: string, changes: ReadonlyMap<string, string>) => {
    const running = Object.hasOwn(deployed, region) ? deployed[region]! : undefined;
    if (!running) return false;
    for (const [name, version] of changes) if (Object.hasOwn(running, name) && running[name] === version) return true;
    return false;
  };
  const failChange = (followed: Followed | undefined, release: string, how: 'rolled back' | 'fixed forward', at: number) => {
    if (!followed) return;
    for (const environment of ENVIRONMENTS) {
      const progress = followed.environments[environment];
      if (progress.complete) {
        progress.complete.failed ??= { how, at };
      } else if (how === 'rolled back' && progress.reached && !progress.failedRollout) {
        progress.failedRollout = { release, handover: followed.id, environment, at, packages: [...followed.changes.keys()] };
        failedRollouts.push(progress.failedRollout);
      }
    }
  };

  for (const event of events) {
    if (event.type === 'consoleStarted') {
      rehearsal = event.rehearsal;
      continue;
    }
    if (rehearsal) continue;
    switch (event.type) {
      case 'releaseDefined': {
        const handovers = new Map<string, Followed>();
        for (const handover of event.definition.handovers) {
          const targets = event.definition.targets[handover.id];
          const progress = (regions: readonly string[] | undefined): EnvironmentProgress => ({ regions: regions ?? [], reached: false, complete: null, failedRollout: null });
          handovers.set(handover.id, {
            id: handover.id,
            handover,
            changes: new Map(handover.packages.flatMap((p) => (p.newVersion === undefined ? [] : [[p.name, p.newVersion] as const]))),
            createdAt: handover.createdAt === undefined ? null : Date.parse(handover.createdAt),
            environments: { production: progress(targets?.production), staging: progress(targets?.staging) },
            rolledBack: false,
          });
        }
        releases.set(event.release, handovers);
        break;
      }
      case 'commandExited': {
        let touchedVersions = false;
        for (const effect of event.effects) {
          if (effect.kind !== 'version') continue;
          touchedVersions = true;
          const running = Object.hasOwn(deployed, effect.region) ? deployed[effect.region]! : (deployed[effect.region] = {});
          if (effect.version === null) delete running[effect.package];
          else running[effect.package] = effect.version;
        }
        const handovers = event.rollback === null && touchedVersions ? releases.get(event.release) : undefined;
        if (!handovers) break;
        for (const followed of handovers.values()) {
          if (!event.effects.some((effect) => effect.kind === 'version' && followed.changes.has(effect.package))) continue;
          for (const environment of ENVIRONMENTS) {
            const progress = followed.environments[environment];
            if (progress.regions.length === 0 || progress.complete) continue;
            if (!progress.reached && progress.regions.some((region) => runsAnyOf(region, followed.changes))) progress.reached = true;
            if (!progress.regions.every((region) => isDeployedIn(followed.handover, world, region))) continue;
            progress.complete = { release: event.release, handover: followed.id, environment, at: event.at, createdAt: followed.createdAt, packages: [...followed.changes.keys()], failed: null };
            deployments.push(progress.complete);
          }
        }
        break;
      }
      case 'breachObserved':
        lastBreach.set(event.region, event.at);
        break;
      case 'rollbackChanged': {
        const run = event.run;
        const followed = releases.get(event.release)?.get(run.handoverId);
        if (event.intent === 'startRollback' && followed && !followed.rolledBack) {
          followed.rolledBack = true;
          failChange(followed, event.release, 'rolled back', event.at);
        }
        if (event.intent === 'serviceRestored' && run.restoredAt !== null) {
          const breachAt = run.trigger?.at ?? (run.trigger?.regionId ? lastBreach.get(run.trigger.regionId) : undefined) ?? run.startedAt;
          const environments = ENVIRONMENTS.filter((environment) => run.steps.some((step) => step.environment === environment));
          restores.push({ release: event.release, handover: run.handoverId, environments, breachAt, restoredAt: run.restoredAt, packages: followed ? [...followed.changes.keys()] : [] });
        }
        break;
      }
      case 'fixForwardDecided': {
        failChange(releases.get(event.release)?.get(event.handover), event.release, 'fixed forward', event.at);
        // The breach detected: the earliest last breach observed in the decision's regions, or the decision itself.
        const breaches = event.regions.flatMap((region) => (lastBreach.has(region) ? [lastBreach.get(region)!] : []));
        const since = fixingSince.get(event.release) ?? new Map<string, number>();
        since.set(event.handover, Math.min(event.at, ...breaches));
        fixingSince.set(event.release, since);
        break;
      }
      case 'fixForwardLanded': {
        const breachAt = fixingSince.get(event.release)?.get(event.handover);
        if (breachAt === undefined) break;
        fixingSince.get(event.release)!.delete(event.handover);
        const followed = releases.get(event.release)?.get(event.handover);
        const environments = ENVIRONMENTS.filter((environment) => followed?.environments[environment].regions.some((region) => event.regions.includes(region)));
        restores.push({ release: event.release, handover: event.handover, environments, breachAt, restoredAt: event.at, packages: followed ? [...followed.changes.keys()] : [] });
        break;
      }
      default:
        break;
    }
  }
  return { deployments, failedRollouts, restores };
}
