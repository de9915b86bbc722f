import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { runDora } from '../../../main/cli/dora';
import { releaseDefinition } from '../../../shared/delivery/definition';
import type { EventOf, ReleaseEvent } from '../../../shared/engine/events';
import { RollbackRecord } from '../../../shared/rollback/record';
import { openReleaseRepository } from '../../../main/release/repository';
import { LOG_FILE } from '../../../main/storage/repository';
import { systemClock } from '../../../shared/clock';
import { loadTemplate } from '../../shared/loadTemplate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'out', 'cli', 'cli.mjs');
const demo = path.join(root, 'workspaces', 'demo');
const H = 3_600_000;
const T = Date.parse('2026-03-19T10:00:00Z');
const sam = { name: 'sam', role: 'PE' };

async function dora(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDora(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, () => Date.parse('2026-04-01T00:00:00Z'));
  return { code, out, err };
}

function deploy(at: number, region: string, versions: Record<string, string>, rollback: string | null = null): EventOf<'commandExited'> {
  return { type: 'commandExited', actor: sam, at, release: '2026-03-product-rollout', runKey: `x@${region}`, region, step: 'deploy', run: null, argv: [], exitCode: 0, signal: null, error: null, effects: Object.entries(versions).map(([pkg, version]) => ({ kind: 'version' as const, region, package: pkg, version })), rollback };
}

/** A live log in a fresh data folder: the demo's product rollout, HO-1251 (sip-proxy) rolled back after production and restored. */
async function liveLog(): Promise<string> {
  const workspace = await loadTemplate('demo');
  const release = workspace.releases.find((r) => r.id === '2026-03-product-rollout')!;
  const definition = releaseDefinition(workspace, { ...release, handovers: release.handovers.map((h) => (h.id === 'HO-1234' ? { ...h, createdAt: '2026-03-16T10:00:00Z' } : h)) });
  const regions = definition.targets['HO-1234']!.production;
  const hoVersions = (id: string) => Object.fromEntries(release.handovers.find((h) => h.id === id)!.packages.flatMap((p) => (p.newVersion ? [[p.name, p.newVersion]] : [])));
  const run = RollbackRecord.parse({ handoverId: 'HO-1234', status: 'done', path: { start: 'Rollout Complete', afterProduction: null, end: 'Production Rollback Required' }, startedAt: T + 30 * H, startedBy: sam, endedAt: T + 31 * H, reason: 'errors', trigger: { alertId: 'a', regionId: 'EUW2', title: 'Error rate', detail: '', at: T + 29 * H }, restoredAt: T + 32 * H, steps: [{ id: 's', regionId: 'EUW2', kind: 'rollback', package: 'rt-media-gateway', fromVersion: '4.13.0', toVersion: '4.12.0', commandId: 'deploy', argv: [], title: 'back', note: null, environment: 'production', state: 'done' }] });
  const events: ReleaseEvent[] = [
    { type: 'consoleStarted', actor: sam, at: T - H, workspace: 'demo', rehearsal: false },
    { type: 'releaseDefined', actor: sam, at: T, release: release.id, definition },
    ...regions.map((region, i) => deploy(T + i * 600_000, region, hoVersions('HO-1234'))),
    { type: 'rollbackChanged', actor: sam, at: T + 30 * H, release: release.id, region: null, step: null, intent: 'startRollback', detail: {}, run: { ...run, status: 'running', restoredAt: null } },
    { type: 'rollbackChanged', actor: sam, at: T + 32 * H, release: release.id, region: null, step: null, intent: 'serviceRestored', detail: {}, run },
    // A rehearsal on the same log: never counted.
    { type: 'consoleStarted', actor: sam, at: T + 40 * H, workspace: 'demo', rehearsal: true },
    ...regions.map((region, i) => deploy(T + 41 * H + i * 600_000, region, hoVersions('HO-1242'))),
  ];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dora-cli-'));
  const repository = await openReleaseRepository(path.join(dataDir, 'live'), systemClock());
  await repository.append(events);
  await repository.close();
  return dataDir;
}

