import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decide } from '../../../shared/engine/decide';
import { leaseExpiry, takeOverBlocked } from '../../../shared/engine/decideLease';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { ConsoleState, RegionLease } from '../../../shared/engine/state';
import { LEASE_DURATION_MS, LEASE_HEARTBEAT_MS } from '../../../shared/team/lease';
import type { Workspace } from '../../../shared/workspace/workspace';
import { IntentLoop } from '../../../main/release/loop';
import { openReleaseRepository } from '../../../main/release/repository';
import { DynamoLeaseHeartbeat } from '../../../main/team/lease-heartbeat';
import { RegionLeases } from '../../../main/team/leases';
import { at, loadTemplate } from '../../shared/loadTemplate';
import type { Moto } from '../metrics/moto';
import { deskClocks, passing, type DeskClocks } from './desk-clocks';
import { closeDesks, createDesk, holderOf, storeFor, twoDesksOnOneTable, type Desk } from './desks';
import { startTcpProxy } from './tcp-proxy';

/**
 * Two desks on one moto table, each with its own clocks. carol's desk holds S01 and beats every 15 s; dave's desk
 * reads her item on its own 15 s round. dave's wall clock is hours ahead of hers and is stepped forward again
 * mid-way (NTP correcting a slow laptop, a resume, a VM migrated, or a rehearsal's clock moved on): none of that
 * is silence, so neither his lease store nor his `decide` may call her beating lease expired. Once her desk stops
 * beating, a lease duration of his monotonic time later, both let him take it over, with a reason.
 */
const T = at('2026-03-20T14:02:00Z');
const HOURS = 60 * 60_000;
const carolActor = { name: 'carol', role: 'on-call PE' };
const daveActor = { name: 'dave', role: 'on-call PE' };
const lease: RegionLease = { region: 'S01', holder: carolActor, release: '2026-03-product-rollout', run: 'rollback-HO-1234', purpose: "HO-1234's rollback", since: T, expiresAt: T + LEASE_DURATION_MS, takenOverFrom: null };

let moto: Moto;
let carol: Desk;
let dave: Desk;
let table: string;
let demo: Workspace;

beforeAll(async () => {
  demo = await loadTemplate('demo');
  ({ moto, carol, dave, table } = await twoDesksOnOneTable('skew'));
}, 90_000);

afterAll(() => closeDesks({ moto, carol, dave }));

/** One desk: its lease store and its heartbeat port on its own clocks, as main/console.ts wires them. */
async function deskOn(desk: Desk, name: string, clocks: DeskClocks, workspaceId = 'skew') {
  const leases = new RegionLeases({ documents: desk.clients.documents, table, workspaceId, clock: clocks.wall, monotonic: clocks.monotonic, newToken: randomUUID });
  return { leases, beats: new DynamoLeaseHeartbeat(leases, await holderOf(desk, name)) };
}

