import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LEASE_DURATION_MS } from '../../../shared/team/lease';
import { presenceLine } from '../../../shared/team/presence';
import { rolesOf } from '../../../shared/team/identity';
import { HOLDER_CLOCK_AHEAD_BELIEVED_MS, RegionLeases } from '../../../main/team/leases';
import { PresenceBoard } from '../../../main/team/presence';
import { callerIdentity } from '../../../main/team/identity';
import { openSharedStore } from '../../../main/team/shared-store';
import type { Moto } from '../metrics/moto';
import { deskClocks, passing } from './desk-clocks';
import { closeDesks, holderOf, storeFor, twoDesksOnOneTable, type Desk } from './desks';

let moto: Moto;
let carol: Desk;
let dave: Desk;
let table: string;
/** One clock for both desks here; the tests below give each desk its own. */
const time = deskClocks(Date.parse('2026-03-20T14:02:00Z'));
const clock = time.wall;

beforeAll(async () => {
  ({ moto, carol, dave, table } = await twoDesksOnOneTable('oncall'));
}, 90_000);

afterAll(() => closeDesks({ moto, carol, dave }));

function leasesOf(desk: Desk): RegionLeases {
  return new RegionLeases({ documents: desk.clients.documents, table, workspaceId: 'demo', clock, monotonic: time.monotonic, newToken: randomUUID });
}

