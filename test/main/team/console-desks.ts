import { rehearsalDir } from '../../release-log';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MonotonicClock } from '../../../shared/clock';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { createDesk, storeFor } from './desks';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

export { SDC_METRICS_PROFILE, seedHealthyMinutes, teamWorkspace, TEAM_WORKSPACE_NAME } from './team-workspace';

/**
 * Whole consoles as desks of one team (issue 15): each its own data folder, its own moto IAM user and its
 * own TCP proxy to moto (so a test can cut one desk off), on one DynamoDB table. Used by the two-desk
 * tests and the team bench alike.
 */
export const TEAM_REHEARSAL_AT = Date.parse('2026-03-19T10:55:00Z');

export interface ConsoleDesk {
  host: Host;
  /** The desk's data folder, and the rehearsal's log folder inside it. */
  folder: string;
  dataDir: string;
  proxy: TcpProxy;
  /** The desk's moto IAM user's keys: reopening its folder as the same identity. */
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Opens one desk's console in a rehearsal at TEAM_REHEARSAL_AT; `folder` reopens an earlier desk's data.
 * `live`: on the machine's clock, where the desk's actor is its moto IAM user's STS identity.
 */
export async function openConsoleDesk(motoUrl: string, workspaceDir: string, user: string, operator: string, folder?: string, options: { live?: boolean; offlinePollIntervalMs?: number; stopEscalationMs?: number; credentials?: ConsoleDesk['credentials']; role?: string; monotonic?: MonotonicClock } = {}): Promise<ConsoleDesk> {
  let credentials = options.credentials;
  if (!credentials) {
    const identity = await createDesk(motoUrl, `${user}-${randomUUID().slice(0, 6)}`, storeFor('unused', motoUrl));
    identity.clients.destroy();
    credentials = identity.credentials;
  }
  const proxy = await startTcpProxy(motoUrl);
  const dataFolder = folder ?? mkdtempSync(path.join(os.tmpdir(), `rc-desk-${user}-`));
  const { host } = await createConsole({
    workspaceDir,
    dataDir: dataFolder,
    ...(options.live ? {} : { rehearsalStart: TEAM_REHEARSAL_AT }),
    operator: { name: operator, role: options.role ?? 'PE' },
    // A short timeout and two attempts, so a cut-off desk notices within seconds.
    storeClient: { credentials, endpoint: proxy.url, requestTimeoutMs: 1_000, maxAttempts: 2 },
    ...(options.offlinePollIntervalMs ? { offlinePollIntervalMs: options.offlinePollIntervalMs } : {}),
    ...(options.stopEscalationMs ? { stopEscalationMs: options.stopEscalationMs } : {}),
    ...(options.monotonic ? { monotonic: options.monotonic } : {}),
  });
  return { host, folder: dataFolder, dataDir: options.live ? path.join(dataFolder, 'live') : rehearsalDir(dataFolder, TEAM_REHEARSAL_AT), proxy, credentials };
}
