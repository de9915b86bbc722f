import { describe, expect, it } from 'vitest';
import { bookkeepingFacts, eventFacts, eventFiler } from '../../../shared/history/entryFacts';
import { describeEventKind, describeKind } from '../../../shared/history/entryKind';
import { summarizeEvent } from '../../../shared/history/entrySummary';
import { matchesHistoryFilter } from '../../../shared/history/filter';
import type { ReleaseEvent } from '../../../shared/engine/events';
import { RollbackRecord } from '../../../shared/rollback/record';
import { BackOutRecord } from '../../../shared/rollback/backOut';

const sam = { name: 'Sam Okafor', role: 'PE' };
const at = Date.UTC(2026, 2, 19, 10, 55);
const lease = { region: 'EUW2', holder: sam, release: 'r1', run: 'deploy@EUW2', purpose: 'Deploy packages (r1)', since: at, expiresAt: at + 60_000, takenOverFrom: null };

describe('a log event as the History screen files and words it', () => {
  it.each<[ReleaseEvent, { release: string | null; region: string | null }, string]>([
    [{ type: 'stepStarted', actor: sam, at, release: 'r1', step: 'deploy', region: 'S01', retry: false, kind: 'command' }, { release: 'r1', region: 'S01' }, 'Started step deploy in S01'],
    [{ type: 'stepFinished', actor: sam, at, release: 'r1', step: 'write-prod-cr', region: null, outcome: 'done', cause: 'tick', note: null, exitCode: null }, { release: 'r1', region: null }, 'Step write-prod-cr marked done'],
    [{ type: 'stepFinished', actor: sam, at, release: 'r1', step: 'deploy', region: 'LON', outcome: 'failed', cause: 'command', note: null, exitCode: 2 }, { release: 'r1', region: 'LON' }, 'Step deploy in LON failed (exit 2), can be retried'],
    [{ type: 'leaseTaken', actor: sam, at, lease }, { release: 'r1', region: 'EUW2' }, 'Took the EUW2 lease for Deploy packages (r1)'],
    [
      { type: 'leaseTakenOver', actor: sam, at, lease: { ...lease, takenOverFrom: { holder: { name: 'Priya Shah', role: 'PE' }, run: 'deploy@EUW2', expiredAt: at, reason: 'desk 2 stopped answering' } }, reason: 'desk 2 stopped answering' },
      { release: 'r1', region: 'EUW2' },
      'Took over the EUW2 lease from Priya Shah for Deploy packages (r1): desk 2 stopped answering',
    ],
    [{ type: 'shellCommandWouldRun', actor: sam, at, regionId: 'S02', argv: ['rmht', 'check-versions', 'S02'] }, { release: null, region: 'S02' }, 'Rehearsal: would run rmht check-versions S02 in S02'],
    [{ type: 'consoleStarted', actor: { name: 'release-console', role: 'system' }, at, workspace: 'demo', rehearsal: true }, { release: null, region: null }, 'Console started on workspace demo (rehearsal)'],
    [
      { type: 'refused', actor: sam, at, intent: 'startRollback', release: 'r1', region: null, step: null, reasons: ['Type HO-1234 to confirm.'], opensAt: null, allowed: false, handover: 'HO-1234' },
      { release: 'r1', region: null },
      'Refused: roll back HO-1234 — Type HO-1234 to confirm.',
    ],
    [{ type: 'handoverMoved', actor: sam, at, release: 'r1', handover: 'HO-1234', from: 'Ready for Production', to: 'Rollout Complete' }, { release: 'r1', region: null }, 'HO-1234 moved from Ready for Production to Rollout Complete'],
  ])('%j', (event, where, summary) => {
    expect(eventFacts(event)).toEqual({ kind: event.type, ...where, person: event.actor.name, role: event.actor.role, at });
    expect(summarizeEvent(event)).toBe(summary);
  });

  it('names a step by its runbook title where it is known, and reads a command step\'s end as a PE says it: "done, exit 0"', () => {
    const finished: ReleaseEvent = { type: 'stepFinished', actor: sam, at, release: 'r1', step: 'sdc-maintenance-on', region: 'S02', outcome: 'done', cause: 'command', note: null, exitCode: 0 };
    const titleOf = (step: string) => (step === 'sdc-maintenance-on' ? 'Enable maintenance mode — SDC/LON (~11:00 London)' : null);
    expect(summarizeEvent(finished, titleOf)).toBe('Step "Enable maintenance mode — SDC/LON (~11:00 London)" in S02 finished: done, exit 0');
    expect(summarizeEvent(finished)).toBe('Step sdc-maintenance-on in S02 finished: done, exit 0');
    expect(summarizeEvent({ ...finished, outcome: 'failed', cause: 'interrupted', exitCode: null }, titleOf)).toBe('Step "Enable maintenance mode — SDC/LON (~11:00 London)" in S02 interrupted: failed, can be retried');
    expect(summarizeEvent({ type: 'stepStarted', actor: sam, at, release: 'r1', step: 'sdc-maintenance-on', region: 'S02', retry: true, kind: 'command' }, titleOf)).toBe('Retried step "Enable maintenance mode — SDC/LON (~11:00 London)" in S02');
  });

  it('words a refusal as what the person asked for, the step by its title, then why', () => {
    const refused: ReleaseEvent = { type: 'refused', actor: sam, at, intent: 'startStep', release: 'r1', region: 'S02', step: 'sdc-maintenance-on', reasons: ['S02 is outside its window', 'LON holds the lease'], opensAt: null, allowed: false, handover: null };
    const titleOf = (step: string) => (step === 'sdc-maintenance-on' ? 'Enable maintenance mode — SDC/LON (~11:00 London)' : null);
    expect(summarizeEvent(refused, titleOf)).toBe('Refused: start step "Enable maintenance mode — SDC/LON (~11:00 London)" in S02 — S02 is outside its window; LON holds the lease');
    expect(summarizeEvent({ ...refused, intent: 'completeStep' })).toBe('Refused: mark step sdc-maintenance-on in S02 finished — S02 is outside its window; LON holds the lease');
    expect(summarizeEvent({ ...refused, intent: 'backOutRegion', step: null, reasons: ['Type S02 to confirm.'] })).toBe('Refused: back out S02 — Type S02 to confirm.');
    expect(summarizeEvent({ ...refused, intent: 'takeOverLease', step: null, reasons: ['LON holds it until 11:05'] })).toBe('Refused: take over the S02 lease — LON holds it until 11:05');
    expect(summarizeEvent({ ...refused, intent: 'aFutureIntent' })).toBe('Refused: aFutureIntent of sdc-maintenance-on in S02 — S02 is outside its window; LON holds the lease');
  });

  it("words a breach's values as the graphs and alerts do, in the metric's unit, grouped", () => {
    const breach: ReleaseEvent = { type: 'breachObserved', actor: sam, at, region: 'S02', alertId: 'S02/immediate-error-rate', title: 'Error rate above 5%', level: 'immediate', value: 7.1234, threshold: 5, since: at };
    const unitOf = (criterion: string) => ({ 'immediate-error-rate': 'Percent', 'throughput-drop': 'Count/Second' })[criterion] ?? null;
    expect(summarizeEvent(breach, undefined, unitOf)).toBe('Breach in S02: Error rate above 5% at 7.12% (threshold 5%, immediate)');
    expect(summarizeEvent({ ...breach, alertId: 'S02/throughput-drop', title: 'Throughput more than 30% below baseline', level: 'consider', value: 1612.4, threshold: 2303.4 }, undefined, unitOf)).toBe(
      'Breach in S02: Throughput more than 30% below baseline at 1,612 rps (threshold 2,303 rps, consider)',
    );
    // A criterion the workspace no longer has: the numbers, grouped, with no unit guessed.
    expect(summarizeEvent({ ...breach, alertId: 'S02/gone', value: 12345.678, threshold: 0.07123 }, undefined, unitOf)).toBe('Breach in S02: Error rate above 5% at 12,345.678 (threshold 0.0712, immediate)');
  });

  describe("a rollback's or back-out's change, in words, its step by its title in the run", () => {
    const planStep = { id: 'S01/rollback/cai-nlu', regionId: 'S01', kind: 'rollback' as const, package: 'cai-nlu', fromVersion: '2.3.1', toVersion: '2.3.0', commandId: 'deploy-rollback', argv: ['deploy', 'rollback'], title: 'Roll cai-nlu back from 2.3.1 to 2.3.0 in S01', note: null, environment: 'production' as const, state: 'running' as const };
    const run = RollbackRecord.parse({ handoverId: 'HO-1234', status: 'running', path: { start: 'Rollout Complete', afterProduction: null, end: 'Rolled Back' }, startedAt: at, startedBy: sam, reason: 'error spike', steps: [planStep] });
    const rollback: ReleaseEvent = { type: 'rollbackChanged', actor: sam, at, release: 'r1', region: 'S01', step: 'S01/rollback/cai-nlu', intent: 'stopRollbackStep', detail: {}, run };
    const title = '"Roll cai-nlu back from 2.3.1 to 2.3.0 in S01"';

    it.each<[string, string | null, string]>([
      ['startRollback', null, 'Rollback of HO-1234: started in S01, now running'],
      ['retryRollback', planStep.id, `Rollback of HO-1234: step ${title} retried, now running`],
      ['skipRollbackStep', planStep.id, `Rollback of HO-1234: step ${title} skipped, now running`],
      ['abortRollback', null, 'Rollback of HO-1234: abort asked, now running'],
      ['stopRollbackStep', planStep.id, `Rollback of HO-1234: asked step ${title} to stop, now running`],
      ['rollbackWaiting', planStep.id, `Rollback of HO-1234: step ${title} waits for the S01 lease, now running`],
      ['rollbackStepStarted', planStep.id, `Rollback of HO-1234: step ${title} started, now running`],
      ['rollbackStepDone', planStep.id, `Rollback of HO-1234: step ${title} done, now running`],
      ['rollbackStopped', planStep.id, `Rollback of HO-1234: step ${title} failed, now running`],
      ['rollbackFinished', null, 'Rollback of HO-1234: finished, now running'],
      ['rollbackInterrupted', null, 'Rollback of HO-1234: interrupted when the console stopped, now running'],
      ['serviceRestored', null, 'Rollback of HO-1234: service restored, now running'],
      // A step the run's record does not hold keeps its id; a name from an older log keeps its name.
      ['rollbackStepStarted', 'S01/verify/cai-nlu', 'Rollback of HO-1234: step S01/verify/cai-nlu started, now running'],
      ['rollbackSomethingOld', planStep.id, `Rollback of HO-1234: rollbackSomethingOld (${title}), now running`],
    ])('a rollback by %s reads as it happened', (intent, step, summary) => {
      expect(summarizeEvent({ ...rollback, intent, step })).toBe(summary);
    });

    // A stopped run waits on its Retry, as the banner and History's outcome say: the entry read "stopped at step …, which
    // failed, now failed".
    it.each<[RollbackRecord['status'], string, string]>([
      ['failed', 'rollbackStopped', `Rollback of HO-1234: step ${title} failed, now stopped, can be retried`],
      ['failed', 'rollbackInterrupted', 'Rollback of HO-1234: interrupted when the console stopped, now stopped, can be retried'],
      ['done', 'rollbackFinished', 'Rollback of HO-1234: finished, now done'],
      ['aborted', 'abortRollback', 'Rollback of HO-1234: abort asked, now aborted'],
    ])('a rollback %s after %s says so as its banner does', (status, intent, summary) => {
      expect(summarizeEvent({ ...rollback, intent, run: { ...run, status } })).toBe(summary);
    });

    const backOutRun = BackOutRecord.parse({ regionId: 'S01', status: 'running', startedAt: at, startedBy: sam, reason: 'error spike', handovers: ['HO-1234'], steps: [planStep] });
    it.each<[string, string | null, string]>([
      ['backOutRegion', null, 'Back-out of S01: started, now running'],
      ['stopBackOutStep', planStep.id, `Back-out of S01: asked step ${title} to stop, now running`],
      ['backOutStepStarted', planStep.id, `Back-out of S01: step ${title} started, now running`],
      ['backOutStepDone', planStep.id, `Back-out of S01: step ${title} done, now running`],
      ['backOutStopped', planStep.id, `Back-out of S01: step ${title} failed, back it out again`],
      ['backOutFinished', null, 'Back-out of S01: finished, now running'],
      ['backOutInterrupted', planStep.id, `Back-out of S01: step ${title} interrupted when the console stopped, now running`],
      ['backOutInterrupted', null, 'Back-out of S01: interrupted when the console stopped, now running'],
      ['backOutSomethingOld', planStep.id, `Back-out of S01: backOutSomethingOld (${title}), now running`],
    ])('a back-out by %s reads as it happened', (intent, step, summary) => {
      expect(summarizeEvent({ type: 'backOutChanged', actor: sam, at, release: 'r1', region: 'S01', step, intent, detail: {}, run: backOutRun })).toBe(summary);
    });

    // A back-out a person stopped says so, as its dialog's "Backing S01 out STOPPED by alice (PE): see below, then back
    // it out again" does (before: "stopped at step …, which failed, now failed"). One stopped on a failure keeps "failed".
    it('a back-out stopped by a person reads as theirs, and says what comes next', () => {
      const stopped = { ...backOutRun, status: 'failed' as const, stopping: { stepId: planStep.id, by: 'alice', role: 'PE', at } };
      const event: ReleaseEvent = { type: 'backOutChanged', actor: sam, at, release: 'r1', region: 'S01', step: planStep.id, intent: 'backOutStopped', detail: {}, run: stopped };
      expect(summarizeEvent(event)).toBe(`Back-out of S01: step ${title} stopped by alice (PE), back it out again`);
      // And one stopped on a failure says "failed" once (before: "stopped at step …, which failed, now failed").
      expect(summarizeEvent({ ...event, run: { ...stopped, stopping: null } })).toBe(`Back-out of S01: step ${title} failed, back it out again`);
    });
  });

  it.each<[string, Partial<Extract<ReleaseEvent, { type: 'refused' }>>, string]>([
    ['commandExited', { step: 'deploy', region: 'S02' }, 'record the end of the command of step deploy in S02'],
    ['commandWithheld', { step: 'deploy', region: 'S02' }, 'withhold the command of step deploy in S02 in a rehearsal'],
    ['baselineCaptured', { step: 'baseline', region: 'S02' }, 'record the baseline of step baseline in S02'],
    ['gateHeld', { step: 'soak', region: 'S02' }, 'hold gate step soak in S02'],
    ['interrupted', { step: 'deploy', region: 'S02' }, 'record step deploy in S02 as interrupted'],
    ['breach', { region: 'S02' }, 'record a breach in S02'],
    ['reconciled', { region: 'S02' }, 'reconcile S02'],
    ['rollbackStepStarting', { handover: 'HO-1234' }, 'start the next step of the rollback of HO-1234'],
    ['rollbackStepExited', { handover: 'HO-1234' }, 'record the end of a step of the rollback of HO-1234'],
    ['rollbackStepWithheld', { handover: 'HO-1234' }, 'withhold a step of the rollback of HO-1234 in a rehearsal'],
    ['rollbackFinishing', { handover: 'HO-1234' }, 'finish the rollback of HO-1234'],
    ['rollbackInterrupted', { handover: 'HO-1234' }, 'record the rollback of HO-1234 as interrupted'],
    ['serviceRestored', { handover: 'HO-1234' }, "count HO-1234's service as restored"],
    ['fixForwardLanding', { handover: 'HO-1234' }, 'count the fix forward of HO-1234 as landed'],
    ['fixForwardExpiring', { handover: 'HO-1234' }, 'end the fix forward of HO-1234 at its deadline'],
    ['backOutStepStarting', { region: 'S02' }, 'start the next step of the back-out of S02'],
    ['backOutStepExited', { region: 'S02' }, 'record the end of a step of the back-out of S02'],
    ['backOutStepWithheld', { region: 'S02' }, 'withhold a step of the back-out of S02 in a rehearsal'],
    ['backOutFinishing', { region: 'S02' }, 'finish the back-out of S02'],
    ['backOutInterrupted', { region: 'S02' }, 'record the back-out of S02 as interrupted'],
    ['shellCommandExited', { region: 'S02' }, 'record the end of a shell command in S02'],
    ['shellOpened', { region: 'S02' }, 'open a console shell in S02'],
    ['shellClosed', {}, 'record a console shell as closed'],
    ['announcementAnswered', {}, "record Slack's answer to an announcement"],
  ])('words a refused %s as what was asked, not its name', (intent, where, ask) => {
    const refused: ReleaseEvent = { type: 'refused', actor: sam, at, intent, release: 'r1', region: null, step: null, reasons: ['not now'], opensAt: null, allowed: false, handover: null, ...where };
    expect(summarizeEvent(refused)).toBe(`Refused: ${ask} — not now`);
  });

  it.each([
    ['leaseReleased', 'Lease released'],
    // The filter's one choice for both ends of a run.
    ['stepFinished', 'Step finished or failed'],
    ['qaTicked', 'QA item ticked'],
    ['checkpoint', 'Checkpoint'],
    ['someFutureKind', 'Some future kind'],
  ])('words the kind %s as "%s"', (kind, words) => {
    expect(describeKind(kind)).toBe(words);
  });

  it('words a failed run\'s end "Step failed", not "Step finished": it leaves the step open, Retry on the board', () => {
    const finished: ReleaseEvent = { type: 'stepFinished', actor: sam, at, release: 'r1', step: 'deploy', region: 'LON', outcome: 'done', cause: 'command', note: null, exitCode: 0 };
    expect(describeEventKind(finished)).toBe('Step finished');
    expect(describeEventKind({ ...finished, outcome: 'failed', exitCode: 1 })).toBe('Step failed');
    expect(describeEventKind({ ...finished, outcome: 'failed', cause: 'tick', exitCode: null })).toBe('Step failed');
    expect(describeEventKind({ ...finished, outcome: 'failed', cause: 'interrupted', exitCode: null })).toBe('Step failed');
    expect(describeEventKind({ type: 'leaseReleased', actor: sam, at, region: 'EUW2', run: 'deploy@EUW2' } as ReleaseEvent)).toBe('Lease released');
  });

  it('files an acknowledgement under who acknowledged, at the time the log wrote it', () => {
    expect(bookkeepingFacts('acknowledgement', '2026-03-19T11:00:00.000Z', { acknowledgedBy: sam })).toEqual({ kind: 'acknowledgement', release: null, region: null, person: 'Sam Okafor', role: 'PE', at: Date.UTC(2026, 2, 19, 11) });
    expect(bookkeepingFacts('checkpoint', '2026-03-19T11:00:00.000Z', { state: 'x' }).person).toBeNull();
  });
});

