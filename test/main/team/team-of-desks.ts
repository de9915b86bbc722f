import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { stubEnvs } from '../../stub-envs';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../../main/metrics/compose';
import { stepOf } from '../release-view';
import { startMoto, type Moto } from '../metrics/moto';
import { openConsoleDesk, SDC_METRICS_PROFILE, seedHealthyMinutes, type ConsoleDesk } from './console-desks';
import { closeConsoleDesks, deskValue, releaseViewOf, runDeskStep, stepState, until } from './desk-calls';
import { createDesk, storeFor, type Desk } from './desks';

/**
 * The set-up the tests of whole console desks share, registered for the file it is called in: moto, the
 * store's admin (who makes each test's table), and the desks a test opens, all closed after the file.
 * `liveRegion` is for live desks that run the demo tools in S01: one region state for every desk (one real
 * region is one), the SDC regions' CloudWatch profile as `aws configure` writes it (moto takes any keys),
 * S01's healthy minutes on moto, and `hang` held by the tools (RELEASE_CONSOLE_DEMO_HANG).
 */
export interface TeamOfDesks {
  readonly moto: Moto;
  readonly admin: Desk;
  /** Every desk opened, in order. */
  readonly desks: ConsoleDesk[];
  /** The demo tools' state file, with liveRegion. */
  readonly regionState: string;
  /** A desk on `dir`'s workspace for `user` (operator `user` too), closed after the file; `live` and `stopEscalationMs` as openConsoleDesk's. */
  open(dir: string, user: string, options?: { live?: boolean; stopEscalationMs?: number }): Promise<ConsoleDesk>;
}

export function teamOfDesks(options: { liveRegion?: { hang: string } } = {}): TeamOfDesks {
  let moto: Moto | undefined;
  let admin: Desk | undefined;
  let regionState = '';
  const desks: ConsoleDesk[] = [];
  beforeAll(async () => {
    moto = await startMoto();
    admin = await createDesk(moto.url, 'store-admin', storeFor('unused', moto.url));
    if (!options.liveRegion) return;
    const home = mkdtempSync(path.join(os.tmpdir(), 'rc-region-'));
    regionState = path.join(home, 'demo-tools.state');
    writeFileSync(path.join(home, 'credentials'), `[${SDC_METRICS_PROFILE}]\naws_access_key_id = testing\naws_secret_access_key = testing\n`);
    await seedHealthyMinutes(moto.url, 'S01', 'eu-west-1');
    stubEnvs({
      [CLOUDWATCH_ENDPOINT_ENV]: moto.url,
      RELEASE_CONSOLE_DEMO_SPEED: '0',
      NO_COLOR: '1',
      RELEASE_CONSOLE_DEMO_HANG: options.liveRegion.hang,
      RELEASE_CONSOLE_DEMO_STATE: regionState,
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
      AWS_CONFIG_FILE: path.join(home, 'config'),
    });
  }, 90_000);
  afterAll(async () => {
    await closeConsoleDesks(desks);
    admin?.clients.destroy();
    await moto?.stop();
    vi.unstubAllEnvs();
  });
  return {
    get moto() {
      if (!moto) throw new Error('moto starts in beforeAll; use it inside a test');
      return moto;
    },
    get admin() {
      if (!admin) throw new Error("the store's admin is made in beforeAll; use it inside a test");
      return admin;
    },
    desks,
    get regionState() {
      return regionState;
    },
    async open(dir, user, openOptions = {}) {
      const desk = await openConsoleDesk(this.moto.url, dir, user, user, undefined, openOptions);
      desks.push(desk);
      return desk;
    },
  };
}

/**
 * Where a walk to HO-1234's deploy in S01 starts on live desks: the Production CR written by `pe` and
 * approved by `secondPe`, S01's baseline taken (done, with nothing holding it), and S01 in maintenance mode.
 */
export async function s01ReadyToDeploy(pe: ConsoleDesk, secondPe: ConsoleDesk, releaseId: string): Promise<void> {
  await deskValue(pe, 'completeStep', { releaseId, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
  await until('the second PE sees the CR written', () => releaseViewOf(secondPe), (v) => stepState(v, 'write-prod-cr@*') === 'done');
  await deskValue(secondPe, 'approveStep', { releaseId, stepId: 'review-prod-cr', regionId: null });
  await until('the PE sees the review', () => releaseViewOf(pe), (v) => stepState(v, 'review-prod-cr@*') === 'done');
  await deskValue(pe, 'startStep', { releaseId, stepId: 'sdc-baseline', regionId: 'S01' });
  const baseline = await until('the S01 baseline', () => releaseViewOf(pe), (v) => ['done', 'failed'].includes(stepState(v, 'sdc-baseline@S01') ?? ''));
  expect(stepOf(baseline, 'sdc-baseline@S01')).toMatchObject({ state: 'done', reasons: [] });
  await runDeskStep(pe, releaseId, 'sdc-maintenance-on', 'S01');
}
