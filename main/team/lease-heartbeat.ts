import type { Clock } from '../../shared/clock';
import type { LeaseBeats } from '../../shared/engine/decideLease';
import type { ReleaseEvent } from '../../shared/engine/events';
import type { RegionLease } from '../../shared/engine/state';
import { LEASE_DURATION_MS, LEASE_HEARTBEAT_MS, type LeaseHolder } from '../../shared/team/lease';
import type { RegionLeases } from './leases';

/**
 * Issue 15: a region's lease is taken and given back by log events, but its heartbeats are not events (they
 * would grow the shared chain every 15 s). They go here: in process for a console alone, or to the
 * DynamoDB lease items (leases.ts, with a TTL) when the log is shared. `decide` reads `beats()` as a fact
 * slice, as it reads metric facts: the expiry each lease's latest heartbeat moved it to.
 */
export interface LeaseHeartbeat {
  /** Follows what this desk appended: beats for the leases it took, stops for the ones it gave back. */
  follow(events: readonly ReleaseEvent[]): Promise<void>;
  /** One round of heartbeats for the leases this desk holds (the timer's; tests call it). */
  beat(): Promise<void>;
  /**
   * Reads the other desks' beats, for the leases the log says are held. A lease whose item this desk cannot read
   * expires a lease duration after it first found it so, by this desk's monotonic clock.
   */
  refresh(leases: readonly RegionLease[]): Promise<void>;
  beats(): LeaseBeats;
  /**
   * Starts beating every LEASE_HEARTBEAT_MS until closed; each round also re-reads the other desks' beats
   * for `held()` (what the log says is held) and calls `changed`, so a holder that went quiet shows as such.
   */
  start(held?: () => readonly RegionLease[], changed?: () => void): void;
  close(): void;
}

abstract class Beating {
  private timer: NodeJS.Timeout | null = null;

  abstract beat(): Promise<void>;
  abstract refresh(leases: readonly RegionLease[]): Promise<void>;
  abstract beats(): LeaseBeats;

  start(held: () => readonly RegionLease[] = () => [], changed: () => void = () => {}): void {
    const round = async () => {
      await this.beat();
      await this.refresh(held());
      changed();
    };
    if (this.timer) return;
    const run = () => void round().catch((error: unknown) => console.error('release-console: a lease heartbeat failed:', error));
    this.timer = setInterval(run, LEASE_HEARTBEAT_MS);
    this.timer.unref();
    // A round at once: a desk that starts reads the other desks' lease items before its first 15 s are up, rather
    // than judging their leases meanwhile by the log's expiry alone (the holder's clock).
    run();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * A console alone: the holder is this process, alive while it answers, so each of its leases is always one
 * lease duration from now, even when a rehearsal clock jumps an hour between two timer beats. A console
 * that dies releases them on restart (its runs are marked interrupted).
 */
export class InProcessLeaseHeartbeat extends Beating implements LeaseHeartbeat {
  private readonly held = new Map<string, string>();

  constructor(private readonly clock: Clock) {
    super();
  }

  follow(events: readonly ReleaseEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'leaseTaken' || event.type === 'leaseTakenOver') this.held.set(event.lease.region, event.lease.run);
      else if (event.type === 'leaseReleased' && this.held.get(event.region) === event.run) this.held.delete(event.region);
    }
    return Promise.resolve();
  }

  beat(): Promise<void> {
    return Promise.resolve();
  }

  beats(): LeaseBeats {
    const now = this.clock.now();
    return Object.fromEntries([...this.held].map(([region, run]) => [region, { run, expiresAt: now + LEASE_DURATION_MS, beatAt: now }]));
  }

