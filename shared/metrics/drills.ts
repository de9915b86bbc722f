import type { ScenarioKind } from '../api/metrics';

/** The drill names an operator reads; the keys are the simulator's scenario kinds ("healthy" ends a drill). */
export const DRILL_LABELS: Readonly<Record<ScenarioKind, string>> = {
  healthy: 'Healthy',
  errorSpike: 'Error spike',
  p99Creep: 'p99 creep',
  throughputDrop: 'Throughput drop',
  dataOutage: 'Data outage',
};
