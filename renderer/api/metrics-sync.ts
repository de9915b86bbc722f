import type { ConsoleApi, ReleaseView, Threshold } from '../../shared/api';
import { consoleStore } from '../store/store';

/**
 * Keeps the metrics slice live: the whole picture on connect, then every poll's new points merged by period.
 * Baselines travel only in snapshots, so a new baseline (a baseline step finishing, or thresholds that moved
 * because one was captured) re-reads them with a snapshot that carries no series.
 */
export function wireMetricsEvents(api: ConsoleApi): void {
  api.onMetricsUpdate((update) => {
    const before = thresholdSignature(consoleStore.getState().thresholds);
    consoleStore.getState().mergeMetricsUpdate(update);
    if (thresholdSignature(update.thresholds) !== before) void loadBaselines(api, update.now);
  });
  api.onMetricsAlert((alert) => consoleStore.getState().upsertMetricsAlert(alert));
  consoleStore.subscribe((state, previous) => {
    if (state.view !== previous.view && baselineStepSignature(state.view) !== baselineStepSignature(previous.view)) void loadBaselines(api, state.metricsNow);
  });
}

export async function loadMetrics(api: ConsoleApi): Promise<void> {
  const snapshot = await api.getMetrics({});
  if (snapshot.ok) consoleStore.getState().setMetricsSnapshot(snapshot.value);
}

async function loadBaselines(api: ConsoleApi, sinceMs: number): Promise<void> {
  const snapshot = await api.getMetrics({ sinceMs, regionIds: [] });
  if (snapshot.ok) consoleStore.getState().setBaselines(snapshot.value.baselines);
}

function thresholdSignature(thresholds: readonly Threshold[]): string {
  return thresholds.map((t) => `${t.regionId}/${t.criterionId}=${t.value}`).join(';');
}

function baselineStepSignature(view: ReleaseView | null): string {
  if (!view) return '';
  return view.gates
    .flatMap((gate) => gate.steps)
    .filter((step) => step.kind === 'baseline')
    .map((step) => `${step.key}:${step.state}`)
    .join(';');
}
