import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** DynamoDB calls billed as reads (read request units) and as writes; everything else (DescribeTable…) is neither. */
const READ_COMMANDS: ReadonlySet<string> = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);
const WRITE_COMMANDS: ReadonlySet<string> = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/** The live figure is the last minute's count, as the issue's `team.reads_per_desk_per_minute` is. */
const WINDOW_MS = 60_000;

export interface StoreTrafficFigures {
  reads: number;
  writes: number;
  readsLastMinute: number;
  writesLastMinute: number;
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

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts every command `client` sends from now on. */
  watch(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => (args) => {
        this.count(context.commandName ?? '');
        return next(args);
      },
      { step: 'initialize', name: 'releaseConsoleStoreTraffic' },
    );
  }

  count(commandName: string): void {
    const at = this.now();
    if (READ_COMMANDS.has(commandName)) {
      this.reads += 1;
      this.recentReads.push(at);
    } else if (WRITE_COMMANDS.has(commandName)) {
      this.writes += 1;
      this.recentWrites.push(at);
    }
  }

  figures(): StoreTrafficFigures {
    const since = this.now() - WINDOW_MS;
    for (const list of [this.recentReads, this.recentWrites]) while (list.length > 0 && list[0]! <= since) list.shift();
    return { reads: this.reads, writes: this.writes, readsLastMinute: this.recentReads.length, writesLastMinute: this.recentWrites.length };
  }
}
