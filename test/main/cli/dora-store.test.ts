import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { NO_AWS_CREDENTIALS, stubEnvs } from '../../stub-envs';
import type { LogRecordView, RollbackRunView } from '../../../shared/api';
import { runDora } from '../../../main/cli/dora';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../../main/metrics/compose';
import { GENESIS_HASH } from '../../../main/storage/audit-entry';
import { LOG_FILE } from '../../../main/storage/repository';
import { logPartitionKey, sharedChainId } from '../../../shared/team/sharing';
import { startMoto, type Moto } from '../metrics/moto';
import { openConsoleDesk, SDC_METRICS_PROFILE, seedHealthyMinutes, teamWorkspace, TEAM_WORKSPACE_NAME, type ConsoleDesk } from '../team/console-desks';
import { closeConsoleDesks, deskValue, releaseViewOf, runDeskStep, stepState, until } from '../team/desk-calls';
import { createDesk, storeFor, type Desk } from '../team/desks';

/**
 * Issue 19 item 2, "It reads the local log, or the shared store": two live desks (whole consoles, each its
 * own data folder and moto IAM user) deploy HO-1234 to S01 and roll it back on one DynamoDB table; then
 * `release-console dora`, on a machine with no desk's data, reads the table and prints the numbers a desk's
 * own log gives.
 */
const PRODUCTION = '2026-03-product-rollout';
const HO = { releaseId: PRODUCTION, handoverId: 'HO-1234' };

let moto: Moto;
let admin: Desk;
const desks: ConsoleDesk[] = [];

