import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { storeClients, type StoreClients } from '../../../main/team/store-clients';
import type { SharedStore } from '../../../shared/team/sharedStore';

/** moto's IAM takes any keys for its own admin calls; the users it creates then get keys of their own. */
const MOTO_ADMIN = { accessKeyId: 'testing', secretAccessKey: 'testing' };
export const STORE_REGION = 'us-east-1';

export interface Desk {
  user: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  clients: StoreClients;
}

export function storeFor(table: string, endpoint: string): SharedStore {
  return { table, profile: 'unused-in-tests', region: STORE_REGION, endpoint, roles: [] };
}

/** One moto IAM user with an access key per desk, so STS names each desk differently. */
export async function createDesk(motoUrl: string, user: string, store: SharedStore, options: { endpoint?: string; requestTimeoutMs?: number; maxAttempts?: number } = {}): Promise<Desk> {
  const iam = new IAMClient({ region: STORE_REGION, endpoint: motoUrl, credentials: MOTO_ADMIN });
  await iam.send(new CreateUserCommand({ UserName: user }));
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: user }));
  iam.destroy();
  const credentials = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
  return { user, credentials, clients: storeClients(store, { credentials, ...options }) };
}