  refresh(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * A shared log: each lease this desk takes is mirrored by the existing DynamoDB lease item (RegionLeases),
 * whose conditional heartbeat moves `until` on. The item's purpose is the log lease's run, so another
 * desk matches a beat to the lease its log shows. Each expiry is judged when `decide` asks (RegionLeases.judged):
 * the silence left, on this desk's monotonic clock, from the console clock's now. A wall clock stepped forward
 * between two reads, or a rehearsal's clock moved on an hour, moves the expiry with it: only time that really
 * passed on this desk without a beat expires another desk's lease.
 */
export class DynamoLeaseHeartbeat extends Beating implements LeaseHeartbeat {
  /** Region → the run of the item this desk last read there, for the leases it reports. */
  private readonly runs = new Map<string, string>();
  private readonly tokens = new Map<string, { run: string; token: string }>();
  /**
   * Leases this desk's log says it took whose item could not be written yet (the store stopped answering
   * between the append and the put). The event is logged and its run goes on, so the item is written on
   * the next beats, until it is or the lease is given back: otherwise the other desks would see the lease
   * expire while its run still holds the region.
   */
  private readonly unwritten = new Map<string, Extract<ReleaseEvent, { type: 'leaseTaken' | 'leaseTakenOver' }>>();

  constructor(
    private readonly leases: RegionLeases,
    private readonly holder: LeaseHolder,
  ) {
    super();
  }

  async follow(events: readonly ReleaseEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'leaseTaken' || event.type === 'leaseTakenOver') {
        this.unwritten.delete(event.lease.region);
        await this.write(event);
      } else if (event.type === 'leaseReleased') {
        if (this.unwritten.get(event.region)?.lease.run === event.run) this.unwritten.delete(event.region);
        const mine = this.tokens.get(event.region);
        if (mine?.run !== event.run) continue;
        this.tokens.delete(event.region);
        this.runs.delete(event.region);
        await this.leases.release(event.region, mine.token);
      }
    }
  }

  /** Writes the item for a lease this desk took; if the store does not take it, keeps it for the next beat. */
  private async write(event: Extract<ReleaseEvent, { type: 'leaseTaken' | 'leaseTakenOver' }>): Promise<void> {
    const { region, run } = event.lease;
    // This desk's AWS identity, under the name the event's actor acts as (a rehearsal's persona).
    const holder = { ...this.holder, name: event.lease.holder.name };
    try {
      // The region is already this desk's (a lease it took over, now taken for its own run): its item is given back first.
      const held = this.tokens.get(region);
      if (held && event.type === 'leaseTaken') {
        await this.leases.release(region, held.token);
        this.tokens.delete(region);
      }
      let result = event.type === 'leaseTaken' ? await this.leases.take(region, holder, run) : await this.leases.takeOver(region, holder, run, event.reason);
      // The dead holder's item is gone (its TTL ran out, a day on): the take-over is a plain take.
      if (!result.ok && result.lease === null && event.type === 'leaseTakenOver') result = await this.leases.take(region, holder, run);
      if (!result.ok) throw new Error(result.message);
      this.unwritten.delete(region);
      this.tokens.set(region, { run, token: result.token });
      this.runs.set(region, run);
    } catch (error) {
      this.unwritten.set(region, event);
      console.error(`release-console: the lease item for ${region} could not be written (${error instanceof Error ? error.message : String(error)}); trying again on the next heartbeat.`);
    }
  }

  async beat(): Promise<void> {
    for (const event of [...this.unwritten.values()]) await this.write(event);
    for (const [region, { run, token }] of this.tokens) {
      if (!(await this.leases.heartbeat(region, token))) {
        // Taken over after it expired: it is no longer this desk's to beat.
        this.tokens.delete(region);
        this.runs.delete(region);
        continue;
      }
      if (await this.leases.read(region)) this.runs.set(region, run);
    }
  }

  beats(): LeaseBeats {
    return Object.fromEntries([...this.runs].flatMap(([region, run]) => {
      const judged = this.leases.judged(region);
      return judged ? [[region, { run, ...judged }]] : [];
    }));
  }

  async refresh(leases: readonly RegionLease[]): Promise<void> {
    for (const lease of leases) {
      if (this.tokens.has(lease.region)) continue;
      const item = await this.leases.read(lease.region);
      if (!item || item.purpose !== lease.run) this.leases.noItemOf(lease.region, lease.run);
      this.runs.set(lease.region, lease.run);
    }
    for (const region of this.runs.keys()) if (!this.tokens.has(region) && !leases.some((lease) => lease.region === region)) this.runs.delete(region);
  }
}
