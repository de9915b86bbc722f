import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RollbackRunView } from '../../../shared/api';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../../main/metrics/compose';
import { startMoto, type Moto } from '../metrics/moto';
import { openConsoleDesk, SDC_METRICS_PROFILE, seedHealthyMinutes, teamWorkspace, type ConsoleDesk } from './console-desks';
import { closeConsoleDesks, deskValue, releaseViewOf, runDeskStep, stepState, until } from './desk-calls';
import { createDesk, storeFor, type Desk } from './desks';

/**
 * The Stop of a rollback's hung command, pressed at another desk than the one running it. The on-call
 * engineer's console runs HO-1234's rollback, whose `deploy rollback` in S01 hangs on a change lock, deaf to
 * SIGINT and SIGTERM; the PE at the next desk (a rollback role too) presses "Stop this command now". Before,
 * the stop was logged on the shared table, every desk showed "being stopped by …", and nothing was killed:
 * only the desk that pressed it looked for a terminal to stop, and it had none. Any later Stop was refused
 * as "already being stopped", so the region stayed half rolled back until the console was closed.
 */
const PRODUCTION = '2026-03-product-rollout';
const HO = { releaseId: PRODUCTION, handoverId: 'HO-1234' };
const saved = { ...process.env };

let moto: Moto;
let admin: Desk;
const desks: ConsoleDesk[] = [];

beforeAll(async () => {
  moto = await startMoto();
  admin = await createDesk(moto.url, 'store-admin', storeFor('unused', moto.url));
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-region-'));
  writeFileSync(path.join(home, 'credentials'), `[${SDC_METRICS_PROFILE}]\naws_access_key_id = testing\naws_secret_access_key = testing\n`);
  await seedHealthyMinutes(moto.url, 'S01', 'eu-west-1');
  Object.assign(process.env, {
    [CLOUDWATCH_ENDPOINT_ENV]: moto.url,
    RELEASE_CONSOLE_DEMO_SPEED: '0',
    NO_COLOR: '1',
    // Held for ever, deaf to SIGINT and SIGTERM: only the stop's SIGKILL ends it.
    RELEASE_CONSOLE_DEMO_HANG: 'deploy rollback:S01',
    RELEASE_CONSOLE_DEMO_STATE: path.join(home, 'demo-tools.state'),
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

describe("a rollback's hung command stopped from another desk", () => {
  test('the desk running the command kills it, and the run stops on that step, "stopped by" the PE who pressed Stop', async () => {
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
    await until('the S01 baseline', () => releaseViewOf(pe), (v) => stepState(v, 'sdc-baseline@S01') === 'done');
    await runDeskStep(pe, PRODUCTION, 'sdc-maintenance-on', 'S01');
    await runDeskStep(pe, PRODUCTION, 'sdc-deploy', 'S01');

    await until('the on-call desk sees the deploy done', () => releaseViewOf(onCall), (v) => stepState(v, 'sdc-deploy@S01') === 'done');
    await deskValue(onCall, 'startRollback', { ...HO, confirm: 'HO-1234', reason: 'S01 error rate at 8% after the deploy' });
    const hung = await until('the rollback to hang on its S01 command', () => deskValue<RollbackRunView | null>(onCall, 'getRollback', HO), (run) => run?.regions.flatMap((r) => r.steps).some((s) => s.state === 'running' && s.argv[1] === 'rollback') === true);
    const step = hung!.regions.flatMap((r) => r.steps).find((s) => s.state === 'running')!;

    // The PE's desk sees the run, and stops the command the on-call desk runs.
    await until('the PE desk sees the command running', () => deskValue<RollbackRunView | null>(pe, 'getRollback', HO), (run) => run?.regions.flatMap((r) => r.steps).some((s) => s.id === step.id && s.state === 'running') === true);
    const asked = await deskValue<RollbackRunView>(pe, 'stopRollbackStep', HO);
    expect(asked.stopping).toMatchObject({ stepId: step.id, by: expect.stringMatching(/^pe-priya/) });

    // SIGINT and SIGTERM are ignored; SIGKILL comes 10 s after the stop, on the desk that runs the command.
    const stopped = await until('the rollback to stop on the killed command', () => deskValue<RollbackRunView | null>(onCall, 'getRollback', HO), (run) => run?.status !== 'running', 40_000);
    expect(stopped?.status).toBe('failed');
    expect(stopped?.stopping).toBeNull();
    const failed = stopped!.regions.flatMap((r) => r.steps).find((s) => s.id === step.id)!;
    expect(failed.state).toBe('failed');
    expect(failed.detail).toMatch(/^stopped by pe-priya/);
    // Every desk holds the same end: the PE desk sees the run stopped too.
    await until('the PE desk sees the run stopped', () => deskValue<RollbackRunView | null>(pe, 'getRollback', HO), (run) => run?.status === 'failed');
  }, 150_000);
});
