import { z } from 'zod';
import { Id, Zone } from './common';

/**
 * Read-only commands (ids in commands.yaml, `{region}` their only placeholder) whose JSON output says
 * what the region really is: seed 000's `maintenance status` and `rmht check-versions`. Reconcile runs
 * them and compares the answer with what the console believes (shared/world/probeReport.ts: the JSON).
 */
export const RegionProbes = z
  .strictObject({ maintenance: Id.optional(), versions: Id.optional() })
  .refine((probes) => probes.maintenance !== undefined || probes.versions !== undefined, { error: 'name a maintenance command, a versions command or both' });
export type RegionProbes = z.infer<typeof RegionProbes>;

export const Region = z.strictObject({
  id: Id,
  name: z.string().min(1),
  awsRegion: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/, 'an AWS region such as eu-west-2'),
  /** AWS profile: metrics are fetched per endpoint, profile × awsRegion. */
  profile: z.string().min(1),
  zone: Zone,
  environment: z.enum(['production', 'staging']).default('production'),
  /** Seed 000: maintenance mode redirects a region's traffic to its sibling. */
  sibling: Id.optional(),
  /** Id of a window in rules.yaml: the region's own timing policy (seed 000's regional timing table). */
  timing: Id.optional(),
  note: z.string().optional(),
  probes: RegionProbes.optional(),
});
export type Region = z.infer<typeof Region>;

export const RegionsFile = z.strictObject({
  regions: z.array(Region).min(1, 'at least one region'),
});
