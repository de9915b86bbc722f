import { useState } from 'react';
import type { Actor, StepView } from '../../shared/api';
import { send } from '../api/actions';
import { reasonsWords } from '../format/refusal';
import { operatorZone } from '../format/time';
import { useConsole } from '../store/store';
import { ModalDialog, ModalTitle } from './ModalDialog';
import { DialogToasts } from './toastSlot';
import { ActionButton } from './ActionButton';

/**
 * An override is never silent: it needs a reason and approvers, and is marked wherever it shows. Outside a
 * rehearsal the approvers are those who pressed "Approve override" on their own desk (issue 15); in a
 * rehearsal a persona may also name them here.
 */
export function OverrideDialog({ step, releaseId, onClose }: { step: StepView; releaseId: string; onClose: () => void }) {
  const personas = useConsole((s) => s.view?.operator.persona === true);
  // A named approver is a persona in one of the workspace's roles, as the status bar's picker offers them.
  const roles = useConsole((s) => s.session?.workspace.roles) ?? [];
  const [reason, setReason] = useState('');
  const [approvers, setApprovers] = useState<Actor[]>([]);
  const complete = reason.trim().length >= 10 && approvers.every((a) => a.name.trim() && a.role.trim()) && (approvers.length > 0 || step.overrideApprovals.length > 0);

  async function submit() {
    const result = await send('overrideStep', { releaseId, stepId: step.stepId, regionId: step.regionId, reason: reason.trim(), approvers });
    if (result) onClose();
  }

  return (
    <ModalDialog className="dialog" label={`Override ${step.title}`} onClose={onClose}>
      <ModalTitle asChild>
        <h3>Override a blocked step</h3>
      </ModalTitle>
      <p>
        <strong>{step.title}</strong> {step.regionId && `in ${step.regionId}`} is blocked:
      </p>
      <ul className="reasons">
        {reasonsWords(step, operatorZone()).map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <label>
        Reason (recorded in the audit log and the CR evidence)
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      </label>
      <p>
        {step.overrideApprovals.length > 0
          ? `Approved on their own desks: ${step.overrideApprovals.map((a) => `${a.name} (${a.role})`).join(', ')}.`
          : 'No one has approved this override on their own desk yet.'}
      </p>
      {personas && (
      <fieldset>
        <legend>Or name approvers (simulated personas, rehearsal only)</legend>
        {approvers.map((approver, index) => (
          <div className="row" key={index}>
            <input aria-label={`Approver ${index + 1} name`} placeholder="Name" value={approver.name} onChange={(e) => setApprovers(approvers.map((a, i) => (i === index ? { ...a, name: e.target.value } : a)))} />
            <select aria-label={`Approver ${index + 1} role`} value={approver.role} onChange={(e) => setApprovers(approvers.map((a, i) => (i === index ? { ...a, role: e.target.value } : a)))}>
              {roles.map((r) => (
                <option key={r.name} value={r.name} title={r.description ?? undefined}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="button" onClick={() => setApprovers([...approvers, { name: '', role: roles[0]?.name ?? '' }])}>
          Add approver
        </button>
      </fieldset>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <ActionButton className="danger" disabledReason={complete ? null : 'Give a reason of at least 10 characters and name every approver with their role first'} onClick={() => void submit()}>
          Override
        </ActionButton>
      </div>
      <DialogToasts />
    </ModalDialog>
  );
}
