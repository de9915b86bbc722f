import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { STSClient } from '@aws-sdk/client-sts';
import { profileCredentials, type Credentials } from '../metrics/cloudwatch/client';
import type { SharedStore } from '../../shared/team/sharedStore';
import type { StoreTraffic } from './store-traffic';

export interface StoreClientOptions {
  /** Tests hand in a moto IAM user's keys; the default reads the store profile from the user's AWS config. */
  credentials?: Credentials;
  /** Overrides the workspace's endpoint (a test's TCP proxy in front of moto). */
  endpoint?: string;
  requestTimeoutMs?: number;
  maxAttempts?: number;
}

/**
 * A put that hangs must end, so the desk can say "the store is not answering" and refuse changes. 3 s
 * is far above a healthy DynamoDB put (single-digit ms in region) and below what a person waits for a tick.
 */
export const STORE_REQUEST_TIMEOUT_MS = 3_000;
const STORE_CONNECTION_TIMEOUT_MS = 2_000;
/**
 * The SDK's standard retry strategy (exponential backoff with jitter, throttling and timeouts are
 * retryable) with its default of 3 attempts: a retried put after a timeout is then recognised by its
 * event id in DynamoLog, so retrying is safe.
 */
export const STORE_MAX_ATTEMPTS = 3;

export interface StoreClients {
  dynamo: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  sts: STSClient;
  destroy(): void;
}

/** `traffic`, when given, counts every DynamoDB request these clients send (the desk's polling cost). */
export function storeClients(store: Pick<SharedStore, 'profile' | 'region' | 'endpoint'>, options: StoreClientOptions = {}, traffic?: StoreTraffic): StoreClients {
  const endpoint = options.endpoint ?? store.endpoint;
  const common = {
    region: store.region,
    credentials: options.credentials ?? profileCredentials(store.profile),
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: options.maxAttempts ?? STORE_MAX_ATTEMPTS,
    // Without throwOnRequestTimeout, smithy only logs a warning and the request waits forever on a stalled socket.
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? STORE_REQUEST_TIMEOUT_MS, connectionTimeout: STORE_CONNECTION_TIMEOUT_MS, throwOnRequestTimeout: true },
  };
  const dynamo = new DynamoDBClient(common);
  traffic?.watch(dynamo);
  const sts = new STSClient(common);
  return {
    dynamo,
    documents: DynamoDBDocumentClient.from(dynamo),
    sts,
    destroy: () => {
      dynamo.destroy();
      sts.destroy();
    },
  };
}
