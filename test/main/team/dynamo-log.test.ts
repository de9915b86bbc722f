import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { rolesOf } from '../../../shared/team/identity';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemClock } from '../../../shared/clock';
import { DynamoLog, EMPTY_HEAD, StoreUnavailableError, encodeSharedEntry, type LogHead } from '../../../main/team/dynamo-log';
import { createStoreTable } from '../../../main/team/table';
import { callerIdentity } from '../../../main/team/identity';
import { TailPoller } from '../../../main/team/tail-poller';
import { startMoto, type Moto } from '../metrics/moto';
import { until } from '../until';
import { createDesk, storeFor, type Desk } from './desks';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

let moto: Moto;
let proxy: TcpProxy;
let pe: Desk;
let qa: Desk;
/** A desk whose every request goes through the proxy, with a short timeout so a swallowed answer is a timeout. */
let onCall: Desk;

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startTcpProxy(moto.url);
  const store = storeFor('unused', moto.url);
  pe = await createDesk(moto.url, 'pe-priya', store);
  qa = await createDesk(moto.url, 'qa-sam', store);
  onCall = await createDesk(moto.url, 'oncall-carol', store, { endpoint: proxy.url, requestTimeoutMs: 700, maxAttempts: 3 });
}, 90_000);

afterAll(async () => {
  for (const desk of [pe, qa, onCall]) desk?.clients.destroy();
  await proxy?.close();
  await moto?.stop();
});

async function freshLog(desk: Desk, table: string, workspaceId = 'demo'): Promise<DynamoLog> {
  return new DynamoLog({ documents: desk.clients.documents, table, workspaceId, clock: systemClock() });
}

async function newTable(): Promise<string> {
  const table = `rc-${randomUUID().slice(0, 8)}`;
  expect(await createStoreTable(pe.clients.dynamo, table)).toBe('created');
  return table;
}

function tick(step: string, who: string) {
  return { id: randomUUID(), kind: 'event', body: { type: 'stepFinished', step, actor: who } };
}

describe('identity from STS', () => {
  test('each desk is its own moto IAM user', async () => {
    const [a, b] = await Promise.all([callerIdentity(pe.clients.sts, 'priya'), callerIdentity(qa.clients.sts, 'sam')]);
    expect(a).toMatchObject({ arn: expect.stringMatching(/:user\/pe-priya$/), sessionName: null, osUser: 'priya' });
    expect(b.arn).toMatch(/:user\/qa-sam$/);
  });
});

describe('identity from an SSO session', () => {
  test('an assumed role named as IAM Identity Center names it gives the session name and the permission set', async () => {
    const role = 'AWSReservedSSO_OnCallPE_0123456789abcdef';
    const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials: pe.credentials });
    const created = await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }) }));
    iam.destroy();
    const assumed = await pe.clients.sts.send(new AssumeRoleCommand({ RoleArn: created.Role!.Arn!, RoleSessionName: 'carol@example.com' }));
    const session = new STSClient({ region: 'us-east-1', endpoint: moto.url, credentials: { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! } });
    const identity = await callerIdentity(session, 'carol');
    session.destroy();
    expect(identity).toMatchObject({ arn: expect.stringMatching(new RegExp(`:assumed-role/${role}/carol@example.com$`)), sessionName: 'carol@example.com', permissionSet: 'OnCallPE', osUser: 'carol' });
    expect(rolesOf(identity, [{ role: 'on-call PE', permissionSet: 'OnCallPE' }])).toEqual(['on-call PE']);
  });
});

