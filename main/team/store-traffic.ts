import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** DynamoDB calls billed as reads (read request units) and as writes; everything else (DescribeTable…) is neither. */
const READ_COMMANDS: ReadonlySet<string> = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);
const WRITE_COMMANDS: ReadonlySet<string> = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/** The live figure is the last minute's count, as the issue's `team.reads_per_desk_per_minute` is. */
const WINDOW_MS = 60_000;

/** What a request was about, from its partition key's prefix (shared/team/sharing.ts): the chain, a lease, presence. */
export type TrafficPartition = 'log' | 'lease' | 'presence' | 'other';

export interface StoreTrafficFigures {
  reads: number;
  writes: number;
  readsLastMinute: number;
  writesLastMinute: number;
  /** Reads since start by what they read, so the cost can be told apart (tail polls, leases, presence). */
  readsBy: Record<TrafficPartition, number>;
}

/** The partition key a request names, marshalled (`{ S: … }`) or not: a Get's Key, a Query's `:pk`. */
function partitionOf(input: unknown): TrafficPartition {
  const request = input as { Key?: { pk?: unknown }; ExpressionAttributeValues?: Record<string, unknown> } | undefined;
  const raw = request?.Key?.pk ?? request?.ExpressionAttributeValues?.[':pk'];
  const pk = typeof raw === 'string' ? raw : typeof (raw as { S?: unknown } | undefined)?.S === 'string' ? (raw as { S: string }).S : '';
  const prefix = pk.slice(0, pk.indexOf('#'));
  return prefix === 'log' || prefix === 'lease' || prefix === 'presence' ? prefix : 'other';
}

/**
 * What this desk asks of the team store (issue 15: the polling cost, shown as CloudWatch's is): every
 * request its DynamoDB clients send — tail polls, lease and presence reads — counted where the SDK sends
 * it, so nothing that reads can be left out of the figure. One command counts once: the SDK's retries
 * (a throttled or timed-out request) run below this step, so an outage's retries are not in the figure.
 */
export class StoreTraffic {
  private reads = 0;
  private writes = 0;
  private readonly recentReads: number[] = [];
  private readonly recentWrites: number[] = [];
  private readonly readsBy: Record<TrafficPartition, number> = { log: 0, lease: 0, presence: 0, other: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts every command `client` sends from now on. */
  watch(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => (args) => {
        this.count(context.commandName ?? '', partitionOf(args.input));
        return next(args);
      },
      { step: 'initialize', name: 'releaseConsoleStoreTraffic' },
    );
  }

  count(commandName: string, partition: TrafficPartition = 'other'): void {
    const at = this.now();
    if (READ_COMMANDS.has(commandName)) {
      this.reads += 1;
      this.readsBy[partition] += 1;
      this.recentReads.push(at);
    } else if (WRITE_COMMANDS.has(commandName)) {
      this.writes += 1;
      this.recentWrites.push(at);
    }
  }

  figures(): StoreTrafficFigures {
    const since = this.now() - WINDOW_MS;
    for (const list of [this.recentReads, this.recentWrites]) while (list.length > 0 && list[0]! <= since) list.shift();
    return { reads: this.reads, writes: this.writes, readsLastMinute: this.recentReads.length, writesLastMinute: this.recentWrites.length, readsBy: { ...this.readsBy } };
  }
}