describe('eventFiler: the log read in order', () => {
  const taken = (release: string, region: string, run: string, minute: number): ReleaseEvent => ({ type: 'leaseTaken', actor: sam, at: at + minute * 60_000, lease: { ...lease, release, region, run } });
  const released = (region: string, run: string, minute: number): ReleaseEvent => ({ type: 'leaseReleased', actor: sam, at: at + minute * 60_000, region, run });
  const releasesOf = (events: ReleaseEvent[]) => {
    const file = eventFiler();
    return events.map((event) => `${event.type} ${file(event).release}`);
  };

  it.each<[string, ReleaseEvent[], string[]]>([
    ['a lease given back is filed under the release it was taken for', [taken('r1', 'EUW2', 'deploy@EUW2', 0), released('EUW2', 'deploy@EUW2', 1)], ['leaseTaken r1', 'leaseReleased r1']],
    [
      'each region and run is its own lease: two releases, two regions',
      [taken('r1', 'EUW2', 'deploy@EUW2', 0), taken('r2', 'S01', 'deploy@S01', 1), released('S01', 'deploy@S01', 2), released('EUW2', 'deploy@EUW2', 3)],
      ['leaseTaken r1', 'leaseTaken r2', 'leaseReleased r2', 'leaseReleased r1'],
    ],
    [
      'the same run taken again later, for another release: the last taking is the one given back',
      [taken('r1', 'S01', 'deploy@S01', 0), released('S01', 'deploy@S01', 1), taken('r2', 'S01', 'deploy@S01', 2), released('S01', 'deploy@S01', 3)],
      ['leaseTaken r1', 'leaseReleased r1', 'leaseTaken r2', 'leaseReleased r2'],
    ],
    [
      'a rollback run takes and gives back its own lease',
      [taken('r1', 'S01', 'deploy@S01', 0), released('S01', 'deploy@S01', 1), taken('r2', 'S01', 'rollback-HO-1234', 2), released('S01', 'rollback-HO-1234', 3)],
      ['leaseTaken r1', 'leaseReleased r1', 'leaseTaken r2', 'leaseReleased r2'],
    ],
    ['a lease taken over is given back under its release', [{ type: 'leaseTakenOver', actor: sam, at, lease: { ...lease, release: 'r3' }, reason: 'desk 2 stopped answering' }, released('EUW2', 'deploy@EUW2', 1)], ['leaseTakenOver r3', 'leaseReleased r3']],
    ['one whose taking the log does not hold names no release', [released('EUW2', 'deploy@EUW2', 0), taken('r1', 'EUW2', 'deploy@S01', 1), released('EUW2', 'deploy@EUW2', 2)], ['leaseReleased null', 'leaseTaken r1', 'leaseReleased null']],
  ])('%s', (_, events, filed) => {
    expect(releasesOf(events)).toEqual(filed);
  });

  it('so a History filtered by the release keeps "Lease released" beside its "Lease taken"', () => {
    const file = eventFiler();
    const kept = [taken('r1', 'S01', 'deploy@S01', 0), taken('r2', 'EUW2', 'deploy@EUW2', 1), released('S01', 'deploy@S01', 2)].map(file).filter((facts) => matchesHistoryFilter(facts, { release: 'r1' }));
    expect(kept.map((facts) => describeKind(facts.kind))).toEqual(['Lease taken', 'Lease released']);
    expect(kept.map((facts) => [facts.region, facts.person])).toEqual([
      ['S01', 'Sam Okafor'],
      ['S01', 'Sam Okafor'],
    ]);
  });
});

