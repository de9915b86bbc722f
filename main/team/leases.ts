import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemMonotonicClock, type Clock, type MonotonicClock } from '../../shared/clock';
import { LEASE_DURATION_MS, leaseRefusal, takeOverRefusal, type Lease, type LeaseHolder } from '../../shared/team/lease';
import { TTL_ATTRIBUTE, leasePartitionKey } from '../../shared/team/sharing';

/**
 * An expired lease stays in the table this long before DynamoDB's TTL removes it, so a dead holder's
 * lease is shown as expired (and taken over on purpose) rather than vanishing.
 */
const EXPIRED_LEASE_KEPT_S = 24 * 60 * 60;

/**
 * How far past this desk's own judgement a holder's `until` (its clock) is believed: a rehearsal whose clock the
 * holder moved on, or a laptop clock a little fast, keeps its lease; a clock a day fast does not keep it a day.
 */
export const HOLDER_CLOCK_AHEAD_BELIEVED_MS = LEASE_DURATION_MS;

export type TakeResult = { ok: true; lease: Lease; token: string } | { ok: false; lease: Lease | null; message: string };

interface LeaseItem extends Lease {
  pk: string;
  seq: 0;
  /** Only the desk that took the lease knows it: heartbeats and release are conditional on it. */
  token: string;
  /** Counts the holder's heartbeats; absent on items written before it was kept. See `RegionLeases.observed`. */
  beat?: number;
  [TTL_ATTRIBUTE]: number;
}

export interface LeasesOptions {
  documents: DynamoDBDocumentClient;
  table: string;
  workspaceId: string;
  /**
   * This desk's clock, the console's: what is written and shown (since, until, "expired at 12:04 UTC") and the
   * frame `until` is given in. A rehearsal passes its simulated clock.
   */
  clock: Clock;
  /**
   * What silence is measured on: a duration on this desk, which no wall-clock step (NTP, a resume, a rehearsal's
   * clock moved on) can make longer. The system's (`performance.now()`) when absent; tests pass their own.
   */
  monotonic?: MonotonicClock;
  /** Tokens must not be guessable by another desk; tests may pass a counter. */
  newToken: () => string;
}

/**
 * Region leases as items beside the chain (`lease#<workspace>#<region>`, seq 0), each with a TTL
 * attribute. Taking is one conditional put; a second taker is refused with who holds it and since when;
 * an expired lease is taken over only on purpose, with a reason that stays on the item.
 */
export class RegionLeases {
  /**
   * Per region, the version of its item (token and beat count) this desk last saw change, and when. DynamoDB has
   * no shared time (a condition cannot compare with the server's clock), and `until` is the holder's clock: a
   * desk whose clock runs ahead read a beating holder's lease as expired. So a lease expires here only once this
   * desk has also seen no beat for a lease duration (the DynamoDB Lock Client's record-version rule), and that
   * silence is a duration on this desk, measured on its monotonic clock: a wall clock stepped forward (NTP
   * correcting a slow laptop, a resume, a VM migrated) or running fast, or a rehearsal's clock moved on, cannot
   * make a beating holder look silent. A holder's `until` is believed only up to HOLDER_CLOCK_AHEAD_BELIEVED_MS
   * past that (compared once, when the version is first seen, with this desk's wall clock then), so a dead desk
   * whose clock ran a day ahead does not hold its region for a day. A desk that first reads a lease waits one
   * lease duration from then.
   *
   * `since` is put on this desk's clock the same way: the holder's own `since` is its clock, so on a skewed desk
   * "since 17:02 … until 14:03" could read as a lease ending before it began. When this desk first sees a lease
   * (its token), it counts back from its own clock then by how long the holder said it had held it at its last
   * beat (`heartbeatAt - since`, both the holder's clock, so its skew cancels), and keeps that instant for as long
   * as the token stands: never after a beat this desk saw, so never after `until`.
   */
  private readonly seen = new Map<string, { token: string; beat: number | undefined; at: number; aheadMs: number; since: number | undefined }>();
  private readonly monotonic: MonotonicClock;

