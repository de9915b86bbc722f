import type { StateCreator } from 'zustand';
import type {
  Baseline, EndpointStatus, MetricsAlert, MetricsSnapshot, MetricsUpdate, PollingCostView, ScenarioState, SeriesState, Threshold,
} from '../../shared/api';
import { seriesKey, type SeriesKey } from '../../shared/metrics/series';
import { EMPTY_SERIES, HISTORY_MAX_POINTS, mergeSeries, type SeriesColumns } from './metric-series';

export type MetricSummary = MetricsSnapshot['metrics'][number];

/** What main pushed about metrics, as graphs read it: by region × metric, never re-judged here. */
export interface MetricsSlice {
  /** False until the first getMetrics answered: graphs say "loading", not "no data". */
  metricsLoaded: boolean;
  metricsSource: MetricsSnapshot['source'] | null;
  /** Main's clock at the last snapshot or poll (simulated in a rehearsal). */
  metricsNow: number;
  metricDefinitions: MetricSummary[];
  series: Record<SeriesKey, SeriesColumns>;
  seriesStates: Record<SeriesKey, SeriesState>;
  baselines: Record<SeriesKey, Baseline>;
  thresholds: Threshold[];
  metricEndpoints: EndpointStatus[];
  pollingCost: PollingCostView | null;
  metricAlerts: MetricsAlert[];
  /** Null unless the source is the simulator. */
  scenarios: ScenarioState[] | null;
  setMetricsSnapshot: (snapshot: MetricsSnapshot) => void;
  mergeMetricsUpdate: (update: MetricsUpdate) => void;
  setBaselines: (baselines: Baseline[]) => void;
  upsertMetricsAlert: (alert: MetricsAlert) => void;
  setScenarios: (scenarios: ScenarioState[]) => void;
}

function byKey<T extends { regionId: string; metricId: string }>(items: readonly T[]): Record<SeriesKey, T> {
  const out: Record<SeriesKey, T> = {};
  for (const item of items) out[seriesKey(item.regionId, item.metricId)] = item;
  return out;
}

export const createMetricsSlice: StateCreator<MetricsSlice, [], [], MetricsSlice> = (set, get) => ({
  metricsLoaded: false,
  metricsSource: null,
  metricsNow: 0,
  metricDefinitions: [],
  series: {},
  seriesStates: {},
  baselines: {},
  thresholds: [],
  metricEndpoints: [],
  pollingCost: null,
  metricAlerts: [],
  scenarios: null,
  setMetricsSnapshot: (snapshot) => {
    // A snapshot is the whole truth (a reconnect may have missed updates): series are replaced, not merged.
    const series: Record<SeriesKey, SeriesColumns> = {};
    for (const data of snapshot.series) series[seriesKey(data.regionId, data.metricId)] = mergeSeries(EMPTY_SERIES, data, HISTORY_MAX_POINTS);
    set({
      metricsLoaded: true,
      metricsSource: snapshot.source,
      metricsNow: snapshot.now,
      metricDefinitions: snapshot.metrics,
      series,
      seriesStates: byKey(snapshot.states),
      baselines: byKey(snapshot.baselines),
      thresholds: snapshot.thresholds,
      metricEndpoints: snapshot.endpoints,
      pollingCost: snapshot.cost,
      metricAlerts: snapshot.alerts,
      scenarios: snapshot.scenarios,
    });
  },
  mergeMetricsUpdate: (update) => {
    const state = get();
    let series = state.series;
    for (const data of update.series) {
      if (data.t.length === 0) continue;
      const key = seriesKey(data.regionId, data.metricId);
      const merged = mergeSeries(series[key] ?? EMPTY_SERIES, data, HISTORY_MAX_POINTS);
      if (series === state.series) series = { ...series };
      series[key] = merged;
    }
    set({
      metricsNow: Math.max(state.metricsNow, update.now),
      series,
      seriesStates: byKey(update.states),
      thresholds: update.thresholds,
      metricEndpoints: update.endpoints,
      metricAlerts: update.alerts,
      scenarios: update.scenarios,
    });
  },
  setBaselines: (baselines) => set({ baselines: byKey(baselines) }),
  upsertMetricsAlert: (alert) => {
    const others = get().metricAlerts.filter((a) => a.id !== alert.id);
    set({ metricAlerts: [...others, alert] });
  },
  setScenarios: (scenarios) => set({ scenarios }),
});