describe("a taker whose wall clock is hours ahead, and jumps", () => {
  test("never judges a beating holder's lease expired, and judges it expired a lease duration of its monotonic time after the beats stop", async () => {
    const carolClocks = deskClocks(T);
    const daveClocks = deskClocks(T + 3 * HOURS);
    const pass = passing(carolClocks, daveClocks);
    const [carolDesk, daveDesk] = [await deskOn(carol, 'carol', carolClocks), await deskOn(dave, 'dave', daveClocks)];
    const daveHolder = await holderOf(dave, 'dave');
    // Both desks' logs hold carol's leaseTaken (its expiry on her clock); only her desk wrote the item.
    const taken = { type: 'leaseTaken' as const, actor: carolActor, at: T, lease };
    const log: ConsoleState = applyEvents(initialState(), [taken]);
    await carolDesk.beats.follow([taken]);
    await daveDesk.beats.refresh(Object.values(log.leases));

    const reason = "carol's desk stopped answering";
    const daveDecides = (why = reason) => decide({ kind: 'takeOverLease', region: 'S01', reason: why }, { ...log, metrics: {}, leaseBeats: daveDesk.beats.beats() }, daveClocks.wall.now(), daveActor, demo);
    const daveJudges = () => {
      const now = daveClocks.wall.now();
      const state = { ...log, metrics: {}, leaseBeats: daveDesk.beats.beats() };
      return { blocked: takeOverBlocked(state, 'S01', now), expiresInMs: leaseExpiry(state, lease) - now };
    };
    const expectHeld = async () => {
      const judged = daveJudges();
      // Both instants on dave's clock: since as his desk first saw her lease (at his 17:02, held 0 s by her account),
      // where the log's since (14:02, her clock) stood beside his until (17:03 and on).
      expect(judged.blocked).toMatchObject({ code: 'blocked', message: expect.stringMatching(/^S01 is held by carol \(on-call PE\) for HO-1234's rollback since 17:02 UTC, until \d\d:\d\d UTC; a lease can be taken over only after it expires\.$/) });
      expect(judged.expiresInMs).toBeGreaterThan(0);
      expect(judged.expiresInMs).toBeLessThanOrEqual(LEASE_DURATION_MS);
      expect(daveDecides()).toMatchObject({ allowed: false, code: 'blocked' });
      expect(await daveDesk.leases.takeOver('S01', daveHolder, lease.run, reason)).toMatchObject({ ok: false, message: expect.stringMatching(/can be taken over only after it expires/) });
    };

    // Ten minutes of carol beating every 15 s, dave's desk reading each round.
    for (let round = 1; round <= 40; round++) {
      pass(LEASE_HEARTBEAT_MS);
      await carolDesk.beats.beat();
      await daveDesk.beats.refresh(Object.values(log.leases));
      // Mid-way dave's wall clock jumps two hours forward, between two of his reads: his next decision comes first.
      if (round === 20) daveClocks.step(2 * HOURS);
      await expectHeld();
    }
    // A lease duration and more on his wall clock without a read in between (a rehearsal's clock moved on an hour): still no silence.
    daveClocks.step(1 * HOURS);
    await expectHeld();
    expect(carolDesk.beats.beats().S01).toMatchObject({ run: lease.run });

    // carol's desk dies after its last beat. dave's desk goes on reading, and its wall clock jumps once more.
    for (let waited = 0; waited < LEASE_DURATION_MS - LEASE_HEARTBEAT_MS; waited += LEASE_HEARTBEAT_MS) {
      daveClocks.pass(LEASE_HEARTBEAT_MS);
      await daveDesk.beats.refresh(Object.values(log.leases));
      await expectHeld();
    }
    daveClocks.step(30 * 60_000);
    daveClocks.pass(LEASE_HEARTBEAT_MS - 1);
    await expectHeld();

    daveClocks.pass(1);
    await daveDesk.beats.refresh(Object.values(log.leases));
    expect(daveJudges()).toEqual({ blocked: null, expiresInMs: 0 });
    expect(daveDecides('  ')).toMatchObject({ allowed: false, code: 'invalid_request', message: expect.stringMatching(/needs a reason/) });
    const decision = daveDecides();
    if (!decision.allowed) throw new Error(decision.message);
    expect(decision.events).toEqual([expect.objectContaining({ type: 'leaseTakenOver', reason, lease: expect.objectContaining({ holder: daveActor, takenOverFrom: expect.objectContaining({ holder: carolActor, reason }) }) })]);
    // His desk writes the take-over to the item (conditional on the version it saw), and carol's next beat finds it gone.
    await daveDesk.beats.follow(decision.events);
    expect(await daveDesk.leases.read('S01')).toMatchObject({ holder: { name: 'dave' }, takenOverFrom: { holder: { name: 'carol' }, reason } });
    await carolDesk.beats.beat();
    expect(carolDesk.beats.beats().S01).toBeUndefined();
  }, 60_000);
});

describe("a lease the taker's log shows and whose item it cannot read", () => {
  test("is judged by the taker's monotonic time from when it found no item, not by the log's expiry on the holder's clock", async () => {
    // erin's desk took S02 (the log has it) and its item is not in the table yet: its put failed and is retried on its
    // beats. dave's desk, its clock three hours ahead, reads no item for it.
    const daveClocks = deskClocks(T + 3 * HOURS);
    const daveDesk = await deskOn(dave, 'dave', daveClocks);
    const erin = { name: 'erin', role: 'PE' };
    const erinLease: RegionLease = { ...lease, region: 'S02', holder: erin, run: 'sdc-deploy@S02', purpose: 'the deploy "Deploy — SDC"', since: T, expiresAt: T + LEASE_DURATION_MS };
    const log: ConsoleState = applyEvents(initialState(), [{ type: 'leaseTaken', actor: erin, at: T, lease: erinLease }]);
    const daveJudges = () => {
      const state = { ...log, metrics: {}, leaseBeats: daveDesk.beats.beats() };
      return takeOverBlocked(state, 'S02', daveClocks.wall.now());
    };

    await daveDesk.beats.refresh(Object.values(log.leases));
    expect(daveJudges()).toMatchObject({ code: 'blocked' });
    // A rehearsal's clock moved on, or NTP stepping his: no silence.
    daveClocks.step(2 * HOURS);
    expect(daveJudges()).toMatchObject({ code: 'blocked' });
    for (let waited = LEASE_HEARTBEAT_MS; waited < LEASE_DURATION_MS; waited += LEASE_HEARTBEAT_MS) {
      daveClocks.pass(LEASE_HEARTBEAT_MS);
      await daveDesk.beats.refresh(Object.values(log.leases));
      expect(daveJudges()).toMatchObject({ code: 'blocked' });
    }
    // A lease duration of his time with no item: expired, offered for a take-over with a reason.
    daveClocks.pass(LEASE_HEARTBEAT_MS);
    await daveDesk.beats.refresh(Object.values(log.leases));
    expect(daveJudges()).toBeNull();
  }, 30_000);
});

describe('a holder whose desk beats again after a silence (a laptop woken)', () => {
  test("keeps its region: the taker's desk reads the lease item before it decides the take-over, and refuses it", async () => {
    const carolClocks = deskClocks(T);
    const daveClocks = deskClocks(T);
    const pass = passing(carolClocks, daveClocks);
    const [carolDesk, daveDesk] = [await deskOn(carol, 'carol', carolClocks, 'woken'), await deskOn(dave, 'dave', daveClocks, 'woken')];
    const taken = { type: 'leaseTaken' as const, actor: carolActor, at: T, lease };
    await carolDesk.beats.follow([taken]);
    // dave's desk: its own log holding carol's lease, its intent loop deciding on the beats its desk has read.
    const repository = await openReleaseRepository(mkdtempSync(path.join(os.tmpdir(), 'rc-woken-')), daveClocks.wall);
    await repository.append([taken]);
    const loop = new IntentLoop({ workspace: demo, clock: daveClocks.wall, repository, facts: () => ({}), onChange: () => undefined, leases: daveDesk.beats });
    const held = () => Object.values(repository.state.leases);
    const judged = () => takeOverBlocked({ ...repository.state, metrics: {}, leaseBeats: daveDesk.beats.beats() }, 'S01', daveClocks.wall.now());

    // carol's laptop sleeps: no beat for a lease duration, dave's desk reading the item each round.
    await daveDesk.beats.refresh(held());
    for (let waited = 0; waited < LEASE_DURATION_MS; waited += LEASE_HEARTBEAT_MS) {
      pass(LEASE_HEARTBEAT_MS);
      await daveDesk.beats.refresh(held());
    }
    expect(judged(), "dave's desk judges her lease expired on what it has read").toBeNull();

    // She wakes and beats, between two of dave's rounds; he asks to take S01 over before his desk's next read.
    pass(1_000);
    await carolDesk.beats.beat();
    expect(judged(), 'his last read still says she is silent').toBeNull();
    const decision = await loop.handle({ kind: 'takeOverLease', region: 'S01', reason: 'carol is not answering' }, daveActor);
    expect(decision).toMatchObject({ allowed: false, code: 'blocked', message: expect.stringMatching(/^S01 is held by carol \(on-call PE\) for HO-1234's rollback since .*; a lease can be taken over only after it expires\.$/) });
    // Nothing taken: the log, the item and her desk's beats all still say S01 is hers.
    expect(repository.state.leases.S01).toMatchObject({ holder: carolActor, takenOverFrom: null });
    expect(await carolDesk.leases.read('S01')).toMatchObject({ holder: { name: 'carol' }, takenOverFrom: null });
    await carolDesk.beats.beat();
    expect(carolDesk.beats.beats().S01).toMatchObject({ run: lease.run });
    await repository.close();
  }, 30_000);

  test('is not taken over blind by a desk that cannot read the lease item: the take-over is refused, saying why', async () => {
    const clocks = deskClocks(T);
    const taken = { type: 'leaseTaken' as const, actor: carolActor, at: T, lease: { ...lease, region: 'S02' } };
    // frank's desk reaches the table through a proxy that will drop every connection: the store out of reach.
    const proxy = await startTcpProxy(moto.url);
    const frank = await createDesk(moto.url, 'woken-frank', storeFor(table, proxy.url), { endpoint: proxy.url, maxAttempts: 1, requestTimeoutMs: 2_000 });
    try {
      const frankDesk = await deskOn(frank, 'frank', clocks, 'woken');
      const repository = await openReleaseRepository(mkdtempSync(path.join(os.tmpdir(), 'rc-unread-')), clocks.wall);
      await repository.append([taken]);
      const loop = new IntentLoop({ workspace: demo, clock: clocks.wall, repository, facts: () => ({}), onChange: () => undefined, leases: frankDesk.beats });
      // His desk found no item for a lease duration: judged expired on what it could read.
      await frankDesk.beats.refresh(Object.values(repository.state.leases));
      clocks.pass(LEASE_DURATION_MS);
      proxy.setMode({ kind: 'drop' });
      const before = repository.head;
      const decision = await loop.handle({ kind: 'takeOverLease', region: 'S02', reason: 'carol is not answering' }, { name: 'frank', role: 'on-call PE' });
      expect(decision).toMatchObject({ allowed: false, code: 'conflict', message: expect.stringMatching(/^Nothing was taken over: S02's lease could not be read from the shared store \(.+\), so whether its holder's desk still beats is not known\. Try again\.$/) });
      // The refusal is logged, as every refusal of a person's intent is; no take-over is.
      expect(repository.state.leases.S02).toMatchObject({ holder: carolActor, takenOverFrom: null });
      expect(repository.head.seq).toBe(before.seq + 1);
      await repository.close();
    } finally {
      frank.clients.destroy();
      await proxy.close();
    }
  }, 30_000);
});
