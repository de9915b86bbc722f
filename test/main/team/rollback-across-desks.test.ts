import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LogRecordView, RollbackRunView } from '../../../shared/api';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../../main/metrics/compose';
import { logEntries, logEvents } from '../../release-log';
import { startMoto, type Moto } from '../metrics/moto';
import { openConsoleDesk, SDC_METRICS_PROFILE, seedHealthyMinutes, teamWorkspace, type ConsoleDesk } from './console-desks';
import { stepOf } from '../release-view';
import { closeConsoleDesks, deskValue, releaseViewOf, runDeskStep, stepState, until } from './desk-calls';
import { createDesk, storeFor, type Desk } from './desks';

/**
 * Issue 15, "A deploy running in S01 when a rollback of its handover is confirmed … Test it across two
 * desks": the PE's console deploys HO-1234 to S01 (each `deploy apply` there held 1 s on its change lock),
 * and the on-call engineer's console, another process's worth of state on the same DynamoDB table,
 * confirms the rollback meanwhile. The rule that makes it wait is the one-process rule; what is proved
 * here is that the lease it waits on travels through the shared log. Live desks: each actor is its STS
 * identity, and the region's tools keep one state file, as one real region is one.
 */
const PRODUCTION = '2026-03-product-rollout';
const HO = { releaseId: PRODUCTION, handoverId: 'HO-1234' };
const saved = { ...process.env };

let moto: Moto;
let admin: Desk;
let regionState = '';
const desks: ConsoleDesk[] = [];

beforeAll(async () => {
  moto = await startMoto();
  admin = await createDesk(moto.url, 'store-admin', storeFor('unused', moto.url));
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-region-'));
  regionState = path.join(home, 'demo-tools.state');
  // The SDC regions' CloudWatch profile, as `aws configure` writes it; moto takes any keys.
  writeFileSync(path.join(home, 'credentials'), `[${SDC_METRICS_PROFILE}]\naws_access_key_id = testing\naws_secret_access_key = testing\n`);
  await seedHealthyMinutes(moto.url, 'S01', 'eu-west-1');
  Object.assign(process.env, {
    [CLOUDWATCH_ENDPOINT_ENV]: moto.url,
    RELEASE_CONSOLE_DEMO_SPEED: '0',
    NO_COLOR: '1',
    RELEASE_CONSOLE_DEMO_HANG: 'deploy apply:S01@1s',
    RELEASE_CONSOLE_DEMO_STATE: regionState,
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    AWS_CONFIG_FILE: path.join(home, 'config'),
  });
}, 90_000);

afterAll(async () => {
  await closeConsoleDesks(desks);
  admin?.clients.destroy();
  await moto?.stop();
  process.env = { ...saved };
});

/** The last version the region's tools say each package runs in S01 ("-": removed). */
function toolVersions(region: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const line of readFileSync(regionState, 'utf8').split('\n')) {
    const [kind, where, pkg, version] = line.split(' ');
    if (kind === 'version' && where === region && pkg && version) versions[pkg] = version;
  }
  return versions;
}

const runOf = (data: Record<string, unknown>) => String((data.lease as { run?: string } | undefined)?.run ?? data.run);

