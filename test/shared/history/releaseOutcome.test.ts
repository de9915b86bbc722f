import { describe, expect, it } from 'vitest';
import { handoverDeployedIn, releaseOutcomeOf } from '../../../shared/history/releaseOutcome';
import { emptyReleaseRecord, type ReleaseRecord } from '../../../shared/engine/state';
import type { DeploymentStatus, HandoverDeployment, ReleaseDeployment } from '../../../shared/release/deployment';

function deployment(status: DeploymentStatus, handovers: Partial<HandoverDeployment>[] = [], startedAt: number | null = 1): ReleaseDeployment {
  return {
    releaseId: 'r',
    status,
    handovers: handovers.map((h, i) => ({ id: `HO-${i + 1}`, title: 't', status: 'Ready for Production', outcome: 'deployed', excludedBecause: null, deployedIn: [], rolledBackIn: [], unversioned: [], known: [], ...h })),
    regions: [],
    packages: [],
    steps: { total: 10, done: 4, failed: 0 },
    startedAt,
    lastActivityAt: startedAt,
    startedBy: null,
  };
}

const backOut = (regionId: string, status: 'running' | 'failed' | 'done') => ({ regionId, status, startedAt: 1, startedBy: { name: 'a', role: 'PE' }, endedAt: null, reason: 'r', handovers: ['HO-1'] });
const withBackOut = (status: 'running' | 'failed' | 'done'): ReleaseRecord => ({ ...emptyReleaseRecord(), backOuts: { EUW2: backOut('EUW2', status) as never } });
const withRollback: ReleaseRecord = { ...emptyReleaseRecord(), backOuts: { EUW2: backOut('EUW2', 'done') as never }, rollbacks: { 'HO-1': {} as never } };

