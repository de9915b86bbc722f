import './graphs.css';
import { zoneLabel } from '../../format/time';
import { useConsole } from '../../store/store';
import { MetricChart } from './MetricChart';
import { MetricsCost } from './MetricsCost';
import { VerificationTable } from './VerificationTable';

/**
 * A region's health at a glance: one graph per key metric (their crosshairs and zoom move together), seed
 * 001's verification table and the polling settings underneath. Baselines come from the runbook's baseline
 * step, which records them with the release and its audit trail; the graphs only draw them.
 */
export function RegionGraphs({ regionId, zone }: { regionId: string; zone: string }) {
  const loaded = useConsole((s) => s.metricsLoaded);
  const metrics = useConsole((s) => s.metricDefinitions);
  const endpoints = useConsole((s) => s.metricEndpoints);
  const failing = endpoints.filter((e) => e.regionIds.includes(regionId) && e.message !== null);
  const keyMetrics = metrics.filter((m) => m.key);
  const hasBaseline = useConsole((s) => Object.values(s.baselines).some((b) => b.regionId === regionId));

  return (
    <section className="region-graphs" aria-label={`${regionId} graphs`}>
      <header className="region-graphs-head">
        <h3>Health</h3>
        <span className="muted">times in {zoneLabel(zone)} · drag to zoom, double-click to reset · band: baseline p50–p95, dashed: its mean, red/amber: rollback lines</span>
        {loaded && !hasBaseline && <span className="region-graphs-note">No baseline yet: the region's baseline step captures one</span>}
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
