import type { MetricDefinition } from '../../../shared/workspace/schema/metrics';
import type { Region } from '../../../shared/workspace/schema/regions';
import type { RollbackCriterion } from '../../../shared/workspace/schema/rollback';

export function region(id: string, awsRegion: string, profile = 'rc-test', zone = 'Europe/London'): Region {
  return { id, name: id, awsRegion, profile, zone, environment: 'production' };
}

export function stat(id: string, metricName: string, statName: string, unit: string, key = true): MetricDefinition {
  return { id, label: id, namespace: 'ReleaseConsole/Test', metricName, dimensions: { Region: '{region}' }, stat: statName, periodSeconds: 60, unit, key };
}

/** errors, requests, p99 latency and the metric-math error rate, as a workspace's metrics.yaml would say. */
export const METRICS: MetricDefinition[] = [
  stat('requests', 'Requests', 'Sum', 'Count', false),
  stat('errors', 'Errors', 'Sum', 'Count', false),
  // moto 5.2.1 answers percentile statistics (p99) in GetMetricData with an HTTP 500: its Statistics class
  // knows Sum, Average, Minimum, Maximum and SampleCount only. With one sample a minute, Maximum is the p99.
  stat('p99', 'Latency', 'Maximum', 'ms'),
  { id: 'error_rate', label: 'Error Rate', dimensions: {}, stat: 'Average', periodSeconds: 60, unit: '%', key: true, expression: 'errors / requests * 100', inputs: ['errors', 'requests'] },
];

/** Seed 001: immediate rollback when p99 > 3× baseline; consider when error rate > 1 %. */
export const CRITERIA: RollbackCriterion[] = [
  { id: 'p99-3x', title: 'P99 latency > 3x baseline', level: 'immediate', metric: 'p99', comparison: 'ratioToBaseline', threshold: 3, sustainedMinutes: 0 },
];

export const MINUTE = 60_000;
