import { z } from 'zod';
import { Actor, RegionLease } from './state';

/** A region's lease taken, given back, or taken over (issue 15): events, so every desk sharing the log sees them. */
const base = { actor: Actor, at: z.number() };

export const LeaseTaken = z.object({ type: z.literal('leaseTaken'), ...base, lease: RegionLease });
export const LeaseReleased = z.object({ type: z.literal('leaseReleased'), ...base, region: z.string(), run: z.string() });
/** A person took an expired lease over, with a reason: it is never taken silently. */
export const LeaseTakenOver = z.object({ type: z.literal('leaseTakenOver'), ...base, lease: RegionLease, reason: z.string() });
