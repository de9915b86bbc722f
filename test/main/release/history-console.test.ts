// Issue 19, item 4, through the real console: the History calls answer from the log this console writes,
// reading a release's evidence is not an export (nothing is logged), and a release the log names but the
// workspace no longer defines can be read and never acted on: main refuses every intent for it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallResponse, Result } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { rehearsalDir, logEvents } from '../../release-log';
import { writeHistoryLog } from '../../history-log';

const context = { transport: 'browser' as const, connectionId: 'test' };
const START = Date.parse('2026-03-19T10:55:00Z');
const OPEN = '2026-03-product-rollout';
const PAST = ['2025-w40-platform', '2025-w41-platform'];

describe('the History calls on a console', () => {
  let host: Host | null = null;
  let dataDir = '';
  afterEach(async () => {
    await host?.close();
    host = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function invoke<T>(name: string, payload: unknown): Promise<Result<T>> {
    return (await host!.invoke(name, payload, context)) as Result<T>;
  }
  async function call<T>(name: string, payload: unknown): Promise<T> {
    const result = await invoke<T>(name, payload);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  }

  async function consoleWithPast(): Promise<string> {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-history-console-'));
    ({ host } = await createConsole({ dataDir, rehearsalStart: START, operator: { name: 'alice', role: 'PE' } }));
    await host.close();
    const dir = rehearsalDir(dataDir);
    await writeHistoryLog(dir, 140, PAST, Date.UTC(2025, 9, 1, 9, 0));
    ({ host } = await createConsole({ dataDir, rehearsalStart: START, operator: { name: 'alice', role: 'PE' } }));
    return dir;
  }

  it("lists this console's own entries as it appends them, and every release with its outcome", async () => {
    await consoleWithPast();
    await call('completeStep', { releaseId: OPEN, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    const page = await call<CallResponse<'getHistory'>>('getHistory', { filter: { person: 'alice', release: OPEN }, offset: 0, limit: 10 });
    expect(page.entries[0]).toMatchObject({ kind: 'stepFinished', release: OPEN, person: 'alice', role: 'PE', summary: 'Step write-prod-cr marked done' });
    expect(page.entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);

    const { releases } = await call<CallResponse<'getPastReleases'>>('getPastReleases', {});
    const byId = new Map(releases.map((r) => [r.id, r]));
    // Two entries: the release's definition, logged before its first step (releaseDefined), and the step.
    expect(byId.get(OPEN)).toMatchObject({ outcome: 'in progress', open: true, startedBy: 'alice', entries: 2 });
    expect(byId.get('2026-03-cai-release')).toMatchObject({ outcome: 'not started', open: false, entries: 0 });
    expect(byId.get(PAST[0]!)).toMatchObject({ outcome: 'not in this workspace', title: null, entries: 70 });
    // Newest activity first: today's release before last October's, and those before releases never started.
    expect(releases.map((r) => r.id)).toEqual([OPEN, PAST[1], PAST[0], '2026-03-cai-release', '2026-03-emergency-sip']);
  });

  it("reads a release's evidence without logging an export", async () => {
    const dir = await consoleWithPast();
    const before = logEvents(dir).length;
    const evidence = await call<CallResponse<'readReleaseEvidence'>>('readReleaseEvidence', { releaseId: '2026-03-cai-release' });
    expect(evidence.crEvidence).toContain('# CR evidence — CAI release — Bedrock model update and routing policies');
    expect(JSON.parse(evidence.deploymentLog)).toMatchObject({ status: 'in-progress' });
    expect(logEvents(dir).length).toBe(before);
    const missing = await invoke('readReleaseEvidence', { releaseId: PAST[0] });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', message: `There is no release ${PAST[0]} in this workspace.` } });
  });

  it.each([
    ['startStep', { releaseId: PAST[0], stepId: 'deploy-1', regionId: 'S01' }],
    ['completeStep', { releaseId: PAST[0], stepId: 'deploy-1', regionId: 'S01', outcome: 'done' }],
    ['tickQaItem', { releaseId: PAST[0], itemId: 'qa-1', outcome: 'pass' }],
    ['selectRelease', { releaseId: PAST[0] }],
    ['startRollback', { releaseId: PAST[0], handoverId: 'HO-1', confirm: 'HO-1' }],
  ])('refuses %s for a release the log names and the workspace does not define', async (name, payload) => {
    await consoleWithPast();
    const result = await invoke(name, payload);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('not_found');
    expect(!result.ok && result.error.message).toContain(PAST[0]);
  });

  it('refuses a time range that ends before it starts, naming the field', async () => {
    await consoleWithPast();
    const result = await invoke('getHistory', { filter: { from: 20, to: 10 }, offset: 0, limit: 10 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', issues: [{ path: 'filter.to', message: '`from` must be before `to`' }] } });
  });
});
