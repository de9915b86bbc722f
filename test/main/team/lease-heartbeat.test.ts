import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decide } from '../../../shared/engine/decide';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { ConsoleState, RegionLease } from '../../../shared/engine/state';
import { DynamoLeaseHeartbeat, InProcessLeaseHeartbeat, type LeaseHeartbeat } from '../../../main/team/lease-heartbeat';
import { RegionLeases } from '../../../main/team/leases';
import { callerIdentity } from '../../../main/team/identity';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../../shared/loadTemplate';
import type { Moto } from '../metrics/moto';
import { deskClocks } from './desk-clocks';
import { closeDesks, createDesk, storeFor, twoDesksOnOneTable, type Desk } from './desks';
import { startTcpProxy } from './tcp-proxy';
import { until } from '../until';

/**
 * Issue 15: a lease's heartbeats are not log events; with a shared log they go to the DynamoDB lease
 * items (main/team/leases.ts). Two desks on one moto table: carol's beats keep S01 hers past the expiry
 * the log knows; once her desk stops beating, dave's `decide` sees the lease expired and lets him take it
 * over, and carol's next beat finds it is no longer hers.
 */
const T = at('2026-03-20T14:02:00Z');
const carolActor = { name: 'carol', role: 'on-call PE' };
const daveActor = { name: 'dave', role: 'on-call PE' };
let moto: Moto;
let carol: Desk;
let dave: Desk;
let table: string;
let demo: Workspace;
const time = deskClocks(T);
const clock = time.wall;

beforeAll(async () => {
  demo = await loadTemplate('demo');
  ({ moto, carol, dave, table } = await twoDesksOnOneTable('beat'));
}, 90_000);

afterAll(() => closeDesks({ moto, carol, dave }));

async function port(desk: Desk, name: string): Promise<DynamoLeaseHeartbeat> {
  const identity = await callerIdentity(desk.clients.sts, name);
  const leases = new RegionLeases({ documents: desk.clients.documents, table, workspaceId: 'demo', clock, monotonic: time.monotonic, newToken: randomUUID });
  return new DynamoLeaseHeartbeat(leases, { arn: identity.arn, name, osUser: name, desk: `${name}-laptop` });
}

const lease: RegionLease = { region: 'S01', holder: carolActor, release: '2026-03-product-rollout', run: 'rollback-HO-1234', purpose: "HO-1234's rollback", since: T, expiresAt: T + 60_000, takenOverFrom: null };

function takeOver(state: ConsoleState, heartbeat: LeaseHeartbeat) {
  return decide({ kind: 'takeOverLease', region: 'S01', reason: "carol's desk stopped answering" }, { ...state, metrics: {}, leaseBeats: heartbeat.beats() }, clock.now(), daveActor, demo);
}

describe('the DynamoDB lease-heartbeat port', () => {
  test('beats keep a lease past the expiry the log knows; a desk that stops beating lets it expire, and a take-over ends its beats', async () => {
    const [carolBeats, daveBeats] = [await port(carol, 'carol'), await port(dave, 'dave')];
    // Both desks' logs hold the same leaseTaken event; only carol's desk appended it, so only hers writes the item.
    const taken = { type: 'leaseTaken' as const, actor: carolActor, at: T, lease };
    const log = applyEvents(initialState(), [taken]);
    await carolBeats.follow([taken]);

    time.pass(50_000);
    await carolBeats.beat();
    // dave's desk reads the table each heartbeat round: a lease expires a lease duration after it saw the last beat.
    await daveBeats.refresh(Object.values(log.leases));
    time.pass(50_000);
    // T + 100 s: past the log's expiry, within the beat's.
    await daveBeats.refresh(Object.values(log.leases));
    expect(daveBeats.beats().S01).toEqual({ run: 'rollback-HO-1234', expiresAt: T + 110_000, beatAt: T + 50_000, since: T });
    expect(takeOver(log, daveBeats)).toMatchObject({ allowed: false, code: 'blocked', opensAt: T + 110_000 });

    // carol's desk dies: no more beats.
    time.pass(20_000);
    await daveBeats.refresh(Object.values(log.leases));
    const decision = takeOver(log, daveBeats);
    if (!decision.allowed) throw new Error(decision.message);
    await daveBeats.follow(decision.events);
    expect(daveBeats.beats().S01).toMatchObject({ run: 'taken-over' });

    // carol's desk comes back: its beat no longer touches dave's lease, and it stops claiming it.
    await carolBeats.beat();
    expect(carolBeats.beats().S01).toBeUndefined();
    const after = applyEvents(log, decision.events);
    await carolBeats.refresh(Object.values(after.leases));
    expect(carolBeats.beats().S01).toEqual({ run: 'taken-over', expiresAt: clock.now() + 60_000, beatAt: clock.now(), since: clock.now() });
  });
});

describe('a desk that starts its heartbeat', () => {
  test("reads the other desks' lease items at once, not a heartbeat later: until then decide had only the log's expiry, the holder's clock", async () => {
    const region = 'EUC1';
    const carolBeats = await port(carol, 'carol');
    const now = clock.now();
    const held = { ...lease, region, run: 'eu-rest-deploy@EUC1', since: now, expiresAt: now + 60_000 };
    await carolBeats.follow([{ type: 'leaseTaken', actor: carolActor, at: now, lease: held }]);
    const daveBeats = await port(dave, 'dave');
    let rounds = 0;
    daveBeats.start(() => [held], () => (rounds += 1));
    try {
      await until('dave’s first round', () => rounds, (n) => n > 0, 5_000);
      expect(daveBeats.beats()[region]).toEqual({ run: held.run, expiresAt: clock.now() + 60_000, beatAt: clock.now(), since: now });
    } finally {
      daveBeats.close();
      await carolBeats.follow([{ type: 'leaseReleased', actor: carolActor, at: clock.now(), region, run: held.run }]);
    }
  });
});

