import { describe, expect, it } from 'vitest';
import { bookkeepingFacts, eventFacts } from '../../../shared/history/entryFacts';
import { describeKind } from '../../../shared/history/entryKind';
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
    [{ type: 'stepFinished', actor: sam, at, release: 'r1', step: 'deploy', region: 'LON', outcome: 'failed', cause: 'command', note: null, exitCode: 2 }, { release: 'r1', region: 'LON' }, 'Step deploy in LON finished: failed, exit 2'],
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
    expect(summarizeEvent({ ...finished, outcome: 'failed', cause: 'interrupted', exitCode: null }, titleOf)).toBe('Step "Enable maintenance mode — SDC/LON (~11:00 London)" in S02 interrupted: failed');
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

  it('names a rollback or back-out step by its title in the run, or by its id where the run does not hold it', () => {
    const planStep = { id: 'S01/rollback/cai-nlu', regionId: 'S01', kind: 'rollback' as const, package: 'cai-nlu', fromVersion: '2.3.1', toVersion: '2.3.0', commandId: 'deploy-rollback', argv: ['deploy', 'rollback'], title: 'Roll cai-nlu back from 2.3.1 to 2.3.0 in S01', note: null, environment: 'production' as const, state: 'running' as const };
    const run = RollbackRecord.parse({ handoverId: 'HO-1234', status: 'running', path: { start: 'Rollout Complete', afterProduction: null, end: 'Rolled Back' }, startedAt: at, startedBy: sam, reason: 'error spike', steps: [planStep] });
    const rollback: ReleaseEvent = { type: 'rollbackChanged', actor: sam, at, release: 'r1', region: 'S01', step: 'S01/rollback/cai-nlu', intent: 'stopRollbackStep', detail: {}, run };
    expect(summarizeEvent(rollback)).toBe('Rollback of HO-1234: stopRollbackStep ("Roll cai-nlu back from 2.3.1 to 2.3.0 in S01"), now running');
    expect(summarizeEvent({ ...rollback, step: 'S01/verify/cai-nlu' })).toBe('Rollback of HO-1234: stopRollbackStep (S01/verify/cai-nlu), now running');
    expect(summarizeEvent({ ...rollback, step: null, intent: 'startRollback' })).toBe('Rollback of HO-1234: startRollback in S01, now running');
    const backOut = BackOutRecord.parse({ regionId: 'S01', status: 'running', startedAt: at, startedBy: sam, reason: 'error spike', handovers: ['HO-1234'], steps: [planStep] });
    expect(summarizeEvent({ type: 'backOutChanged', actor: sam, at, release: 'r1', region: 'S01', step: 'S01/rollback/cai-nlu', intent: 'backOutStepStarting', detail: {}, run: backOut })).toBe(
      'Back-out of S01: backOutStepStarting ("Roll cai-nlu back from 2.3.1 to 2.3.0 in S01"), now running',
    );
  });

  it.each([
    ['leaseReleased', 'Lease released'],
    ['stepFinished', 'Step finished'],
    ['qaTicked', 'QA item ticked'],
    ['checkpoint', 'Checkpoint'],
    ['someFutureKind', 'Some future kind'],
  ])('words the kind %s as "%s"', (kind, words) => {
    expect(describeKind(kind)).toBe(words);
  });

  it('files an acknowledgement under who acknowledged, at the time the log wrote it', () => {
    expect(bookkeepingFacts('acknowledgement', '2026-03-19T11:00:00.000Z', { acknowledgedBy: sam })).toEqual({ kind: 'acknowledgement', release: null, region: null, person: 'Sam Okafor', role: 'PE', at: Date.UTC(2026, 2, 19, 11) });
    expect(bookkeepingFacts('checkpoint', '2026-03-19T11:00:00.000Z', { state: 'x' }).person).toBeNull();
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
