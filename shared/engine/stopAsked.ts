import type { RollbackStepRecord } from '../rollback/record';
import { refuse, type Decision } from './decision';

const STATE_WORDS: Record<RollbackStepRecord['state'], string> = {
  pending: 'it has not started',
  running: 'it is running',
  done: 'it is done',
  failed: 'it failed',
  skipped: 'it was skipped',
};

/**
 * Why a Stop of a rollback's or a back-out's command does not reach `running`, or null. A Stop names the command
 * the person saw running (`asked`): pressed as that command exits, retried after a timeout, or asked at a desk that
 * had not yet folded the exit, it arrives while the next command runs, and stopping that one would leave a region
 * half rolled back on a command nobody asked to stop. `whose` says whose run it is ("HO-1234's rollback").
 */
export function staleStopRefusal(steps: readonly RollbackStepRecord[], asked: string, running: RollbackStepRecord, whose: string): Decision | null {
  if (asked === running.id) return null;
  const stale = steps.find((s) => s.id === asked);
  if (!stale) return refuse('not_found', `${whose} has no step ${asked}.`);
  return refuse('conflict', `${stale.argv.join(' ')} in ${stale.regionId} is not running now: ${STATE_WORDS[stale.state]}. ${whose} now runs ${running.argv.join(' ')} in ${running.regionId}; press Stop again to stop that.`);
}
