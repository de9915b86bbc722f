import { z } from 'zod';
import { IdString } from './bounds';
import { defineCall } from './contract';

/**
 * A region's last reconcile, as its tile shows it. The differences are worked out again on every view
 * from the last report and what the console believes now, so one goes away once the two agree.
 */
export const RegionReconcileView = z.object({
  /** no-probes: the workspace declares none for the region, so it is "not reconciled" and cannot be. */
  status: z.enum(['no-probes', 'not-reconciled', 'agrees', 'differs', 'failed']),
  at: z.number().nullable(),
  /** Sentences such as "tools say EUW2 is in maintenance; the console did not put it there". */
  differences: z.array(z.string()),
  /** Why the last reconcile failed, naming the probe. */
  error: z.string().nullable(),
});
export type RegionReconcileView = z.infer<typeof RegionReconcileView>;

export const worldCalls = {
  /** Runs the region's probes (read-only commands) and compares what they report with what the console believes. */
  reconcileRegion: defineCall(z.object({ regionId: IdString }).strict(), RegionReconcileView),
};
