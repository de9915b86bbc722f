/**
 * A region's lease: the right to run command or rollback steps there, held by one desk at a time
 * (issue 15, "Region leases"). Pure: the clock is handed in, and main only writes what these say.
 */

/** Who holds a lease, as AWS named them; `name` is for people (SSO session or IAM user name). */
export interface LeaseHolder {
  arn: string;
  name: string;
  osUser: string;
  /** One console process: two windows of one person's desk share it, two machines do not. */
  desk: string;
}

export interface Lease {
  region: string;
  holder: LeaseHolder;
  /** What the holder is doing there, e.g. "rollback HO-1234" or "deploy step euw2-deploy". */
  purpose: string;
  since: number;
  heartbeatAt: number;
  /** The lease is the holder's until then; each heartbeat moves it on. */
  until: number;
  /** Set when the lease was taken over: whose it was and why. */
  takenOverFrom: { holder: LeaseHolder; until: number; reason: string } | null;
}

/**
 * A holder that heartbeats every 15 s keeps its lease through three missed beats (a GC pause, a slow
 * store); a desk that died frees its region after one minute, which is short beside a deploy step.
 */
export const LEASE_DURATION_MS = 60_000;
export const LEASE_HEARTBEAT_MS = 15_000;

export type LeaseStatus = 'held' | 'expired';

export function leaseStatus(lease: Pick<Lease, 'until'>, now: number): LeaseStatus {
  return now < lease.until ? 'held' : 'expired';
}

function clockTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 16);
}

/**
 * What a second taker is told. An expired lease is shown as such and never taken silently: taking it
 * over is its own intent, with a reason.
 */
export function leaseRefusal(lease: Lease, now: number): string {
  const who = `${lease.holder.name} (${lease.holder.osUser})`;
  if (leaseStatus(lease, now) === 'expired') {
    return `${lease.region}'s lease for ${lease.purpose} expired at ${clockTime(lease.until)} UTC without a heartbeat from ${who}; take it over with a reason to run here`;
  }
  return `${lease.region} is held by ${who} for ${lease.purpose} since ${clockTime(lease.since)} UTC`;
}

/** Why a take-over is not allowed, or null when it is. */
export function takeOverRefusal(lease: Lease | null, reason: string, now: number): string | null {
  if (reason.trim().length === 0) return 'taking over a lease needs a reason, for the record';
  if (lease === null) return 'there is no lease to take over; take the lease instead';
  if (leaseStatus(lease, now) === 'held') return `${leaseRefusal(lease, now)}; a lease can be taken over only after it expires (at ${clockTime(lease.until)} UTC)`;
  return null;
}