describe('a rollback on one desk while the handover deploys on another', () => {
  test('the on-call desk waits for the PE desk\'s deploy in S01, then leaves S01 running none of HO-1234\'s versions; the record shows the wait', async () => {
    const { dir } = await teamWorkspace(admin, { liveRollout: true });
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
    await deskValue(pe, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
    const baseline = await until('the S01 baseline', () => releaseViewOf(pe), (v) => ['done', 'failed'].includes(stepState(v, 'sdc-baseline@S01') ?? ''));
    expect(stepOf(baseline, 'sdc-baseline@S01')).toMatchObject({ state: 'done', reasons: [] });
    await runDeskStep(pe, PRODUCTION, 'sdc-maintenance-on', 'S01');

    // The PE's deploy starts and holds S01 (its first package on the change lock); the on-call desk sees it running.
    await deskValue(pe, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-deploy', regionId: 'S01' });
    await until('the on-call desk sees the deploy running', () => releaseViewOf(onCall), (v) => stepState(v, 'sdc-deploy@S01') === 'running');
    await deskValue(onCall, 'startRollback', { ...HO, confirm: 'HO-1234', reason: 'S01 error rate climbing mid-deploy' });

    const waiting = await until('the rollback to wait', () => deskValue<RollbackRunView | null>(onCall, 'getRollback', HO), (run) => run?.waitingFor != null);
    expect(waiting?.waitingFor).toMatch(/^waiting for the deploy "Deploy — SDC\/LON \(~11:00 London\)" in S01 to finish \(pe-priya-[0-9a-f]{6}, since \d\d:\d\d\)$/);
    expect(stepState(await releaseViewOf(pe), 'sdc-deploy@S01')).toBe('running');

    const run = await until('the rollback to end', () => deskValue<RollbackRunView | null>(onCall, 'getRollback', HO), (r) => r !== null && r.status !== 'running', 60_000);
    expect(run?.status).toBe('done');
    expect(stepState(await releaseViewOf(pe), 'sdc-deploy@S01')).toBe('done');
    expect(toolVersions('S01')).toMatchObject({ 'rt-media-gateway': '4.12.0', 'routing-engine': '2.8.1', 'cdr-export-lambda': '-' });
    for (const desk of [pe, onCall]) {
      const versions = await until('the rollback reaches every desk', async () => Object.fromEntries((await releaseViewOf(desk)).regions.find((r) => r.id === 'S01')!.versions.map((v) => [v.name, v.version])), (v) => v['rt-media-gateway'] === '4.12.0' && !Object.hasOwn(v, 'cdr-export-lambda'));
      expect(versions).toMatchObject({ 'rt-media-gateway': '4.12.0', 'routing-engine': '2.8.1' });
      expect(versions).not.toHaveProperty('cdr-export-lambda');
    }

    // The shared record, as every desk holds it: the deploy's lease was released before the rollback took S01.
    await until('all three desks on one head', async () => Promise.all(desks.map(async (d) => JSON.stringify((await deskValue<LogRecordView>(d, 'getLogRecord', {})).head))), (heads) => new Set(heads).size === 1);
    const entries = logEntries(onCall.dataDir) as unknown as { kind: string; actor: unknown; data: Record<string, unknown> }[];
    const leases = entries.filter((e) => e.data.type === 'leaseTaken' || e.data.type === 'leaseReleased').map((e) => `${String(e.data.type)} ${runOf(e.data)}`);
    expect(leases.slice(leases.indexOf('leaseTaken sdc-deploy@S01'))).toEqual(['leaseTaken sdc-deploy@S01', 'leaseReleased sdc-deploy@S01', 'leaseTaken rollback-HO-1234', 'leaseReleased rollback-HO-1234']);
    const isStart = (e: { data: Record<string, unknown> }) => e.data.type === 'rollbackChanged' && e.data.intent === 'startRollback';
    expect(entries.filter(isStart)).toHaveLength(1);
    const started = entries.find(isStart);
    expect(started).toMatchObject({ actor: expect.stringMatching(/^oncall-carol-/), role: 'on-call PE' });
    // The actor is the desk's STS identity, not a typed name.
    expect(logEvents(onCall.dataDir).find((e) => e.type === 'rollbackChanged')?.actor.arn).toMatch(/^arn:aws:iam::\d{12}:user\/oncall-carol-/);
    // The wait is in the record: the rollback started (logged) before the deploy's lease was released.
    const deployReleased = entries.findIndex((e) => e.data.type === 'leaseReleased' && runOf(e.data) === 'sdc-deploy@S01');
    expect(entries.findIndex(isStart)).toBeLessThan(deployReleased);
  }, 150_000);
});