describe('region leases', () => {
  test('a second taker is refused with who holds it and since when', async () => {
    const [a, b] = [leasesOf(carol), leasesOf(dave)];
    const [carolHolder, daveHolder] = [await holderOf(carol, 'carol'), await holderOf(dave, 'dave')];
    const results = await Promise.all([a.take('S01', carolHolder, 'rollback HO-1234'), b.take('S01', daveHolder, 'rollback HO-1234')]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const refused = results.find((result) => !result.ok);
    const winner = results.find((result) => result.ok);
    if (!refused || refused.ok || !winner?.ok) throw new Error('expected one holder');
    const name = winner.lease.holder.name;
    expect(refused.message).toBe(`S01 is held by ${name} (${name}) for rollback HO-1234 since 14:02 UTC`);
    expect(refused.lease?.holder.arn).toMatch(new RegExp(`:user/oncall-${name}$`));
  });

  test('a heartbeat keeps the lease; a holder that dies lets it expire, shown as such, never taken silently', async () => {
    const [a, b] = [leasesOf(carol), leasesOf(dave)];
    const [carolHolder, daveHolder] = [await holderOf(carol, 'carol'), await holderOf(dave, 'dave')];
    const taken = await a.take('EUW2', carolHolder, 'deploy step euw2-deploy');
    if (!taken.ok) throw new Error(taken.message);
    time.pass(LEASE_DURATION_MS - 1_000);
    expect(await a.heartbeat('EUW2', taken.token)).toBe(true);
    // dave's desk reads the table as its heartbeat round does: expiry is judged from when it saw the last beat.
    expect((await b.read('EUW2'))?.holder.name).toBe('carol');
    time.pass(LEASE_DURATION_MS - 1_000);
    expect((await b.take('EUW2', daveHolder, 'rollback HO-1234')).ok).toBe(false);
    expect(await b.takeOver('EUW2', daveHolder, 'rollback HO-1234', 'carol’s desk crashed')).toMatchObject({ ok: false, message: expect.stringMatching(/can be taken over only after it expires/) });

    // carol's desk dies: no more heartbeats.
    time.pass(2_000);
    const plain = await b.take('EUW2', daveHolder, 'rollback HO-1234');
    expect(plain).toMatchObject({ ok: false, message: expect.stringMatching(/^EUW2's lease for deploy step euw2-deploy expired at .* without a heartbeat from carol \(carol\); take it over with a reason/) });
    expect(await b.takeOver('EUW2', daveHolder, 'rollback HO-1234', '  ')).toMatchObject({ ok: false, message: expect.stringMatching(/needs a reason/) });
    const over = await b.takeOver('EUW2', daveHolder, 'rollback HO-1234', 'carol’s desk crashed mid-deploy');
    if (!over.ok) throw new Error(over.message);
    expect(over.lease.takenOverFrom).toMatchObject({ holder: { name: 'carol' }, reason: 'carol’s desk crashed mid-deploy' });
    expect((await a.read('EUW2'))?.holder.name).toBe('dave');

    // carol's desk comes back: its heartbeat and release no longer touch dave's lease.
    expect(await a.heartbeat('EUW2', taken.token)).toBe(false);
    expect(await a.release('EUW2', taken.token)).toBe(false);
    expect(await b.release('EUW2', over.token)).toBe(true);
    expect(await a.read('EUW2')).toBeNull();
  });
});

describe('presence', () => {
  test('each desk sees the others with their role and screen, and a desk that stops beating disappears', async () => {
    const board = (desk: Desk) => new PresenceBoard({ documents: desk.clients.documents, table, workspaceId: 'demo', clock });
    const mappings = [{ role: 'on-call PE', arn: 'arn:aws:iam::*:user/oncall-*' }];
    const carolId = await callerIdentity(carol.clients.sts, 'carol');
    await board(carol).beat({ desk: 'carol-laptop', name: 'carol', arn: carolId.arn, role: rolesOf(carolId, mappings)[0] ?? null, screen: 'the rollback of HO-1234' });
    await board(dave).beat({ desk: 'dave-laptop', name: 'dave', arn: 'arn:aws:iam::123456789012:user/oncall-dave', role: 'on-call PE', screen: 'the QA checklist' });
    expect((await board(dave).list('dave-laptop')).map(presenceLine)).toEqual(['carol (on-call PE) is on the rollback of HO-1234']);
    time.pass(30_000);
    await board(dave).beat({ desk: 'dave-laptop', name: 'dave', arn: 'arn:aws:iam::123456789012:user/oncall-dave', role: 'on-call PE', screen: 'the QA checklist' });
    time.pass(40_000);
    expect((await board(carol).list('carol-laptop')).map(presenceLine)).toEqual(['dave (on-call PE) is on the QA checklist']);
    expect(await board(dave).list('dave-laptop')).toEqual([]);
  });
});

describe('opening the store for a desk', () => {
  test('gives the desk its STS identity, its mapped roles, and a log, leases and presence on the same table', async () => {
    const store = { ...storeFor(table, moto.url), roles: [{ role: 'on-call PE', arn: 'arn:aws:iam::*:user/oncall-*' }] };
    const opened = await openSharedStore(store, 'open-test', clock, { credentials: dave.credentials, osUser: 'dave' });
    try {
      expect(opened).toMatchObject({ displayName: 'oncall-dave', roles: ['on-call PE'], identity: { osUser: 'dave', arn: expect.stringMatching(/:user\/oncall-dave$/) } });
      expect(await opened.log.tail(0)).toEqual([]);
    } finally {
      opened.close();
    }
  });

  test('credentials STS does not know are an error naming the profile', async () => {
    await expect(openSharedStore(storeFor(table, moto.url), 'open-test', clock, { credentials: { accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' } })).rejects.toThrow(/profile unused-in-tests \(us-east-1\) could not say who this desk is/);
  });

  // Before, a lease expired when the holder's `until` (its clock) fell behind the taker's clock: a desk whose clock
  // ran five minutes ahead took over carol's region while carol's desk was beating every 15 s.
  test("a desk whose clock runs ahead cannot take over a lease whose holder still beats; it takes over only after a lease duration of silence on its own clock", async () => {
    const carolClocks = deskClocks(Date.parse('2026-03-20T15:00:00Z'));
    const daveClocks = deskClocks(Date.parse('2026-03-20T15:05:00Z'));
    const advance = passing(carolClocks, daveClocks);
    const a = new RegionLeases({ documents: carol.clients.documents, table, workspaceId: 'demo', clock: carolClocks.wall, monotonic: carolClocks.monotonic, newToken: randomUUID });
    const b = new RegionLeases({ documents: dave.clients.documents, table, workspaceId: 'demo', clock: daveClocks.wall, monotonic: daveClocks.monotonic, newToken: randomUUID });
    const [carolHolder, daveHolder] = [await holderOf(carol, 'carol'), await holderOf(dave, 'dave')];
    const taken = await a.take('APSE2', carolHolder, 'deploy step apse2-deploy');
    if (!taken.ok) throw new Error(taken.message);
    expect(await b.takeOver('APSE2', daveHolder, 'rollback HO-1234', 'carol looks gone')).toMatchObject({ ok: false, message: expect.stringMatching(/can be taken over only after it expires/) });
    // Four minutes of carol beating every 15 s: dave's desk, five minutes ahead, still sees it held each time.
    for (let i = 0; i < 16; i++) {
      advance(15_000);
      expect(await a.heartbeat('APSE2', taken.token)).toBe(true);
      expect(await b.takeOver('APSE2', daveHolder, 'rollback HO-1234', 'carol looks gone')).toMatchObject({ ok: false });
    }
    expect((await a.read('APSE2'))?.holder.name).toBe('carol');

    // carol's desk dies. dave's desk saw its last beat now; a lease duration of silence later, on its own clock, it may take over.
    expect((await b.read('APSE2'))?.holder.name).toBe('carol');
    advance(LEASE_DURATION_MS - 1_000);
    expect(await b.takeOver('APSE2', daveHolder, 'rollback HO-1234', 'carol’s desk went quiet')).toMatchObject({ ok: false });
    advance(1_000);
    const over = await b.takeOver('APSE2', daveHolder, 'rollback HO-1234', 'carol’s desk went quiet');
    if (!over.ok) throw new Error(over.message);
    expect(over.lease.takenOverFrom).toMatchObject({ holder: { name: 'carol' } });
    expect(await a.heartbeat('APSE2', taken.token)).toBe(false);
  });

  // Before, `since` was the holder's clock and `until` this desk's: a holder three hours ahead read "since 17:02 UTC"
  // on a desk at 14:02, and the take-over's refusal beside it said it expires "at 14:03 UTC".
  test("a lease's since is on the reading desk's clock, as the until beside it: never after it, whichever desk runs ahead", async () => {
    for (const [region, holderStart] of [['USE2', '2026-03-20T17:02:00Z'], ['USW2', '2026-03-20T11:02:00Z']] as const) {
      const carolClocks = deskClocks(Date.parse(holderStart));
      const daveClocks = deskClocks(Date.parse('2026-03-20T14:02:00Z'));
      const a = new RegionLeases({ documents: carol.clients.documents, table, workspaceId: 'demo', clock: carolClocks.wall, monotonic: carolClocks.monotonic, newToken: randomUUID });
      const b = new RegionLeases({ documents: dave.clients.documents, table, workspaceId: 'demo', clock: daveClocks.wall, monotonic: daveClocks.monotonic, newToken: randomUUID });
      const [carolHolder, daveHolder] = [await holderOf(carol, 'carol'), await holderOf(dave, 'dave')];
      const taken = await a.take(region, carolHolder, 'deploy step use2-deploy');
      if (!taken.ok) throw new Error(taken.message);
      expect(await b.take(region, daveHolder, 'rollback HO-1234')).toMatchObject({ ok: false, message: `${region} is held by carol (carol) for deploy step use2-deploy since 14:02 UTC` });
      passing(carolClocks, daveClocks)(LEASE_DURATION_MS / 2);
      expect(await b.takeOver(region, daveHolder, 'rollback HO-1234', 'carol looks gone')).toMatchObject({ ok: false, message: expect.stringMatching(/ since 14:02 UTC; a lease can be taken over only after it expires \(at 14:0[34] UTC\)$/) });
      const read = await b.read(region);
      expect(read && read.since <= read.heartbeatAt && read.heartbeatAt < read.until).toBe(true);
    }
  });

  test("a desk that first reads a lease held for two hours by its holder's account says it was taken two hours before it read it, on its own clock", async () => {
    const carolClocks = deskClocks(Date.parse('2026-03-20T19:00:00Z'));
    const daveClocks = deskClocks(Date.parse('2026-03-20T14:00:00Z'));
    const a = new RegionLeases({ documents: carol.clients.documents, table, workspaceId: 'demo', clock: carolClocks.wall, monotonic: carolClocks.monotonic, newToken: randomUUID });
    const b = new RegionLeases({ documents: dave.clients.documents, table, workspaceId: 'demo', clock: daveClocks.wall, monotonic: daveClocks.monotonic, newToken: randomUUID });
    const taken = await a.take('LON', await holderOf(carol, 'carol'), 'deploy step lon-deploy');
    if (!taken.ok) throw new Error(taken.message);
    passing(carolClocks, daveClocks)(2 * 60 * 60_000);
    expect(await a.heartbeat('LON', taken.token)).toBe(true);
    expect((await b.read('LON'))?.since).toBe(Date.parse('2026-03-20T14:00:00Z'));
    // Later beats do not move it: it is kept for the token, not worked out again from each beat's poll.
    passing(carolClocks, daveClocks)(15_000);
    expect(await a.heartbeat('LON', taken.token)).toBe(true);
    expect((await b.read('LON'))?.since).toBe(Date.parse('2026-03-20T14:00:00Z'));
  });

  // Before, the holder's own `until` (its clock) still counted: a desk whose clock ran a day ahead, once dead, held
  // its region for a day. The on-call's rollback there waited, and "Take over" was refused as "not expired".
  test("a holder whose clock runs a day ahead, once silent, is taken over minutes later by the taker's own clock, not a day", async () => {
    const fastClocks = deskClocks(Date.parse('2026-03-21T15:00:00Z'));
    const daveClocks = deskClocks(Date.parse('2026-03-20T15:00:00Z'));
    const a = new RegionLeases({ documents: carol.clients.documents, table, workspaceId: 'demo', clock: fastClocks.wall, monotonic: fastClocks.monotonic, newToken: randomUUID });
    const b = new RegionLeases({ documents: dave.clients.documents, table, workspaceId: 'demo', clock: daveClocks.wall, monotonic: daveClocks.monotonic, newToken: randomUUID });
    const [carolHolder, daveHolder] = [await holderOf(carol, 'carol'), await holderOf(dave, 'dave')];
    const taken = await a.take('EUC1', carolHolder, 'deploy step eu-rest-deploy');
    if (!taken.ok) throw new Error(taken.message);
    passing(fastClocks, daveClocks)(15_000);
    expect(await a.heartbeat('EUC1', taken.token)).toBe(true);
    // carol's desk dies after that beat; dave's desk sees it, then silence on its own clock: a lease duration, and
    // as long again believed of carol's clock running ahead.
    expect((await b.read('EUC1'))?.holder.name).toBe('carol');
    daveClocks.pass(LEASE_DURATION_MS + HOLDER_CLOCK_AHEAD_BELIEVED_MS - 1_000);
    expect(await b.takeOver('EUC1', daveHolder, 'rollback HO-1234', 'carol’s desk went quiet')).toMatchObject({ ok: false });
    daveClocks.pass(1_000);
    const over = await b.takeOver('EUC1', daveHolder, 'rollback HO-1234', 'carol’s desk went quiet');
    if (!over.ok) throw new Error(over.message);
    expect(over.lease.takenOverFrom).toMatchObject({ holder: { name: 'carol' } });
  });
});
