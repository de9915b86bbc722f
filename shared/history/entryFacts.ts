import type { ReleaseEvent } from '../engine/events';

/** What the History screen files an entry under: the fields its filters read. */
export interface EntryFacts {
  kind: string;
  release: string | null;
  region: string | null;
  person: string | null;
  role: string | null;
  at: number;
}

/** The region an event is about, whichever field its schema keeps it in (a lease keeps it in the lease). */
function regionOf(event: ReleaseEvent): string | null {
  switch (event.type) {
    case 'leaseTaken':
    case 'leaseTakenOver':
      return event.lease.region;
    case 'shellCommandWouldRun':
      return event.regionId;
    default:
      return 'region' in event ? event.region : null;
  }
}

function releaseOf(event: ReleaseEvent): string | null {
  switch (event.type) {
    case 'leaseTaken':
    case 'leaseTakenOver':
      return event.lease.release;
    default:
      return 'release' in event ? event.release : null;
  }
}

export function eventFacts(event: ReleaseEvent): EntryFacts {
  return { kind: event.type, release: releaseOf(event), region: regionOf(event), person: event.actor.name, role: event.actor.role, at: event.at };
}

/**
 * Files the log's events in the log's order. Two events name less than the one they close:
 * - A lease given back (`leaseReleased`) names only its region and run. It is filed under the release its lease was
 *   taken (or taken over) for, earlier in the log, so a release's History holds "Lease released" beside its "Lease
 *   taken". A region has one lease at a time, so the last taken there for that run is the one given back; one whose
 *   taking the log does not hold names no release.
 * - A shell closed (`shellClosed`) names no region. It is filed in the region its shell opened in (`shellOpened`, by
 *   its transcript), so History filtered by S01 lists both and the entry's Region column is not "—".
 */
export function eventFiler(): (event: ReleaseEvent) => EntryFacts {
  const leaseReleases = new Map<string, string>();
  const leaseKey = (region: string, run: string) => JSON.stringify([region, run]);
  const shellRegions = new Map<string, string | null>();
  return (event) => {
    const facts = eventFacts(event);
    if (event.type === 'leaseTaken' || event.type === 'leaseTakenOver') leaseReleases.set(leaseKey(event.lease.region, event.lease.run), event.lease.release);
    if (event.type === 'leaseReleased') return { ...facts, release: leaseReleases.get(leaseKey(event.region, event.run)) ?? null };
    if (event.type === 'shellOpened') shellRegions.set(event.transcript, event.region);
    if (event.type === 'shellClosed') return { ...facts, region: shellRegions.get(event.transcript) ?? null };
    return facts;
  };
}

/**
 * A log entry that carries no release event (genesis, recovery, checkpoint, acknowledgement) is still part
 * of the chain an auditor checks: it is listed under its own kind, at the time the log wrote it.
 */
export function bookkeepingFacts(kind: string, time: string, body: unknown): EntryFacts {
  const by = kind === 'acknowledgement' && body !== null && typeof body === 'object' ? (body as { acknowledgedBy?: { name?: unknown; role?: unknown } }).acknowledgedBy : undefined;
  return {
    kind,
    release: null,
    region: null,
    person: typeof by?.name === 'string' ? by.name : null,
    role: typeof by?.role === 'string' ? by.role : null,
    at: Date.parse(time),
  };
}
