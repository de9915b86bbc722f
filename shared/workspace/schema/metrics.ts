import { z } from 'zod';
import { Id } from './common';

export const MetricDefinition = z
  .strictObject({
    id: Id,
    label: z.string().min(1),
    namespace: z.string().min(1).optional(),
    metricName: z.string().min(1).optional(),
    /** Values may use the {region} placeholder. */
    dimensions: z.record(z.string(), z.string()).default({}),
    stat: z.string().regex(/^(Average|Sum|Minimum|Maximum|SampleCount|p[0-9]{1,2}(\.[0-9]+)?)$/, 'a CloudWatch statistic such as Average, Sum, p95 or p99'),
    periodSeconds: z.number().int().min(1),
    unit: z.string().min(1),
    /** CloudWatch metric math over other metric ids, e.g. errors / requests * 100. */
    expression: z.string().min(1).optional(),
    inputs: z.array(Id).optional(),
    key: z.boolean().default(false),
  })
  .refine((metric) => (metric.expression === undefined) !== (metric.metricName === undefined || metric.namespace === undefined), {
    error: 'a metric has either namespace + metricName, or an expression with inputs',
  });
export type MetricDefinition = z.infer<typeof MetricDefinition>;

export const MetricsFile = z.strictObject({
  metrics: z.array(MetricDefinition).default([]),
  /**
   * Issue 17: how old a region's baseline may be when a deploy starts there; an older one is stale and is
   * retaken first. Absent: no limit (seeds 001–004 give none).
   */
  baselineMaxAgeMinutes: z.number().positive().optional(),
});
