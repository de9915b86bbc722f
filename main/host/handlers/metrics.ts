import type { MetricsComposition } from '../../metrics/compose';
import { UnknownRegionError } from '../../metrics/service';
import type { ScenarioKind } from '../../../shared/api/metrics';
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
  | 'setScenario';

/** A region the workspace does not have is the caller's mistake, said as such. */
function knownRegion<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof UnknownRegionError) throw new ApiFailure('not_found', error.message);
    throw error;
  }
}

/**
 * `setDrill` decides and logs a drill (the setDrill intent), whose fold the simulator follows: the engine, not
 * this handler, says whether this console may drill at all and on which region.
 */
export function metricsHandlers({ service, simulator }: MetricsComposition, setDrill: (regionId: string, scenario: ScenarioKind) => Promise<unknown>): Pick<Handlers, MetricsCallName> {
  return {
    getMetrics: (request) => service.snapshot(request),
    captureBaseline: (request) => knownRegion(() => service.captureBaseline(request)),
    getVerificationTable: ({ regionId }) => knownRegion(() => service.verificationTable(regionId)),
    checkHealthGate: ({ regionId, minutes }) => knownRegion(() => service.checkHealthGate(regionId, minutes)),
    estimateMetricsCost: ({ pollIntervalSeconds }) => service.estimateCost(pollIntervalSeconds),
    pollMetricsNow: async () => {
      await service.poll({ force: true });
      return { endpoints: service.endpointStatuses() };
    },
    setScenario: async ({ regionId, scenario }) => {
      await setDrill(regionId, scenario);
      return { scenarios: simulator?.scenarios() ?? [] };
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