  constructor(private readonly options: LeasesOptions) {
    this.monotonic = options.monotonic ?? systemMonotonicClock();
  }

  private see(item: LeaseItem): { at: number; aheadMs: number } {
    let seen = this.seen.get(item.region);
    if (!seen || seen.token !== item.token || seen.beat !== item.beat) {
      const now = this.options.clock.now();
      const aheadMs = Math.min(HOLDER_CLOCK_AHEAD_BELIEVED_MS, Math.max(0, item.until - (now + LEASE_DURATION_MS)));
      const since = seen?.token === item.token && seen.since !== undefined ? seen.since : now - Math.max(0, item.heartbeatAt - item.since);
      seen = { token: item.token, beat: item.beat, at: this.monotonic.elapsedMs(), aheadMs, since };
      this.seen.set(item.region, seen);
    }
    return seen;
  }

  /**
   * The region's lease as this desk judges it now, from its last read, on this desk's clock: `expiresAt` is now
   * plus the silence it has left, `beatAt` when this desk saw its last beat. Null when this desk holds no read
   * of it. Asked at the moment a rule is decided, so a clock stepped between two reads moves both with it.
   * `since` is when the lease was taken, on this desk's clock (see `seen`); absent while this desk reads no item.
   */
  judged(region: string): { expiresAt: number; beatAt: number; since?: number } | null {
    const seen = this.seen.get(region);
    if (!seen) return null;
    const now = this.options.clock.now();
    // In whole seconds, never more than really passed: a beat seen milliseconds before a view is built counts as
    // now, so a rehearsal's standing clock (10:55) shows its expiry a whole lease duration on (10:56), not at
    // 10:55:59.98, read as 10:55 beside "last heartbeat 0 s ago".
    const silentMs = Math.floor((this.monotonic.elapsedMs() - seen.at) / 1000) * 1000;
    const beatAt = now - silentMs;
    const judged = { expiresAt: now + LEASE_DURATION_MS + seen.aheadMs - silentMs, beatAt };
    return seen.since === undefined ? judged : { ...judged, since: Math.min(seen.since, beatAt) };
  }

  /**
   * The log shows `run` holding the region, and this desk reads no item of it: not written yet (the holder's store
   * write failed and is retried on its beats), another run's, or gone. Its silence counts from when this desk first
   * found it so, as for a version first read, rather than from the log's expiry, which is the holder's clock.
   */
  noItemOf(region: string, run: string): void {
    const token = `no item for ${run}`;
    if (this.seen.get(region)?.token === token) return;
    this.seen.set(region, { token, beat: undefined, at: this.monotonic.elapsedMs(), aheadMs: 0, since: undefined });
  }

  /**
   * The lease as this desk judges it, every instant on its clock: `until` is a lease duration (of its monotonic
   * clock) after the item last changed, `heartbeatAt` when this desk saw that change, `since` as `seen` says.
   */
  private observed(item: LeaseItem): Lease {
    this.see(item);
    const judged = this.judged(item.region)!;
    return { ...leaseOf(item), since: judged.since ?? item.since, heartbeatAt: judged.beatAt, until: judged.expiresAt };
  }

  private key(region: string) {
    return { pk: leasePartitionKey(this.options.workspaceId, region), seq: 0 as const };
  }

  private item(region: string, holder: LeaseHolder, purpose: string, token: string, takenOverFrom: Lease['takenOverFrom']): LeaseItem {
    const now = this.options.clock.now();
    const until = now + LEASE_DURATION_MS;
    return { ...this.key(region), region, holder, purpose, since: now, heartbeatAt: now, until, takenOverFrom, token, beat: 0, [TTL_ATTRIBUTE]: Math.ceil(until / 1000) + EXPIRED_LEASE_KEPT_S };
  }

