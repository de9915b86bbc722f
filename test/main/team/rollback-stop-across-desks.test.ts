import { describe, expect, test } from 'vitest';
import type { RollbackRunView } from '../../../shared/api';
import { teamWorkspace } from './console-desks';
import { deskValue, releaseViewOf, runDeskStep, stepState, until } from './desk-calls';
import { s01ReadyToDeploy, teamOfDesks } from './team-of-desks';

/**
 * The Stop of a rollback's hung command, pressed at another desk than the one running it. The on-call
 * engineer's console runs HO-1234's rollback, whose `deploy rollback` in S01 hangs on a change lock, deaf to
 * SIGINT and SIGTERM; the PE at the next desk (a rollback role too) presses "Stop this command now". Before,
 * the stop was logged on the shared table, every desk showed "being stopped by …", and nothing was killed:
 * only the desk that pressed it looked for a terminal to stop, and it had none. Any later Stop was refused
 * as "already being stopped", so the region stayed half rolled back until the console was closed.
 */
const PRODUCTION = '2026-03-product-rollout';
const HO = { releaseId: PRODUCTION, handoverId: 'HO-1234' };
// Held for ever, deaf to SIGINT and SIGTERM: only the stop's SIGKILL ends it.
const team = teamOfDesks({ liveRegion: { hang: 'deploy rollback:S01' } });
/** SIGTERM 2 s after the stop's SIGINT, SIGKILL 2 s after that: the console's 5 s each only made the test wait. */
const STOP_ESCALATION_MS = 2_000;

describe("a rollback's hung command stopped from another desk", () => {
  test('the desk running the command kills it, and the run stops on that step, "stopped by" the PE who pressed Stop', async () => {
    const { dir } = await teamWorkspace(team.admin, { liveRollout: true });
    const [pe, secondPe, onCall] = [await team.open(dir, 'pe-priya', { live: true, stopEscalationMs: STOP_ESCALATION_MS }), await team.open(dir, 'pe-bob', { live: true, stopEscalationMs: STOP_ESCALATION_MS }), await team.open(dir, 'oncall-carol', { live: true, stopEscalationMs: STOP_ESCALATION_MS })];
    await s01ReadyToDeploy(pe, secondPe, PRODUCTION);
    await runDeskStep(pe, PRODUCTION, 'sdc-deploy', 'S01');

    await until('the on-call desk sees the deploy done', () => releaseViewOf(onCall), (v) => stepState(v, 'sdc-deploy@S01') === 'done');
    await deskValue(onCall, 'startRollback', { ...HO, confirm: 'HO-1234', reason: 'S01 error rate at 8% after the deploy' });
    const hung = await until('the rollback to hang on its S01 command', () => deskValue<RollbackRunView | null>(onCall, 'getRollback', HO), (run) => run?.regions.flatMap((r) => r.steps).some((s) => s.state === 'running' && s.argv[1] === 'rollback') === true);
    const step = hung!.regions.flatMap((r) => r.steps).find((s) => s.state === 'running')!;

    // The PE's desk sees the run, and stops the command the on-call desk runs.
    await until('the PE desk sees the command running', () => deskValue<RollbackRunView | null>(pe, 'getRollback', HO), (run) => run?.regions.flatMap((r) => r.steps).some((s) => s.id === step.id && s.state === 'running') === true);
    const asked = await deskValue<RollbackRunView>(pe, 'stopRollbackStep', { ...HO, stepId: step.id });
    expect(asked.stopping).toMatchObject({ stepId: step.id, by: expect.stringMatching(/^pe-priya/) });

    // SIGINT and SIGTERM are ignored; SIGKILL comes twice STOP_ESCALATION_MS after the stop, on the desk that runs the command.
    const stopped = await until('the rollback to stop on the killed command', () => deskValue<RollbackRunView | null>(onCall, 'getRollback', HO), (run) => run?.status !== 'running', 40_000);
    expect(stopped?.status).toBe('failed');
    expect(stopped?.stopping).toMatchObject({ stepId: step.id, by: expect.stringMatching(/^pe-priya/) });
    const failed = stopped!.regions.flatMap((r) => r.steps).find((s) => s.id === step.id)!;
    expect(failed.state).toBe('failed');
    expect(failed.detail).toMatch(/^stopped by pe-priya/);
    // Every desk holds the same end: the PE desk sees the run stopped too.
    await until('the PE desk sees the run stopped', () => deskValue<RollbackRunView | null>(pe, 'getRollback', HO), (run) => run?.status === 'failed');
  }, 150_000);
});