beforeAll(async () => {
  moto = await startMoto();
  admin = await createDesk(moto.url, 'store-admin', storeFor('unused', moto.url));
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-dora-store-'));
  // The SDC regions' CloudWatch profile for the desks, and the store's profile the CLI reads the table with,
  // as `aws configure` writes them.
  const profiles = [
    `[${SDC_METRICS_PROFILE}]\naws_access_key_id = testing\naws_secret_access_key = testing\n`,
    `[release-store]\naws_access_key_id = ${admin.credentials.accessKeyId}\naws_secret_access_key = ${admin.credentials.secretAccessKey}\n`,
  ];
  writeFileSync(path.join(home, 'credentials'), profiles.join(''));
  await seedHealthyMinutes(moto.url, 'S01', 'eu-west-1');
  stubEnvs({
    [CLOUDWATCH_ENDPOINT_ENV]: moto.url,
    RELEASE_CONSOLE_DEMO_SPEED: '0',
    NO_COLOR: '1',
    RELEASE_CONSOLE_DEMO_STATE: path.join(home, 'demo-tools.state'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    AWS_CONFIG_FILE: path.join(home, 'config'),
    ...NO_AWS_CREDENTIALS,
  });
}, 90_000);

afterAll(async () => {
  await closeConsoleDesks(desks);
  admin?.clients.destroy();
  await moto?.stop();
  vi.unstubAllEnvs();
});

async function dora(args: string[], now: number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDora(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, () => now);
  return { code, out, err };
}

describe('release-console dora on a team store', () => {
  test('with an empty data folder it reads the shared table, and prints the same numbers as a desk’s own log', async () => {
    const { dir, table } = await teamWorkspace(admin, { liveRollout: true, endpoint: moto.url });
    const open = async (user: string) => {
      const desk = await openConsoleDesk(moto.url, dir, user, user, undefined, { live: true });
      desks.push(desk);
      return desk;
    };
    const [pe, secondPe, onCall] = [await open('pe-priya'), await open('pe-bob'), await open('oncall-carol')];
    await deskValue(pe, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await until('the second PE sees the CR written', () => releaseViewOf(secondPe), (v) => stepState(v, 'write-prod-cr@*') === 'done');
    await deskValue(secondPe, 'approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
    await until('the PE sees the review', () => releaseViewOf(pe), (v) => stepState(v, 'review-prod-cr@*') === 'done');
    await runDeskStep(pe, PRODUCTION, 'sdc-baseline', 'S01');
    await runDeskStep(pe, PRODUCTION, 'sdc-maintenance-on', 'S01');
    await runDeskStep(pe, PRODUCTION, 'sdc-deploy', 'S01');
    // The on-call desk rolls the handover back from production it had reached: a failed rollout.
    await until('the on-call desk sees the deploy', () => releaseViewOf(onCall), (v) => stepState(v, 'sdc-deploy@S01') === 'done');
    await deskValue(onCall, 'startRollback', { ...HO, confirm: 'HO-1234', reason: 'S01 error rate climbing after the deploy' });
    const run = await until('the rollback to end', () => deskValue<RollbackRunView | null>(onCall, 'getRollback', HO), (r) => r !== null && r.status !== 'running', 60_000);
    expect(run?.status).toBe('done');
    await until('all three desks on one head', async () => Promise.all(desks.map(async (d) => JSON.stringify((await deskValue<LogRecordView>(d, 'getLogRecord', {})).head))), (heads) => new Set(heads).size === 1);

    const now = Date.now();
    const since = new Date(now - 86_400_000).toISOString().slice(0, 10);
    const fromStore = await dora(['--workspace', dir, '--data-dir', mkdtempSync(path.join(os.tmpdir(), 'rc-dora-empty-')), '--since', since, '--json'], now);
    expect(fromStore.code, fromStore.err.join('\n')).toBe(0);
    expect(fromStore.err).toEqual([expect.stringMatching(new RegExp(`^release-console dora: read the shared store's table ${table} \\(us-east-1\\), chain log#.+, up to seq \\d+$`))]);
    const fromDesk = await dora(['--workspace', dir, '--data-dir', pe.folder, '--local', '--since', since, '--json'], now);
    expect(fromDesk.err).toEqual([`release-console dora: read the local log ${path.join(pe.folder, 'live', LOG_FILE)}`]);

    const { source: storeSource, ...storeReport } = JSON.parse(fromStore.out[0]!) as { source: { kind: string; table: string }; counts: Record<string, number> };
    const { source: deskSource, ...deskReport } = JSON.parse(fromDesk.out[0]!) as { source: { kind: string }; counts: Record<string, number> };
    expect(storeSource).toMatchObject({ kind: 'shared store', table });
    expect(deskSource).toMatchObject({ kind: 'local log' });
    expect(storeReport.counts).toEqual({ deployments: 0, failedChanges: 0, failedRollouts: 1, restores: 0 });
    expect(storeReport).toEqual(deskReport);
  }, 180_000);

  test('a table whose chain does not hold is an error naming the entry, never a count', async () => {
    const { dir, table } = await teamWorkspace(admin, { endpoint: moto.url });
    const text = JSON.stringify({ seq: 1, id: 'e-1', time: '2026-11-29T07:00:00.000Z', prevHash: GENESIS_HASH, kind: 'event', body: { type: 'breachObserved' } });
    // An entry edited in the table after it was written: its text no longer hashes to its hash.
    const item = { pk: logPartitionKey(sharedChainId({ name: TEAM_WORKSPACE_NAME }, false)), seq: 1, id: 'e-1', prevHash: GENESIS_HASH, hash: 'f'.repeat(64), text };
    await admin.clients.documents.send(new PutCommand({ TableName: table, Item: item }));
    const result = await dora(['--workspace', dir, '--since', '2026-11-01', '--json'], Date.now());
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out[0]!)).toEqual({ error: expect.stringMatching(new RegExp(`^the shared release log in table ${table} .* does not hold: seq 1: its content no longer matches its hash ffffffffffff$`)) });
  });

  test('a store that does not answer exits 1, naming the table and the profile', async () => {
    const { dir, table } = await teamWorkspace(admin, { endpoint: 'http://127.0.0.1:9' });
    const result = await dora(['--workspace', dir, '--since', '2026-11-01', '--json'], Date.now());
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out[0]!)).toEqual({ error: expect.stringMatching(new RegExp(`^the shared store's table ${table} \\(us-east-1, chain log#Demo — regional RT platform\\) could not be read with profile release-store: `)) });
  }, 30_000);
});
