import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { LogRecordView, ReleaseView, Result } from '../../../shared/api';
import type { Host } from '../../../main/host/host';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../../main/metrics/compose';
import { scanLog } from '../../../main/storage/log-scan';
import { sharedRefOf } from '../../../main/storage/log-entry';
import { LOG_FILE } from '../../../main/storage/repository';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { logPartitionKey } from '../../../shared/team/sharing';
import { startMoto, type Moto } from '../metrics/moto';
import { createDesk, storeFor, type Desk } from '../team/desks';
import { openConsoleDesk, teamWorkspace, TEAM_WORKSPACE_NAME, type ConsoleDesk } from '../team/console-desks';
import type { TcpProxy } from '../team/tcp-proxy';
import { until } from '../until';

/**
 * Two consoles, each with its own data folder and its own moto IAM user, on one DynamoDB table (issue 15,
 * "The release log in DynamoDB"): what one desk does shows on the other, a race has one winner and a loser
 * that decides again, and a desk cut off from the store is read-only until it catches up.
 */
const PRODUCTION = '2026-03-product-rollout';
const WRITE_CR = { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null };

let moto: Moto;
let admin: Desk;
const proxies: TcpProxy[] = [];
const open: Host[] = [];

beforeAll(async () => {
  moto = await startMoto();
  // The copied demo is not "the demo": its metrics go to CloudWatch, which moto answers too.
  vi.stubEnv(CLOUDWATCH_ENDPOINT_ENV, moto.url);
  admin = await createDesk(moto.url, 'store-admin', storeFor('unused', moto.url));
}, 90_000);

afterEach(async () => {
  for (const host of open.splice(0)) await host.close();
  for (const proxy of proxies.splice(0)) await proxy.close();
});

afterAll(async () => {
  admin?.clients.destroy();
  await moto?.stop();
  vi.unstubAllEnvs();
});

type TestDesk = ConsoleDesk;

async function teamWorkspaceFor(): Promise<{ dir: string; table: string }> {
  return teamWorkspace(admin);
}

/** A desk cut off from the store tries it again this often, not every 5 s: the tests wait for its catch-up, not for the interval. */
const OFFLINE_POLL_INTERVAL_MS = 500;

async function openDesk(workspaceDir: string, user: string, operator: string, folder?: string): Promise<TestDesk> {
  const desk = await openConsoleDesk(moto.url, workspaceDir, user, operator, folder, { offlinePollIntervalMs: OFFLINE_POLL_INTERVAL_MS });
  proxies.push(desk.proxy);
  open.push(desk.host);
  return desk;
}

const context = { transport: 'browser' as const, connectionId: 'test' };

async function call<T>(desk: TestDesk, name: string, payload: unknown): Promise<Result<T>> {
  return (await desk.host.invoke(name, payload, context)) as Result<T>;
}

