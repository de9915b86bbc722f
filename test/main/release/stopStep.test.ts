import { describe, expect, it } from 'vitest';
import type { ReleaseView, StepView } from '../../../shared/api';
import { logEvents, rehearsalDir } from '../../release-log';
import { until } from '../until';
import { consoleOfEachTest, holdDemoTool } from './demo-console';
import { call, openConsole, PRODUCTION } from './console-calls';

const S01 = (stepId: string) => ({ releaseId: PRODUCTION, stepId, regionId: 'S01' });
// The real demo tool, held 60 s in S01 (still hearing signals): only a Stop ends it within this test.
holdDemoTool('maintenance enable:S01@60s');
const opened = consoleOfEachTest();

describe('stopping a running command step', () => {
  it('logs the stop before stopping the terminal, then fails the step "stopped by" the operator', async () => {
    const { host: h, dataDir } = await openConsole('stop');
    opened.closeAfter(h);
    expect((await call(h, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' })).ok).toBe(true);
    await call(h, 'setOperator', { name: 'bob', role: 'PE' });
    expect((await call(h, 'approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null })).ok).toBe(true);
    await call(h, 'setOperator', { name: 'alice', role: 'PE' });
    expect((await call(h, 'startStep', S01('sdc-baseline'))).ok).toBe(true);

    const refused = await call(h, 'stopStep', S01('sdc-maintenance-on'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is not running; there is nothing to stop') } });

    const pressedAt = Date.now();
    const started = await call<StepView>(h, 'startStep', S01('sdc-maintenance-on'));
    expect(started.ok && started.value.state).toBe('running');
    expect(started.ok && started.value.startedAt).toBe(Date.parse('2026-03-19T10:55:00Z'));
    // Its stopwatch runs on the wall clock, as its time limit does: the rehearsal clock stands still at 10:55.
    expect(started.ok && started.value.runningSince).toBeGreaterThanOrEqual(pressedAt);
    expect(started.ok && started.value.runningSince).toBeLessThanOrEqual(Date.now());
    // The on-call engineer stops alice's run: the Stop is his, in his role, as every "by" in the console says it.
    await call(h, 'setOperator', { name: 'olu', role: 'on-call PE' });
    const stopped = await call<StepView>(h, 'stopStep', S01('sdc-maintenance-on'));
    expect(stopped.ok).toBe(true);
    // Still running while its command is stopped, and saying who asked: every desk shows it stopping.
    const asked = { by: 'olu', role: 'on-call PE', at: Date.parse('2026-03-19T10:55:00Z') };
    expect(stopped.ok && [stopped.value.state, stopped.value.stopping]).toEqual(['running', asked]);

    const events = await until(
      'the stopped step to finish in the log',
      async () => logEvents(rehearsalDir(dataDir)).filter((e) => e.type !== 'refused' && 'step' in e && e.step === 'sdc-maintenance-on'),
      (list) => list.some((e) => e.type === 'stepFinished'),
      20_000,
    );
    expect(events.map((e) => e.type)).toEqual(['stepStarted', 'stepStopRequested', 'commandExited', 'stepFinished']);
    const finished = events.at(-1)!;
    expect(finished.type === 'stepFinished' && [finished.outcome, finished.note]).toEqual(['failed', 'maintenance enable --region S01 stopped by olu (on-call PE).']);
    // The failed step keeps who stopped it, role and all (before: { by: 'olu', at }, and the card said "Stopped by olu").
    // Logged, then applied: the view is read once it has folded the entry the file already holds.
    const stepOf = async () => {
      const view = await call<ReleaseView>(h, 'getReleaseView', {});
      return view.ok ? view.value.gates.flatMap((g) => g.steps).find((s) => s.stepId === 'sdc-maintenance-on' && s.regionId === 'S01') : undefined;
    };
    const failed = await until('the view to fold the stopped step', stepOf, (step) => step?.state !== 'running', 10_000);
    expect([failed?.state, failed?.stopping]).toEqual(['failed', asked]);
  }, 60_000);
});
