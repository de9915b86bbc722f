import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TTL_ATTRIBUTE } from '../../shared/team/sharing';

export type TableCreation = 'created' | 'existed';

/** `store init` waits this long for a new table to become ACTIVE (on-demand tables take seconds). */
const TABLE_ACTIVE_WAIT_S = 120;

/**
 * Creates the team table: key pk (string) + seq (number), on-demand billing, and TTL on `expiresAt` for
 * lease and presence items. Safe to run again: an existing table with the right key is left as it is,
 * and one with another key is an error that says what differs.
 */
export async function createStoreTable(client: DynamoDBClient, table: string): Promise<TableCreation> {
  let outcome: TableCreation = 'created';
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'seq', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'seq', KeyType: 'RANGE' },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    outcome = 'existed';
  }
  await waitUntilTableExists({ client, maxWaitTime: TABLE_ACTIVE_WAIT_S }, { TableName: table });
  const described = await client.send(new DescribeTableCommand({ TableName: table }));
  const keys = (described.Table?.KeySchema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(', ');
  if (keys !== 'pk:HASH, seq:RANGE') throw new Error(`table ${table} exists with key ${keys || '(none)'}; the team store needs pk (HASH, string) and seq (RANGE, number)`);
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status !== 'ENABLED' && status !== 'ENABLING') {
    await client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }));
  }
  return outcome;
}
