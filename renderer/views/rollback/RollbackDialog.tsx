import './rollback.css';
import { useEffect, useState } from 'react';
import type { RollbackPlanView } from '../../../shared/api';
import { send } from '../../api/actions';
import { rollbackKey } from '../../store/rollback-slice';
import { consoleStore, useConsole } from '../../store/store';
import { ModalDialog, ModalTitle } from '../ModalDialog';
import { DialogToasts } from '../toastSlot';
import { PlanPreview } from './PlanPreview';
import { RunProgress } from './RunProgress';

/**
 * "Roll back HO-1234", from the alert, the board or the palette: the plan first, then the run live as main
 * pushes it. The run goes on in main when the dialog is closed; opening it again shows where it is.
 */
export function RollbackDialog() {
  const target = useConsole((s) => s.rollbackTarget);
  const run = useConsole((s) => (s.rollbackTarget ? s.rollbackRuns[rollbackKey(s.rollbackTarget)] : undefined));
  const title = useConsole((s) => s.view?.handovers.find((h) => h.id === s.rollbackTarget?.handoverId)?.title);
  const close = useConsole((s) => s.closeRollback);
  const upsert = useConsole((s) => s.upsertRollbackRun);
  const [plan, setPlan] = useState<RollbackPlanView | null>(null);
  /** After a run ended (aborted, say), the operator may look at the plan as it stands now and start again. */
  const [planAgain, setPlanAgain] = useState(false);

  useEffect(() => setPlanAgain(false), [target]);
  useEffect(() => {
    setPlan(null);
    if (!target) return;
    let live = true;
    void send('previewRollback', target).then((preview) => {
      if (!live || !preview) return;
      setPlan(preview.plan);
      // Pushed progress is newer than this answer; it only fills in a run started before this renderer connected.
      if (preview.run && !consoleStore.getState().rollbackRuns[rollbackKey(target)]) upsert(preview.run);
    });
    return () => {
      live = false;
    };
  }, [target, planAgain, upsert]);

  if (!target) return null;
  const showRun = run && !(planAgain && (run.status === 'done' || run.status === 'aborted'));
  const previewing = !showRun && plan !== null;
  return (
    <ModalDialog className="dialog rb-dialog" label={`Roll back ${target.handoverId}`} onClose={close}>
      <header className="rb-title">
        <ModalTitle asChild>
          <h3>
            Roll back {target.handoverId}
            {title && <span className="rb-subtitle"> — {title}</span>}
          </h3>
        </ModalTitle>
        <span className="spacer" />
        {run && (run.status === 'done' || run.status === 'aborted') && !planAgain && (
          <button type="button" onClick={() => setPlanAgain(true)}>
            Show the plan again
          </button>
        )}
        {/* One way out: the plan's own "Cancel" beside its confirm before a run; "Close" once one runs (it goes on in main). */}
        {!previewing && (
          <button type="button" onClick={close}>
            Close
          </button>
        )}
      </header>
      {showRun ? <RunProgress run={run} /> : plan ? <PlanPreview plan={plan} onCancel={close} /> : <p className="muted">Working out the plan…</p>}
      <DialogToasts />
    </ModalDialog>
  );
}
