import type { MetricsAlert } from '../api/metrics';
import type { Handover } from '../workspace/workspace';
import type { MetricFacts } from './metricFacts';
import type { WorldState } from './state';

/**
 * Seed 000: what the world runs decides what a handover may claim. A handover is deployed in a region when
 * every package it changes runs there at its new version, as the console's own steps (and the reconciled
 * tools) left it; the one place the guards below ask it.
 */
export function isDeployedIn(handover: Handover, world: WorldState, regionId: string): boolean {
  const running = world.deployed[regionId] ?? {};
  const changed = handover.packages.filter((p) => p.newVersion !== undefined);
  return changed.length > 0 && changed.every((p) => running[p.name] === p.newVersion);
}

/** The regions a handover is deployed in, in the world's order. */
export function regionsDeployed(handover: Handover, world: WorldState): string[] {
  return Object.keys(world.deployed).filter((regionId) => isDeployedIn(handover, world, regionId));
}

/** Whether some package the handover changes runs in the region at its new version: a rollback there has something to undo. */
export function isPartlyDeployedIn(handover: Handover, world: WorldState, regionId: string): boolean {
  const running = world.deployed[regionId] ?? {};
  return handover.packages.some((p) => p.newVersion !== undefined && running[p.name] === p.newVersion);
}

/** Whether any package of these handovers runs at its new version anywhere: "anything deployed" for the QA guard. */
export function anythingDeployed(handovers: readonly Handover[], world: WorldState): boolean {
  return handovers.some((ho) => Object.keys(world.deployed).some((regionId) => isPartlyDeployedIn(ho, world, regionId)));
}

/**
 * Seed 000's "Immediate rollback" criteria: while one is breached in a region, nothing more is deployed
 * there. Decided from the latest metric facts main wrote (metricFacts.ts).
 */
export function immediateBreachIn(metrics: MetricFacts, regionId: string): MetricsAlert | null {
  return metrics[regionId]?.alerts.find((a) => a.active && a.level === 'immediate' && a.regionId === regionId) ?? null;
}
