import { z } from 'zod';
import { Id, Zone } from './common';

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
});
export type Region = z.infer<typeof Region>;

export const RegionsFile = z.strictObject({
  regions: z.array(Region).min(1, 'at least one region'),
});
