import type { MetricsAlert } from '../api/metrics';
import type { MetricDefinition } from '../workspace/schema/metrics';
import type { RollbackCriterion } from '../workspace/schema/rollback';
import type { BaselineSummary } from './baseline';
import { appliesTo, evaluateCriterion, thresholdValue } from './criteria';
import { formatMetricValue, formatPoints, trimNumber, unitKind } from './units';
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
          ...relativeTerms(criterion, inputs.baselineOf(regionId, criterion.metric), state.threshold),
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

/** A baseline-relative criterion's terms for the alert; none for an absolute one. */
function relativeTerms(criterion: RollbackCriterion, baseline: BaselineSummary | undefined, line: number): Pick<MetricsAlert, 'relative'> {
  if (criterion.comparison === 'above' || criterion.comparison === 'below' || baseline === undefined) return {};
  const unfloored = thresholdValue({ ...criterion, floor: undefined }, baseline);
  return { relative: { comparison: criterion.comparison, baseline: baseline.mean, floored: unfloored !== null && line > unfloored } };
}

/**
 * An alert's one-line detail, in the workspace's words and units. An absolute rule: "Error rate 7.5% against
 * a threshold of 5%". A rule relative to the baseline says it as the runbook does, with both values: "Error
 * rate 0.62% now against a baseline of 0.45%: 38% above it"; where the workspace's floor drew the line, it
 * says so, since the rule's own line would sit lower.
 */
export function alertDetail(alert: Pick<MetricsAlert, 'metricId' | 'value' | 'threshold' | 'relative'>, metrics: readonly Pick<MetricDefinition, 'id' | 'label' | 'unit'>[]): string {
  const metric = metrics.find((m) => m.id === alert.metricId);
  if (!metric) return `${alert.metricId} ${alert.value.toFixed(2)} against a threshold of ${alert.threshold.toFixed(2)}`;
  const value = (v: number) => formatMetricValue(v, metric.unit);
  const relative = alert.relative;
  if (!relative) return `${metric.label} ${value(alert.value)} against a threshold of ${value(alert.threshold)}`;
  const now = `${metric.label} ${value(alert.value)} now against a baseline of ${value(relative.baseline)}`;
  // Under the floor, how far above so low a baseline the value is says nothing (7,900%): the floor is the line.
  if (relative.floored) return `${now} (a baseline this low is judged against the workspace's floor of ${value(alert.threshold)})`;
  return `${now}${baselineRelation(relative.comparison, alert.value, relative.baseline, metric.unit)}`;
}

/**
 * ": 38% above it", ": 3.2× it", ": 12% below it"; nothing when a zero baseline makes a ratio meaningless.
 * A metric that is itself a percentage moves in points, said as such: ": 0.6 pp above it", and a relative
 * rule's "38%" is marked relative beside its points, since "0.45% → 0.62%: 38%" reads as points otherwise.
 */
function baselineRelation(comparison: NonNullable<MetricsAlert['relative']>['comparison'], current: number, baseline: number, unit: string): string {
  const isPercent = unitKind(unit) === 'percent';
  if (comparison === 'aboveBaselineBy') return `: ${isPercent ? `${trimNumber(current - baseline, 2)} pp` : formatMetricValue(current - baseline, unit)} above it`;
  if (baseline <= 0) return '';
  const ratio = current / baseline;
  if (comparison === 'ratioToBaseline') return `: ${trimNumber(ratio, 1)}× it`;
  const percent = Math.abs(ratio - 1) * 100;
  const relative = `${percent.toLocaleString('en-GB', { maximumFractionDigits: percent < 10 ? 1 : 0 })}% ${ratio >= 1 ? 'above' : 'below'} it`;
  return isPercent ? `: ${relative} (relative; ${formatPoints(current - baseline)})` : `: ${relative}`;
}
