import './graphs.css';
import { seriesKey } from '../../../shared/metrics/series';
import { clockIn, dayAndClockWithZone, operatorZone, zoneLabel } from '../../format/time';
import { useConsole } from '../../store/store';
import { ActionButton } from '../ActionButton';
import { CHART_HEIGHT } from './chart';
import { MetricChart } from './MetricChart';
import { MetricsCost } from './MetricsCost';
import { GRAPH_RANGES, rangeStartMs } from './time-range';
import { VerificationTable } from './VerificationTable';
import { baselineNote } from './baseline-note';

function earliest(instants: (number | undefined)[]): number | null {
  const known = instants.filter((t): t is number => t !== undefined);
  return known.length > 0 ? Math.min(...known) : null;
}

function latest(instants: (number | undefined)[]): number | null {
  const known = instants.filter((t): t is number => t !== undefined);
  return known.length > 0 ? Math.max(...known) : null;
}

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
  const range = useConsole((s) => s.graphRange);
  const setRange = useConsole((s) => s.setGraphRange);
  const now = useConsole((s) => s.metricsNow);
  const baselineAge = useConsole((s) => s.view?.regions.find((r) => r.id === regionId)?.baseline ?? null);
  const baselineStart = useConsole((s) => earliest(Object.values(s.baselines).filter((b) => b.regionId === regionId).map((b) => b.startMs)));
  // The window of the baseline the view dates: the one whose end is its `takenAt`.
  const takenAt = baselineAge?.takenAt ?? null;
  const baselineWindowStart = useConsole((s) => (takenAt === null ? null : earliest(Object.values(s.baselines).filter((b) => b.regionId === regionId && b.endMs === takenAt).map((b) => b.startMs))));
  // Main keeps a bounded history: a range longer than it shows from the first point held.
  const firstPoint = useConsole((s) => earliest(s.metricDefinitions.map((m) => s.series[seriesKey(regionId, m.id)]?.t[0])));
  const lastPoint = useConsole((s) => latest(s.metricDefinitions.map((m) => s.series[seriesKey(regionId, m.id)]?.t.at(-1))));
  const rangeStart = rangeStartMs(range, now, baselineStart);
  // No point held at all: the graphs say "no data" themselves, and a start time would promise some.
  const shownFrom = firstPoint === null ? null : rangeStart === null ? firstPoint : Math.max(rangeStart, firstPoint);

  return (
    <section className="region-graphs" aria-label={`${regionId} graphs`}>
      <header className="region-graphs-head">
        <h3>Health</h3>
        <span className="region-graphs-legend muted">times in {zoneLabel(zone)} · drag to zoom, double-click to reset · band: baseline p50–p95, dashed: its mean, red/amber: rollback lines</span>
        {loaded && !hasBaseline && (
          <span className="region-graphs-note" id={`${regionId}-no-baseline`}>
            No baseline yet: the region's baseline step captures one
          </span>
        )}
        {baselineAge && (
          <span className={`baseline-age${baselineAge.stale ? ' baseline-age-stale' : ' muted'}`} role={baselineAge.stale ? 'alert' : undefined}>
            {baselineNote(baselineAge, baselineWindowStart, now, zone, operatorZone())}
          </span>
        )}
        {/* The range's start beside its buttons, never beside the baseline's date: the two read as one time. It names its
            zone (the region's, as the axes read) as every recorded time on the console does: on a desk in another zone
            a day and clock alone read as the desk's. */}
        <div className="graph-range">
          {loaded && shownFrom !== null && <span className="graph-range-from muted">graphs from {dayAndClockWithZone(shownFrom, zone)}</span>}
          {/* Once for every graph, at any width: each header's "at 10:54" went when four a row left it no room. */}
          {loaded && lastPoint !== null && <span className="graph-range-latest muted">latest point {clockIn(lastPoint, zone)}</span>}
          <div className="graph-ranges" role="group" aria-label="Time range">
            {GRAPH_RANGES.map((r) => {
              const unavailable = r.range === 'baseline' && !hasBaseline;
              return (
                <ActionButton key={r.range} aria-pressed={range === r.range} disabledReason={unavailable ? "No baseline yet: the region's baseline step captures one" : null} onClick={() => setRange(r.range)}>
                  {r.label}
                </ActionButton>
              );
            })}
          </div>
        </div>
      </header>
      {failing.map((e) => (
        <div key={e.key} role="alert" className="banner banner-warn">
          Metrics from {e.profile} / {e.awsRegion}: {e.message}
        </div>
      ))}
      {!loaded ? (
        // One empty card per chart, each as tall as a drawn one: the checklist and terminal below stay put when the
        // metrics arrive (a terminal pushed off screen mid-read is not redrawn by xterm.js until it is shown again).
        <div className="graphs-grid" aria-busy="true">
          {keyMetrics.map((metric) => (
            <figure key={metric.id} className="metric-chart metric-chart-loading">
              <figcaption className="metric-chart-head">
                <span className="metric-chart-label">{metric.label}</span>
                <span className="muted">Loading metrics…</span>
              </figcaption>
              <div className="metric-chart-plot" style={{ height: CHART_HEIGHT }} />
            </figure>
          ))}
        </div>
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
