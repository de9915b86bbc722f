// Desks on one shared store for the Chromium specs: one moto for the spec file (DynamoDB, STS, IAM), its admin
// (which creates each test's table), and each desk a `release-console serve` of its own with its own moto IAM user,
// its own copy of the demo workspace naming the table, and its own data folder. A test's desks stop after it, moto after the file.
import { randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../main/metrics/compose';
import { createStoreTable } from '../../main/team/table';
import { startMoto, type Moto } from '../main/metrics/moto';
import { createDesk, storeFor, type Desk } from '../main/team/desks';
import { closeWindows, ROOT, startServe, stopServe, test, type ServedConsole } from './fixtures';

export interface DeskOptions {
  /** The shared store's table (made with `table()`). */
  table: string;
  /** Names the desk's IAM user (a random suffix keeps the spec's tests apart) and its temporary home. */
  user: string;
  /** Where the desk reaches the store: moto itself unless a test puts a proxy between them. */
  storeEndpoint?: string;
  /** `serve`'s arguments after `--workspace`, e.g. `['--rehearsal-at', ROLLOUT_MORNING]`. */
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Fills the desk's data folder before it starts (what an evening before left on it). */
  prepareData?: (dataDir: string) => void;
}

export interface TeamOfDesks {
  readonly moto: Moto;
  /** A new table on the store, for one test's desks. */
  table(name?: string): Promise<string>;
  serveDesk(options: DeskOptions): Promise<ServedConsole>;
}

/** Starts moto before the spec file's tests and stops every desk, then moto, after them. */
export function teamOfDesks(adminName = 'store-admin'): TeamOfDesks {
  let moto: Moto | undefined;
  let admin: Desk | undefined;
  const served: ServedConsole[] = [];
  test.beforeAll(async () => {
    moto = await startMoto();
    admin = await createDesk(moto.url, adminName, storeFor('unused', moto.url));
  });
  // A test's desks stop when it ends, its windows first (as `served` closes them): they kept polling the table and
  // drawing for every later test of the file, four desks and more at once by its last.
  test.afterEach(async ({ browser }) => {
    await closeWindows(browser);
    await Promise.all(served.splice(0).map((desk) => stopServe(desk)));
  });
  test.afterAll(async () => {
    for (const desk of served) await stopServe(desk);
    admin?.clients.destroy();
    await moto?.stop();
  });
  const started = () => {
    if (!moto || !admin) throw new Error('teamOfDesks: moto is not started (use it inside a test of the file that called teamOfDesks)');
    return { moto, admin };
  };
  return {
    get moto() {
      return started().moto;
    },
    async table(name = `rc-${randomUUID().slice(0, 8)}`) {
      await createStoreTable(started().admin.clients.dynamo, name);
      return name;
    },
    async serveDesk({ table, user, storeEndpoint, args, env = {}, prepareData }) {
      const { moto } = started();
      const desk = await createDesk(moto.url, `${user}-${randomUUID().slice(0, 6)}`, storeFor('unused', moto.url));
      desk.clients.destroy();
      const home = mkdtempSync(path.join(os.tmpdir(), `rc-e2e-${user}-`));
      const workspace = path.join(home, 'workspace');
      cpSync(path.join(ROOT, 'workspaces', 'demo'), workspace, { recursive: true });
      appendFileSync(path.join(workspace, 'workspace.yaml'), `\nsharedStore:\n  table: ${table}\n  profile: release-store\n  region: us-east-1\n  endpoint: ${storeEndpoint ?? moto.url}\n`);
      const credentials = path.join(home, 'credentials');
      writeFileSync(credentials, `[release-store]\naws_access_key_id = ${desk.credentials.accessKeyId}\naws_secret_access_key = ${desk.credentials.secretAccessKey}\n`);
      const dataDir = path.join(home, 'data');
      prepareData?.(dataDir);
      const console = await startServe(
        ['--workspace', workspace, ...args],
        { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: path.join(home, 'config'), [CLOUDWATCH_ENDPOINT_ENV]: moto.url, ...env },
        dataDir,
      );
      served.push(console);
      return console;
    },
  };
}
