import type { MetricDefinition } from '../workspace/schema/metrics';
import type { Region } from '../workspace/schema/regions';
import { resolveDimensions } from './endpoints';

/** The GetMetricData query shape, declared here so shared/ stays free of the SDK; the SDK's type accepts it. */
export interface MetricDataQuery {
  Id: string;
  Label: string;
  ReturnData: boolean;
  Period: number;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: Array<{ Name: string; Value: string }> };
    Period: number;
    Stat: string;
  };
  Expression?: string;
}

/** CloudWatch rejects any other query id. */
export const QUERY_ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;

export interface QueryTarget {
  regionId: string;
  metricId: string;
  periodMs: number;
}

export interface EndpointQueries {
  /** Groups that must travel in one call: an expression with the queries it refers to, or one metric alone. */
  units: MetricDataQuery[][];
  targets: Map<string, QueryTarget>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** Rewrites workspace metric ids in an expression ("errors / requests * 100") to this region's query ids. */
export function rewriteExpression(expression: string, idFor: ReadonlyMap<string, string>): { expression: string; references: string[] } {
  const ids = [...idFor.keys()].sort((a, b) => b.length - a.length);
  if (ids.length === 0) return { expression, references: [] };
  const pattern = new RegExp(`(?<![A-Za-z0-9_.])(${ids.map(escapeRegExp).join('|')})(?![A-Za-z0-9_.])`, 'g');
  const references = new Set<string>();
  const rewritten = expression.replace(pattern, (id: string) => {
    references.add(id);
    return idFor.get(id) ?? id;
  });
  return { expression: rewritten, references: [...references] };
}

type QueryRegion = Pick<Region, 'id' | 'profile' | 'awsRegion'>;

/**
 * Every metric definition for every region on one endpoint. Ids are `m<region>_<metric>` by position, so
 * they always match CloudWatch's pattern whatever the workspace calls its metrics.
 */
export function buildEndpointQueries(regions: readonly QueryRegion[], metrics: readonly MetricDefinition[]): EndpointQueries {
  const units: MetricDataQuery[][] = [];
  const targets = new Map<string, QueryTarget>();
  regions.forEach((region, regionIndex) => {
    const idFor = new Map(metrics.map((metric, metricIndex) => [metric.id, `m${regionIndex}_${metricIndex}`]));
    const queries = new Map<string, MetricDataQuery>();
    const referencedBy = new Map<string, string[]>();
    for (const metric of metrics) {
      const id = idFor.get(metric.id) ?? '';
      const base = { Id: id, Label: `${region.id} ${metric.label}`, ReturnData: true, Period: metric.periodSeconds };
      targets.set(id, { regionId: region.id, metricId: metric.id, periodMs: metric.periodSeconds * 1000 });
      if (metric.expression !== undefined) {
        const { expression, references } = rewriteExpression(metric.expression, idFor);
        queries.set(metric.id, { ...base, Expression: expression });
        referencedBy.set(metric.id, references.filter((reference) => reference !== metric.id));
      } else {
        queries.set(metric.id, {
          ...base,
          MetricStat: {
            Metric: { Namespace: metric.namespace ?? '', MetricName: metric.metricName ?? '', Dimensions: resolveDimensions(metric, region) },
            Period: metric.periodSeconds,
            Stat: metric.stat,
          },
        });
      }
    }
    // Join each expression with what it refers to (transitively) so a call never splits them apart.
    const groupOf = new Map<string, Set<string>>();
    const join = (a: string, b: string) => {
      const left = groupOf.get(a) ?? new Set([a]);
      const right = groupOf.get(b) ?? new Set([b]);
      if (left === right) return;
      for (const id of right) left.add(id);
      for (const id of left) groupOf.set(id, left);
    };
    for (const metric of metrics) groupOf.set(metric.id, groupOf.get(metric.id) ?? new Set([metric.id]));
    for (const [id, references] of referencedBy) for (const reference of references) join(id, reference);
    const seen = new Set<Set<string>>();
    for (const metric of metrics) {
      const group = groupOf.get(metric.id);
      if (group === undefined || seen.has(group)) continue;
      seen.add(group);
      units.push(metrics.filter((m) => group.has(m.id)).map((m) => queries.get(m.id)).filter((q) => q !== undefined));
    }
  });
  return { units, targets };
}

/** Metrics billed per poll: MetricStat queries only (see cost.ts). */
export function metricsRequested(units: readonly MetricDataQuery[][]): number {
  return units.reduce((total, unit) => total + unit.filter((query) => query.MetricStat !== undefined).length, 0);
}
