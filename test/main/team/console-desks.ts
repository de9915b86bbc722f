import { rehearsalDir } from '../../release-log';
import { randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { createStoreTable } from '../../../main/team/table';
import { demoWorkspaceDir } from '../../../main/workspace/load';
import { createDesk, storeFor, type Desk } from './desks';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/**
 * Whole consoles as desks of one team (issue 15): each its own data folder, its own moto IAM user and its
 * own TCP proxy to moto (so a test can cut one desk off), on one DynamoDB table. Used by the two-desk
 * tests and the team bench alike.
 */
export const TEAM_REHEARSAL_AT = Date.parse('2026-03-19T10:55:00Z');
/** The demo's name: a workspace without an id shares the chain named after it, `log#<name>#rehearsal`. */
export const TEAM_WORKSPACE_NAME = 'Demo — regional RT platform';

export interface ConsoleDesk {
  host: Host;
  /** The desk's data folder, and the rehearsal's log folder inside it. */
  folder: string;
  dataDir: string;
  proxy: TcpProxy;
}

/** A copy of the demo workspace naming a new table as its shared store. Not "the demo": its metrics go to CloudWatch. */
export async function teamWorkspace(admin: Desk): Promise<{ dir: string; table: string }> {
  const table = `rc-${randomUUID().slice(0, 8)}`;
  await createStoreTable(admin.clients.dynamo, table);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-team-ws-'));
  cpSync(demoWorkspaceDir(), dir, { recursive: true });
  appendFileSync(path.join(dir, 'workspace.yaml'), `\nsharedStore:\n  table: ${table}\n  profile: release-store\n  region: us-east-1\n`);
  return { dir, table };
}

/** Opens one desk's console in a rehearsal at TEAM_REHEARSAL_AT; `folder` reopens an earlier desk's data. */
export async function openConsoleDesk(motoUrl: string, workspaceDir: string, user: string, operator: string, folder?: string): Promise<ConsoleDesk> {
  const identity = await createDesk(motoUrl, `${user}-${randomUUID().slice(0, 6)}`, storeFor('unused', motoUrl));
  identity.clients.destroy();
  const proxy = await startTcpProxy(motoUrl);
  const dataFolder = folder ?? mkdtempSync(path.join(os.tmpdir(), `rc-desk-${user}-`));
  const { host } = await createConsole({
    workspaceDir,
    dataDir: dataFolder,
    rehearsalStart: TEAM_REHEARSAL_AT,
    operator: { name: operator, role: 'PE' },
    // A short timeout and two attempts, so a cut-off desk notices within seconds.
    storeClient: { credentials: identity.credentials, endpoint: proxy.url, requestTimeoutMs: 1_000, maxAttempts: 2 },
  });
  return { host, folder: dataFolder, dataDir: rehearsalDir(dataFolder, TEAM_REHEARSAL_AT), proxy };
}
