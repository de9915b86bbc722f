import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LogRecordView, ReleaseView, Result } from '../../../shared/api';
import { simulatedClock, simulatedMonotonicClock } from '../../../shared/clock';
import { LEASE_DURATION_MS } from '../../../shared/team/lease';
import { sharedChainId } from '../../../shared/team/sharing';
import { DynamoLog } from '../../../main/team/dynamo-log';
import { HOLDER_CLOCK_AHEAD_BELIEVED_MS, RegionLeases } from '../../../main/team/leases';
import { startMoto, type Moto } from '../metrics/moto';
import { until } from '../until';
import { openConsoleDesk, TEAM_REHEARSAL_AT, TEAM_WORKSPACE_NAME, teamWorkspace, type ConsoleDesk } from './console-desks';
import { createDesk, storeFor, type Desk } from './desks';

/**
 * Issue 15, "a lease holder killed", with two whole consoles on one moto table: carol's desk (its own
 * process) runs "Enable maintenance mode" in S01 and holds S01's lease, beating its DynamoDB lease item;
 * her desk is SIGKILLed. dave's desk sees her step still running (a dead desk's step is never marked failed
 * or done by another desk), who holds S01 and when her desk last beat; it is refused a step in S01 while
 * the lease is live, even past the expiry the log alone knows and however far its rehearsal clock is moved
 * on, and once her beats have stopped for a lease duration of its monotonic clock (the test's, moved on
 * for it) it takes the lease over, a logged intent naming her.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Inside the repository, so the bundle's external imports (and the pty host) resolve from it. */
const bundle = path.join(root, 'out', 'test-team', 'lease-holder-desk.mjs');
const T = TEAM_REHEARSAL_AT;
/** carol's desk moves the rehearsal's clock this far after starting, so its next beat says more than the log's lease. */
const CAROL_CLOCK_ADVANCE_MS = 30_000;
const PRODUCTION = '2026-03-product-rollout';
const CAI = '2026-03-cai-release';
const context = { transport: 'browser' as const, connectionId: 'dave-window' };

let moto: Moto;
let admin: Desk;
const opened: ConsoleDesk[] = [];

