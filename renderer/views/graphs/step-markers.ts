import type { GateView } from '../../../shared/api';

/** A step done in this region, from its record in the release log: a vertical line on the region's graphs. */
export interface StepMarker {
  atMs: number;
  title: string;
}

/** The region's done steps, oldest first: what changed in the region, to set beside its metrics. */
export function stepMarkers(gates: readonly GateView[], regionId: string): StepMarker[] {
  return gates
    .flatMap((gate) => gate.steps)
    .flatMap((step) => (step.regionId === regionId && step.doneAt !== null ? [{ atMs: step.doneAt, title: step.title }] : []))
    .sort((a, b) => a.atMs - b.atMs);
}

/**
 * The markers under the crosshair: the crosshair snaps to data points one period apart, so a step done
 * between two points belongs to the nearer one, within half a period either side.
 */
export function markersAt(markers: readonly StepMarker[], tMs: number, periodMs: number): StepMarker[] {
  return markers.filter((m) => Math.abs(m.atMs - tMs) <= periodMs / 2);
}
