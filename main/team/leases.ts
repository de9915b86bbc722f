import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../shared/clock';
import { LEASE_DURATION_MS, leaseRefusal, takeOverRefusal, type Lease, type LeaseHolder } from '../../shared/team/lease';
import { TTL_ATTRIBUTE, leasePartitionKey } from '../../shared/team/sharing';

/**
 * An expired lease stays in the table this long before DynamoDB's TTL removes it, so a dead holder's
 * lease is shown as expired (and taken over on purpose) rather than vanishing.
 */
const EXPIRED_LEASE_KEPT_S = 24 * 60 * 60;

export type TakeResult = { ok: true; lease: Lease; token: string } | { ok: false; lease: Lease | null; message: string };

interface LeaseItem extends Lease {
  pk: string;
  seq: 0;
  /** Only the desk that took the lease knows it: heartbeats and release are conditional on it. */
  token: string;
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
  constructor(private readonly options: LeasesOptions) {}

  private key(region: string) {
    return { pk: leasePartitionKey(this.options.workspaceId, region), seq: 0 as const };
  }

  private item(region: string, holder: LeaseHolder, purpose: string, token: string, takenOverFrom: Lease['takenOverFrom']): LeaseItem {
    const now = this.options.clock.now();
    const until = now + LEASE_DURATION_MS;
    return { ...this.key(region), region, holder, purpose, since: now, heartbeatAt: now, until, takenOverFrom, token, [TTL_ATTRIBUTE]: Math.ceil(until / 1000) + EXPIRED_LEASE_KEPT_S };
  }

  async read(region: string): Promise<Lease | null> {
    const result = await this.options.documents.send(new GetCommand({ TableName: this.options.table, Key: this.key(region), ConsistentRead: true }));
    return result.Item ? leaseOf(result.Item as LeaseItem) : null;
  }

  async take(region: string, holder: LeaseHolder, purpose: string): Promise<TakeResult> {
    const token = this.options.newToken();
    const item = this.item(region, holder, purpose, token, null);
    try {
      await this.options.documents.send(new PutCommand({ TableName: this.options.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return { ok: true, lease: leaseOf(item), token };
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
          UpdateExpression: 'SET heartbeatAt = :now, #until = :until, #ttl = :ttl',
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#until': 'until', '#ttl': TTL_ATTRIBUTE, '#token': 'token' },
          ExpressionAttributeValues: { ':now': now, ':until': until, ':ttl': Math.ceil(until / 1000) + EXPIRED_LEASE_KEPT_S, ':token': token },
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
   * Takes an expired lease, with a reason. The write is conditional on the very lease that was read
   * having expired (its token, and `until` before now), so a holder that came back and beat in between keeps it.
   */
  async takeOver(region: string, holder: LeaseHolder, purpose: string, reason: string): Promise<TakeResult> {
    const now = this.options.clock.now();
    const current = await this.options.documents.send(new GetCommand({ TableName: this.options.table, Key: this.key(region), ConsistentRead: true }));
    const old = current.Item as LeaseItem | undefined;
    const refusal = takeOverRefusal(old ? leaseOf(old) : null, reason, now);
    if (refusal || !old) return { ok: false, lease: old ? leaseOf(old) : null, message: refusal ?? 'no lease' };
    const token = this.options.newToken();
    const item = this.item(region, holder, purpose, token, { holder: old.holder, until: old.until, reason: reason.trim() });
    try {
      await this.options.documents.send(
        new PutCommand({
          TableName: this.options.table,
          Item: item,
          ConditionExpression: '#token = :old AND #until < :now',
          ExpressionAttributeNames: { '#token': 'token', '#until': 'until' },
          ExpressionAttributeValues: { ':old': old.token, ':now': now },
        }),
      );
      return { ok: true, lease: leaseOf(item), token };
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