  async read(region: string): Promise<Lease | null> {
    const result = await this.options.documents.send(new GetCommand({ TableName: this.options.table, Key: this.key(region), ConsistentRead: true }));
    return result.Item ? this.observed(result.Item as LeaseItem) : null;
  }

  async take(region: string, holder: LeaseHolder, purpose: string): Promise<TakeResult> {
    const token = this.options.newToken();
    const item = this.item(region, holder, purpose, token, null);
    try {
      await this.options.documents.send(new PutCommand({ TableName: this.options.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return { ok: true, lease: this.observed(item), token };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const lease = await this.read(region);
      return { ok: false, lease, message: lease ? leaseRefusal(lease, this.options.clock.now()) : `${region}'s lease changed while it was being taken; try again` };
    }
  }

  /** Moves the lease's expiry on; false when it is no longer ours (taken over after it expired). */
  async heartbeat(region: string, token: string): Promise<boolean> {
    const now = this.options.clock.now();
    const until = now + LEASE_DURATION_MS;
    try {
      await this.options.documents.send(
        new UpdateCommand({
          TableName: this.options.table,
          Key: this.key(region),
          // The beat count is what other desks watch change; `until` stays for people reading the table.
          UpdateExpression: 'SET heartbeatAt = :now, #until = :until, #ttl = :ttl ADD #beat :one',
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#until': 'until', '#ttl': TTL_ATTRIBUTE, '#token': 'token', '#beat': 'beat' },
          ExpressionAttributeValues: { ':now': now, ':until': until, ':ttl': Math.ceil(until / 1000) + EXPIRED_LEASE_KEPT_S, ':token': token, ':one': 1 },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Gives the region back; false when it was no longer ours. */
  async release(region: string, token: string): Promise<boolean> {
    try {
      await this.options.documents.send(
        new DeleteCommand({ TableName: this.options.table, Key: this.key(region), ConditionExpression: '#token = :token', ExpressionAttributeNames: { '#token': 'token' }, ExpressionAttributeValues: { ':token': token } }),
      );
      this.seen.delete(region);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Takes an expired lease, with a reason: one this desk has seen unchanged for a lease duration of its
   * monotonic clock. The write is conditional on the very version that was seen (its token and beat count), so a holder
   * that beat in between keeps it, whatever either desk's clock says.
   */
  async takeOver(region: string, holder: LeaseHolder, purpose: string, reason: string): Promise<TakeResult> {
    const current = await this.options.documents.send(new GetCommand({ TableName: this.options.table, Key: this.key(region), ConsistentRead: true }));
    const old = current.Item as LeaseItem | undefined;
    const lease = old ? this.observed(old) : null;
    const refusal = takeOverRefusal(lease, reason, this.options.clock.now());
    if (refusal || !old || !lease) return { ok: false, lease, message: refusal ?? 'no lease' };
    const token = this.options.newToken();
    const item = this.item(region, holder, purpose, token, { holder: old.holder, until: lease.until, reason: reason.trim() });
    try {
      await this.options.documents.send(
        new PutCommand({
          TableName: this.options.table,
          Item: item,
          ConditionExpression: old.beat === undefined ? '#token = :old AND attribute_not_exists(#beat)' : '#token = :old AND #beat = :beat',
          ExpressionAttributeNames: { '#token': 'token', '#beat': 'beat' },
          ExpressionAttributeValues: { ':old': old.token, ...(old.beat === undefined ? {} : { ':beat': old.beat }) },
        }),
      );
      return { ok: true, lease: this.observed(item), token };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const lease = await this.read(region);
      return { ok: false, lease, message: lease ? leaseRefusal(lease, this.options.clock.now()) : `${region}'s lease was released meanwhile; take it instead` };
    }
  }
}

/** The lease as the rest of the console sees it: without the key, the token or the TTL. */
function leaseOf(item: LeaseItem): Lease {
  return { region: item.region, holder: item.holder, purpose: item.purpose, since: item.since, heartbeatAt: item.heartbeatAt, until: item.until, takenOverFrom: item.takenOverFrom ?? null };
}

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException';
}
