import { useEffect, useState } from 'react';
import type { RollbackPlanView } from '../../../shared/api';
import { send } from '../../api/actions';
import { rollbackKey } from '../../store/rollback-slice';
import { useConsole } from '../../store/store';

/**
 * Why "Roll back" would be refused for this handover now, in the plan's words, or null when it would start (or a
 * run of it is there to look at). The plan is main's (previewRollback), the one `decide` refuses a start on: the
 * board offered "Roll back" on a handover deployed nowhere, and only its dialog said there was nothing to roll back.
 */
export function rollbackRefusalOf(plan: Pick<RollbackPlanView, 'canStart' | 'flags'>, hasRun: boolean): string | null {
  if (plan.canStart || hasRun) return null;
  return plan.flags.map((f) => f.reason).join(' ');
}

/** Asked again whenever main pushes a new view: a deploy that starts or ends changes the answer. */
export function useRollbackRefusal(releaseId: string, handoverId: string): string | null {
  const view = useConsole((s) => s.view);
  const pushedRun = useConsole((s) => s.rollbackRuns[rollbackKey({ releaseId, handoverId })] !== undefined);
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void send('previewRollback', { releaseId, handoverId }).then((preview) => {
      if (live && preview) setRefusal(rollbackRefusalOf(preview.plan, pushedRun || preview.run !== null));
    });
    return () => {
      live = false;
    };
  }, [releaseId, handoverId, view, pushedRun]);
  return refusal;
}
