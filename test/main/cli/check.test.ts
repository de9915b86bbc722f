import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { runCheck } from '../../../main/cli/check';
import { createConsole } from '../../../main/console';
import { LOG_FILE } from '../../../main/storage/repository';
import { rehearsalDir } from '../../release-log';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'out', 'cli', 'cli.mjs');

async function check(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, () => Date.parse('2026-03-20T12:00:00Z'));
  return { code, out, err };
}

describe('release-console check', () => {
  const WINDOW_ONLY = "--window-only: EUW2's own window alone; freezes, release types and package policies are not checked.";
  const flags = path.join(root, 'workspaces/blue-green-feature-flags');
  const canary = path.join(root, 'workspaces/canary-progressive');
  test.each([
    [['--region', 'EUW2', '--at', '2026-03-20T17:59:00Z', '--window-only'], 1, { allowed: false, reasons: [WINDOW_ONLY, 'EUW2 deploys open after 18:00 London (17:59 now).'], opensAt: '2026-03-20T18:00:00.000Z', closesAt: null }],
    [['--region', 'EUW2', '--at', '2026-03-20T18:00:00+00:00', '--window-only'], 0, { allowed: true, reasons: [WINDOW_ONLY], opensAt: null, closesAt: '2026-03-21T00:00:00.000Z' }],
    [['--region', 'EUW2', '--at', '2026-07-17T18:00:00+01:00', '--window-only'], 0, { allowed: true, reasons: [WINDOW_ONLY], opensAt: null, closesAt: '2026-07-17T23:00:00.000Z' }],
    [['--region', 'S01', '--at', '2026-03-20T03:00:00Z', '--window-only'], 0, { allowed: true, reasons: [expect.stringMatching(/^--window-only: S01's own window alone/)], opensAt: null, closesAt: null }],
    [['--region', 'EUW2', '--at', '2026-03-18T10:00:00Z', '--package', 'terraform-bedrock', '--release-type', 'platform'], 0, { allowed: true, reasons: [], opensAt: null, closesAt: null }],
    [['--region', 'EUW2', '--at', '2026-03-20T11:00:00Z', '--package', 'omni-settings', '--release-type', 'cai'], 1, { allowed: false, reasons: [expect.stringMatching(/^Deploying omni-settings/)], opensAt: '2026-03-20T12:00:00.000Z', closesAt: null }],
    // Seed 000 without --package: every package policy applies, so OMNI settings' Friday-afternoon window closes EUW2 at 18:00.
    [['--region', 'EUW2', '--at', '2026-03-20T18:30:00Z', '--release-type', 'platform'], 1, { allowed: false, reasons: [expect.stringMatching(/^no --package: the strictest package policy applies/), expect.stringMatching(/^Deploying the "CAI-eligible, Friday afternoon only" packages/)], opensAt: null, closesAt: null }],
    [['--region', 'prod-use1', '--at', '2026-12-15T15:00:00Z', '--release-type', 'standard', '--workspace', canary], 1, { allowed: false, reasons: [expect.stringMatching(/^no --package/), expect.stringMatching(/^Holiday freeze/)], opensAt: null, closesAt: null }],
    [['--region', 'prod-use1', '--at', '2026-12-15T15:00:00Z', '--release-type', 'security', '--workspace', canary], 0, { allowed: true, reasons: [expect.stringMatching(/^no --package/)], opensAt: null, closesAt: '2026-12-15T18:00:00.000Z' }],
    // Seed 004: Thanksgiving is inside the holiday blackout, and a Saturday inside the weekend blackout, whatever the flags.
    [['--region', 'production', '--at', '2026-11-26T18:30:00Z', '--workspace', flags], 1, { allowed: false, reasons: [expect.stringMatching(/^no --package/), expect.stringMatching(/^no --release-type: the strictest applies/), expect.stringMatching(/^Holiday blackout: no deploys Thu 26 Nov – Fri 27 Nov 2026, all day in Los Angeles \(/)], opensAt: null, closesAt: null }],
    [['--region', 'production', '--at', '2026-11-28T18:30:00Z', '--workspace', flags], 1, { allowed: false, reasons: [expect.stringMatching(/^no --package/), expect.stringMatching(/^no --release-type/), expect.stringMatching(/^Standard release deploys open in the Preferred weekday window/), expect.stringMatching(/^Friday afternoon and weekend blackout/)], opensAt: null, closesAt: null }],
    [['--region', 'production', '--at', '2026-11-28T18:30:00Z', '--workspace', flags, '--release-type', 'hotfix', '--package', 'api-service'], 0, { allowed: true, reasons: [], opensAt: null, closesAt: null }],
    [['--region', 'production', '--at', '2026-11-24T18:30:00Z', '--workspace', flags], 0, { allowed: true, reasons: [expect.stringMatching(/^no --package/), expect.stringMatching(/^no --release-type/)], opensAt: null, closesAt: '2026-11-25T00:00:00.000Z' }],
  ])('answers %j with exit %i and exactly the JSON fields', async (args, code, json) => {
    const result = await check([...args, '--json']);
    expect(result.code).toBe(code);
    expect(result.out).toHaveLength(1);
    const parsed = JSON.parse(result.out[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['allowed', 'reasons', 'opensAt', 'closesAt']);
    expect(parsed).toEqual(json);
  });

  test('prints what it assumed, the reasons and the opening time in words without --json', async () => {
    const result = await check(['--region', 'EUW2', '--at', '2026-03-20T17:59:00Z', '--window-only']);
    expect(result.code).toBe(1);
    expect(result.out.join('\n')).toBe(`blocked: EUW2 at 2026-03-20T17:59:00.000Z\n  - ${WINDOW_ONLY}\n  - EUW2 deploys open after 18:00 London (17:59 now).\nopens at 2026-03-20T18:00:00.000Z`);
  });

  test('names the next opening every rule allows when it will not open today (seed 001: the freeze ends Sunday, the window opens Monday 14:00)', async () => {
    const result = await check(['--region', 'prod-use1', '--at', '2027-01-02T12:00:00Z', '--release-type', 'standard', '--package', 'api-server', '--workspace', canary]);
    expect(result.code).toBe(1);
    expect(result.out.at(-1)).toBe('will not open today; next opening 2027-01-04T14:00:00.000Z');
  });

  test('uses the injected clock when --at is absent', async () => {
    const result = await check(['--region', 'APSE1', '--window-only', '--json']);
    expect(result.code).toBe(0);
  });

  test.each([
    [['--at', '2026-03-20T17:59:00Z'], /--region is required/],
    [['--region', 'EUW9', '--at', '2026-03-20T17:59:00Z'], /Unknown region "EUW9"; the workspace has: USE2, USW2/],
    [['--region', 'EUW2', '--at', '2026-03-20T17:59'], /has no time zone offset/],
    [['--region', 'EUW2', '--at', 'friday 18:00Z'], /not an ISO 8601 date and time/],
    [['--region', 'EUW2', '--window-only', '--package', 'sip-proxy'], /--window-only asks about the region's own window alone/],
    [['--region', 'EUW2', '--package', 'left-pad'], /Unknown package "left-pad"/],
    [['--region', 'EUW2', '--release-type', 'yolo'], /Unknown release type "yolo"/],
    [['--region', 'EUW2', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['--region', 'EUW2', '--workspace', path.join(root, 'test/fixtures/workspaces/window-without-zone')], /rules\.yaml:2:5: In rules\.yaml, windows\[0\]\.zone is missing/],
  ])('rejects %j with exit 2 and a clear message', async (args, message) => {
    const result = await check(args);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err.join('\n')).toMatch(message);
  });

  test.runIf(existsSync(cli))('runs as the built command, without Electron, with the same answers and exit codes', async () => {
    const started = Date.now();
    const run = promisify(execFile);
    const blocked = await run(process.execPath, [cli, 'check', '--region', 'EUW2', '--at', '2026-03-20T17:59:00Z', '--window-only', '--json']).catch((e: { code: number; stdout: string }) => e);
    expect('code' in blocked ? blocked.code : 0).toBe(1);
    expect(JSON.parse(blocked.stdout)).toMatchObject({ allowed: false, opensAt: '2026-03-20T18:00:00.000Z' });
    const allowed = await run(process.execPath, [cli, 'check', '--region', 'EUW2', '--at', '2026-03-20T18:00:00Z', '--window-only', '--json']);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ allowed: true });
    // The under-a-second target is for one run on an idle machine; parallel test workers slow spawns down.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  // Issue 16: strict ISO 8601 and no repeated flags, asked of the real built command as a pipeline would.
  test.runIf(existsSync(cli)).each([
    [['--at', '2026-11-27T17:59:00-00:60'], '--at "2026-11-27T17:59:00-00:60" has offset minutes 60; offset minutes are 00–59.'],
    [['--at', '2026-11-27T17:59:00+99:99'], '--at "2026-11-27T17:59:00+99:99" has offset minutes 99; offset minutes are 00–59.'],
    [['--at', '2026-11-27T17:59:00+15:00'], '--at "2026-11-27T17:59:00+15:00" has offset +15:00; no time zone is more than 14 hours from UTC.'],
    [['--at', '+275760-09-13T00:00:00Z'], '--at "+275760-09-13T00:00:00Z" has a year out of range; the year must be 1970–9999.'],
    [['--at', '10000-01-01T00:00:00Z'], '--at "10000-01-01T00:00:00Z" has a year out of range; the year must be 1970–9999.'],
    [['--at', '0999-01-01T00:00:00Z'], '--at "0999-01-01T00:00:00Z" has a year out of range; the year must be 1970–9999.'],
    [['--at', '2026-02-30T12:00:00Z'], '--at "2026-02-30T12:00:00Z" has day 30, which month 02 of 2026 does not have.'],
    [['--at', '2026-11-27T24:00:00Z'], '--at "2026-11-27T24:00:00Z" has hour 24; hours are 00–23.'],
    [['--at', '2026-11-27T17:60:00Z'], '--at "2026-11-27T17:60:00Z" has minute 60; minutes are 00–59.'],
    [['--at', '2026-13-01T12:00:00Z'], '--at "2026-13-01T12:00:00Z" has month 13; months are 01–12.'],
    [['--at', '2026-11-27 17:59:00Z'], '--at "2026-11-27 17:59:00Z" is not an ISO 8601 date and time with an offset; write it like 2026-11-27T17:59:00Z or 2026-11-27T17:59:00+01:00.'],
    [['--at', '2026-11-27T17:59:00+01'], '--at "2026-11-27T17:59:00+01" is not an ISO 8601 date and time with an offset; write it like 2026-11-27T17:59:00Z or 2026-11-27T17:59:00+01:00.'],
    [['--at', '2026-11-27T17:59:00Z', '--region', 'USE2'], '--region is given 2 times; give it once.'],
    [['--at', '2026-11-27T17:59:00Z', '--at', '2026-11-27T18:01:00Z'], '--at is given 2 times; give it once.'],
    [['--at', '2026-11-27T17:59:00Z', '--json'], '--json is given 2 times; give it once.'],
  ])('the built command refuses %j with exit 2 and a JSON error under --json', async (args, message) => {
    const run = promisify(execFile);
    const failed = await run(process.execPath, [cli, 'check', '--region', 'EUW2', ...args, '--json']).then(() => null, (e: { code: number; stdout: string; stderr: string }) => e);
    expect(failed?.code).toBe(2);
    expect(JSON.parse(failed?.stdout ?? '')).toEqual({ error: message });
    expect(failed?.stderr).toContain(`release-console check: ${message}`);
  });

  test.runIf(existsSync(cli)).each([
    ['2026-11-27T17:59:00-00:00', 1],
    ['2026-11-27T18:59:00+01:00', 1],
    ['2026-11-27T19:00:00+01:00', 0],
    ['2026-11-27T13:00:00-0500', 0],
    ['2026-11-27T17:59:59.999Z', 1],
    ['2026-11-27t18:00:00z', 0],
  ])('the built command reads --at %s exactly (EUW2 opens at 18:00Z in November)', async (instant, code) => {
    const run = promisify(execFile);
    const result = await run(process.execPath, [cli, 'check', '--region', 'EUW2', '--window-only', '--at', instant, '--json']).then((r) => ({ code: 0, stdout: r.stdout }), (e: { code: number; stdout: string }) => e);
    expect(result.code).toBe(code);
    expect(JSON.parse(result.stdout)).toMatchObject({ allowed: code === 0 });
  });
});

describe('release-console check --release --step', () => {
  const R = '2026-03-product-rollout';

  test('answers for one step from the recorded state: a fresh release may write its CR, and its review waits for it', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-check-step-'));
    const write = await check(['--release', R, '--step', 'write-prod-cr', '--data-dir', dataDir, '--at', '2026-03-19T10:55:00Z', '--json']);
    expect(write).toMatchObject({ code: 0, err: [] });
    expect(JSON.parse(write.out[0]!)).toEqual({ allowed: true, state: 'ready', reasons: [], opensAt: null });
    const review = await check(['--release', R, '--step', 'review-prod-cr', '--data-dir', dataDir, '--at', '2026-03-19T10:55:00Z']);
    expect(review.code).toBe(1);
    expect(review.out).toEqual([`blocked: ${R} review-prod-cr at 2026-03-19T10:55:00.000Z`, '  - Waits for "PE writes Production CR instructions" to be done.', 'opens when the reasons above are dealt with, not by the clock']);
  });

  test('reads the recorded state: once the CR is written, the review is ready', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-check-step-'));
    mkdirSync(path.join(dataDir, 'live'));
    writeFileSync(path.join(dataDir, 'live', 'state.json'), JSON.stringify({ releases: { [R]: { steps: { 'write-prod-cr@*': { status: 'done', at: Date.parse('2026-03-19T09:00:00Z'), by: 'alice' } } } } }));
    const review = await check(['--release', R, '--step', 'review-prod-cr', '--data-dir', dataDir, '--at', '2026-03-19T10:55:00Z', '--json']);
    expect(review.code).toBe(0);
    expect(JSON.parse(review.out[0]!)).toMatchObject({ allowed: true, state: 'ready' });
  });

  test.each([
    [['--release', R], /--release and --step go together/],
    [['--release', 'nope', '--step', 'write-prod-cr'], /Unknown release "nope"/],
    [['--release', R, '--step', 'nope'], /There is no step nope in 2026-03-product-rollout/],
    [['--release', R, '--step', 'sdc-deploy'], /sdc-deploy has no instance without a region; name the region it runs in/],
  ])('rejects %j with exit 2 and a clear message', async (args, message) => {
    const result = await check([...args, '--data-dir', mkdtempSync(path.join(os.tmpdir(), 'rc-check-step-'))]);
    expect(result.code).toBe(2);
    expect(result.err.join('\n')).toMatch(message);
  });

  // Before, only the log's own lines were checked: a log cut back past its snapshot (the console finds "entries
  // are missing" and goes read-only), or deleted beside its snapshot, was answered from as if nothing were
  // missing, so a pipeline was told a step reviewed and done was still to do (exit 0).
  test('refuses a log its snapshot shows was cut or deleted, as the console does at start', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-check-step-'));
    const { host } = await createConsole({ dataDir, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' } });
    const context = { transport: 'browser' as const, connectionId: 'check' };
    expect((await host.invoke('completeStep', { releaseId: R, stepId: 'write-prod-cr', regionId: null, outcome: 'done' }, context)).ok).toBe(true);
    await host.close();
    const asked = ['--release', R, '--step', 'write-prod-cr', '--data-dir', dataDir, '--rehearsal', '--at', '2026-03-19T10:56:00Z'];
    const intact = await check(asked);
    expect(intact.out[0]).toMatch(/^not allowed \(done\)/);

    const file = path.join(rehearsalDir(dataDir, '2026-03-19T10:55:00Z'), LOG_FILE);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const finished = lines.findIndex((l) => l.includes('"stepFinished"'));
    writeFileSync(file, lines.slice(0, finished).join('\n') + '\n');
    const cut = await check(asked);
    expect(cut.code).toBe(2);
    expect(cut.err.join('\n')).toMatch(/entries are missing after line \d+/);

    rmSync(file);
    const deleted = await check(asked);
    expect(deleted.code).toBe(2);
    expect(deleted.err.join('\n')).toMatch(/The release log \(release-log\.jsonl\) is missing/);
  }, 30_000);

  test('refuses a damaged state file with its name, and never answers from a fresh start', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-check-step-'));
    mkdirSync(path.join(dataDir, 'live'));
    writeFileSync(path.join(dataDir, 'live', 'state.json'), '\0\0\0\0');
    const result = await check(['--release', R, '--step', 'write-prod-cr', '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.err.join('\n')).toMatch(/state\.json is not JSON/);
  });
});
