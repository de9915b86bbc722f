import { describe, expect, it } from 'vitest';
import type { BackOutView, RollbackRunView } from '../../../shared/api';
import { logEntries, rehearsalDir } from '../../release-log';
import { until } from '../until';
import { approveProductionCr, call, deployToS01AndLon, openConsole, PRODUCTION, runStep, value } from './console-calls';
import { consoleOfEachTest, holdDemoTool } from './demo-console';

/**
 * A rollback command that hangs: HO-1234's `deploy rollback` in LON waits for ever on a change lock, deaf
 * to SIGINT and SIGTERM (the demo tools' RELEASE_CONSOLE_DEMO_HANG). Abort waits for the command now
 * running and the terminal's own kill is refused for a command the record waits on, so before this the
 * on-call PE could only wait for a timeout. Stop is theirs: decided, logged, then SIGINT, SIGTERM, SIGKILL.
 */
const HO = { releaseId: PRODUCTION, handoverId: 'HO-1234' };
/** SIGTERM 2 s after the stop's SIGINT, SIGKILL 2 s after that: the console's 5 s each only made the test wait. */
const STOP_ESCALATION_MS = 2_000;
let dataDir = '';
holdDemoTool('deploy rollback:LON,maintenance disable:S01');
const consoles = consoleOfEachTest();