async function value<T>(desk: TestDesk, name: string, payload: unknown): Promise<T> {
  const result = await call<T>(desk, name, payload);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

async function stepState(desk: TestDesk, stepId: string): Promise<string | undefined> {
  const view = await value<ReleaseView>(desk, 'getReleaseView', {});
  return view.gates.flatMap((gate) => gate.steps).find((step) => step.stepId === stepId && step.regionId === null)?.state;
}

/** The shared events a desk's replica holds, in file order: each seq once, 1, 2, 3 … */
async function replicaSeqs(desk: TestDesk): Promise<number[]> {
  const scan = await scanLog(path.join(desk.dataDir, LOG_FILE));
  return scan.entries.flatMap(({ entry }) => {
    const ref = sharedRefOf(entry);
    return ref ? [ref.seq] : [];
  });
}

describe('two desks on one shared release log', () => {
  test("a tick on desk A shows in desk B's view, and both show the same head", async () => {
    const { dir } = await teamWorkspaceFor();
    const a = await openDesk(dir, 'pe-priya', 'priya');
    const b = await openDesk(dir, 'pe-bob', 'bob');
    expect(await stepState(b, 'write-prod-cr')).not.toBe('done');

    await value(a, 'completeStep', { ...WRITE_CR, outcome: 'done' });

    expect(await until('desk B sees the tick', () => stepState(b, 'write-prod-cr'), (state) => state === 'done', 20_000)).toBe('done');
    const [recordA, recordB] = [await value<LogRecordView>(a, 'getLogRecord', {}), await value<LogRecordView>(b, 'getLogRecord', {})];
    expect(recordA.head.seq).toBeGreaterThan(0);
    expect(recordB.head).toEqual(recordA.head);
    expect(recordB.sharedLog).toMatchObject({ reachable: true, broken: false });
    // B's own approval is then decided on A's tick: bob is not the writer, so he may approve.
    const approved = await value<{ state: string }>(b, 'approveStep', { ...WRITE_CR, stepId: 'review-prod-cr' });
    expect(approved.state).toBe('done');
    expect(await until('desk A sees the approval', () => stepState(a, 'review-prod-cr'), (state) => state === 'done', 20_000)).toBe('done');
    // The head desk B shows is the one desk A's export carries: one chain, one head, whichever desk exports.
    const headOnB = (await value<LogRecordView>(b, 'getLogRecord', {})).head;
    const exported = await value<{ content: string }>(a, 'exportEvidence', { releaseId: PRODUCTION, format: 'cr-markdown' });
    expect(exported.content).toContain(`Release log head: seq ${headOnB.seq}, sha256 ${headOnB.hash}`);
  }, 60_000);

  test('two desks ticking one step at once: exactly one is accepted, the other decides again and names the winner', async () => {
    const { dir } = await teamWorkspaceFor();
    const a = await openDesk(dir, 'pe-priya', 'priya');
    const b = await openDesk(dir, 'pe-bob', 'bob');

    const [fromA, fromB] = await Promise.all([call(a, 'completeStep', { ...WRITE_CR, outcome: 'done' }), call(b, 'completeStep', { ...WRITE_CR, outcome: 'done' })]);

    expect([fromA.ok, fromB.ok].filter(Boolean)).toHaveLength(1);
    const [winner, loser] = fromA.ok ? (['priya', fromB] as const) : (['bob', fromA] as const);
    expect(loser).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`"PE writes Production CR instructions" is already done by ${winner} at 10:55 UTC`) } });
    // The release's definition (issue 19: logged before its first step) and one stepFinished in the chain, on
    // both replicas; the loser's refusal stayed in its own log only.
    await until('both heads agree', async () => [(await value<LogRecordView>(a, 'getLogRecord', {})).head, (await value<LogRecordView>(b, 'getLogRecord', {})).head], ([x, y]) => JSON.stringify(x) === JSON.stringify(y), 20_000);
    expect(await replicaSeqs(a)).toEqual([1, 2]);
    expect(await replicaSeqs(b)).toEqual([1, 2]);
  }, 60_000);

  test('a desk cut off from the store is read-only and says since when, then catches up without loss or duplicate', async () => {
    const { dir } = await teamWorkspaceFor();
    const a = await openDesk(dir, 'pe-priya', 'priya');
    const b = await openDesk(dir, 'pe-bob', 'bob');

    b.proxy.setMode({ kind: 'drop' });
    const offline = await until('desk B notices', () => value<LogRecordView>(b, 'getLogRecord', {}), (record) => record.sharedLog?.reachable === false, 20_000);
    expect(offline.sharedLog?.line).toMatch(/^Shared log unreachable since \d\d:\d\d UTC — read-only/);
    expect(offline.readOnly).not.toBeNull();

    const refused = await call(b, 'completeStep', { ...WRITE_CR, outcome: 'done' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('was not done: the team store has not answered since') } });
    expect(await stepState(b, 'write-prod-cr')).not.toBe('done');

    // Meanwhile desk A goes on: the CR is written and approved by someone else in the store's eyes.
    await value(a, 'completeStep', { ...WRITE_CR, outcome: 'done' });
    await value(a, 'setOperator', { name: 'carol', role: 'PE' });
    await value(a, 'approveStep', { ...WRITE_CR, stepId: 'review-prod-cr' });

    b.proxy.setMode({ kind: 'pass' });
    const back = await until('desk B catches up', () => value<LogRecordView>(b, 'getLogRecord', {}), (record) => record.sharedLog?.reachable === true && record.head.seq >= 3, 30_000);
    expect(await stepState(b, 'write-prod-cr')).toBe('done');
    expect(await stepState(b, 'review-prod-cr')).toBe('done');
    expect(back.readOnly).toBeNull();
    expect(back.head).toEqual((await value<LogRecordView>(a, 'getLogRecord', {})).head);
    expect(await replicaSeqs(b)).toEqual(await replicaSeqs(a));
    // releaseDefined and the CR's tick, then the approval.
    expect(await replicaSeqs(b)).toEqual([1, 2, 3]);

    // Desk B restarts from its own folder after A went on: it reads its replica, then only what is new.
    await open.splice(open.indexOf(b.host), 1)[0]!.close();
    const item = (await value<ReleaseView>(a, 'getReleaseView', {})).qa[0]!;
    // Reopened with a note: a pass waits for a deploy (seed 000: QA tests "After EU deploy"); any tick is an event to replicate.
    await value(a, 'tickQaItem', { releaseId: PRODUCTION, itemId: item.id, outcome: 'open', note: 'retest after the EU deploy' });
    const restarted = await openDesk(dir, 'pe-bob', 'bob', b.folder);
    const headOnA = (await value<LogRecordView>(a, 'getLogRecord', {})).head;
    expect((await value<LogRecordView>(restarted, 'getLogRecord', {})).head).toEqual(headOnA);
    expect(await replicaSeqs(restarted)).toEqual([1, 2, 3, 4]);
    expect((await value<ReleaseView>(restarted, 'getReleaseView', {})).qa[0]).toMatchObject({ id: item.id, outcome: 'open', note: 'retest after the EU deploy', by: { name: 'carol' } });
  }, 90_000);

  test('a table shortened behind a desk is named at start, and the desk is read-only instead of folding it', async () => {
    const { dir, table } = await teamWorkspaceFor();
    const a = await openDesk(dir, 'pe-priya', 'priya');
    await value(a, 'completeStep', { ...WRITE_CR, outcome: 'done' });
    await value(a, 'setOperator', { name: 'carol', role: 'PE' });
    await value(a, 'approveStep', { ...WRITE_CR, stepId: 'review-prod-cr' });
    const seen = (await value<LogRecordView>(a, 'getLogRecord', {})).head;
    // releaseDefined and the CR's tick, then the approval.
    expect(seen.seq).toBe(3);
    await open.splice(open.indexOf(a.host), 1)[0]!.close();

    // Someone removes the approval from the table: the desk's replica still holds seq 3.
    await admin.clients.documents.send(new DeleteCommand({ TableName: table, Key: { pk: logPartitionKey(`${TEAM_WORKSPACE_NAME}#rehearsal`), seq: 3 } }));

    const reopened = await openDesk(dir, 'pe-priya', 'priya', a.folder);
    const record = await value<LogRecordView>(reopened, 'getLogRecord', {});
    expect(record.sharedLog).toMatchObject({ broken: true, line: expect.stringContaining(`the table ends at seq 2, shorter than the head seq 3 (${seen.hash.slice(0, 12)}) seen before`) });
    expect(record.readOnly).not.toBeNull();
    const refused = await call(reopened, 'completeStep', { ...WRITE_CR, outcome: 'failed' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('does not hold against this desk') } });
  }, 60_000);

  test("a put whose answer is lost is not applied until the store answers, then shows once, on both desks", async () => {
    const { dir } = await teamWorkspaceFor();
    const a = await openDesk(dir, 'pe-priya', 'priya');
    const b = await openDesk(dir, 'pe-bob', 'bob');

    // The request reaches moto and the put lands, but desk B never hears back.
    b.proxy.setMode({ kind: 'swallow-responses' });
    const unsure = await call(b, 'completeStep', { ...WRITE_CR, outcome: 'done' });
    expect(unsure).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('it will show once the store answers again') } });
    expect(await stepState(b, 'write-prod-cr')).not.toBe('done');
    // Desk A, which can reach the store, sees bob's tick: it did land.
    expect(await until('desk A sees the landed put', () => stepState(a, 'write-prod-cr'), (state) => state === 'done', 20_000)).toBe('done');

    b.proxy.setMode({ kind: 'pass' });
    await until('desk B catches up', () => stepState(b, 'write-prod-cr'), (state) => state === 'done', 30_000);
    expect(await replicaSeqs(b)).toEqual([1, 2]);
    expect(await replicaSeqs(a)).toEqual([1, 2]);
    expect((await value<LogRecordView>(b, 'getLogRecord', {})).head).toEqual((await value<LogRecordView>(a, 'getLogRecord', {})).head);
  }, 90_000);
});
