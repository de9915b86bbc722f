import { randomUUID } from 'node:crypto';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { callerIdentity } from '../../../main/team/identity';
import { storeClients, type StoreClients } from '../../../main/team/store-clients';
import { createStoreTable } from '../../../main/team/table';
import type { LeaseHolder } from '../../../shared/team/lease';
import type { SharedStore } from '../../../shared/team/sharedStore';
import { startMoto, type Moto } from '../metrics/moto';

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

/** Two desks, carol and dave, each with its own AWS identity, sharing one fresh store table on their own moto. */
export interface TwoDesks {
  moto: Moto;
  carol: Desk;
  dave: Desk;
  table: string;
}

/** Starts moto and makes carol's and dave's desks (users named `<prefix>-carol`, `<prefix>-dave`) and the table. */
export async function twoDesksOnOneTable(prefix: string): Promise<TwoDesks> {
  const moto = await startMoto();
  const store = storeFor('unused', moto.url);
  const carol = await createDesk(moto.url, `${prefix}-carol`, store);
  const dave = await createDesk(moto.url, `${prefix}-dave`, store);
  const table = `rc-${randomUUID().slice(0, 8)}`;
  await createStoreTable(carol.clients.dynamo, table);
  return { moto, carol, dave, table };
}

/** Ends what twoDesksOnOneTable started; any of it may be missing when the set-up failed half-way. */
export async function closeDesks(desks: Partial<TwoDesks>): Promise<void> {
  for (const desk of [desks.carol, desks.dave]) desk?.clients.destroy();
  await desks.moto?.stop();
}

/** The lease holder a desk's console would write: its STS identity, with `name` as the person and OS user. */
export async function holderOf(desk: Desk, name: string): Promise<LeaseHolder> {
  const identity = await callerIdentity(desk.clients.sts, name);
  return { arn: identity.arn, name, osUser: name, desk: `${name}-laptop` };
}
