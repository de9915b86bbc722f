import { z } from 'zod';
import type { ReleaseDefinition, ReleaseEvent } from '../engine/events';
import { ReleaseEvent as ReleaseEventSchema } from '../engine/events';

/**
 * Issue 19: the facts the delivery metrics are counted from, read from the release log in one pass.
 * - A deployment: a handover reaching an environment complete, i.e. deployed (every package it changes at
 *   its new version) in the last of that environment's target regions its release's definition names.
 * - A failed change: a deployment later rolled back or fixed forward.
 * - A failed rollout: a handover rolled back in an environment it had reached but not yet completed.
 * - A restore: a rollback's "Service restored" (shared/rollback/restored.ts decided it; the log keeps the
 *   moment), timed from the breach that triggered it.
 * Rehearsal events are never counted: a rehearsal's console logs `consoleStarted` with rehearsal true,
 * and a withheld command (`commandWouldRun`) changed nothing real.
 */

export type Environment = 'production' | 'staging';
export const ENVIRONMENTS: readonly Environment[] = ['production', 'staging'];

/**
 * The fix-forward decision (issue 19 item 1) as far as the metrics need it, read by its `type` so a log
 * that holds it counts it whichever branch declared the full event.
 */
const FixForwardDecided = z.looseObject({ type: z.literal('fixForwardDecided'), release: z.string(), handover: z.string(), at: z.number() });
export type FixForwardDecided = z.infer<typeof FixForwardDecided>;
export type DeliveryEvent = ReleaseEvent | FixForwardDecided;

/** One log body as the metrics read it; null for a body that is neither a release event nor a fix-forward decision. */
export function deliveryEventOf(body: unknown): DeliveryEvent | null {
  const event = ReleaseEventSchema.safeParse(body);
  if (event.success) return event.data;
  const fix = FixForwardDecided.safeParse(body);
  return fix.success ? fix.data : null;
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

interface Tracked {
  definition: ReleaseDefinition;
  /** Handover id → the packages it changes, name → new version. */
  changes: Map<string, Map<string, string>>;
}

/** Region → package → version, the world the log's first event found (a genesis snapshot's), or empty. */
export type DeployedVersions = Readonly<Record<string, Readonly<Record<string, string>>>>;

export function deliveryFacts(events: Iterable<DeliveryEvent>, initial: DeployedVersions = {}): DeliveryFacts {
  const deployed = new Map<string, Map<string, string>>(Object.entries(initial).map(([region, packages]) => [region, new Map(Object.entries(packages))]));
  const releases = new Map<string, Tracked>();
  const complete = new Map<string, Deployment>();
  const reached = new Set<string>();
  const failedRollouts = new Map<string, FailedRollout>();
  const rolledBack = new Set<string>();
  const deployments: Deployment[] = [];
  const restores: Restore[] = [];
  const lastBreach = new Map<string, number>();
  let rehearsal = false;

  const deployedIn = (region: string, changes: ReadonlyMap<string, string>) => {
    const running = deployed.get(region);
    if (!running) return false;
    for (const [name, version] of changes) if (running.get(name) !== version) return false;
    return true;
  };
  const packagesOf = (tracked: Tracked, handover: string) => [...(tracked.changes.get(handover)?.keys() ?? [])];
  const failChange = (release: string, handover: string, how: 'rolled back' | 'fixed forward', at: number) => {
    const tracked = releases.get(release);
    if (!tracked) return;
    for (const environment of ENVIRONMENTS) {
      const key = `${release}\u0000${handover}\u0000${environment}`;
      const deployment = complete.get(key);
      if (deployment) {
        deployment.failed ??= { how, at };
      } else if (how === 'rolled back' && reached.has(key) && !failedRollouts.has(key)) {
        failedRollouts.set(key, { release, handover, environment, at, packages: packagesOf(tracked, handover) });
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
        const changes = new Map<string, Map<string, string>>();
        for (const handover of event.definition.handovers) {
          changes.set(handover.id, new Map(handover.packages.flatMap((p) => (p.newVersion === undefined ? [] : [[p.name, p.newVersion] as const]))));
        }
        releases.set(event.release, { definition: event.definition, changes });
        break;
      }
      case 'commandExited': {
        const touched = new Set<string>();
        for (const effect of event.effects) {
          if (effect.kind !== 'version') continue;
          let running = deployed.get(effect.region);
          if (!running) deployed.set(effect.region, (running = new Map()));
          if (effect.version === null) running.delete(effect.package);
          else running.set(effect.package, effect.version);
          touched.add(effect.package);
        }
        const tracked = event.rollback === null && touched.size > 0 ? releases.get(event.release) : undefined;
        if (!tracked) break;
        for (const handover of tracked.definition.handovers) {
          const changes = tracked.changes.get(handover.id)!;
          if (changes.size === 0 || ![...changes.keys()].some((name) => touched.has(name))) continue;
          const targets = tracked.definition.targets[handover.id];
          for (const environment of ENVIRONMENTS) {
            const key = `${event.release}\u0000${handover.id}\u0000${environment}`;
            const regions = targets?.[environment] ?? [];
            if (complete.has(key) || regions.length === 0) continue;
            if (regions.some((region) => deployed.get(region) !== undefined && [...changes].some(([name, version]) => deployed.get(region)!.get(name) === version))) reached.add(key);
            if (!regions.every((region) => deployedIn(region, changes))) continue;
            const deployment: Deployment = {
              release: event.release,
              handover: handover.id,
              environment,
              at: event.at,
              createdAt: handover.createdAt === undefined ? null : Date.parse(handover.createdAt),
              packages: [...changes.keys()],
              failed: null,
            };
            complete.set(key, deployment);
            deployments.push(deployment);
          }
        }
        break;
      }
      case 'breachObserved':
        lastBreach.set(event.region, event.at);
        break;
      case 'rollbackChanged': {
        const run = event.run;
        const key = `${event.release}\u0000${run.handoverId}`;
        if (event.intent === 'startRollback' && !rolledBack.has(key)) {
          rolledBack.add(key);
          failChange(event.release, run.handoverId, 'rolled back', event.at);
        }
        if (event.intent === 'serviceRestored' && run.restoredAt !== null) {
          const breachAt = run.trigger?.at ?? (run.trigger?.regionId ? lastBreach.get(run.trigger.regionId) : undefined) ?? run.startedAt;
          const tracked = releases.get(event.release);
          const environments = ENVIRONMENTS.filter((environment) => run.steps.some((step) => step.environment === environment));
          restores.push({ release: event.release, handover: run.handoverId, environments, breachAt, restoredAt: run.restoredAt, packages: tracked ? packagesOf(tracked, run.handoverId) : [] });
        }
        break;
      }
      case 'fixForwardDecided':
        failChange(event.release, event.handover, 'fixed forward', event.at);
        break;
      default:
        break;
    }
  }
  return { deployments, failedRollouts: [...failedRollouts.values()], restores };
}
