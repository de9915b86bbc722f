import type { RollbackStepRecord } from '../rollback/record';
import { refuse, type Decision } from './decision';

/**
 * A Stop or a Retry of a rollback's or a back-out's command names the step the person saw (running, or failed);
 * the run may have moved on by the time it arrives. These say why it then does nothing.
 */
const STATE_WORDS: Record<RollbackStepRecord['state'], string> = {
  pending: 'it has not started',
  running: 'it is running',
  done: 'it is done',
  failed: 'it failed',
  skipped: 'it was skipped',
};

/**
 * Why a Retry of a rollback's step does not reach the one it stopped on (`failed`), or null. A Retry names the step
 * the person saw fail: sent again after a timeout, or pressed at a desk that had not folded the first retry, it
 * arrives once the run has moved on and failed elsewhere, and rerunning that one would answer a failure nobody read.
 */
export function staleRetryRefusal(steps: readonly RollbackStepRecord[], asked: string, failed: RollbackStepRecord | undefined, whose: string): Decision | null {
  if (failed === undefined || asked === failed.id) return null;
  const stale = steps.find((s) => s.id === asked);
  if (!stale) return refuse('not_found', `${whose} has no step ${asked}.`);
  return refuse('conflict', `${stale.argv.join(' ')} in ${stale.regionId} is not the step ${whose} stopped on: ${STATE_WORDS[stale.state]}. It stopped on ${failed.argv.join(' ')} in ${failed.regionId}; retry, skip or abort that.`);
}

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
