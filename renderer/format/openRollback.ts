import type { RollbackRunView } from '../../shared/api';
import { stopperWords } from '../../shared/words';

/**
 * A handover's own rollback, stopped and waiting for Retry, Skip or Abort, said in the dialog that backs a region out
 * of it. "Back out LON" offered to roll HO-1234 back in LON while HO-1234's rollback stood stopped on its LON step,
 * with no word about that run. What a back-out does is shared/rollback/backOut.ts's: it rolls the region's handovers
 * back with steps of its own, from what the region runs, and leaves every handover's rollback record as it is.
 * Null for a run not stopped (running, done, aborted): nothing there waits on anyone.
 */
export function openRollbackWords(regionId: string, run: Pick<RollbackRunView, 'handoverId' | 'status' | 'stopping' | 'regions'>): string | null {
  if (run.status !== 'failed') return null;
  const id = run.handoverId;
  const step = run.regions.flatMap((r) => r.steps).find((s) => s.state === 'failed');
  const how = run.stopping ? `stopped by ${stopperWords(run.stopping)}` : 'stopped on a failure';
  const where = step ? ` on its ${step.regionId} step` : '';
  const retried = step ? `, and a Retry there runs its ${step.regionId} command again` : '';
  return `${id}'s own rollback is ${how}${where}, waiting for Retry, Skip or Abort. Backing ${regionId} out rolls ${id} back in ${regionId} with commands of its own and leaves that rollback as it is: still stopped${retried}.`;
}
