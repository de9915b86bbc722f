import type { MetricsAlert } from '../api/metrics';
import type { MetricDefinition } from '../workspace/schema/metrics';
import type { RollbackCriterion } from '../workspace/schema/rollback';
import type { BaselineSummary } from './baseline';
import { appliesTo, evaluateCriterion } from './criteria';
import { formatMetricValue } from './units';
import type { Point } from './series';

export interface AlertInputs {
  regionIds: readonly string[];
  criteria: readonly RollbackCriterion[];
  metrics: readonly MetricDefinition[];
  pointsOf(regionId: string, metricId: string): readonly Point[];
  baselineOf(regionId: string, metricId: string): BaselineSummary | undefined;
  handoversIn(regionId: string): string[];
  /** Whether the region is in maintenance mode (its traffic is at its sibling); absent: none is. */
  inMaintenance?(regionId: string): boolean;
  now: number;
}

export interface AlertChanges {
  current: Map<string, MetricsAlert>;
  raised: MetricsAlert[];
  cleared: MetricsAlert[];
}

/**
 * Seed 001's criteria, for every region: a breach raises the region's alert with "Roll back HO-…" as
 * its action; only data under the line clears it. No data keeps a raised alert up (fails closed).
 */
export function evaluateAlerts(inputs: AlertInputs, previous: ReadonlyMap<string, MetricsAlert>): AlertChanges {
  const current = new Map<string, MetricsAlert>();
  const raised: MetricsAlert[] = [];
  const cleared: MetricsAlert[] = [];
  for (const regionId of inputs.regionIds) {
    for (const criterion of inputs.criteria) {
      const metric = inputs.metrics.find((m) => m.id === criterion.metric);
      if (!metric) continue;
      const id = `${regionId}/${criterion.id}`;
      const before = previous.get(id);
      if (!appliesTo(criterion, { inMaintenance: inputs.inMaintenance?.(regionId) ?? false })) {
        // Its traffic left on purpose: a drop alert raised before maintenance mode clears, it is not kept up.
        if (before) cleared.push({ ...before, active: false });
        continue;
      }
      const state = evaluateCriterion(criterion, inputs.pointsOf(regionId, criterion.metric), inputs.baselineOf(regionId, criterion.metric), inputs.now, metric.periodSeconds * 1000);
      if (state.state === 'breached') {
        const handovers = inputs.handoversIn(regionId);
        const alert: MetricsAlert = {
          id, regionId, criterionId: criterion.id, level: criterion.level, title: criterion.title, metricId: criterion.metric,
          value: state.value, threshold: state.threshold, sinceMs: state.sinceMs, handovers,
          action: handovers.length > 0 ? `Roll back ${handovers.join(', ')}` : 'Roll back', active: true,
        };
        current.set(id, alert);
        if (!before) raised.push(alert);
      } else if (before && state.state === 'ok') {
        cleared.push({ ...before, active: false });
      } else if (before) {
        current.set(id, before);
      }
    }
  }
  return { current, raised, cleared };
}

/**
 * An alert's one-line detail, in the workspace's words and units: "Error rate 7.5% against a threshold of
 * 5%", never the metric's id ("errorRate 7.50"). The alert bar and the incident record both say this.
 */
export function alertDetail(alert: Pick<MetricsAlert, 'metricId' | 'value' | 'threshold'>, metrics: readonly Pick<MetricDefinition, 'id' | 'label' | 'unit'>[]): string {
  const metric = metrics.find((m) => m.id === alert.metricId);
  if (!metric) return `${alert.metricId} ${alert.value.toFixed(2)} against a threshold of ${alert.threshold.toFixed(2)}`;
  return `${metric.label} ${formatMetricValue(alert.value, metric.unit)} against a threshold of ${formatMetricValue(alert.threshold, metric.unit)}`;
}
