import { parseArgs } from 'node:util';
import { loadWorkspace } from '../workspace/load';
import { storeClients } from '../team/store-clients';
import { createStoreTable } from '../team/table';
import { callerIdentity } from '../team/identity';
import { TTL_ATTRIBUTE } from '../../shared/team/sharing';

export interface StoreIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = `usage: release-console store init --workspace DIR

Creates the team store the workspace names under sharedStore in workspace.yaml: a DynamoDB table
(on-demand; key pk string + seq number) with TTL on "${TTL_ATTRIBUTE}" for leases and presence, using the
store's AWS profile. Running it again on an existing table checks its key and TTL and changes nothing else.
Exit code: 0 done, 1 AWS refused or could not be reached, 2 bad input.`;

export async function runStore(argv: string[], io: StoreIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === '-h' || subcommand === '--help') {
    io.out(USAGE);
    return 0;
  }
  if (subcommand !== 'init') {
    io.err(`release-console store: ${subcommand === undefined ? 'missing subcommand' : `unknown subcommand "${subcommand}"`}.\n${USAGE}`);
    return 2;
  }
  let workspaceDir: string | undefined;
  try {
    workspaceDir = parseArgs({ args: rest, options: { workspace: { type: 'string' } }, strict: true, allowPositionals: false }).values.workspace;
  } catch (error) {
    io.err(`release-console store init: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (!workspaceDir) {
    io.err(`release-console store init: --workspace DIR is required: the table is the one its workspace.yaml names.\n${USAGE}`);
    return 2;
  }
  const loaded = await loadWorkspace(workspaceDir);
  if (!loaded.ok) {
    for (const error of loaded.errors) io.err(`${error.file}:${error.line}:${error.column}: ${error.message}`);
    return 2;
  }
  const store = loaded.workspace.sharedStore;
  if (!store) {
    io.err(`release-console store init: ${workspaceDir}/workspace.yaml has no sharedStore; add one (table, profile, region) to share the release log.`);
    return 2;
  }
  const clients = storeClients(store);
  try {
    const identity = await callerIdentity(clients.sts);
    const outcome = await createStoreTable(clients.dynamo, store.table);
    io.out(`${outcome === 'created' ? 'Created' : 'Checked existing'} table ${store.table} in ${store.region} (on-demand, key pk + seq, TTL on ${TTL_ATTRIBUTE}) as ${identity.arn} (profile ${store.profile}).`);
    return 0;
  } catch (error) {
    io.err(`release-console store init: ${store.table} in ${store.region} with profile ${store.profile}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    clients.destroy();
  }
}
