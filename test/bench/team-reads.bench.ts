// What one desk asks of the team store in a minute, against moto_server, counted by the console's own store
// client (main/team/store-traffic.ts, the figure the Record panel shows beside the store's status):
// - team.reads_per_desk_per_minute: a whole live console (its own moto IAM user, one window open on the
//   regions screen) while another desk holds S01's lease: its tail polls, its presence beats' reads and the
//   reads of the other desk's lease item; writes per minute beside it (its presence beats);
// - team.lease_holder_per_minute: what holding one region's lease adds on the holder's desk (each beat one
//   conditional update and one read of the item), measured on the same minute.
// Both are the figures README's monthly cost is worked out from. moto answers from this machine, so the
// counts are exact and the timings are not AWS's.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LogRecordView, Result } from '../../shared/api';
import { systemClock } from '../../shared/clock';
import { ReleaseEvent } from '../../shared/engine/events';
import { LEASE_DURATION_MS, LEASE_HEARTBEAT_MS } from '../../shared/team/lease';
import { TAIL_POLL_INTERVAL_MS } from '../../shared/team/polling';
import { PRESENCE_HEARTBEAT_MS } from '../../shared/team/presence';
import { sharedChainId } from '../../shared/team/sharing';
import { createConsole } from '../../main/console';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../main/metrics/compose';
import { DynamoLog, EMPTY_HEAD } from '../../main/team/dynamo-log';
import { DynamoLeaseHeartbeat } from '../../main/team/lease-heartbeat';
import { RegionLeases } from '../../main/team/leases';
import { storeClients } from '../../main/team/store-clients';
import { StoreTraffic } from '../../main/team/store-traffic';
import type { JsonValue } from '../../main/storage/canonical-json';
import { startMoto } from '../main/metrics/moto';
import { TEAM_WORKSPACE_NAME, teamWorkspace } from '../main/team/console-desks';
import { createDesk, storeFor } from '../main/team/desks';

/** A whole minute: presence beats every 20 s and leases every 15 s, so a shorter window would round them away. */
const WINDOW_MS = 60_000;
/** The console's first reads (the whole table at start, the first presence read) are not the steady cost. */
const WARM_UP_MS = 5_000;

const r2 = (n: number) => Math.round(n * 100) / 100;
const print = (bench: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench, value, unit, ...extra, loadAverage: r2(os.loadavg()[0]!) }));
const context = { transport: 'browser' as const, connectionId: 'bench-window' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const moto = await startMoto();
process.env[CLOUDWATCH_ENDPOINT_ENV] = moto.url;
const cleanup: (() => Promise<void> | void)[] = [];
try {
  const admin = await createDesk(moto.url, 'store-admin', storeFor('unused', moto.url));
  cleanup.push(() => admin.clients.destroy());
  const { dir, table } = await teamWorkspace(admin);
  const chain = sharedChainId({ name: TEAM_WORKSPACE_NAME }, false);

  // The holder: carol's desk took S01 (a leaseTaken in the live chain, and its lease item) and beats it.
  const carol = await createDesk(moto.url, `pe-carol-${randomUUID().slice(0, 6)}`, storeFor(table, moto.url));
  carol.clients.destroy();
  const holderTraffic = new StoreTraffic();
  const holderClients = storeClients(storeFor(table, moto.url), { credentials: carol.credentials }, holderTraffic);
  cleanup.push(() => holderClients.destroy());
  const now = Date.now();
  const actor = { name: carol.user, role: 'PE' };
  const taken = ReleaseEvent.parse({ type: 'leaseTaken', actor, at: now, lease: { region: 'S01', holder: actor, release: '2026-03-product-rollout', run: 'sdc-deploy@S01', purpose: 'the deploy "Deploy — SDC/LON"', since: now, expiresAt: now + LEASE_DURATION_MS, takenOverFrom: null } });
  const appended = await new DynamoLog({ documents: holderClients.documents, table, workspaceId: chain, clock: systemClock() }).append([{ id: randomUUID(), kind: 'event', body: taken as JsonValue }], EMPTY_HEAD);
  if (!appended.ok) throw new Error('the holder lost the first append on an empty table');
  const holder = new DynamoLeaseHeartbeat(new RegionLeases({ documents: holderClients.documents, table, workspaceId: chain, clock: systemClock(), newToken: randomUUID }), { arn: '', name: carol.user, osUser: 'carol', desk: 'bench' });
  await holder.follow([taken]);
  holder.start();
  cleanup.push(() => holder.close());

  // The desk measured: a live console (no rehearsal), its identity from STS, one window on the regions screen.
  const dave = await createDesk(moto.url, `oncall-dave-${randomUUID().slice(0, 6)}`, storeFor(table, moto.url));
  dave.clients.destroy();
  const { host } = await createConsole({ workspaceDir: dir, dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-bench-reads-')), storeClient: { credentials: dave.credentials, endpoint: moto.url } });
  cleanup.push(() => host.close());
  const call = async <T>(name: string, payload: unknown): Promise<T> => {
    const result = (await host.invoke(name, payload, context)) as Result<T>;
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  };
  await call('showScreen', { screen: 'regions', regionId: null });
  await sleep(WARM_UP_MS);

  const traffic = async () => {
    const figures = (await call<LogRecordView>('getLogRecord', {})).sharedLog?.traffic;
    if (!figures) throw new Error('the console reports no store traffic: is the shared store configured?');
    return figures;
  };
  const before = await traffic();
  const holderBefore = holderTraffic.figures();
  const started = performance.now();
  await sleep(WINDOW_MS);
  const after = await traffic();
  const holderAfter = holderTraffic.figures();
  const minutes = (performance.now() - started) / 60_000;

  print('team.reads_per_desk_per_minute', r2((after.reads - before.reads) / minutes), 'reads/min', {
    writesPerMinute: r2((after.writes - before.writes) / minutes),
    tailReadsPerMinute: r2((after.readsBy.log - before.readsBy.log) / minutes),
    leaseReadsPerMinute: r2((after.readsBy.lease - before.readsBy.lease) / minutes),
    presenceReadsPerMinute: r2((after.readsBy.presence - before.readsBy.presence) / minutes),
    liveFigureAtEnd: after.readsLastMinute,
    tailPollIntervalMs: TAIL_POLL_INTERVAL_MS,
    presenceHeartbeatMs: PRESENCE_HEARTBEAT_MS,
    leaseHeartbeatMs: LEASE_HEARTBEAT_MS,
    otherDesksLeases: 1,
    windowMs: WINDOW_MS,
  });
  print('team.lease_holder_per_minute', r2((holderAfter.reads - holderBefore.reads) / minutes), 'reads/min', {
    writesPerMinute: r2((holderAfter.writes - holderBefore.writes) / minutes),
    leasesHeld: 1,
    leaseHeartbeatMs: LEASE_HEARTBEAT_MS,
  });
} finally {
  for (const step of cleanup.reverse()) await step();
  await moto.stop();
}
