import type { MetricsComposition } from '../../metrics/compose';
import { UnknownRegionError } from '../../metrics/service';
import type { SimulatedSource } from '../../metrics/simulated/source';
import type { EventBus } from '../events';
import { ApiFailure } from '../failure';
import type { Handlers } from '../host';

type MetricsCallName =
  | 'getMetrics'
  | 'captureBaseline'
  | 'getVerificationTable'
  | 'checkHealthGate'
  | 'estimateMetricsCost'
  | 'pollMetricsNow'
  | 'setScenario'
  | 'markScenarioRolledBack';

/** A region the workspace does not have is the caller's mistake, said as such. */
function knownRegion<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof UnknownRegionError) throw new ApiFailure('not_found', error.message);
    throw error;
  }
}

function requireSimulator(simulator: SimulatedSource | null): SimulatedSource {
  if (!simulator) throw new ApiFailure('unavailable', 'Scenarios exist only for simulated metrics (the demo workspace or a rehearsal); this workspace reads CloudWatch.');
  return simulator;
}

export function metricsHandlers({ service, simulator }: MetricsComposition): Pick<Handlers, MetricsCallName> {
  const checkRegion = (regionId: string) => {
    if (!service.hasRegion(regionId)) throw new ApiFailure('not_found', `There is no region "${regionId}" in this workspace.`);
  };
  return {
    getMetrics: (request) => service.snapshot(request, simulator?.scenarios() ?? null),
    captureBaseline: (request) => knownRegion(() => service.captureBaseline(request)),
    getVerificationTable: ({ regionId }) => knownRegion(() => service.verificationTable(regionId)),
    checkHealthGate: ({ regionId, minutes }) => knownRegion(() => service.checkHealthGate(regionId, minutes)),
    estimateMetricsCost: ({ pollIntervalSeconds }) => service.estimateCost(pollIntervalSeconds),
    pollMetricsNow: async () => {
      await service.poll({ force: true });
      return { endpoints: service.endpointStatuses() };
    },
    setScenario: ({ regionId, scenario }) => {
      const source = requireSimulator(simulator);
      checkRegion(regionId);
      return { scenarios: source.setScenario(regionId, scenario) };
    },
    markScenarioRolledBack: ({ regionId }) => {
      const source = requireSimulator(simulator);
      checkRegion(regionId);
      return { scenarios: source.markRolledBack(regionId) };
    },
  };
}

/** Main pushes every poll's new points and every alert raised or cleared to all attached renderers. */
export function bridgeMetricsEvents({ service }: MetricsComposition, bus: EventBus): () => void {
  return service.subscribe((event) => {
    if (event.type === 'update') bus.emit('metricsUpdate', event.update);
    else bus.emit('metricsAlert', event.alert);
  });
}
