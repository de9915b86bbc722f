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

/** Whether any package of these handovers runs at its new version anywhere: "anything deployed" for the QA guard. */
export function anythingDeployed(handovers: readonly Handover[], world: WorldState): boolean {
  return handovers.some((ho) => ho.packages.some((p) => p.newVersion !== undefined && Object.values(world.deployed).some((running) => running[p.name] === p.newVersion)));
}

/**
 * Seed 000's "Immediate rollback" criteria: while one is breached in a region, nothing more is deployed
 * there. Decided from the latest metric facts main wrote (metricFacts.ts).
 */
export function immediateBreachIn(metrics: MetricFacts, regionId: string): MetricsAlert | null {
  return metrics[regionId]?.alerts.find((a) => a.active && a.level === 'immediate' && a.regionId === regionId) ?? null;
}
