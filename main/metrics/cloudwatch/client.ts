import { CloudWatchClient, type CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';

/** Static credentials or a provider function, as the client accepts them. */
export type Credentials = NonNullable<CloudWatchClientConfig['credentials']>;

export interface EndpointIdentity {
  profile: string;
  awsRegion: string;
}

/** Makes the one client an endpoint (profile × AWS region) is polled through. */
export type CloudWatchClientFactory = (endpoint: EndpointIdentity) => CloudWatchClient;

export interface ClientFactoryOptions {
  /** A local emulator (moto_server) or a VPC endpoint; the public CloudWatch endpoint when absent. */
  endpointUrl?: string;
  /** Tests hand in static credentials; the default reads the user's AWS config. */
  credentialsFor?: (profile: string) => Credentials;
  /** How long a request may go unanswered (tests shorten it). */
  requestTimeoutMs?: number;
}

/** A request that hangs must not hold its endpoint's single flight forever. */
const REQUEST_TIMEOUT_MS = 15_000;
const CONNECTION_TIMEOUT_MS = 5_000;

/**
 * Credentials come from the user's AWS config: static keys, assumed roles and SSO profiles through
 * fromIni; "default" through the whole node chain (env, config, SSO, container, instance). The provider
 * lives inside the client: no credential is ever copied into our state, a store or a log.
 */
export function profileCredentials(profile: string): Credentials {
  return profile === 'default' ? fromNodeProviderChain() : fromIni({ profile });
}

export function cloudWatchClientFactory(options: ClientFactoryOptions = {}): CloudWatchClientFactory {
  const credentialsFor = options.credentialsFor ?? profileCredentials;
  return ({ profile, awsRegion }) =>
    new CloudWatchClient({
      region: awsRegion,
      credentials: credentialsFor(profile),
      ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
      // One retry policy, ours (bounded, jittered, visible in the endpoint's status); the SDK's own would multiply it.
      maxAttempts: 1,
      // throwOnRequestTimeout: without it the SDK only logs a warning at the timeout and goes on waiting.
      requestHandler: { requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, connectionTimeout: CONNECTION_TIMEOUT_MS, throwOnRequestTimeout: true },
    });
}