describe('the release log in DynamoDB', () => {
  test('store init is safe to run twice and sets the TTL attribute', async () => {
    const table = await newTable();
    expect(await createStoreTable(pe.clients.dynamo, table)).toBe('existed');
  });

  test('appends chain each entry to the one before and a tail reads them back in order, across pages', async () => {
    const table = await newTable();
    const log = await freshLog(pe, table);
    let head: LogHead = EMPTY_HEAD;
    for (let i = 0; i < 5; i += 1) {
      const result = await log.append([tick(`s${i}`, 'priya')], head);
      if (!result.ok) throw new Error('lost a race with nobody');
      head = result.head;
    }
    const batch = await log.append([tick('a', 'priya'), tick('b', 'priya')], head);
    expect(batch).toMatchObject({ ok: true, head: { seq: 7 } });
    const read = await (await freshLog(qa, table)).tail(0);
    expect(read.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(read[3]?.prevHash).toBe(read[2]?.hash);
    expect((await log.verify(batch.head)).problems).toEqual([]);
    expect(await (await freshLog(qa, table)).tail(5)).toHaveLength(2);
  });

  test('two desks appending at once: exactly one wins, the other gets the winner’s events', async () => {
    const table = await newTable();
    const [pLog, qLog] = [await freshLog(pe, table), await freshLog(qa, table)];
    const first = await pLog.append([tick('start', 'priya')], EMPTY_HEAD);
    if (!first.ok) throw new Error('first append lost');
    const mine = tick('ho-1234-rollback', 'priya');
    const theirs = tick('ho-1234-rollback', 'sam');
    const [a, b] = await Promise.all([pLog.append([mine], first.head), qLog.append([theirs], first.head)]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    const winner = results.find((r) => r.ok);
    if (!loser || loser.ok || !winner?.ok) throw new Error('expected one winner and one loser');
    expect(loser.winners.map((entry) => entry.id)).toEqual([winner.entries[0]?.id]);
    expect(loser.head).toEqual(winner.head);
    const all = await pLog.tail(0);
    expect(all.map((entry) => entry.id)).toEqual([first.entries[0]?.id, winner.entries[0]?.id]);
  });

  test('a decision of several events is written together or not at all: a lost race writes none of them', async () => {
    const table = await newTable();
    const [pLog, qLog] = [await freshLog(pe, table), await freshLog(qa, table)];
    const won = await pLog.append([tick('a', 'priya')], EMPTY_HEAD);
    if (!won.ok) throw new Error('lost');
    const lost = await qLog.append([tick('x', 'sam'), tick('y', 'sam')], EMPTY_HEAD);
    expect(lost).toMatchObject({ ok: false, head: won.head });
    if (lost.ok) return;
    expect(lost.winners.map((entry) => entry.id)).toEqual([won.entries[0]?.id]);
    const retried = await qLog.append([tick('x', 'sam'), tick('y', 'sam')], lost.head);
    expect(retried).toMatchObject({ ok: true, head: { seq: 3 } });
    expect((await pLog.verify(null)).problems).toEqual([]);
  });

  test('through a slow network (200 ms each way), two desks racing still give exactly one winner', async () => {
    const table = await newTable();
    proxy.setMode({ kind: 'delay', delayMs: 200 });
    try {
      const [slow, fast] = [await freshLog(onCall, table), await freshLog(pe, table)];
      const results = await Promise.all([slow.append([tick('a', 'carol')], EMPTY_HEAD), fast.append([tick('a', 'priya')], EMPTY_HEAD)]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect((await fast.tail(0)).map((entry) => entry.seq)).toEqual([1]);
    } finally {
      proxy.setMode({ kind: 'pass' });
    }
  });

  test('a put whose answer was lost is retried by the SDK and recognised by its id: written once', async () => {
    const table = await newTable();
    const log = await freshLog(onCall, table);
    const event = tick('deploy-euw2', 'carol');
    proxy.setMode({ kind: 'swallow-responses' });
    // The first attempt lands in moto but its answer never comes back; let the retry through. Waited for in
    // moto itself (pe reads it directly), not by a fixed 300 ms: a loaded moto answering the first attempt
    // later than that would have its answer let through after the switch, and nothing retried or recognised.
    const appended = log.append([event], EMPTY_HEAD);
    const ids = async () => {
      const found = await pe.clients.documents.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'log#demo' }, ConsistentRead: true }));
      return found.Items?.map((item) => item['id']) ?? [];
    };
    await until('the first attempt to land in moto', ids, (written) => written.includes(event.id));
    proxy.setMode({ kind: 'pass' });
    const result = await appended;
    expect(result).toMatchObject({ ok: true, recognised: true, head: { seq: 1 } });
    expect(await ids()).toEqual([event.id]);
  });

  test('a store that stalls is reported unavailable, and the same event appended later is written once', async () => {
    const table = await newTable();
    const log = await freshLog(onCall, table);
    const event = tick('deploy-use2', 'carol');
    proxy.setMode({ kind: 'stall' });
    await expect(log.append([event], EMPTY_HEAD)).rejects.toBeInstanceOf(StoreUnavailableError);
    proxy.setMode({ kind: 'drop' });
    await expect(log.tail(0)).rejects.toThrow(/could not be read/);
    proxy.setMode({ kind: 'pass' });
    const again = await log.append([event], EMPTY_HEAD);
    expect(again).toMatchObject({ ok: true, head: { seq: 1 } });
    expect((await log.tail(0)).map((entry) => entry.id)).toEqual([event.id]);
  }, 30_000);

  test('refusals never go to the table', async () => {
    const table = await newTable();
    const log = await freshLog(pe, table);
    await expect(log.append([{ id: randomUUID(), kind: 'event', body: { type: 'refused', reasons: ['window closed'] } }], EMPTY_HEAD)).rejects.toThrow(/refusal stays in the desk’s local log/);
    await expect(log.append([{ id: randomUUID(), kind: 'checkpoint', body: {} }], EMPTY_HEAD)).rejects.toThrow(/local log/);
    expect(await log.tail(0)).toEqual([]);
  });

  test('a re-hashed table and a shortened table are detected against a head seen before', async () => {
    const table = await newTable();
    const log = await freshLog(pe, table);
    let head: LogHead = EMPTY_HEAD;
    const events = [tick('a', 'priya'), tick('b', 'priya'), tick('c', 'priya')];
    for (const event of events) {
      const result = await log.append([event], head);
      if (!result.ok) throw new Error('lost');
      head = result.head;
    }
    const seen = head;
    // An attacker rewrites seq 2 and re-hashes everything after it, so every line matches its own hash.
    let rewritten: LogHead = (await log.tail(0))[0]!;
    for (const [index, event] of events.entries()) {
      if (index === 0) continue;
      const body = index === 1 ? { ...event.body, actor: 'mallory' } : event.body;
      const { entry, text } = encodeSharedEntry({ ...event, body }, rewritten, new Date().toISOString());
      await pe.clients.documents.send(new PutCommand({ TableName: table, Item: { pk: 'log#demo', seq: entry.seq, id: entry.id, prevHash: entry.prevHash, hash: entry.hash, text } }));
      rewritten = { seq: entry.seq, hash: entry.hash };
    }
    const report = await log.verify(seen);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(/^seq 3: hash .* differs from .* seen before: the table was rewritten and re-hashed$/)]);

    // An edit without re-hashing is named at its seq.
    await pe.clients.documents.send(new PutCommand({ TableName: table, Item: { pk: 'log#demo', seq: 4, id: 'x', prevHash: rewritten.hash, hash: 'f'.repeat(64), text: '{"seq":4}' } }));
    expect((await log.verify(null)).problems).toEqual([expect.stringMatching(/^seq 4: its content no longer matches its hash/)]);
  });

  test('a shortened table is named with how many entries are missing', async () => {
    const table = await newTable();
    const log = await freshLog(pe, table);
    const first = await log.append([tick('a', 'priya')], EMPTY_HEAD);
    if (!first.ok) throw new Error('lost');
    const report = await log.verify({ seq: 3, hash: 'a'.repeat(64) });
    expect(report.problems).toEqual([expect.stringMatching(/ends at seq 1, shorter than the head seq 3 .*: 2 entries missing/)]);
  });

  test('one workspace’s chain does not see another’s', async () => {
    const table = await newTable();
    const demo = await freshLog(pe, table, 'demo');
    const other = await freshLog(pe, table, 'canary');
    await demo.append([tick('a', 'priya')], EMPTY_HEAD);
    expect(await other.tail(0)).toEqual([]);
    expect(await other.append([tick('b', 'priya')], EMPTY_HEAD)).toMatchObject({ ok: true, head: { seq: 1 } });
  });
});

