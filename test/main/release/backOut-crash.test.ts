import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { BackOutView, ReleaseView, Result } from '../../../shared/api';
import { stepState } from '../release-view';
import { until } from '../until';

/**
 * A console killed outright (SIGKILL: a crash, a power cut) while "Back out region" runs a command: on
 * reopening, the back-out is failed at the step that was running, never assumed done, and the region's
 * lease it held is given back, so the on-call engineer can back it out again. The real `serve` (built
 * out/), with the demo's tools.
 */
const PRODUCTION = '2026-03-product-rollout';
const S01 = { releaseId: PRODUCTION, regionId: 'S01' };
const consoles: ChildProcess[] = [];

afterEach(() => {
  for (const child of consoles.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Served {
  child: ChildProcess;
  call<T>(name: string, payload: unknown): Promise<Result<T>>;
  value<T>(name: string, payload: unknown): Promise<T>;
}

async function serve(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, [path.join(process.cwd(), 'out', 'cli', 'cli.mjs'), 'serve', '--port', '0', '--data-dir', dataDir, '--rehearsal-at', '2026-03-19T11:45:00Z'], {
    env: { ...process.env, NO_COLOR: '1', RELEASE_CONSOLE_DEMO_SPEED: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  consoles.push(child);
  const url = await new Promise<URL>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Release Console: (\S+)$/.exec(line);
      if (match) resolve(new URL(match[1]!));
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before printing its URL`)));
  });
  const ws = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`, { headers: { Origin: url.origin } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) return;
    const message = JSON.parse(data.toString()) as { id?: number; result?: Result<unknown> };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result!);
  });
  let next = 0;
  const call = <T>(name: string, payload: unknown) =>
    new Promise<Result<T>>((resolve) => {
      const id = ++next;
      waiting.set(id, resolve as (result: Result<unknown>) => void);
      ws.send(JSON.stringify({ id, call: name, payload }));
    });
  const value = async <T>(name: string, payload: unknown) => {
    const result = await call<T>(name, payload);
    if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
    return result.value;
  };
  return { child, call, value };
}

const stateOf = async (desk: Served, key: string) => stepState(await desk.value<ReleaseView>('getReleaseView', {}), key) ?? '';
const regionS01 = async (desk: Served) => (await desk.value<ReleaseView>('getReleaseView', {})).regions.find((r) => r.id === 'S01')!;

it('a back-out running when the console is killed is failed on reopening, never done, and S01 is free to back out again', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-backout-crash-'));
  // S01's `maintenance disable` held 60 s on its change lock: the back-out is mid-command when the console dies.
  const first = await serve(dataDir, { RELEASE_CONSOLE_DEMO_HANG: 'maintenance disable:S01@60s' });
  await first.value('completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
  await first.value('setOperator', { name: 'bob', role: 'PE' });
  await first.value('approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
  for (const [step, clock] of [['sdc-baseline', null], ['sdc-maintenance-on', '2026-03-19T11:50:00Z']] as const) {
    if (clock) await first.value('moveRehearsalClock', { to: Date.parse(clock) });
    await first.value('startStep', { releaseId: PRODUCTION, stepId: step, regionId: 'S01' });
    expect(await until(step, () => stateOf(first, `${step}@S01`), (s) => s === 'done' || s === 'failed', 20_000)).toBe('done');
  }
  await first.value('setOperator', { name: 'oscar', role: 'on-call PE' });
  await first.value('backOutRegion', { ...S01, confirm: 'S01', reason: 'S01 deploy blocked until the next slot' });
  await until('the back-out step to run', () => first.value<BackOutView>('previewBackOut', S01), (v) => v.steps.some((s) => s.state === 'running'), 20_000);
  expect((await regionS01(first)).lease).toMatchObject({ holder: { name: 'oscar' }, purpose: 'backing S01 out' });
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));

  const second = await serve(dataDir);
  const cut = await second.value<BackOutView>('previewBackOut', S01);
  expect(cut.run).toMatchObject({ status: 'failed', startedBy: { name: 'oscar' }, reason: 'S01 deploy blocked until the next slot' });
  expect(cut.steps[0]).toMatchObject({ state: 'failed', detail: 'Interrupted: the console stopped while this ran. Check the region, then back it out again.' });
  expect((await regionS01(second)).lease).toBeNull();
  expect(cut.blockedBy).toEqual([]);
  await second.value('setOperator', { name: 'oscar', role: 'on-call PE' });
  await second.value('backOutRegion', { ...S01, confirm: 'S01' });
  const done = await until('the second back-out to end', () => second.value<BackOutView>('previewBackOut', S01), (v) => v.run?.status !== 'running', 20_000);
  expect(done.run?.status).toBe('done');
  expect((await regionS01(second)).maintenance.on).toBe(false);
}, 90_000);
