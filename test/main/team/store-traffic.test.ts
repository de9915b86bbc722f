import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { DynamoLog, EMPTY_HEAD } from '../../../main/team/dynamo-log';
import { RegionLeases } from '../../../main/team/leases';
import { PresenceBoard } from '../../../main/team/presence';
import { storeClients, type StoreClients } from '../../../main/team/store-clients';
import { StoreTraffic } from '../../../main/team/store-traffic';
import { createStoreTable } from '../../../main/team/table';
import { startMoto, type Moto } from '../metrics/moto';
import { createDesk, storeFor, type Desk } from './desks';

/**
 * Issue 15: the polling cost shown beside the store's status is what the desk's own store clients sent,
 * counted where the SDK sends it: reads and writes, by what they read, and the last minute's share.
 */
let moto: Moto;
let desk: Desk;
let clients: StoreClients;
let table: string;
const clock = simulatedClock(Date.parse('2026-03-19T10:55:00Z'));
const traffic = new StoreTraffic(() => clock.now());

beforeAll(async () => {
  moto = await startMoto();
  desk = await createDesk(moto.url, 'traffic-quinn', storeFor('unused', moto.url));
  table = `rc-${randomUUID().slice(0, 8)}`;
  await createStoreTable(desk.clients.dynamo, table);
  clients = storeClients(storeFor(table, moto.url), { credentials: desk.credentials }, traffic);
}, 90_000);

afterAll(async () => {
  clients?.destroy();
  desk?.clients.destroy();
  await moto?.stop();
});

describe("a desk's store traffic", () => {
  test('counts tail, lease and presence reads apart, and writes, and keeps only the last minute in the live figure', async () => {
    const common = { documents: clients.documents, table, workspaceId: 'demo', clock };
    const log = new DynamoLog(common);
    const leases = new RegionLeases({ ...common, newToken: randomUUID });
    const presence = new PresenceBoard(common);
    expect(traffic.figures()).toEqual({ reads: 0, writes: 0, readsLastMinute: 0, writesLastMinute: 0, readsBy: { log: 0, lease: 0, presence: 0, other: 0 } });

    await log.tail(0);
    await log.tail(0);
    await leases.read('S01');
    await presence.list();
    await presence.beat({ desk: 'quinn-laptop', name: 'quinn', arn: '', role: 'QA', screen: 'the QA checklist' });
    const before = traffic.figures();
    expect(before.readsBy).toEqual({ log: 2, lease: 1, presence: 1, other: 0 });
    expect(before).toMatchObject({ reads: 4, writes: 1, readsLastMinute: 4, writesLastMinute: 1 });

    clock.advance(61_000);
    const appended = await log.append([{ id: randomUUID(), kind: 'event', body: { type: 'qaTicked', itemId: 'sanity' } }], EMPTY_HEAD);
    expect(appended.ok).toBe(true);
    const after = traffic.figures();
    expect(after).toMatchObject({ reads: 4, readsLastMinute: 0, writesLastMinute: after.writes - 1 });
    expect(after.writes).toBeGreaterThan(1);
  });
});
