import type { MetricsService } from '../metrics/service';
import type { GateProgress, MetricsFacts } from './view';

/**
 * The metrics service as the release view reads it. A metric gate counts healthy minutes only since the
 * gate started watching (data from before the deploy says nothing about the new version), and never
 * passes on missing data: the service's own gate check fails closed.
 */
export function metricsFacts(service: MetricsService, now: () => number): MetricsFacts {
  return {
    alerts: () => service.currentAlerts(),
    freshness: (regionId) => service.regionFreshness(regionId),
    gateProgress(regionId, minutes, since): GateProgress {
      const watched = Math.max(0, (now() - since) / 60_000);
      const verdict = service.checkHealthGate(regionId, Math.max(1, Math.min(minutes, Math.floor(watched))));
      if (!verdict.healthy) return { healthyMinutes: 0, detail: verdict.reason };
      let healthy = Math.min(minutes, watched);
      // The longest healthy stretch up to the gate's length, so the bar shows real progress.
      while (healthy >= 1 && !service.checkHealthGate(regionId, Math.floor(healthy)).healthy) healthy -= 1;
      return { healthyMinutes: Math.floor(healthy * 10) / 10, detail: healthy >= minutes ? 'healthy for the whole gate' : verdict.reason };
    },
  };
}
