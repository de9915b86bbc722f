// Seed 000, "Failed on Production" → "Testing Failure": all packages in the handover rolled back, QA informs the
// on-call engineer ASAP, the issue details go in the ticket. What the engine makes of a QA failure after the sign-off.
import { beforeAll, describe, expect, test } from 'vitest';
import { decide } from '../../../shared/engine/decide';
import { applyEvents } from '../../../shared/engine/fold';
import { liveRelease } from '../../../shared/engine/live';
import type { ConsoleState } from '../../../shared/engine/state';
import { isRolledBack, testingFailureDone, testingFailureNextSteps, testingFailureReason, testingFailures, testingFailureSummary, testingFailureTicketLines } from '../../../shared/engine/testingFailure';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';
import { FAILED, LATER, R, engine, qaSignedOffScene, quinn, tick } from './qaSignedOff';

const olu = { name: 'olu', role: 'on-call PE' };
const WORDS = "Testing failure: “Regression” failed by quinn (QA) at Fri 20 Mar 08:30 UTC, after QA's sign-off “QA post-rollout testing”: calls drop after transfer";

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

const failuresOf = (state: ConsoleState) => {
  const record = state.releases[R]!;
  return testingFailures(demo, liveRelease(demo.releases.find((r) => r.id === R)!, record), record, state.world);
};
const failedAfterSignOff = () => qaSignedOffScene(demo).failedAfterSignOff(qaSignedOffScene(demo).signedOff([]));
const startRollback = (state: ConsoleState, actor: { name: string; role: string }, reason?: string) =>
  decide({ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234', ...(reason ? { reason } : {}) }, engine(state), LATER, actor, demo);

describe('a testing failure', () => {
  test('is a QA item failed after the sign-off: the item, QA\'s note, who and when, and the handovers whose packages the QA step concerns', () => {
    expect(failuresOf(failedAfterSignOff())).toEqual([
      { itemId: 'qa-post-rollout#2', item: 'Regression', signOff: 'QA post-rollout testing', owner: 'QA', note: 'calls drop after transfer', link: null, by: quinn, at: FAILED, handovers: ['HO-1234'], rollbacks: [] },
    ]);
  });

  test.each([
    ['the checklist was never signed off (the failure only holds the sign-off)', (scene: ReturnType<typeof qaSignedOffScene>) => scene.through(scene.signedOff(['qa-post-rollout']), [[tick(2, 'fail', 'calls drop'), FAILED, quinn]])],
    ['nothing failed', (scene: ReturnType<typeof qaSignedOffScene>) => scene.signedOff([])],
    [
      'QA passed the item again and signed off again',
      (scene: ReturnType<typeof qaSignedOffScene>) =>
        scene.through(scene.failedAfterSignOff(scene.signedOff([])), [
          [tick(2, 'pass', 'retested after the fix'), LATER, quinn],
          [{ kind: 'completeStep', release: R, step: 'qa-post-rollout', region: null, outcome: 'done' }, LATER, quinn],
        ]),
    ],
  ])('is not there when %s', (_, build) => {
    expect(failuresOf(build(qaSignedOffScene(demo)))).toEqual([]);
  });

  test('says the reason a rollback of its handover starts with, and none for a handover it does not name', () => {
    const failures = failuresOf(failedAfterSignOff());
    expect(testingFailureReason(failures, 'HO-1234')).toBe(WORDS);
    expect(testingFailureReason(failures, 'HO-9999')).toBeNull();
    expect(testingFailureNextSteps(failures[0]!)).toMatch(/\. Seed 000: on-call to roll back HO-1234 \(all packages of the handover\) at once; QA to provide the issue details in the ticket$/);
  });
});

describe('the banner collapsed to one line', () => {
  test.each<[string, Parameters<typeof testingFailureSummary>[0]['rollbacks'], string[], string]>([
    ['names the handover and that nothing was started yet', [], ['HO-1234'], 'HO-1234: rollback not started'],
    ['says whose rollback runs', [{ handoverId: 'HO-1234', status: 'running', by: olu, at: LATER, endedAt: null, handoverStatus: 'Production Rollback Required' }], ['HO-1234'], 'HO-1234: being rolled back by olu (on-call PE)'],
    ['says a rollback stopped on a failure', [{ handoverId: 'HO-1234', status: 'failed', by: olu, at: LATER, endedAt: null, handoverStatus: 'Production Rollback Required' }], ['HO-1234'], 'HO-1234: rollback stopped on a failure'],
    // A person's Stop is theirs, as the rollback's banner says it (before: "stopped on a failure" for it too).
    ['says who stopped a rollback a person stopped', [{ handoverId: 'HO-1234', status: 'failed', by: olu, at: LATER, endedAt: null, handoverStatus: 'Production Rollback Required', stoppedBy: 'oscar (on-call PE)' }], ['HO-1234'], 'HO-1234: rollback stopped by oscar (on-call PE)'],
    ['names each handover with its own state', [{ handoverId: 'HO-1234', status: 'aborted', by: olu, at: LATER, endedAt: LATER, handoverStatus: 'Production Rollback Required' }], ['HO-1234', 'HO-1240'], 'HO-1234: rollback aborted; HO-1240: rollback not started'],
    ['says on-call chooses when no handover is named', [], [], 'no handover runs a package its step concerns: on-call to choose what to roll back'],
  ])('%s', (_, rollbacks, handovers, line) => {
    const [failure] = failuresOf(failedAfterSignOff());
    expect(testingFailureSummary({ ...failure!, handovers, rollbacks })).toBe(line);
  });
});

describe('the rollback a testing failure calls for', () => {
  test('is decided under rollback.yaml\'s roles as every rollback is: QA, who found it, may not start it', () => {
    const refused = startRollback(failedAfterSignOff(), quinn);
    expect(refused.allowed ? 'allowed' : refused.message).toBe('A rollback is run by on-call PE or PE; quinn is signed in as QA.');
  });

  test('started by the on-call PE with the reason left empty records the testing failure as its reason', () => {
    const decision = startRollback(failedAfterSignOff(), olu);
    if (!decision.allowed) throw new Error(decision.message);
    const state = applyEvents(failedAfterSignOff(), decision.events);
    expect(state.releases[R]!.rollbacks['HO-1234']!.reason).toBe(WORDS);
    const [failure] = failuresOf(state);
    expect(failure!.rollbacks).toEqual([{ handoverId: 'HO-1234', status: 'running', by: olu, at: LATER, endedAt: null, handoverStatus: 'Production Rollback Required' }]);
    expect(testingFailureDone(failure!)).toBe('HO-1234 being rolled back by olu (on-call PE) since Fri 20 Mar 09:05 UTC.');
    expect(testingFailureSummary(failure!)).toBe('HO-1234: being rolled back by olu (on-call PE)');
    // Under way: a second rollback is not offered the reason again.
    expect(testingFailureReason(failuresOf(state), 'HO-1234')).toBeNull();
  });

  test('keeps a reason the on-call PE wrote', () => {
    const decision = startRollback(failedAfterSignOff(), olu, 'INC-2301: transfers drop in every region');
    if (!decision.allowed) throw new Error(decision.message);
    expect(applyEvents(failedAfterSignOff(), decision.events).releases[R]!.rollbacks['HO-1234']!.reason).toBe('INC-2301: transfers drop in every region');
  });

  test('once done, deals with the failure: what was done is said, and the sign-off stays reopened on record', () => {
    const decision = startRollback(failedAfterSignOff(), olu);
    if (!decision.allowed) throw new Error(decision.message);
    const started = applyEvents(failedAfterSignOff(), decision.events);
    const record = started.releases[R]!;
    // The run's own steps are main/release's to drive (test/main/release); here its record is as a finished run leaves it.
    const ENDED = at('2026-03-20T09:40:00Z');
    const done = { ...record, rollbacks: { 'HO-1234': { ...record.rollbacks['HO-1234']!, status: 'done' as const, endedAt: ENDED } }, handovers: { ...record.handovers, 'HO-1234': { ...record.handovers['HO-1234']!, status: 'Failed Production Rollout' as const } } };
    // Rolled back: its packages no longer run anywhere, and it is still named.
    const [failure] = testingFailures(demo, liveRelease(demo.releases.find((r) => r.id === R)!, done), done, { ...started.world, deployed: {} });
    expect(failure!.handovers).toEqual(['HO-1234']);
    expect(isRolledBack(failure!)).toBe(true);
    expect(testingFailureDone(failure!)).toBe(
      "HO-1234 rolled back by olu (on-call PE), started Fri 20 Mar 09:05 UTC, finished Fri 20 Mar 09:40 UTC; now “Failed Production Rollout”. QA's sign-off “QA post-rollout testing” stays reopened on record until it is done again.",
    );
    expect(testingFailureNextSteps(failure!)).toBe("quinn (QA) failed it at Fri 20 Mar 08:30 UTC, after QA's sign-off “QA post-rollout testing”: calls drop after transfer. Seed 000: QA to provide the issue details in the ticket");
    expect(done.reopened['qa-post-rollout@*']).toMatchObject({ by: quinn, at: FAILED });
    expect(testingFailureSummary(failure!)).toBe('HO-1234: rolled back, now “Failed Production Rollout”');
  });
});

describe('a rollback of its handover a person stopped', () => {
  // Before: the banner said "HO-1234's rollback by olu (on-call PE) stopped on a failure" for oscar's Stop, while the
  // rollback's own banner said "STOPPED by oscar (on-call PE)".
  test('is said as their Stop, as the rollback\'s own banner says it; one a command failed by itself, as a failure', () => {
    const decision = startRollback(failedAfterSignOff(), olu);
    if (!decision.allowed) throw new Error(decision.message);
    const started = applyEvents(failedAfterSignOff(), decision.events);
    const record = started.releases[R]!;
    const run = record.rollbacks['HO-1234']!;
    // The run's own steps are main/release's to drive; here its record is as a run stopped by oscar leaves it (decide.test: the Stop kept).
    const stoppedBy = (stopping: typeof run.stopping) => {
      const stopped = { ...record, rollbacks: { 'HO-1234': { ...run, status: 'failed' as const, stopping } } };
      return testingFailures(demo, liveRelease(demo.releases.find((r) => r.id === R)!, stopped), stopped, started.world)[0]!;
    };
    const byOscar = stoppedBy({ stepId: run.steps[0]!.id, by: 'oscar', role: 'on-call PE', at: LATER });
    expect(byOscar.rollbacks[0]).toMatchObject({ status: 'failed', stoppedBy: 'oscar (on-call PE)' });
    expect(testingFailureDone(byOscar)).toBe("HO-1234's rollback by olu (on-call PE) was stopped by oscar (on-call PE); retry, skip or abort it.");
    expect(testingFailureSummary(byOscar)).toBe('HO-1234: rollback stopped by oscar (on-call PE)');
    const failed = stoppedBy(null);
    expect(testingFailureDone(failed)).toBe("HO-1234's rollback by olu (on-call PE) stopped on a failure; retry, skip or abort it.");
    expect(testingFailureSummary(failed)).toBe('HO-1234: rollback stopped on a failure');
  });
});

describe('the issue details for the ticket', () => {
  test('name the item, who and when, the sign-off it reopened, QA\'s note and link, the handovers with their tickets, and the rollback', () => {
    const state = qaSignedOffScene(demo).through(qaSignedOffScene(demo).signedOff([]), [
      [{ kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#3', outcome: 'fail', note: 'login loops', link: 'https://jira.example.com/browse/QA-77' }, FAILED, quinn],
    ]);
    const [failure] = failuresOf(state);
    expect(testingFailureTicketLines(failure!, (id) => (id === 'HO-1234' ? ['RT-5521', 'PLAT-881'] : []))).toEqual([
      '### Testing failure: “Sanity”',
      '',
      '- Failed by: quinn (QA) at 2026-03-20T08:30:00Z',
      "- After the sign-off: QA's “QA post-rollout testing”, reopened on record until it is done again",
      "- QA's note: login loops",
      '- Link: https://jira.example.com/browse/QA-77',
      '- Handovers: HO-1234 (tickets RT-5521, PLAT-881)',
      '- Rollback: not started',
    ]);
  });
});
