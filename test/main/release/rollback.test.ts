import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReleaseView, RollbackRunView } from '../../../shared/api';
import type { Host } from '../../../main/host/host';
import { logEntries, rehearsalDir } from '../../release-log';
import { until } from '../until';
import { consoleOfEachTest, demoToolsAtFullSpeed } from './demo-console';
import { call, deployToS01AndLon, openConsole, PRODUCTION, value } from './console-calls';

/**
 * Issue 7 through the host, with the real terminals and the demo tools: HO-1234 deployed to S01 then LON
 * on the rehearsal Friday, then rolled back (LON first, the newest deploy) by the on-call PE.
 */
const HO = { releaseId: PRODUCTION, handoverId: 'HO-1234' };
let dataDir = '';
demoToolsAtFullSpeed();
afterEach(() => {
  vi.stubEnv('RELEASE_CONSOLE_DEMO_FAIL', undefined);
});
const opened = consoleOfEachTest();

/** The demo tools read RELEASE_CONSOLE_DEMO_FAIL from the terminals' environment, taken when the console starts. */
async function open(fail?: string): Promise<Host> {
  if (fail) vi.stubEnv('RELEASE_CONSOLE_DEMO_FAIL', fail);
  let host: Host;
  ({ host, dataDir } = await openConsole('rollback'));
  return opened.closeAfter(host);
}

async function finished(h: Host): Promise<RollbackRunView> {
  return until('the rollback to stop', () => value<RollbackRunView | null>(h, 'getRollback', HO), (run) => run !== null && run.status !== 'running', 20_000) as Promise<RollbackRunView>;
}

interface AuditEntry {
  kind: string;
  actor: string;
  region: string | null;
  data: Record<string, unknown>;
}

function audit(): AuditEntry[] {
  return (logEntries(rehearsalDir(dataDir)) as unknown as AuditEntry[]);
}

function rollbackCommands(): { argv: string; exitCode: unknown }[] {
  return audit()
    .filter((e) => e.kind === 'command' && e.data.rollback === 'HO-1234')
    .map((e) => ({ argv: (e.data.argv as string[]).join(' '), exitCode: e.data.exitCode }));
}

const PACKAGES = ['rt-media-gateway 4.13.0 → 4.12.0', 'routing-engine 2.9.0 → 2.8.1', 'cdr-export-lambda 1.0.0 → (removed)'];

