import type { RollbackRunStepView } from '../../../shared/api';
import { ArgvWords } from '../ArgvWords';

/** A run step's state in words, as both dialogs read it before their own exceptions ("Stopped", "Not run"). */
export const RUN_STEP_STATE_LABEL = { pending: 'Waiting', running: 'Running', done: 'Done', failed: 'FAILED', skipped: 'Skipped' } as const;

/**
 * A step of a rollback's or a back-out's run, one row of its `.rb-steps` list: its state with the exit code under it,
 * its title, its command (none for the console's own check), and what happened. `label` is the state as that dialog
 * words it; `data` names the row for what reads it (`data-rollback-step`, `data-backout-step`).
 */
export function RunStepRow({ step, label, data }: { step: RollbackRunStepView; label: string; data: 'data-rollback-step' | 'data-backout-step' }) {
  return (
    <li className={`rb-step rb-step-${step.state}`} {...{ [data]: step.id }} data-state={step.state}>
      <span className="rb-state-cell">
        <span className="rb-state">{label}</span>
        {step.exitCode !== null && <span className="mono rb-exit">exit {step.exitCode}</span>}
      </span>
      <span className="rb-step-title">{step.title}</span>
      {step.argv.length > 0 ? <code className="rb-argv"><ArgvWords argv={step.argv} /></code> : <span />}
      {step.detail && <span className="rb-detail">{step.detail}</span>}
    </li>
  );
}
