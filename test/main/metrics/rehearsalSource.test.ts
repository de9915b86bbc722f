import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubEnvs } from '../../stub-envs';
import type { MetricsSnapshot } from '../../../shared/api/metrics';
import type { Result } from '../../../shared/api';
import { unitKind } from '../../../shared/metrics/units';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../../main/metrics/compose';
import { loadWorkspace } from '../../../main/workspace/load';
import { startMoto, type Moto } from './moto';
import { until } from '../until';

/**
 * Issue 16: a rehearsal never calls CloudWatch, whatever the workspace. Each seed workspace under
 * workspaces/ (none of them the demo), with the AWS environment signed in and CloudWatch pointed at a
 * real moto_server that would answer, behind a loopback counter of every request that reaches it.
 */
const SEED_WORKSPACES = ['blue-green-feature-flags', 'blue-green-governed', 'canary-progressive', 'gated-release'];
const REHEARSAL_START = Date.parse('2026-03-19T10:55:00Z');
const context = { transport: 'browser' as const, connectionId: 'rehearsal-metrics' };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let moto: Moto;
let counter: http.Server;
let requests = 0;
let scratch = '';
let host: Host | null = null;

beforeAll(async () => {
  moto = await startMoto();
  const target = new URL(moto.url);
  // Every request is counted, then passed to moto, so a live console gets real answers through it.
  counter = http.createServer((request, response) => {
    requests += 1;
    const forward = http.request({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => counter.close(resolve));
  await moto.stop();
});

afterEach(async () => {
  await host?.close();
  host = null;
  vi.unstubAllEnvs();
  rmSync(scratch, { recursive: true, force: true });
});

/** The console's environment signed in for every profile the workspace names, with CloudWatch at the counter. */
async function signIn(dir: string): Promise<void> {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'rc-rehearsal-metrics-'));
  const loaded = await loadWorkspace(dir);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const profiles = [...new Set(loaded.workspace.regions.map((r) => r.profile))];
  const credentials = path.join(scratch, 'credentials');
  writeFileSync(credentials, profiles.map((p) => `[${p}]\naws_access_key_id = AKIATESTING000000001\naws_secret_access_key = testing\n`).join('\n'));
  writeFileSync(path.join(scratch, 'config'), '');
  stubEnvs({
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: path.join(scratch, 'config'),
    AWS_ACCESS_KEY_ID: 'AKIATESTING000000001',
    AWS_SECRET_ACCESS_KEY: 'testing',
    [CLOUDWATCH_ENDPOINT_ENV]: `http://127.0.0.1:${(counter.address() as AddressInfo).port}`,
  });
}

async function call(h: Host, name: string, payload: unknown): Promise<void> {
  const result = (await h.invoke(name, payload, context)) as Result<unknown>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
}

async function metrics(h: Host): Promise<MetricsSnapshot> {
  const result = (await h.invoke('getMetrics', {}, context)) as Result<MetricsSnapshot>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('metrics in a rehearsal of a seed workspace', () => {
  it.each(SEED_WORKSPACES)('%s: comes from the simulator, never CloudWatch, with a plausible series for every metric of every region', async (name) => {
    const dir = path.resolve('workspaces', name);
    await signIn(dir);
    requests = 0;
    ({ host } = await createConsole({ workspaceDir: dir, dataDir: path.join(scratch, 'data'), rehearsalStart: REHEARSAL_START }));
    const h = host!;
    expect((await h.invoke('pollMetricsNow', {}, context)).ok).toBe(true);
    const snapshot = await metrics(h);

    expect(snapshot.source).toBe('simulated');
    expect(requests).toBe(0);
    for (const summary of snapshot.metrics) {
      for (const region of snapshot.series.filter((s) => s.metricId === summary.id)) {
        const where = `${name} ${region.regionId} ${summary.id}`;
        expect(region.v.length, where).toBeGreaterThan(0);
        for (const v of region.v) {
          expect(Number.isFinite(v) && v >= 0, `${where} = ${v}`).toBe(true);
          if (unitKind(summary.unit) === 'percent') expect(v, where).toBeLessThanOrEqual(100);
        }
      }
    }
    const loaded = await loadWorkspace(dir);
    const expected = loaded.ok ? loaded.workspace.regions.length * loaded.workspace.metrics.length : -1;
    expect(snapshot.series.filter((s) => s.v.length > 0)).toHaveLength(expected);
    // A rehearsal stays healthy through the day (busy hours included) until a drill says otherwise:
    // no metric crosses the workspace's own rollback thresholds.
    const active = async () => (await metrics(h)).alerts.filter((a) => a.active).map((a) => `${a.regionId}: ${a.title}`);
    expect(await active()).toEqual([]);
    for (let hour = 0; hour < 8; hour++) {
      await call(h, 'moveRehearsalClock', { advanceMs: HOUR });
      expect(await active(), `${name} after ${hour + 1} h`).toEqual([]);
    }
    expect(requests).toBe(0);
  }, 120_000);

  it.each(SEED_WORKSPACES)('%s: an error-spike drill breaches the workspace\'s own error-rate criterion', async (name) => {
    const dir = path.resolve('workspaces', name);
    await signIn(dir);
    ({ host } = await createConsole({ workspaceDir: dir, dataDir: path.join(scratch, 'data'), rehearsalStart: REHEARSAL_START }));
    const h = host!;
    const region = (await metrics(h)).series[0]!.regionId;
    await call(h, 'captureBaseline', { regionIds: [region] });
    await call(h, 'setScenario', { regionId: region, scenario: 'errorSpike' });
    for (let minute = 0; minute < 12; minute++) await call(h, 'moveRehearsalClock', { advanceMs: MINUTE });
    const alerts = (await metrics(h)).alerts.filter((a) => a.active && a.regionId === region);
    expect(alerts.map((a) => a.metricId)).toContain('errorRate');
  }, 120_000);

  it('while the same workspace opened live asks CloudWatch (through the same counter)', async () => {
    const dir = path.resolve('workspaces', 'canary-progressive');
    await signIn(dir);
    requests = 0;
    ({ host } = await createConsole({ workspaceDir: dir, dataDir: path.join(scratch, 'data') }));
    const h = host!;
    await until('a CloudWatch request', () => requests, (made) => made > 0, 15_000);
    expect((await metrics(h)).source).toBe('cloudwatch');
  }, 60_000);
});
