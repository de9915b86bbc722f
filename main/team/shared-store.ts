import { randomUUID } from 'node:crypto';
import type { Clock, MonotonicClock } from '../../shared/clock';
import { parseCallerArn, rolesOf, type DeskIdentity } from '../../shared/team/identity';
import type { SharedStore } from '../../shared/team/sharedStore';
import { DynamoLog } from './dynamo-log';
import { callerIdentity } from './identity';
import { RegionLeases } from './leases';
import { PresenceBoard } from './presence';
import { storeClients, type StoreClientOptions } from './store-clients';
import type { StoreTraffic } from './store-traffic';

/** Everything one desk needs from the team store, opened once at start from the workspace's sharedStore. */
export interface OpenSharedStore {
  identity: DeskIdentity;
  /** The workspace roles the identity maps to (sharedStore.roles); never typed by the user. */
  roles: string[];
  /** For people: the SSO session or IAM user name. */
  displayName: string;
  log: DynamoLog;
  leases: RegionLeases;
  presence: PresenceBoard;
  close(): void;
}

/**
 * Opens the store the workspace names: asks STS who this desk is (an error here means the profile's
 * credentials do not work, and the console says so before anything is shared), then builds the log,
 * the leases and the presence board on one set of clients.
 */
export async function openSharedStore(store: SharedStore, workspaceId: string, clock: Clock, options: StoreClientOptions & { osUser?: string } = {}): Promise<OpenSharedStore> {
  const clients = storeClients(store, options);
  try {
    const identity = await callerIdentity(clients.sts, options.osUser);
    const parts = parseCallerArn(identity.arn);
    const common = { documents: clients.documents, table: store.table, workspaceId, clock };
    return {
      identity,
      roles: rolesOf(identity, store.roles),
      displayName: 'error' in parts ? identity.arn : parts.displayName,
      log: new DynamoLog(common),
      leases: new RegionLeases({ ...common, newToken: randomUUID }),
      presence: new PresenceBoard(common),
      close: () => clients.destroy(),
    };
  } catch (error) {
    clients.destroy();
    throw new Error(`the team store's profile ${store.profile} (${store.region}) could not say who this desk is: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Only the shared release log, without asking STS who the desk is: a desk that starts while the store is
 * unreachable still opens, read-only on its replica, and catches up once the store answers.
 */
export function openTeamLog(
  store: SharedStore,
  chainId: string,
  clock: Clock,
  options: StoreClientOptions = {},
  traffic?: StoreTraffic,
  monotonic?: MonotonicClock,
): { log: DynamoLog; leases: RegionLeases; close(): void } {
  const clients = storeClients(store, options, traffic);
  const common = { documents: clients.documents, table: store.table, workspaceId: chainId, clock };
  // The chain's own id names its leases too: a rehearsal's leases never stand in a live release's way.
  return { log: new DynamoLog(common), leases: new RegionLeases({ ...common, newToken: randomUUID, ...(monotonic ? { monotonic } : {}) }), close: () => clients.destroy() };
}
