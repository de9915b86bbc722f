import type { Actor } from '../../shared/engine/state';
import { parseCallerArn, rolesOf } from '../../shared/team/identity';
import type { SharedStore } from '../../shared/team/sharedStore';
import type { StoreClientOptions } from './store-clients';

/** Who this desk is, for every event it writes outside rehearsals and the demo (issue 15, "Identity from AWS"). */
export interface DeskActor {
  actor: Actor;
  /** Every role the workspace's mapping gives the identity; `actor.role` is the first. */
  roles: string[];
  /** Why AWS could not say who this desk is, for the status bar; null when it did, or when no store is named. */
  problem: string | null;
}

/** What a desk whose identity maps to no role is called: every approval and rollback check then refuses it, by name. */
export const NO_ROLE = 'no role';

/**
 * Asks STS who holds the shared store's profile (the ARN and, for SSO, the session name and permission
 * set), and maps it to the workspace's roles (declared in workspace.yaml; the mapping is checked against them
 * at load). With no store named, the OS user alone, in `aloneRole`. When STS cannot
 * answer (expired SSO session, no such profile), the OS user with no role, and the reason: the desk must
 * not act as a role AWS did not vouch for.
 */
export async function resolveDeskIdentity(store: SharedStore | undefined, osUser: string, options: StoreClientOptions = {}, aloneRole: string = NO_ROLE): Promise<DeskActor> {
  // Without a team store a desk works alone, as before issue 15: its OS user, in the workspace's first declared role.
  if (!store) return { actor: { name: osUser, role: aloneRole, osUser }, roles: aloneRole === NO_ROLE ? [] : [aloneRole], problem: null };
  // Loaded only now: they carry the AWS SDK, which a desk with no store never needs (serve starts without it).
  const [{ storeClients }, { callerIdentity }] = await Promise.all([import('./store-clients'), import('./identity')]);
  const clients = storeClients(store, options);
  try {
    const identity = await callerIdentity(clients.sts, osUser);
    const parts = parseCallerArn(identity.arn);
    const roles = rolesOf(identity, store.roles);
    const name = 'error' in parts ? identity.arn : parts.displayName;
    return { actor: { name, role: roles[0] ?? NO_ROLE, arn: identity.arn, osUser }, roles, problem: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { actor: { name: osUser, role: NO_ROLE, osUser }, roles: [], problem: `AWS could not say who this desk is with profile ${store.profile} (${store.region}): ${reason}` };
  } finally {
    clients.destroy();
  }
}