describe('release-console dora', () => {
  test('prints the JSON report of the live log: one deployment, rolled back, restored 3 hours after the breach', async () => {
    const dataDir = await liveLog();
    const result = await dora(['--workspace', demo, '--data-dir', dataDir, '--since', '2026-03-16', '--until', '2026-03-23', '--json']);
    // The demo names no sharedStore: the desk's own log is read, and the CLI says so.
    expect(result.err).toEqual([`release-console dora: read the local log ${path.join(dataDir, 'live', LOG_FILE)}`]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out[0]!) as { counts: unknown; source: unknown; metrics: { id: string; value: number | null; target: number | null; status: string }[] };
    expect(report.source).toEqual({ kind: 'local log', file: path.join(dataDir, 'live', LOG_FILE) });
    expect(report.counts).toEqual({ deployments: 1, failedChanges: 1, failedRollouts: 0, restores: 1 });
    const value = Object.fromEntries(report.metrics.map((m) => [m.id, m.value]));
    // HO-1234 created Monday 10:00, in its last region (EUC1) Thursday 11:40.
    expect(value).toEqual({ deploymentFrequency: 1, leadTime: 73.67, deploymentFailureRate: 0, timeToRestore: 3, changeFailureRate: 100 });
    expect(report.metrics.find((m) => m.id === 'changeFailureRate')).toMatchObject({ target: 10, status: 'beyond' });
  });

  test('filters by package and says the period in words without --json', async () => {
    const dataDir = await liveLog();
    const other = await dora(['--workspace', demo, '--data-dir', dataDir, '--since', '2026-03-16', '--until', '2026-03-23', '--package', 'sip-proxy']);
    expect(other.code).toBe(0);
    expect(other.out[0]).toBe('Demo — regional RT platform, production, package sip-proxy: 2026-03-16T00:00:00.000Z to 2026-03-23T00:00:00.000Z');
    expect(other.out[1]).toBe('0 deployments, 0 failed changes, 0 failed rollouts, 0 restores');
    expect(other.out).toContain('  Lead time for changes: - (target 168, threshold 336): nothing to count');
  });

  test.each([
    [['--since', '2026-02-30'], /--since "2026-02-30" is not a calendar date/],
    [['--since', '2026-03-20', '--until', '2026-03-19'], /--until \(2026-03-19T00:00:00.000Z\) must be after --since/],
    [[], /--since is required/],
    [['--since', '2026-03-01', '--package', 'nope'], /Unknown package "nope"; the workspace has: /],
    [['--since', '2026-03-01', '--environment', 'qa'], /--environment "qa" is not one; use production or staging/],
    [['--since', '1970-01-01', '--until', '2099-01-01'], /longer than a century/],
  ])('refuses %j with exit 2 and a JSON error', async (args, message) => {
    const result = await dora(['--workspace', demo, ...args, '--json']);
    expect(result.code).toBe(2);
    expect((JSON.parse(result.out[0]!) as { error: string }).error).toMatch(message);
  });

  test('a damaged log is an error naming the line, never a count', async () => {
    const dataDir = await liveLog();
    writeFileSync(path.join(dataDir, 'live', LOG_FILE), '{"not":"an entry"}\n', { flag: 'a' });
    const result = await dora(['--workspace', demo, '--data-dir', dataDir, '--since', '2026-03-16', '--json']);
    expect(result.code).toBe(2);
    expect((JSON.parse(result.out[0]!) as { error: string }).error).toMatch(/is damaged at line \d+/);
  });

  // Before, only the log's own lines were checked: a log cut back before its rollback (beside a snapshot that
  // holds it), or deleted, was counted as it stood, a rolled-back change reported as none.
  test('a log its snapshot shows was cut back or deleted is an error, never a count', async () => {
    const dataDir = await liveLog();
    const file = path.join(dataDir, 'live', LOG_FILE);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    writeFileSync(file, lines.slice(0, lines.findIndex((l) => l.includes('"rollbackChanged"'))).join('\n') + '\n');
    const args = ['--workspace', demo, '--data-dir', dataDir, '--since', '2026-03-16', '--json'];
    const cut = await dora(args);
    expect(cut.code).toBe(2);
    expect((JSON.parse(cut.out[0]!) as { error: string }).error).toMatch(/is damaged at line \d+ \(\d+ entries are missing after line \d+/);
    rmSync(file);
    const deleted = await dora(args);
    expect(deleted.code).toBe(2);
    expect((JSON.parse(deleted.out[0]!) as { error: string }).error).toMatch(/The release log \(release-log\.jsonl\) is missing/);
  });

  test('the built CLI answers a pipeline the same', async () => {
    const dataDir = await liveLog();
    const args = ['--workspace', demo, '--data-dir', dataDir, '--since', '2026-03-16', '--until', '2026-03-23', '--json'];
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'dora', ...args]);
    expect(JSON.parse(stdout)).toEqual(JSON.parse((await dora(args)).out[0]!));
  });
});
