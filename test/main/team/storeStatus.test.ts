import { describe, expect, test } from 'vitest';
import { offlineRefusal, storeStatusLine } from '../../../shared/team/storeStatus';
import { TAIL_POLL_INTERVAL_MS, tailReadsPerMinute } from '../../../shared/team/polling';
import { leaseRefusal, takeOverRefusal, type Lease } from '../../../shared/team/lease';

const at1402 = Date.parse('2026-03-20T14:02:00Z');
const who = { name: 'carol@example.com', roles: ['on-call PE'] };

describe('the team store in the status bar', () => {
  test.each([
    [{ kind: 'alone' } as const, 'Working alone as carol@example.com (on-call PE): no team store in workspace.yaml'],
    [{ kind: 'connected', since: at1402 } as const, 'Team store: carol@example.com (on-call PE)'],
    [{ kind: 'unreachable', since: at1402, error: 'TimeoutError' } as const, 'Shared log unreachable since 14:02 UTC — read-only: showing the last shared state; changes are refused until it answers'],
  ])('%j reads %j', (reachability, line) => {
    expect(storeStatusLine(reachability, who)).toBe(line);
  });

  test('a change is refused while the store is unreachable, saying since when and why', () => {
    expect(offlineRefusal({ kind: 'connected', since: at1402 }, 'Roll back HO-1234')).toBeNull();
    expect(offlineRefusal({ kind: 'alone' }, 'Roll back HO-1234')).toBeNull();
    expect(offlineRefusal({ kind: 'unreachable', since: at1402, error: 'TimeoutError: socket hang up' }, 'Roll back HO-1234')).toBe(
      'Roll back HO-1234 was not done: the team store has not answered since 14:02 UTC (TimeoutError: socket hang up), and a change the other desks cannot see is never applied. Try again when the status bar shows the store connected.',
    );
  });

  test('the polling cost is derived from the one interval', () => {
    expect(tailReadsPerMinute()).toBe(60_000 / TAIL_POLL_INTERVAL_MS);
    expect(tailReadsPerMinute(5_000)).toBe(12);
  });
});

describe('lease wording', () => {
  const lease: Lease = {
    region: 'S01',
    holder: { arn: 'arn:aws:iam::123456789012:user/oncall-carol', name: 'carol', osUser: 'carol', desk: 'carol-laptop' },
    purpose: 'rollback HO-1234',
    since: at1402,
    heartbeatAt: at1402,
    until: at1402 + 60_000,
    takenOverFrom: null,
  };

  test('a held lease names who, for what and since when; an expired one says so and how to take it over', () => {
    expect(leaseRefusal(lease, at1402 + 1_000)).toBe('S01 is held by carol (carol) for rollback HO-1234 since 14:02 UTC');
    expect(leaseRefusal(lease, at1402 + 60_000)).toBe("S01's lease for rollback HO-1234 expired at 14:03 UTC without a heartbeat from carol (carol); take it over with a reason to run here");
  });

  test('take-over needs a reason and an expired lease', () => {
    expect(takeOverRefusal(lease, 'desk crashed', at1402 + 59_999)).toMatch(/only after it expires \(at 14:03 UTC\)$/);
    expect(takeOverRefusal(lease, ' ', at1402 + 60_000)).toMatch(/needs a reason/);
    expect(takeOverRefusal(null, 'desk crashed', at1402)).toMatch(/no lease to take over/);
    expect(takeOverRefusal(lease, 'desk crashed', at1402 + 60_000)).toBeNull();
  });
});