describe('tailing the shared log', () => {
  test('a desk’s poller folds what another desk appended, says when the store is gone, and catches up when it returns', async () => {
    const table = await newTable();
    const writer = await freshLog(pe, table);
    const seen: string[] = [];
    const reachability: boolean[] = [];
    const poller = new TailPoller(await freshLog(onCall, table), EMPTY_HEAD, {
      entries: (entries) => seen.push(...entries.map((entry) => entry.id)),
      reachability: (reachable) => reachability.push(reachable),
      broken: (problem) => {
        throw new Error(problem);
      },
    });
    const a = tick('a', 'priya');
    const first = await writer.append([a], EMPTY_HEAD);
    if (!first.ok) throw new Error('lost');
    await poller.poll();
    expect(seen).toEqual([a.id]);
    proxy.setMode({ kind: 'drop' });
    await poller.poll();
    expect(reachability).toEqual([true, false]);
    const b = tick('b', 'priya');
    await writer.append([b], first.head);
    proxy.setMode({ kind: 'pass' });
    await poller.poll();
    expect(reachability).toEqual([true, false, true]);
    expect(seen).toEqual([a.id, b.id]);
    expect(poller.currentHead).toEqual((await writer.verify(null)).head);
  });

  test('entries that do not chain onto the desk’s head are reported, never folded', async () => {
    const table = await newTable();
    const writer = await freshLog(pe, table);
    await writer.append([tick('a', 'priya')], EMPTY_HEAD);
    const problems: string[] = [];
    const poller = new TailPoller(await freshLog(qa, table), { seq: 1, hash: 'b'.repeat(64) }, { entries: () => undefined, reachability: () => undefined, broken: (p) => problems.push(p) });
    const latest = await writer.tail(0);
    await writer.append([tick('b', 'priya')], { seq: 1, hash: latest[0]!.hash });
    await poller.poll();
    expect(problems).toEqual([expect.stringMatching(/^seq 2 does not follow this desk's head seq 1 \(bbbbbbbbbbbb\)$/)]);
    expect(poller.currentHead.seq).toBe(1);
  });
});

describe('a desk offline and back', () => {
  test('offline, its change is refused and nothing is written; back, it catches up, re-decides on the new head and appends once', async () => {
    const table = await newTable();
    const [online, offline] = [await freshLog(pe, table), await freshLog(onCall, table)];
    const start = await online.append([tick('a', 'priya')], EMPTY_HEAD);
    if (!start.ok) throw new Error('lost');
    const heads: LogHead[] = [];
    const poller = new TailPoller(offline, EMPTY_HEAD, { entries: (_entries, head) => heads.push(head), reachability: () => undefined, broken: (p) => heads.push({ seq: -1, hash: p }) });
    await poller.poll();

    proxy.setMode({ kind: 'drop' });
    const pending = tick('qa-tick', 'carol');
    await expect(offline.append([pending], poller.currentHead)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await online.tail(0)).map((entry) => entry.id)).not.toContain(pending.id);
    // Meanwhile the other desks go on.
    let head = start.head;
    for (const step of ['b', 'c']) {
      const result = await online.append([tick(step, 'priya')], head);
      if (!result.ok) throw new Error('lost');
      head = result.head;
    }
    proxy.setMode({ kind: 'pass' });

    await poller.poll();
    expect(poller.currentHead).toEqual(head);
    // Re-sent on the head it had: it loses to what happened meanwhile, gets nothing new beyond what it polled, and appends after.
    const stale = await offline.append([pending], start.head);
    expect(stale).toMatchObject({ ok: false, head, alreadyIn: false });
    const after = await offline.append([pending], poller.currentHead);
    expect(after).toMatchObject({ ok: true, head: { seq: 4 } });
    const ids = (await online.tail(0)).map((entry) => entry.id);
    expect(ids.filter((id) => id === pending.id)).toHaveLength(1);
    expect((await online.verify(after.head)).problems).toEqual([]);
    // Sent once more from the old head (its answer lost, say): the desk is told its event is already in.
    expect(await offline.append([pending], start.head)).toMatchObject({ ok: false, alreadyIn: true, head: after.head });
    expect(heads.every((h) => h.seq > 0)).toBe(true);
  }, 30_000);
});