beforeAll(async () => {
  await build({ entryPoints: [path.join(root, 'test/main/team/lease-holder-desk.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  moto = await startMoto();
  admin = await createDesk(moto.url, 'lease-admin', storeFor('unused', moto.url));
}, 90_000);

afterAll(async () => {
  for (const desk of opened) {
    await desk.host.close();
    await desk.proxy.close();
  }
  admin?.clients.destroy();
  await moto?.stop();
});

async function call<T>(desk: ConsoleDesk, name: string, payload: unknown): Promise<Result<T>> {
  return (await desk.host.invoke(name, payload, context)) as Result<T>;
}

async function value<T>(desk: ConsoleDesk, name: string, payload: unknown): Promise<T> {
  const result = await call<T>(desk, name, payload);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

const s01 = (view: ReleaseView) => view.regions.find((region) => region.id === 'S01')!;
const stepState = (view: ReleaseView, key: string) => view.gates.flatMap((gate) => gate.steps).find((step) => step.key === key)?.state;

function startCarol(dir: string, carol: Desk) {
  const child = spawn(process.execPath, [bundle], {
    env: {
      ...process.env,
      RELEASE_CONSOLE_DEMO_SPEED: '0',
      NO_COLOR: '1',
      // The change lock never frees: the step runs until the desk dies.
      RELEASE_CONSOLE_DEMO_HANG: 'maintenance enable:S01',
      DESK_WORKSPACE: dir,
      DESK_DATA: mkdtempSync(path.join(os.tmpdir(), 'rc-desk-carol-')),
      DESK_REHEARSAL_AT: String(T),
      DESK_CLOCK_ADVANCE_MS: String(CAROL_CLOCK_ADVANCE_MS),
      DESK_ENDPOINT: moto.url,
      DESK_KEY_ID: carol.credentials.accessKeyId,
      DESK_SECRET: carol.credentials.secretAccessKey,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return { child, exited, running: () => stdout.includes('running\n'), output: () => `${stdout}\n${stderr}` };
}

describe('a lease holder killed', () => {
  test("the other desk shows the dead desk's step still running and its silence, is refused S01 while the lease lives, then takes it over by name", async () => {
    const { dir, table } = await teamWorkspace(admin);
    const carolIdentity = await createDesk(moto.url, 'pe-carol', storeFor(table, moto.url));
    carolIdentity.clients.destroy();
    const carol = startCarol(dir, carolIdentity);
    await until('carol to start her step', async () => carol.running(), (running) => running, 90_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${carol.output()}`);
    });

    // dave's desk really waits only when the test moves this clock on; its rehearsal clock is another matter.
    const daveMonotonic = simulatedMonotonicClock();
    const dave = await openConsoleDesk(moto.url, dir, 'oncall-dave', 'dave', undefined, { monotonic: daveMonotonic });
    opened.push(dave);
    await value(dave, 'setOperator', { name: 'dave', role: 'on-call PE' });

    // carol's beat after her clock moved (every 15 s) is read by dave's desk: her `until` is T + 90 s, and believed: S01
    // is hers until T + 90 s, not the log's T + 60 s. (Her move is the rehearsal's: dave's desk joins at T + 30 s.)
    const held = await until('carol’s heartbeat to reach dave', () => value<ReleaseView>(dave, 'getReleaseView', {}), (view) => s01(view).lease?.expiresAt === T + 90_000, 60_000);
    expect(stepState(held, 'sdc-maintenance-on@S01')).toBe('running');
    // One rehearsal has one clock: dave's desk started at the time carol's move left it, and reads her lease in that frame.
    const joinedAt = T + CAROL_CLOCK_ADVANCE_MS;
    expect(s01(held).lease).toMatchObject({ holder: { name: 'carol', role: 'PE' }, since: joinedAt, lastHeartbeatAt: joinedAt, expired: false, canTakeOver: false, takenOverFrom: null });

    // Past the log's expiry, within her beat's: still hers. A take-over and a new step in S01 are refused, naming her.
    await value(dave, 'moveRehearsalClock', { advanceMs: 75_000 });
    const live = await value<ReleaseView>(dave, 'getReleaseView', {});
    expect(s01(live).lease).toMatchObject({ expired: false, canTakeOver: false });
    const early = await call(dave, 'takeOverLease', { regionId: 'S01', reason: 'carol is not answering' });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.message).toContain('a lease can be taken over only after it expires');
    await value(dave, 'selectRelease', { releaseId: CAI });
    await value(dave, 'approveStep', { releaseId: CAI, stepId: 'consult-on-call', regionId: null });
    // The CAI team raises it in #rm-netops (its step's owner); dave then acts as on-call PE again.
    await value(dave, 'setOperator', { name: 'dave', role: 'CAI team' });
    await value(dave, 'completeStep', { releaseId: CAI, stepId: 'raise-rm-netops', regionId: null, outcome: 'done' });
    await value(dave, 'setOperator', { name: 'dave', role: 'on-call PE' });
    await value(dave, 'startStep', { releaseId: CAI, stepId: 'cai-baseline', regionId: 'S01' });
    const refused = await call(dave, 'startStep', { releaseId: CAI, stepId: 'cai-maintenance-on', regionId: 'S01' });
    expect(refused.ok).toBe(false);
    // No time passed on dave's desk, so the silence it has left moved with its clock: T + 75 s + 90 s (10:57), or, if
    // it saw her beat again after its clock moved, a lease duration after that (10:57 too).
    if (!refused.ok) expect(refused.error.message).toMatch(/^S01 is held by carol \(PE\) for "Enable maintenance mode.*" since 10:55 UTC, until 10:57 UTC/);
    await value(dave, 'selectRelease', { releaseId: PRODUCTION });

    carol.child.kill('SIGKILL');
    expect(await carol.exited).toBe('SIGKILL');
    // dave's desk reads her item on its own beat. Until it has read it since she died, her last beat (written under
    // load just before the kill) may be unread: dave's view then judges her silence from the beat before, and the
    // store, reading the newer one at the take-over, refuses it. Two reads, so one began after her death.
    const leaseReads = async () => (await value<LogRecordView>(dave, 'getLogRecord', {})).sharedLog?.traffic?.readsBy.lease ?? 0;
    const readsAtDeath = await leaseReads();
    await until("dave's desk to read S01's lease item since carol died", leaseReads, (reads) => reads >= readsAtDeath + 2, 60_000);

    // Her beats stopped. Moving dave's rehearsal clock on is no silence: her lease is still live there.
    await value(dave, 'moveRehearsalClock', { advanceMs: 75_000 });
    expect(s01(await value<ReleaseView>(dave, 'getReleaseView', {})).lease).toMatchObject({ expired: false, canTakeOver: false });
    expect(await call(dave, 'takeOverLease', { regionId: 'S01', reason: 'carol is not answering' })).toMatchObject({ ok: false });

    // Time passing on dave's desk is (15 s a poll here, so a beat it read late is outlived too): her lease expires a lease
    // duration, and at most HOLDER_CLOCK_AHEAD_BELIEVED_MS of her clock's lead, after dave's desk last saw her beat.
    const expired = await until(
      'dave to see the lease expired',
      () => {
        daveMonotonic.advance(15_000);
        return value<ReleaseView>(dave, 'getReleaseView', {});
      },
      (view) => s01(view).lease?.expired === true,
      30_000,
    );
    const expiredLease = s01(expired).lease!;
    expect(expiredLease).toMatchObject({ holder: { name: 'carol' }, canTakeOver: true });
    expect(expired.now - expiredLease.lastHeartbeatAt).toBeGreaterThanOrEqual(LEASE_DURATION_MS);
    expect(expired.now - expiredLease.lastHeartbeatAt).toBeLessThanOrEqual(LEASE_DURATION_MS + HOLDER_CLOCK_AHEAD_BELIEVED_MS + 15_000);
    expect(stepState(expired, 'sdc-maintenance-on@S01')).toBe('running');

    const reason = "carol's desk stopped beating mid-step; paged her twice";
    await value(dave, 'takeOverLease', { regionId: 'S01', reason });
    const taken = await value<ReleaseView>(dave, 'getReleaseView', {});
    expect(s01(taken).lease).toMatchObject({ holder: { name: 'dave', role: 'on-call PE' }, purpose: 'taken over from carol', expired: false, canTakeOver: false, takenOverFrom: { holder: { name: 'carol' }, reason } });
    expect(stepState(taken, 'sdc-maintenance-on@S01')).toBe('running');

    // dave's desk read carol's lease item (on its beat and after tails that brought events) beside its tail polls, and
    // says so beside the store's status. How the two counts compare depends on how many of the tails brought events
    // (carol's clock moves are in the chain too since the rehearsal's clock is shared), so each is counted, no more.
    const traffic = (await value<LogRecordView>(dave, 'getLogRecord', {})).sharedLog?.traffic;
    expect(traffic?.readsBy.lease).toBeGreaterThan(0);
    expect(traffic?.readsBy.log).toBeGreaterThan(0);

    // The record: one leaseTakenOver in the shared chain naming carol's lease, and dave's lease item in the table.
    const log = new DynamoLog({ documents: admin.clients.documents, table, workspaceId: sharedChainId({ name: TEAM_WORKSPACE_NAME }, true), clock: simulatedClock(T) });
    const takeOvers = (await log.tail(0)).map((entry) => entry.body as { type: string; reason?: string; lease?: { takenOverFrom?: { holder: { name: string }; run: string } } }).filter((body) => body.type === 'leaseTakenOver');
    expect(takeOvers).toEqual([expect.objectContaining({ reason, lease: expect.objectContaining({ takenOverFrom: expect.objectContaining({ holder: expect.objectContaining({ name: 'carol' }), run: 'sdc-maintenance-on@S01' }) }) })]);
    const item = await new RegionLeases({ documents: admin.clients.documents, table, workspaceId: sharedChainId({ name: TEAM_WORKSPACE_NAME }, true), clock: simulatedClock(T), newToken: () => 'unused' }).read('S01');
    expect(item).toMatchObject({ holder: { name: 'dave' }, takenOverFrom: { holder: { name: 'carol' }, reason } });
  }, 240_000);
});
