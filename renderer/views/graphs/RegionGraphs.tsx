import './graphs.css';
import { useState } from 'react';
import { send } from '../../api/actions';
import { zoneLabel } from '../../format/time';
import { consoleStore, useConsole } from '../../store/store';
import { MetricChart } from './MetricChart';
import { MetricsCost } from './MetricsCost';
import { VerificationTable } from './VerificationTable';

/**
 * A region's health at a glance: one graph per key metric (their crosshairs and zoom move together), seed
 * 001's verification table beside them, and the polling settings underneath.
 */
export function RegionGraphs({ regionId, zone }: { regionId: string; zone: string }) {
  const loaded = useConsole((s) => s.metricsLoaded);
  const metrics = useConsole((s) => s.metricDefinitions);
  const endpoints = useConsole((s) => s.metricEndpoints);
  const setBaselines = useConsole((s) => s.setBaselines);
  const [capturing, setCapturing] = useState(false);
  const failing = endpoints.filter((e) => e.regionIds.includes(regionId) && e.message !== null);
  const keyMetrics = metrics.filter((m) => m.key);

  async function captureBaseline() {
    setCapturing(true);
    try {
      const captured = await send('captureBaseline', { regionIds: [regionId] });
      if (!captured) return;
      // Re-read every region's baselines (the slice keeps them whole), then poll so the threshold lines move too.
      const snapshot = await send('getMetrics', { sinceMs: consoleStore.getState().metricsNow, regionIds: [] });
      if (snapshot) setBaselines(snapshot.baselines);
      await send('pollMetricsNow', {});
    } finally {
      setCapturing(false);
    }
  }

  return (
    <section className="region-graphs" aria-label={`${regionId} graphs`}>
      <header className="region-graphs-head">
        <h3>Health</h3>
        <span className="muted">times in {zoneLabel(zone)} · drag to zoom, double-click to reset · band: baseline p50–p95, dashed: its mean, red/amber: rollback lines</span>
        <span className="spacer" />
        <button
          type="button"
          disabled={capturing || !loaded}
          onClick={() => void captureBaseline()}
          title="Summarise the last 30 minutes as this region's baseline. The runbook's baseline step does the same and records it with the release."
        >
          Capture {regionId} baseline
        </button>
      </header>
      {failing.map((e) => (
        <div key={e.key} role="alert" className="banner banner-warn">
          Metrics from {e.profile} / {e.awsRegion}: {e.message}
        </div>
      ))}
      {!loaded ? (
        <p className="muted">Loading metrics…</p>
      ) : (
        <div className="graphs-grid">
          {keyMetrics.map((metric) => (
            <MetricChart key={metric.id} regionId={regionId} metric={metric} zone={zone} />
          ))}
        </div>
      )}
      <div className="region-graphs-foot">
        <VerificationTable regionId={regionId} />
        <MetricsCost />
      </div>
    </section>
  );
}
