import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../main/host/host';
import { logEvents, rehearsalDir } from '../../release-log';
import { call, openConsole, PRODUCTION, value } from './console-calls';
import type { ReleaseView } from '../../../shared/api';

let host: Host | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
});

/**
 * A step runs in the regions its runbook gives it, and nowhere else. Before, naming a region the step does
 * not run in (or a region for a step that runs once) found no instance to check, and the tick or approval
 * was logged as done: a blocked "Mark rollout complete" was marked done "in S01" at 10:55, with nothing deployed.
 */
describe('a step instance the runbook does not have', () => {
  it('is refused, and nothing is logged as done or approved', async () => {
    const { host: h, dataDir } = await openConsole('instances');
    host = h;
    const blocked = await call(h, 'completeStep', { releaseId: PRODUCTION, stepId: 'mark-rollout-complete', regionId: null, outcome: 'done' });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'blocked' } });

    const marked = await call(h, 'completeStep', { releaseId: PRODUCTION, stepId: 'mark-rollout-complete', regionId: 'S01', outcome: 'done' });
    expect(marked).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('does not run in S01') } });
    const approved = await call(h, 'approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: 'LON' });
    expect(approved).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('does not run in LON') } });
    // A step that runs in each region, named without one.
    const once = await call(h, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: null });
    expect(once).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('runs in each of its regions (S01, S02, LON); name one') } });

    const events = logEvents(rehearsalDir(dataDir));
    expect(events.filter((e) => e.type === 'stepFinished' || e.type === 'approvalGiven' || e.type === 'stepStarted')).toEqual([]);
    expect(events.filter((e) => e.type === 'refused').map((e) => e.type === 'refused' && [e.intent, e.step, e.region])).toEqual([
      ['completeStep', 'mark-rollout-complete', null],
      ['completeStep', 'mark-rollout-complete', 'S01'],
      ['approveStep', 'review-prod-cr', 'LON'],
      ['startStep', 'sdc-baseline', null],
    ]);
    const view = await value<ReleaseView>(h, 'getReleaseView', {});
    expect(JSON.stringify(view)).not.toContain('mark-rollout-complete@S01');
  }, 60_000);
});