describe("stopping a rollback's or a back-out's hung command", () => {
  it('logs the stop first, kills the command, and the run stops on that step, failed "stopped by" the on-call PE', async () => {
    const opened = await openConsole('rollback-stop', { stopEscalationMs: STOP_ESCALATION_MS });
    const h = consoles.closeAfter(opened.host);
    dataDir = opened.dataDir;
    await deployToS01AndLon(h);
    await value(h, 'startRollback', { ...HO, confirm: 'HO-1234', reason: 'LON error rate at 8% after the deploy' });

    const hung = await until('the rollback to run its LON command', () => value<RollbackRunView | null>(h, 'getRollback', HO), (run) => run?.regions[0]?.steps.some((s) => s.state === 'running') === true);
    const step = hung!.regions[0]!.steps.find((s) => s.state === 'running')!;
    expect(step.argv.slice(0, 2)).toEqual(['deploy', 'rollback']);

    await value(h, 'setOperator', { name: 'quinn', role: 'QA' });
    expect(await call(h, 'stopRollbackStep', { ...HO, stepId: step.id })).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('quinn is signed in as QA') } });
    await value(h, 'setOperator', { name: 'oscar', role: 'on-call PE' });
    // A Stop that names another of the run's commands (one seen running before, a stale retry) stops nothing: the hung one runs on.
    const other = hung!.regions.flatMap((r) => r.steps).find((s) => s.id !== step.id && s.state === 'pending')!;
    expect(await call(h, 'stopRollbackStep', { ...HO, stepId: other.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: `${other.argv.join(' ')} in ${other.regionId} is not running now: it has not started. HO-1234's rollback now runs ${step.argv.join(' ')} in ${step.regionId}; press Stop again to stop that.` },
    });
    expect((await value<RollbackRunView | null>(h, 'getRollback', HO))?.stopping).toBeNull();
    const asked = await value<RollbackRunView>(h, 'stopRollbackStep', { ...HO, stepId: step.id });
    // Who stopped it, in their role, as a step's Stop records it (before: the name alone, and "stopped by oscar").
    expect(asked.stopping).toMatchObject({ stepId: step.id, by: 'oscar', role: 'on-call PE' });
    expect(await call(h, 'stopRollbackStep', { ...HO, stepId: step.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is already being stopped, by oscar (on-call PE) at') } });

    // SIGINT and SIGTERM are ignored; SIGKILL comes twice STOP_ESCALATION_MS after the stop.
    const stopped = await until('the rollback to stop on the killed command', () => value<RollbackRunView | null>(h, 'getRollback', HO), (run) => run?.status !== 'running', 30_000);
    expect(stopped?.status).toBe('failed');
    // Who stopped it stays on the stopped run, for its banner and dialog to say (before: cleared with the exit).
    expect(stopped?.stopping).toMatchObject({ stepId: step.id, by: 'oscar', role: 'on-call PE' });
    const failed = stopped!.regions.flatMap((r) => r.steps).find((s) => s.id === step.id)!;
    expect(failed.state).toBe('failed');
    expect(failed.detail).toMatch(/^stopped by oscar \(on-call PE\)/);
    expect(stopped!.notRolledBack.map((o) => o.regionId)).toContain('LON');

    // The record: the stop, by oscar, before the command's exit it caused.
    const entries = logEntries(rehearsalDir(dataDir)) as unknown as { kind: string; actor: string; data: Record<string, unknown> }[];
    const stopAt = entries.findIndex((e) => e.data.intent === 'stopRollbackStep' && e.data.allowed !== false);
    const exitAt = entries.findIndex((e) => e.kind === 'command' && e.data.rollback === 'HO-1234');
    expect(stopAt).toBeGreaterThan(-1);
    expect(entries[stopAt]!.actor).toBe('oscar');
    expect(exitAt).toBeGreaterThan(stopAt);

    // What it stopped on is then answered as any failure is: here, by aborting the run.
    const aborted = await value<RollbackRunView>(h, 'abortRollback', HO);
    expect(aborted.status).toBe('aborted');
  }, 90_000);

  it("stops a back-out's hung command the same way: logged first, then killed, the back-out stopped on it, failed", async () => {
    const opened = await openConsole('backout-stop', { stopEscalationMs: STOP_ESCALATION_MS });
    const h = consoles.closeAfter(opened.host);
    dataDir = opened.dataDir;
    const S01 = { releaseId: PRODUCTION, regionId: 'S01' };
    await approveProductionCr(h);
    await value(h, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
    await runStep(h, 'sdc-maintenance-on', 'S01');
    await value(h, 'setOperator', { name: 'oscar', role: 'on-call PE' });
    await value(h, 'backOutRegion', { ...S01, confirm: 'S01', reason: 'S01 deploy blocked until the next slot' });

    const hung = await until('the back-out to run its command', () => value<BackOutView>(h, 'previewBackOut', S01), (v) => v.steps.some((s) => s.state === 'running'));
    const step = hung.steps.find((s) => s.state === 'running')!;
    expect(step.argv.slice(0, 2)).toEqual(['maintenance', 'disable']);
    await value(h, 'setOperator', { name: 'quinn', role: 'QA' });
    expect(await call(h, 'stopBackOutStep', { ...S01, stepId: step.id })).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('quinn is signed in as QA') } });
    await value(h, 'setOperator', { name: 'oscar', role: 'on-call PE' });
    expect((await value<BackOutView>(h, 'stopBackOutStep', { ...S01, stepId: step.id })).run?.stopping).toMatchObject({ stepId: step.id, by: 'oscar', role: 'on-call PE' });

    const stopped = await until('the back-out to stop on the killed command', () => value<BackOutView>(h, 'previewBackOut', S01), (v) => v.run?.status !== 'running', 30_000);
    // Who stopped it stays on the stopped run, for its dialog to say (before: cleared with the exit).
    expect(stopped.run).toMatchObject({ status: 'failed', stopping: { stepId: step.id, by: 'oscar', role: 'on-call PE' } });
    expect(stopped.steps.find((s) => s.id === step.id)).toMatchObject({ state: 'failed', detail: expect.stringMatching(/^stopped by oscar \(on-call PE\)/) });

    const entries = logEntries(rehearsalDir(dataDir)) as unknown as { kind: string; actor: string; data: Record<string, unknown> }[];
    const stopAt = entries.findIndex((e) => e.data.type === 'backOutChanged' && e.data.intent === 'stopBackOutStep');
    const exitAt = entries.findIndex((e) => e.kind === 'command' && e.data.runKey === 'backout@S01');
    expect(stopAt).toBeGreaterThan(-1);
    expect(entries[stopAt]!.actor).toBe('oscar');
    expect(exitAt).toBeGreaterThan(stopAt);
  }, 90_000);
});
