// "Back out LON" while HO-1234's own rollback is stopped: the back-out dialog says so, and what backing out does to it.
import { describe, expect, test } from 'vitest';
import { openRollbackWords } from '../../../renderer/format/openRollback';

const step = (regionId: string, state: 'done' | 'failed' | 'pending') => ({ id: `${regionId}/rollback/rt-media-gateway`, regionId, kind: 'rollback' as const, package: 'rt-media-gateway', fromVersion: '4.13.0', toVersion: '4.12.0', commandId: 'deploy', argv: ['deploy', 'rollback', 'rt-media-gateway', '4.12.0', '--region', regionId], title: `Roll rt-media-gateway back from 4.13.0 to 4.12.0 in ${regionId}`, note: null, state, exitCode: state === 'failed' ? 137 : null, startedAt: null, endedAt: null, detail: null });
const regions = [
  { regionId: 'LON', environment: 'production' as const, steps: [step('LON', 'failed')] },
  { regionId: 'S01', environment: 'production' as const, steps: [step('S01', 'pending')] },
];
const oscar = { stepId: 'LON/rollback/rt-media-gateway', by: 'oscar', role: 'on-call PE', at: 0 };

describe('a handover rollback in the back-out dialog', () => {
  test('a person stopped: who, where it waits, and that backing out leaves it stopped', () => {
    expect(openRollbackWords('LON', { handoverId: 'HO-1234', status: 'failed', stopping: oscar, regions })).toBe(
      "HO-1234's own rollback is stopped by oscar (on-call PE) on its LON step, waiting for Retry, Skip or Abort. Backing LON out rolls HO-1234 back in LON with commands of its own and leaves that rollback as it is: still stopped, and a Retry there runs its LON command again.",
    );
  });

  test('a command that failed by itself is said as a failure', () => {
    expect(openRollbackWords('LON', { handoverId: 'HO-1234', status: 'failed', stopping: null, regions })).toMatch(/^HO-1234's own rollback is stopped on a failure on its LON step, /);
  });

  test.each(['running', 'done', 'aborted'] as const)('a run %s waits on no one: nothing said', (status) => {
    expect(openRollbackWords('LON', { handoverId: 'HO-1234', status, stopping: null, regions })).toBeNull();
  });
});