describe('releaseOutcomeOf: the History screen words shared/release/deployment.ts verdict', () => {
  it.each<[string, ReleaseDeployment, ReleaseRecord, string]>([
    ['every step done', deployment('success'), emptyReleaseRecord(), 'completed'],
    ['nothing on record yet', deployment('in-progress', [], null), emptyReleaseRecord(), 'not started'],
    ['some steps done', deployment('in-progress'), emptyReleaseRecord(), 'in progress'],
    // Its run failed, the step stays open with Retry beside it: the release is not over ("failed" on the old code).
    ['a failed step nothing rolled back', { ...deployment('failed'), steps: { total: 10, done: 4, failed: 1 } }, emptyReleaseRecord(), 'step failed, can be retried'],
    // Its dialog offers Retry, Skip and Abort, its banner says STOPPED: the release is not over ("failed" on the old code).
    ['a rollback stopped on a failure', { ...deployment('failed', [{ outcome: 'rollback stopped', deployedIn: ['S01'], rolledBackIn: ['LON'] }]), steps: { total: 10, done: 4, failed: 1 } }, emptyReleaseRecord(), 'rollback stopped, can be retried'],
    ['a rollback stopped, no step failed', deployment('failed', [{ outcome: 'rollback stopped', deployedIn: ['S01'] }]), emptyReleaseRecord(), 'rollback stopped, can be retried'],
    ['a rollback running', deployment('rolling-back'), emptyReleaseRecord(), 'rolling back'],
    ['every handover rolled back', deployment('rolled-back', [{ rolledBackIn: ['S01'] }]), emptyReleaseRecord(), 'rolled back'],
    ['one of two rolled back', deployment('partially-rolled-back', [{ rolledBackIn: ['S01'] }, { deployedIn: ['S01'] }]), emptyReleaseRecord(), 'partly rolled back'],
    ['a region backed out, no handover rollback', deployment('partially-rolled-back', [{ rolledBackIn: ['EUW2'], deployedIn: ['S01'] }]), withBackOut('done'), 'backed out'],
    ['a back-out still running', deployment('in-progress'), withBackOut('running'), 'in progress'],
    ['a back-out and a handover rollback', deployment('rolled-back', [{ rolledBackIn: ['EUW2'] }]), withRollback, 'rolled back'],
  ])('%s: %s', (_, given, record, outcome) => {
    expect(releaseOutcomeOf(given, record).outcome).toBe(outcome);
  });

  it('says where it runs, what was rolled back or backed out, and how far its steps got', () => {
    const { detail } = releaseOutcomeOf(deployment('partially-rolled-back', [{ rolledBackIn: ['EUW2'], deployedIn: ['S01', 'S02'] }]), withBackOut('done'));
    expect(detail).toBe('HO-1 running its new versions in S01, S02 and rolled back in EUW2; backed out of EUW2; 4 of 10 steps done');
  });

  it("says a stopped back-out waits to be backed out again, as its dialog does: 'in progress' alone said nothing of it", () => {
    const { outcome, detail } = releaseOutcomeOf(deployment('in-progress', [{ deployedIn: ['S01'] }]), withBackOut('failed'));
    expect(outcome).toBe('in progress');
    expect(detail).toBe('HO-1 running its new versions in S01; backing EUW2 out stopped: back it out again; 4 of 10 steps done');
  });

  it('names the handover that runs and the one rolled back: the release is not said to run where it was rolled back', () => {
    const { detail } = releaseOutcomeOf(deployment('partially-rolled-back', [{ rolledBackIn: ['S01', 'LON'] }, { deployedIn: ['S01', 'LON'] }]), emptyReleaseRecord());
    expect(detail).toBe('HO-1 rolled back in S01, LON; HO-2 running its new versions in S01, LON; 4 of 10 steps done');
  });

  it('says a failed step can be retried, as the board offers Retry on it: its run failed, the step is not closed', () => {
    const failed = { ...deployment('failed'), steps: { total: 72, done: 4, failed: 1 } };
    expect(releaseOutcomeOf(failed, emptyReleaseRecord()).detail).toBe('4 of 72 steps done, 1 failed, can be retried');
  });

  it('says a failed step of a release the workspace no longer defines failed, not that it can be retried: no intent acts on it', () => {
    const failed = { ...deployment('failed'), steps: { total: 72, done: 4, failed: 1 } };
    expect(releaseOutcomeOf(failed, emptyReleaseRecord(), true)).toEqual({ outcome: 'failed', detail: '4 of 72 steps done, 1 failed' });
  });

  it('says a stopped rollback of a release the workspace no longer defines failed, not that it can be retried: no intent acts on it', () => {
    const stopped = deployment('failed', [{ outcome: 'rollback stopped', deployedIn: ['S01'], rolledBackIn: ['LON'] }]);
    expect(releaseOutcomeOf(stopped, emptyReleaseRecord(), true).outcome).toBe('failed');
  });

  it("leaves out today's runbook's step count for a release read from its logged definition, when none of them is on record", () => {
    const rolledBack = { ...deployment('rolled-back', [{ rolledBackIn: ['S01', 'LON'] }]), steps: { total: 90, done: 0, failed: 0 } };
    expect(releaseOutcomeOf(rolledBack, emptyReleaseRecord(), true).detail).toBe('HO-1 rolled back in S01, LON');
    expect(releaseOutcomeOf(rolledBack, emptyReleaseRecord()).detail).toBe('HO-1 rolled back in S01, LON; 0 of 90 steps done');
    // Steps that are on record are said, whatever runbook they came from.
    expect(releaseOutcomeOf(deployment('in-progress'), emptyReleaseRecord(), true).detail).toBe('4 of 10 steps done');
    const nothing = { ...deployment('in-progress', [], null), steps: { total: 90, done: 0, failed: 0 } };
    expect(releaseOutcomeOf(nothing, emptyReleaseRecord(), true).detail).toBe('Nothing on record: no version deployed and no step done.');
  });
});

describe('handoverDeployedIn: the "Deployed in" of a handover read from History', () => {
  it.each<[string, string[], string[], string]>([
    ['runs where it was deployed', ['S01', 'LON'], [], 'S01, LON'],
    // It read "—" beside "Rolled back in S01, LON", as if it had never run.
    ['rolled back everywhere it ran', [], ['S01', 'LON'], 'S01, LON, then rolled back'],
    ['runs in one region, rolled back in another', ['S01'], ['LON'], 'S01; LON, then rolled back'],
    // One package rolled back in S01, another still runs there: S01 runs it, the Rolled back column names S01 too.
    ['partly rolled back in a region it still runs in', ['S01', 'LON'], ['S01'], 'S01, LON'],
    ['never deployed', [], [], '—'],
  ])('%s', (_, deployedIn, rolledBackIn, words) => {
    expect(handoverDeployedIn({ deployedIn, rolledBackIn })).toBe(words);
  });
});
