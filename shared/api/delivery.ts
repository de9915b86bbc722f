import { z } from 'zod';
import { defineCall } from './contract';
import { IdString } from './bounds';
import { DeliveryMetricId } from '../workspace/schema/delivery';

/** Issue 19: the Delivery screen asks for the report of a period; the CLI's `dora --json` prints the same report. */
export const DeliveryEnvironment = z.enum(['production', 'staging']);

export const DeliveryRequest = z
  .object({
    environment: DeliveryEnvironment,
    package: IdString.min(1).nullable(),
    /** Epoch ms, inclusive. */
    since: z.number().int(),
    /** Epoch ms, exclusive. */
    until: z.number().int(),
  })
  .strict();
export type DeliveryRequest = z.infer<typeof DeliveryRequest>;

const values = z.record(DeliveryMetricId, z.number().nullable());

export const DeliveryReportView = z.object({
  environment: DeliveryEnvironment,
  package: z.string().nullable(),
  since: z.string(),
  until: z.string(),
  counts: z.object({ deployments: z.number(), failedChanges: z.number(), failedRollouts: z.number(), restores: z.number() }),
  metrics: z.array(
    z.object({
      id: DeliveryMetricId,
      label: z.string(),
      unit: z.string(),
      value: z.number().nullable(),
      target: z.number().nullable(),
      threshold: z.number().nullable(),
      status: z.enum(['target', 'threshold', 'beyond', 'no goal', 'no data']),
    }),
  ),
  weeks: z.array(z.object({ since: z.string(), until: z.string(), values })),
});

export const DeliveryView = z.object({
  report: DeliveryReportView,
  /** The workspace's packages, for the filter. */
  packages: z.array(z.string()),
  /** The environments the workspace has regions in. */
  environments: z.array(DeliveryEnvironment),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const deliveryCalls = {
  getDeliveryReport: defineCall(DeliveryRequest, DeliveryView),
};
