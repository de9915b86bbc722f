import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../shared/clock';
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
  clock: Clock;
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
   * Per region, the version of its item (token and beat count) this desk last saw change, and when by its own
   * clock. DynamoDB has no shared time (a condition cannot compare with the server's clock), and `until` is
   * the holder's clock: a desk whose clock runs ahead read a beating holder's lease as expired. So a lease
   * expires here only once this desk has also seen no beat for a lease duration of its own clock (the DynamoDB
   * Lock Client's record-version rule): a taker's clock running ahead no longer matters. A holder's `until` is
   * believed only up to HOLDER_CLOCK_AHEAD_BELIEVED_MS past that, so a dead desk whose clock ran a day ahead
   * does not hold its region for a day. A desk that first reads a lease waits one lease duration from then.
   */
  private readonly seen = new Map<string, { token: string; beat: number | undefined; at: number }>();

  constructor(private readonly options: LeasesOptions) {}

  /** The lease as this desk judges it: `until` is a lease duration after the item last changed, by this desk's clock. */
  private observed(item: LeaseItem): Lease {
    let seen = this.seen.get(item.region);
    if (!seen || seen.token !== item.token || seen.beat !== item.beat) {
      seen = { token: item.token, beat: item.beat, at: this.options.clock.now() };
      this.seen.set(item.region, seen);
    }
    return { ...leaseOf(item), until: Math.max(seen.at + LEASE_DURATION_MS, Math.min(item.until, seen.at + HOLDER_CLOCK_AHEAD_BELIEVED_MS + LEASE_DURATION_MS)) };
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
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Takes an expired lease, with a reason: one this desk has seen unchanged for a lease duration of its own
   * clock. The write is conditional on the very version that was seen (its token and beat count), so a holder
   * that beat in between keeps it, whatever either desk's clock says.
   */
  async takeOver(region: string, holder: LeaseHolder, purpose: string, reason: string): Promise<TakeResult> {
    const now = this.options.clock.now();
    const current = await this.options.documents.send(new GetCommand({ TableName: this.options.table, Key: this.key(region), ConsistentRead: true }));
    const old = current.Item as LeaseItem | undefined;
    const lease = old ? this.observed(old) : null;
    const refusal = takeOverRefusal(lease, reason, now);
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
