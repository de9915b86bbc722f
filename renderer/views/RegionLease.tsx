import { useState } from 'react';
import type { RegionView } from '../../shared/api';
import { send } from '../api/actions';
import { clockIn, operatorZone } from '../format/time';
import { ModalDialog, ModalTitle } from './ModalDialog';
import { DialogToasts } from './toastSlot';

/** The record bounds a take-over's reason (shared/engine/decideLease.ts says the same to main). */
const REASON_MAX_CHARS = 500;

/**
 * Issue 15: who holds the region's lease ("Lease: carol (on-call PE) · HO-1234's rollback · expires 14:07"),
 * and once it expired without a heartbeat, the way to take it over: on purpose, with a reason, never silently.
 */
export function RegionLease({ region }: { region: RegionView }) {
  const [taking, setTaking] = useState(false);
  const { lease } = region;
  if (!lease) return null;
  const at = clockIn(lease.expiresAt, operatorZone());
  return (
    <div className={`region-lease${lease.expired ? ' region-lease-expired' : ''}`} data-lease={region.id}>
      <span>
        Lease: {lease.holder.name} ({lease.holder.role}) · {lease.purpose} · {lease.expired ? <strong>expired {at}</strong> : `expires ${at}`}
      </span>
      {lease.expired && (
        <button type="button" className="link-button" onClick={() => setTaking(true)}>
          Take over…
        </button>
      )}
      {taking && <TakeOverDialog region={region} onClose={() => setTaking(false)} />}
    </div>
  );
}

function TakeOverDialog({ region, onClose }: { region: RegionView; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const lease = region.lease!;
  const trimmed = reason.trim();
  const take = async () => {
    if (await send('takeOverLease', { regionId: region.id, reason: trimmed })) onClose();
  };
  return (
    <ModalDialog className="dialog lease-dialog" label={`Take over ${region.id}'s lease`} onClose={onClose}>
      <ModalTitle>Take over {region.id}&apos;s lease</ModalTitle>
      <p>
        {lease.holder.name} ({lease.holder.role}) took it for {lease.purpose} at {clockIn(lease.since, operatorZone())}; it expired at {clockIn(lease.expiresAt, operatorZone())} without a heartbeat from their desk. Check with them first: their run may still be going.
      </p>
      <label className="rb-field">
        Why take it over? (goes into the release log)
        <textarea aria-label="Reason for taking over the lease" rows={3} maxLength={REASON_MAX_CHARS} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={trimmed.length === 0} onClick={() => void take()}>
          Take over the lease
        </button>
      </div>
      <DialogToasts />
    </ModalDialog>
  );
}
