import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sha256Hex } from '../storage/audit-entry';
import type { Clock } from '../../shared/clock';
import { PRESENCE_STALE_MS, isPresent, type Presence } from '../../shared/team/presence';
import { TTL_ATTRIBUTE, presencePartitionKey } from '../../shared/team/sharing';

/**
 * The table's sort key is a number (the log's seq), so a desk's presence item sits at a number derived
 * from its desk id: 48 bits of its sha256, exact in a JavaScript number. Two desks colliding would need
 * ~16 million desks per workspace; the item carries the desk id, and a reader keeps only what it says.
 */
export function presenceSlot(desk: string): number {
  return Number.parseInt(sha256Hex(desk).slice(0, 12), 16);
}

export interface PresenceBoardOptions {
  documents: DynamoDBDocumentClient;
  table: string;
  workspaceId: string;
  clock: Clock;
}

/** Presence heartbeats: one item per desk, overwritten each beat, outside the chain; TTL removes dead desks. */
export class PresenceBoard {
  constructor(private readonly options: PresenceBoardOptions) {}

  async beat(presence: Omit<Presence, 'at'>): Promise<void> {
    const at = this.options.clock.now();
    await this.options.documents.send(
      new PutCommand({
        TableName: this.options.table,
        Item: { pk: presencePartitionKey(this.options.workspaceId), seq: presenceSlot(presence.desk), ...presence, at, [TTL_ATTRIBUTE]: Math.ceil((at + PRESENCE_STALE_MS) / 1000) },
      }),
    );
  }

  /** A person no window of the desk acts as any more (a rehearsal's persona changed): gone now, not a minute later. */
  async leave(desk: string): Promise<void> {
    await this.options.documents.send(new DeleteCommand({ TableName: this.options.table, Key: { pk: presencePartitionKey(this.options.workspaceId), seq: presenceSlot(desk) } }));
  }

  /**
   * People at desks that beat recently, the caller's own desk excluded when `except` names it (its items are
   * `except` itself or `except/<person>`, desk-presence.ts). Eventually consistent: presence can lag a beat.
   */
  async list(except: string | null = null): Promise<Presence[]> {
    const now = this.options.clock.now();
    const result = await this.options.documents.send(
      new QueryCommand({ TableName: this.options.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': presencePartitionKey(this.options.workspaceId) } }),
    );
    return (result.Items ?? [])
      .map((item) => ({ desk: String(item['desk']), name: String(item['name']), arn: String(item['arn']), role: (item['role'] as string | null) ?? null, screen: String(item['screen']), at: Number(item['at']) }))
      .filter((presence) => !(except !== null && (presence.desk === except || presence.desk.startsWith(`${except}/`))) && isPresent(presence, now))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
