import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { ReleaseView, Result } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { stepState } from '../release-view';
import { until } from '../until';

/**
 * What the release tests do with one real console: open it on a fresh data dir at a rehearsal's start, call
 * its API as a browser window would, and run a step in a region to its end. The multi-desk tests have
 * theirs in ../team/desk-calls.ts; the wait is ../until's.
 */

/** The demo workspace's production release, the one seed 000 runs region by region. */
export const PRODUCTION = '2026-03-product-rollout';

/** The rehearsal Thursday most release tests start on, five minutes before the SDC/LON slot opens. */
export const REHEARSAL_START = '2026-03-19T10:55:00Z';

export interface ConsoleCalls {
  /** The call's result as the window gets it, refusal included. */
  call<T>(h: Host, name: string, payload: unknown): Promise<Result<T>>;
  /** The call's value; a refusal fails the test with the call's name and the console's reason. */
  value<T>(h: Host, name: string, payload: unknown): Promise<T>;
  /** The console's reason for refusing the call; an accepted call fails the test. */
  refusal(h: Host, name: string, payload: unknown): Promise<string>;
  /**
   * Starts a step in `regionId` and expects it done (not failed) once it ends; returns the view that
   * showed it ended. `releaseId` defaults to PRODUCTION, `timeoutMs` (how long it may run) to 20 s.
   */
  runStep(h: Host, stepId: string, regionId: string, options?: { releaseId?: string; timeoutMs?: number }): Promise<ReleaseView>;
  /** Seed 000's pre-rollout approvals: alice writes the Production CR, bob reviews it as the 2nd PE, alice signs back in. */
  approveProductionCr(h: Host): Promise<void>;
  /**
   * "Deployed in S01": seed 000's pre-rollout approvals, then S01's baseline, maintenance mode on and the deploy of
   * the release's packages, each to its end in the workspace's tools. Returns the view that showed the deploy done.
   */
  deployToS01(h: Host): Promise<ReleaseView>;
}

/**
 * The calls made as the window `connectionId`: the console keeps a session per connection (who is signed
 * in, the release shown) and sends notices to one window, so a test that names its window keeps that name.
 */
export function consoleCalls(connectionId: string): ConsoleCalls {
  const context = { transport: 'browser' as const, connectionId };
  const call = async <T>(h: Host, name: string, payload: unknown) => (await h.invoke(name, payload, context)) as Result<T>;
  const value = async <T>(h: Host, name: string, payload: unknown): Promise<T> => {
    const result = await call<T>(h, name, payload);
    if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
    return result.value;
  };
  const runStep: ConsoleCalls['runStep'] = async (h, stepId, regionId, { releaseId = PRODUCTION, timeoutMs = 20_000 } = {}) => {
    await value(h, 'startStep', { releaseId, stepId, regionId });
    const key = `${stepId}@${regionId}`;
    const view = await until(key, () => value<ReleaseView>(h, 'getReleaseView', {}), (v) => ['done', 'failed'].includes(stepState(v, key) ?? ''), timeoutMs);
    expect(stepState(view, key), key).toBe('done');
    return view;
  };
  const approveProductionCr: ConsoleCalls['approveProductionCr'] = async (h) => {
    await value(h, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await value(h, 'setOperator', { name: 'bob', role: 'PE' });
    await value(h, 'approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
    await value(h, 'setOperator', { name: 'alice', role: 'PE' });
  };
  return {
    call,
    value,
    async refusal(h, name, payload) {
      const result = await call(h, name, payload);
      if (result.ok) throw new Error(`${name} was accepted`);
      return result.error.message;
    },
    runStep,
    approveProductionCr,
    async deployToS01(h) {
      await approveProductionCr(h);
      await value(h, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
      await runStep(h, 'sdc-maintenance-on', 'S01');
      return runStep(h, 'sdc-deploy', 'S01');
    },
  };
}

export const { call, value, refusal, runStep, approveProductionCr, deployToS01 } = consoleCalls('test');

/** Seed 000's pre-rollout approvals, then HO-1234's packages to S01 and then LON; oscar, on call, takes over. */
export async function deployToS01AndLon(h: Host): Promise<void> {
  await approveProductionCr(h);
  for (const region of ['S01', 'LON']) {
    await value(h, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: region });
    await runStep(h, 'sdc-maintenance-on', region);
    await runStep(h, 'sdc-deploy', region);
  }
  await value(h, 'setOperator', { name: 'oscar', role: 'on-call PE' });
}

export { stepState };

/**
 * A console on a fresh data dir (named `rc-<name>-…` under the OS temp dir, or `dataDir` when a test
 * reopens one or wrote into it first) at the rehearsal start `at`, alice (PE) signed in.
 */
export async function openConsole(name: string, options: { at?: string; dataDir?: string; workspaceDir?: string; stopEscalationMs?: number } = {}): Promise<{ host: Host; dataDir: string }> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), `rc-${name}-`));
  const { host } = await createConsole({
    dataDir,
    ...(options.workspaceDir ? { workspaceDir: options.workspaceDir } : {}),
    ...(options.stopEscalationMs !== undefined ? { stopEscalationMs: options.stopEscalationMs } : {}),
    rehearsalStart: Date.parse(options.at ?? REHEARSAL_START),
    operator: { name: 'alice', role: 'PE' },
  });
  return { host, dataDir };
}
