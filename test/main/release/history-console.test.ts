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
import { loadTemplate } from '../../shared/loadTemplate';
import { openReleaseRepository } from '../../../main/release/repository';
import { releaseDefinedEvent } from '../../../shared/delivery/definition';
import { systemClock } from '../../../shared/clock';
import type { EventOf } from '../../../shared/engine/events';

const context = { transport: 'browser' as const, connectionId: 'test' };
const START = Date.parse('2026-03-19T10:55:00Z');
const OPEN = '2026-03-product-rollout';
const PAST = ['2025-w40-platform', '2025-w41-platform'];
/** A release the workspace YAML no longer defines, whose definition its `releaseDefined` logged. */
const DEFINED_PAST = '2025-11-product-rollout';
const DEFINED_AT = Date.UTC(2025, 10, 4, 9, 0);
const DONE_PAST = '2025-11-hotfix';

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
    expect(page.entries[0]).toMatchObject({ kind: 'stepFinished', release: OPEN, person: 'alice', role: 'PE', summary: 'Step "PE writes Production CR instructions" marked done' });
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

  /**
   * Last November's product rollout: the demo's product release as the YAML gave it then, under its own id,
   * logged as defined; one package deployed in one region, then put back by its handover's rollback.
   */
  async function withDefinedPast(dir: string) {
    const workspace = await loadTemplate('demo');
    const then = { ...workspace.releases.find((r) => r.id === OPEN)!, id: DEFINED_PAST, title: 'Product rollout of November' };
    const handover = then.handovers.find((h) => h.packages.some((p) => p.newVersion !== undefined && p.currentVersion !== undefined))!;
    const pkg = handover.packages.find((p) => p.newVersion !== undefined && p.currentVersion !== undefined)!;
    const region = workspace.regions.find((r) => r.environment === 'production')!.id;
    const actor = { name: 'sam', role: 'PE' };
    const ran = (at: number, version: string, rollback: string | null): EventOf<'commandExited'> => ({
      type: 'commandExited',
      actor,
      at,
      release: DEFINED_PAST,
      runKey: `deploy@${region}`,
      region,
      step: 'deploy',
      run: null,
      argv: ['deploy', region],
      exitCode: 0,
      signal: null,
      error: null,
      effects: [{ kind: 'version', region, package: pkg.name, version }],
      rollback,
    });
    // A second one, its handover's target that one region, deployed there and left running: complete.
    const done = { ...then, id: DONE_PAST, title: 'Hotfix of November', handovers: [handover] };
    const doneDefined = releaseDefinedEvent(workspace, done, actor, DEFINED_AT + 7_200_000);
    doneDefined.definition.targets = { [handover.id]: { production: [region], staging: [] } };
    const log = await openReleaseRepository(dir, systemClock());
    await log.append([
      releaseDefinedEvent(workspace, then, actor, DEFINED_AT),
      ran(DEFINED_AT + 60_000, pkg.newVersion!, null),
      ran(DEFINED_AT + 3_600_000, pkg.currentVersion!, handover.id),
      doneDefined,
      { ...ran(DEFINED_AT + 7_260_000, pkg.newVersion!, null), release: DONE_PAST },
    ]);
    await log.close();
    return { then, handover, region };
  }

  it('works out the outcome of a release the workspace no longer defines from its logged definition, and opens its evidence', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-history-console-'));
    ({ host } = await createConsole({ dataDir, rehearsalStart: START, operator: { name: 'alice', role: 'PE' } }));
    await host.close();
    const dir = rehearsalDir(dataDir);
    await writeHistoryLog(dir, 140, PAST, Date.UTC(2025, 9, 1, 9, 0));
    const { then, handover, region } = await withDefinedPast(dir);
    ({ host } = await createConsole({ dataDir, rehearsalStart: START, operator: { name: 'alice', role: 'PE' } }));

    const { releases } = await call<CallResponse<'getPastReleases'>>('getPastReleases', {});
    const past = releases.find((r) => r.id === DEFINED_PAST)!;
    // Its owner: whoever's first step logged the definition (no step is on record in this log).
    expect(past).toMatchObject({ title: then.title, outcome: 'rolled back', definedAt: DEFINED_AT, open: false, entries: 3, startedBy: 'sam' });
    expect(past.handovers.find((h) => h.id === handover.id)).toMatchObject({ outcome: 'rolled back', deployedIn: [], rolledBackIn: [region] });
    expect(past.handovers.map((h) => h.id)).toEqual(then.handovers.map((h) => h.id));
    expect(past.unbuilt.join(' ')).toContain(`runbook ${then.runbook} today`);
    // Complete by its definition's targets, though today's runbook has steps it never went through.
    expect(releases.find((r) => r.id === DONE_PAST)).toMatchObject({ title: 'Hotfix of November', outcome: 'completed', entries: 2 });
    // Without a logged definition, still not worked out.
    expect(releases.find((r) => r.id === PAST[0])).toMatchObject({ outcome: 'not in this workspace', title: null, definedAt: null });

    const before = logEvents(dir).length;
    const evidence = await call<CallResponse<'readReleaseEvidence'>>('readReleaseEvidence', { releaseId: DEFINED_PAST });
    expect(evidence.crEvidence).toContain(`# CR evidence — ${then.title}`);
    expect(evidence.crEvidence).toContain(`### ${handover.id} — ${handover.title}`);
    expect(JSON.parse(evidence.deploymentLog)).toMatchObject({ status: 'rolled-back' });
    expect(logEvents(dir).length).toBe(before);

    // Read, never acted on: the workspace does not define it, so decide refuses it as before.
    const refused = await invoke('startStep', { releaseId: DEFINED_PAST, stepId: 'write-prod-cr', regionId: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(logEvents(dir).length).toBe(before);
  });

  it("words a logged breach in its metric's unit, as the alert said it", async () => {
    const dir = await consoleWithPast();
    await host!.close();
    const log = await openReleaseRepository(dir, systemClock());
    const actor = { name: 'release-console', role: 'system' };
    await log.append([{ type: 'breachObserved', actor, at: START, region: 'S02', alertId: 'S02/throughput-drop', title: 'Throughput more than 30% below baseline for 5 minutes', level: 'consider', value: 1612.4, threshold: 2303.4, since: START }]);
    await log.close();
    ({ host } = await createConsole({ dataDir, rehearsalStart: START, operator: { name: 'alice', role: 'PE' } }));
    const page = await call<CallResponse<'getHistory'>>('getHistory', { filter: { kind: 'breachObserved' }, offset: 0, limit: 10 });
    expect(page.entries.map((e) => e.summary)).toEqual(['Breach in S02: Throughput more than 30% below baseline for 5 minutes at 1,612 rps (threshold 2,303 rps, consider)']);
  });

  it('refuses a time range that ends before it starts, naming the field', async () => {
    await consoleWithPast();
    const result = await invoke('getHistory', { filter: { from: 20, to: 10 }, offset: 0, limit: 10 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', issues: [{ path: 'filter.to', message: '`from` must be before `to`' }] } });
  });
});