describe('rolling a handover back', () => {
  it('is refused to a role without rollback authority, and the refusal is audited', async () => {
    const h = await open();
    await value(h, 'setOperator', { name: 'quinn', role: 'QA' });
    const refused = await call(h, 'startRollback', { ...HO, confirm: 'HO-1234' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('quinn is signed in as QA') } });
    expect(audit().some((e) => e.kind === 'decision' && e.actor === 'quinn' && e.data.intent === 'startRollback' && e.data.allowed === false)).toBe(true);
    expect(await value(h, 'getRollback', HO)).toBeNull();
  });

  it('needs the handover id typed exactly', async () => {
    const h = await open();
    await deployToS01AndLon(h);
    for (const confirm of ['', 'HO-123', 'ho-1234', ' HO-1234']) {
      expect(await call(h, 'startRollback', { ...HO, confirm }), confirm).toMatchObject({ ok: false, error: { code: 'blocked', message: 'Type HO-1234 exactly to confirm the rollback.' } });
    }
    expect(await value(h, 'getRollback', HO)).toBeNull();
    expect(rollbackCommands()).toEqual([]);
  });

  it('rolls every package back in every region it reached, LON first, and ends "Failed Production Rollout"', async () => {
    const h = await open();
    await deployToS01AndLon(h);
    const preview = await value<{ plan: { regions: { regionId: string }[]; canStart: boolean } }>(h, 'previewRollback', HO);
    expect(preview.plan.regions.map((r) => r.regionId)).toEqual(['LON', 'S01']);
    expect(preview.plan.canStart).toBe(true);

    await value(h, 'startRollback', { ...HO, confirm: 'HO-1234', reason: 'LON error rate at 8% after the deploy' });
    const run = await finished(h);
    expect(run.status).toBe('done');
    expect(run.handoverStatus).toBe('Failed Production Rollout');
    expect(run.notRolledBack).toEqual([]);
    expect(run.rolledBack.map((o) => `${o.regionId} ${o.package} ${o.from} → ${o.to ?? '(removed)'}`)).toEqual([...PACKAGES.map((p) => `LON ${p}`), ...PACKAGES.map((p) => `S01 ${p}`)]);
    expect(run.incident).toContain('Rollback initiated by oscar (on-call PE): LON error rate at 8% after the deploy');
    expect(run.announcement.split('\n')[0]).toBe('ROLLBACK COMPLETE');
    expect(run.announcement).toContain('Status: COMPLETE');

    const view = await value<ReleaseView>(h, 'getReleaseView', {});
    expect(view.handovers.find((ho) => ho.id === 'HO-1234')?.status).toBe('Failed Production Rollout');
    for (const region of ['LON', 'S01']) {
      const versions = Object.fromEntries(view.regions.find((r) => r.id === region)!.versions.map((v) => [v.name, v.version]));
      expect(versions, region).toMatchObject({ 'rt-media-gateway': '4.12.0', 'routing-engine': '2.8.1' });
      expect(versions, region).not.toHaveProperty('cdr-export-lambda');
    }
    // The demo tools' own state says the same: the commands really ran.
    const state = readFileSync(path.join(rehearsalDir(dataDir), 'demo-tools.state'), 'utf8');
    expect(state).toContain('version S01 rt-media-gateway 4.12.0');
    expect(state).toContain('version LON cdr-export-lambda -');
    expect(rollbackCommands().every((c) => c.exitCode === 0)).toBe(true);
  });

  it('stops at the second region on a failed command, lists what was and was not rolled back, and retry continues from there', async () => {
    const h = await open('deploy rollback:S01@once');
    await deployToS01AndLon(h);
    await value(h, 'startRollback', { ...HO, confirm: 'HO-1234' });
    const stopped = await finished(h);
    expect(stopped.status).toBe('failed');
    expect(stopped.handoverStatus).toBe('Production Rollback Required');
    expect(stopped.rolledBack.map((o) => `${o.regionId} ${o.package}`)).toEqual(['LON rt-media-gateway', 'LON routing-engine', 'LON cdr-export-lambda']);
    expect(stopped.notRolledBack.map((o) => [o.regionId, o.package, o.why?.split(':')[0]])).toEqual([
      ['S01', 'rt-media-gateway', 'failed (exit 1)'],
      ['S01', 'routing-engine', 'not run'],
      ['S01', 'cdr-export-lambda', 'not run'],
    ]);
    const failed = stopped.regions.flatMap((r) => r.steps).find((s) => s.state === 'failed');
    expect(failed).toMatchObject({ regionId: 'S01', argv: ['deploy', 'rollback', 'rt-media-gateway', '4.12.0', '--region', 'S01'], exitCode: 1 });
    expect(failed?.detail).toContain('state lock held by another run');
    // The incident record copied at the stop says so: it read "**Rolled Back:** in progress".
    expect(stopped.incident).toContain(`**Rolled Back:** only partly: stopped at ${new Date(failed!.endedAt!).toISOString().replace('.000Z', 'Z')}, to retry, skip or abort`);

    // The audit log: every command with its exit code, and the stop with both lists, package by package.
    expect(rollbackCommands().at(-1)).toEqual({ argv: 'deploy rollback rt-media-gateway 4.12.0 --region S01', exitCode: 1 });
    const stop = audit().find((e) => e.kind === 'decision' && e.data.stopped === failed?.id);
    expect(stop?.data.rolledBack).toEqual(PACKAGES.map((p) => `LON ${p}`));
    expect(stop?.data.notRolledBack).toEqual([
      expect.stringMatching(/^S01 rt-media-gateway 4\.13\.0 → 4\.12\.0 — failed \(exit 1\)/),
      'S01 routing-engine 2.9.0 → 2.8.1 — not run: the rollback stopped before it',
      'S01 cdr-export-lambda 1.0.0 → (removed) — not run: the rollback stopped before it',
    ]);

    const before = rollbackCommands().length;
    // A Retry that names a step the run did not stop on (a LON one, done) reruns nothing.
    const done0 = stopped.regions.flatMap((r) => r.steps).find((s) => s.state === 'done')!;
    expect(await call(h, 'retryRollback', { ...HO, stepId: done0.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`is not the step HO-1234's rollback stopped on: it is done. It stopped on ${failed!.argv.join(' ')} in S01`) } });
    expect(rollbackCommands().length).toBe(before);
    await value(h, 'retryRollback', { ...HO, stepId: failed!.id });
    const done = await finished(h);
    expect(done.status).toBe('done');
    expect(done.handoverStatus).toBe('Failed Production Rollout');
    // Retry ran the failed command again and went on from it; nothing in LON ran twice.
    const after = rollbackCommands().slice(before);
    expect(after[0]).toEqual({ argv: 'deploy rollback rt-media-gateway 4.12.0 --region S01', exitCode: 0 });
    expect(after.every((c) => c.argv.endsWith('S01') || !c.argv.includes('--region'))).toBe(true);
    expect(after.every((c) => c.exitCode === 0)).toBe(true);
    expect(audit().some((e) => e.kind === 'intent' && e.data.intent === 'retryRollback' && e.region === 'S01')).toBe(true);

    // Issue 17: the incident timeline keeps the failed attempt after the retry succeeded, in order.
    const timeline = done.incident.split('\n').filter((l) => l.startsWith('- '));
    const stoppedAt = timeline.findIndex((l) => /- \S+ - Rollback stopped: deploy rollback rt-media-gateway 4\.12\.0 --region S01 in S01 exit 1: .*state lock held by another run/.test(l));
    const retriedAt = timeline.findIndex((l) => / - Rollback retried by oscar \(on-call PE\): deploy rollback rt-media-gateway 4\.12\.0 --region S01 in S01 again$/.test(l));
    const completedAt = timeline.findIndex((l) => / - Rollback completed: 6 package rollbacks in LON, S01$/.test(l));
    expect([stoppedAt, retriedAt, completedAt].every((i) => i >= 0), timeline.join('\n')).toBe(true);
    expect(stoppedAt < retriedAt && retriedAt < completedAt).toBe(true);
    // "Service restored" waits for the metrics to stay under the criteria for the recovery duration (5 minutes).
    expect(done.incident).not.toContain('Service restored');
    expect(done.incident).toContain('- Service not yet restored: the metrics must stay under the rollback criteria for 5 minutes');
  });

  it('writes "Service restored" only once the metrics have stayed under the criteria for 5 minutes after the rollback', async () => {
    const h = await open();
    await deployToS01AndLon(h);
    await value(h, 'startRollback', { ...HO, confirm: 'HO-1234' });
    const done = await finished(h);
    expect(done.status).toBe('done');
    expect(done.incident).not.toContain('Service restored');
    const endedAt = done.endedAt!;
    await value(h, 'moveRehearsalClock', { advanceMs: 3 * 60_000 });
    expect((await value<RollbackRunView>(h, 'getRollback', HO)).incident).not.toContain('Service restored');
    await value(h, 'moveRehearsalClock', { advanceMs: 5 * 60_000 });
    const restored = await until('the service to be restored', () => value<RollbackRunView>(h, 'getRollback', HO), (run) => run.incident.includes('Service restored'), 20_000);
    const line = restored.incident.split('\n').find((l) => l.includes('Service restored'))!;
    const at = Date.parse(line.slice(2, line.indexOf(' - ', 2)));
    expect(line).toMatch(/ - Service restored: metrics back under the rollback criteria for 5 minutes$/);
    expect(at - endedAt).toBeGreaterThanOrEqual(5 * 60_000);
    expect(audit().some((e) => e.data.intent === 'serviceRestored' && e.data.rollback === 'HO-1234')).toBe(true);
  });

  it('skips a failed step only with a reason, and reports the package as not rolled back', async () => {
    const h = await open('deploy rollback:S01');
    await deployToS01AndLon(h);
    await value(h, 'startRollback', { ...HO, confirm: 'HO-1234' });
    const stopped = await finished(h);
    const failed = stopped.regions.flatMap((r) => r.steps).find((s) => s.state === 'failed')!;
    expect(await call(h, 'skipRollbackStep', { ...HO, stepId: failed.id, reason: 'later' })).toMatchObject({ ok: false });
    // The rule fails every S01 rollback; skip each with its reason until the run ends.
    let run = stopped;
    while (run.status === 'failed') {
      const step = run.regions.flatMap((r) => r.steps).find((s) => s.state === 'failed')!;
      await value(h, 'skipRollbackStep', { ...HO, stepId: step.id, reason: 'S01 is drained; rolled back by hand with the vendor' });
      run = await finished(h);
    }
    expect(run.status).toBe('done');
    expect(run.notRolledBack.map((o) => `${o.regionId} ${o.package} — ${o.why}`)).toEqual([
      'S01 rt-media-gateway — skipped: S01 is drained; rolled back by hand with the vendor',
      'S01 routing-engine — skipped: S01 is drained; rolled back by hand with the vendor',
      'S01 cdr-export-lambda — skipped: S01 is drained; rolled back by hand with the vendor',
    ]);
    expect(audit().filter((e) => e.kind === 'intent' && e.data.intent === 'skipRollbackStep')).toHaveLength(3);
  });
});