describe('a lease given back', () => {
  test("deletes the desk's lease item, so the next run in the region takes it with a plain conditional put", async () => {
    const region = 'LON';
    const carolBeats = await port(carol, 'carol');
    const run = 'sdc-maintenance-on@LON';
    const now = clock.now();
    await carolBeats.follow([{ type: 'leaseTaken', actor: carolActor, at: now, lease: { ...lease, region, run, since: now, expiresAt: now + 60_000 } }]);
    const leases = new RegionLeases({ documents: dave.clients.documents, table, workspaceId: 'demo', clock, monotonic: time.monotonic, newToken: randomUUID });
    expect(await leases.read(region)).toMatchObject({ holder: { name: 'carol' }, purpose: run });
    await carolBeats.follow([{ type: 'leaseReleased', actor: carolActor, at: now, region, run }]);
    expect(await leases.read(region)).toBeNull();
    expect(carolBeats.beats()[region]).toBeUndefined();
  });
});

describe('a lease taken over, then taken for a run of its own', () => {
  test("replaces the taker's item, so its run there beats under its own name", async () => {
    const region = 'S02';
    const daveBeats = await port(dave, 'dave');
    const now = clock.now();
    const takenOver = { region, holder: daveActor, release: lease.release, run: 'taken-over', purpose: 'taken over from carol', since: now, expiresAt: now + 60_000, takenOverFrom: null };
    // carol's item had gone by TTL: the take-over is a plain take.
    await daveBeats.follow([{ type: 'leaseTakenOver', actor: daveActor, at: now, lease: takenOver, reason: "carol's desk died" }]);
    await daveBeats.follow([{ type: 'leaseTaken', actor: daveActor, at: now, lease: { ...takenOver, run: 'sdc-maintenance-on@S02', purpose: 'maintenance' } }]);
    const leases = new RegionLeases({ documents: carol.clients.documents, table, workspaceId: 'demo', clock, monotonic: time.monotonic, newToken: randomUUID });
    expect(await leases.read(region)).toMatchObject({ holder: { name: 'dave' }, purpose: 'sdc-maintenance-on@S02' });
    expect(daveBeats.beats()[region]).toMatchObject({ run: 'sdc-maintenance-on@S02' });
  });
});

describe('a lease item the store would not take', () => {
  test('does not fail the run that took the lease: the item is written on the next beat, and the other desks then see it beat', async () => {
    const region = 'S03';
    // erin's desk reaches the table through a proxy that refuses writes for a while, as a store that stops
    // answering between the append of leaseTaken and the put of its item.
    const proxy = await startTcpProxy(moto.url);
    const erin = await createDesk(moto.url, 'beat-erin', storeFor(table, proxy.url), { endpoint: proxy.url, maxAttempts: 1 });
    try {
      const identity = await callerIdentity(carol.clients.sts, 'erin');
      const erinBeats = new DynamoLeaseHeartbeat(new RegionLeases({ documents: erin.clients.documents, table, workspaceId: 'demo', clock, monotonic: time.monotonic, newToken: randomUUID }), { arn: identity.arn, name: 'erin', osUser: 'erin', desk: 'erin-laptop' });
      const now = clock.now();
      const taken = { type: 'leaseTaken' as const, actor: { name: 'erin', role: 'PE' }, at: now, lease: { ...lease, region, holder: { name: 'erin', role: 'PE' }, run: 'sdc-deploy@S03', since: now, expiresAt: now + 60_000 } };
      const leases = new RegionLeases({ documents: dave.clients.documents, table, workspaceId: 'demo', clock, monotonic: time.monotonic, newToken: randomUUID });

      proxy.setMode({ kind: 'refuse-writes' });
      await expect(erinBeats.follow([taken])).resolves.toBeUndefined();
      expect(await leases.read(region)).toBeNull();
      expect(erinBeats.beats()[region]).toBeUndefined();

      proxy.setMode({ kind: 'pass' });
      time.pass(15_000);
      await erinBeats.beat();
      expect(await leases.read(region)).toMatchObject({ holder: { name: 'erin' }, purpose: 'sdc-deploy@S03', heartbeatAt: clock.now() });
      const daveBeats = await port(dave, 'dave');
      await daveBeats.refresh([taken.lease]);
      expect(daveBeats.beats()[region]).toEqual({ run: 'sdc-deploy@S03', expiresAt: clock.now() + 60_000, beatAt: clock.now(), since: clock.now() });

      // Given back: the item goes, and nothing is written again on later beats.
      await erinBeats.follow([{ type: 'leaseReleased', actor: taken.actor, at: clock.now(), region, run: 'sdc-deploy@S03' }]);
      await erinBeats.beat();
      expect(await leases.read(region)).toBeNull();
    } finally {
      erin.clients.destroy();
      await proxy.close();
    }
  });
});

describe('the in-process lease-heartbeat port', () => {
  test('keeps the leases this console took one duration ahead of its clock, even across a rehearsal jump, and forgets the ones it gave back', async () => {
    const beats = new InProcessLeaseHeartbeat(clock);
    const now = clock.now();
    await beats.follow([{ type: 'leaseTaken', actor: carolActor, at: now, lease: { ...lease, since: now, expiresAt: now + 60_000 } }]);
    time.step(60 * 60_000);
    expect(beats.beats().S01).toEqual({ run: 'rollback-HO-1234', expiresAt: now + 61 * 60_000, beatAt: now + 60 * 60_000 });
    await beats.follow([{ type: 'leaseReleased', actor: carolActor, at: clock.now(), region: 'S01', run: 'rollback-HO-1234' }]);
    expect(beats.beats()).toEqual({});
  });
});
