import { useState } from 'react';
import type { AlertView } from '../../../shared/api';
import { send } from '../../api/actions';
import { dayAndClockWithZone, operatorZone } from '../../format/time';
import { ModalDialog, ModalTitle } from '../ModalDialog';
import { DialogToasts } from '../toastSlot';
import { ActionButton } from '../ActionButton';

export interface FixForwardTarget {
  releaseId: string;
  handoverId: string;
  alert: Pick<AlertView, 'title' | 'detail'>;
  offer: { severities: string[]; deadline: number };
}

/**
 * Issue 19, "Fix forward HO-…" from a breach alert: the reason and the severity go into the incident record;
 * the deadline is shown before anything is decided, because at it the rollback comes back as the answer.
 * Main decides (shared/engine/decideFixForward.ts); a refusal is shown here in its words.
 */
export function FixForwardDialog({ target, onClose }: { target: FixForwardTarget; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [severity, setSeverity] = useState('');
  const [deciding, setDeciding] = useState(false);
  const id = target.handoverId;

  async function decide() {
    setDeciding(true);
    const decided = await send('fixForward', { releaseId: target.releaseId, handoverId: id, reason: reason.trim(), severity });
    setDeciding(false);
    if (decided) onClose();
  }

  return (
    <ModalDialog className="dialog ff-dialog" label={`Fix forward ${id}`} onClose={onClose}>
      <ModalTitle asChild>
        <h3>Fix forward {id}</h3>
      </ModalTitle>
      <p>
        <strong>{target.alert.title}</strong>: {target.alert.detail}
      </p>
      <p>
        Instead of rolling {id} back, a handover that fixes it is deployed where it breached. If the fix has not landed and the metrics recovered by{' '}
        {/* The desk's zone by its city, as every recorded time on the console names it ("New York", never "EST"). */}
        <strong>{dayAndClockWithZone(target.offer.deadline, operatorZone())}</strong>
        , the alert offers the rollback again.
      </p>
      <label>
        Severity
        <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
          <option value="">Choose…</option>
          {target.offer.severities.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reason (recorded in the incident record and the evidence)
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <ActionButton className="primary" reasonShown disabledReason={deciding ? 'Deciding…' : !reason.trim() ? 'Give the reason first: it is recorded with the decision' : !severity ? 'Choose the severity first' : null} onClick={() => void decide()}>
          Fix forward {id} now
        </ActionButton>
      </div>
      <DialogToasts />
    </ModalDialog>
  );
}