describe('eventFiler: a shell closed', () => {
  const opened = (region: string | null, transcript: string, minute: number): ReleaseEvent => ({ type: 'shellOpened', actor: sam, at: at + minute * 60_000, sessionId: `s-${transcript}`, region, transcript, title: 'Shell', release: 'r1' });
  const closed = (transcript: string, minute: number): ReleaseEvent => ({ type: 'shellClosed', actor: sam, at: at + minute * 60_000, sessionId: `s-${transcript}`, transcript, release: 'r1', exitCode: 0, signal: null, bytes: 12, sha256: 'a'.repeat(64) });

  it('is filed in the region its shell opened in, by its transcript', () => {
    const file = eventFiler();
    const events = [opened('S01', 't1', 0), opened('LON', 't2', 1), closed('t2', 2), closed('t1', 3), opened(null, 't3', 4), closed('t3', 5), closed('t9', 6)];
    expect(events.map((event) => `${event.type} ${file(event).region}`)).toEqual([
      'shellOpened S01',
      'shellOpened LON',
      'shellClosed LON',
      'shellClosed S01',
      // A free shell outside any region, and one whose opening the log does not hold: no region.
      'shellOpened null',
      'shellClosed null',
      'shellClosed null',
    ]);
  });

  it('so History filtered by S01 lists its shell opened and closed', () => {
    const file = eventFiler();
    const kept = [opened('S01', 't1', 0), opened('LON', 't2', 1), closed('t1', 2), closed('t2', 3)].map(file).filter((facts) => matchesHistoryFilter(facts, { region: 'S01' }));
    expect(kept.map((facts) => facts.kind)).toEqual(['shellOpened', 'shellClosed']);
  });
});

describe('matchesHistoryFilter', () => {
  const facts = { kind: 'refused', release: 'r1', region: 'S01', person: 'Sam Okafor', role: 'PE', at: 1_000 };
  it.each([
    [{}, true],
    [{ person: 'Sam Okafor', kind: 'refused' }, true],
    [{ person: 'Sam Okafor', kind: 'stepStarted' }, false],
    [{ release: 'r2' }, false],
    [{ region: 'S01', release: 'r1' }, true],
    [{ region: 'S02' }, false],
    [{ from: 1_000 }, true],
    [{ from: 1_001 }, false],
    [{ to: 1_000 }, false],
    [{ to: 1_001 }, true],
  ])('%j → %s', (filter, matches) => {
    expect(matchesHistoryFilter(facts, filter)).toBe(matches);
  });
});
