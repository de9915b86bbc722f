import { useState } from 'react';
import type { RegionView } from '../../shared/api';
import { send } from '../api/actions';
import { clockWithZone, operatorZone } from '../format/time';
import { ModalDialog, ModalTitle } from './ModalDialog';
import { DialogToasts } from './toastSlot';
import { useNow } from './use-now';
import { ActionButton } from './ActionButton';

/** The record bounds a take-over's reason (shared/engine/decideLease.ts says the same to main). */
const REASON_MAX_CHARS = 500;

/** "12 s ago", "3 min ago": how long the holder's desk has been silent, at a glance. */
export function sinceHeartbeat(lastHeartbeatAt: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - lastHeartbeatAt) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

/**
 * Issue 15: who holds the region's lease and whether their desk still beats ("Lease: carol (on-call PE) · last
 * heartbeat 12 s ago · expires 14:07", then "for HO-1234's rollback"). A dead desk's lease shows its silence,
 * never silently freed; "Take over…" is offered only when main's decide would allow it (canTakeOver).
 */
export function RegionLease({ region }: { region: RegionView }) {
  const [taking, setTaking] = useState(false);
  const now = useNow();
  const { lease } = region;
  if (!lease) return null;
  const at = clockWithZone(lease.expiresAt, operatorZone());
  const beat = `last heartbeat ${sinceHeartbeat(lease.lastHeartbeatAt, now)}`;
  const desk = [lease.holder.osUser && lease.holder.osUser !== lease.holder.name ? `OS user ${lease.holder.osUser}` : null, lease.holder.arn ?? null].filter(Boolean).join(' · ');
  return (
    <div className={`region-lease${lease.expired ? ' region-lease-expired' : ''}`} data-lease={region.id}>
      <span className="region-lease-holder" title={desk || undefined}>
        Lease: <strong>{lease.holder.name} ({lease.holder.role})</strong> · {lease.expired ? <strong>expired {at}, {beat}</strong> : `${beat} · expires ${at}`}
      </span>
      {/* A taken-over lease's purpose only repeats whose it was: the line below says it, with the reason. */}
      {!lease.takenOverFrom && <span className="region-lease-purpose">for {lease.purpose}</span>}
      {lease.canTakeOver && (
        <button type="button" className="link-button" onClick={() => setTaking(true)}>
          Take over…
        </button>
      )}
      {lease.takenOverFrom && (
        <span className="region-lease-taken" data-taken-over-from={lease.takenOverFrom.holder.name}>
          Taken over by {lease.holder.name} from {lease.takenOverFrom.holder.name}: “{lease.takenOverFrom.reason}”
        </span>
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
        {lease.holder.name} ({lease.holder.role}) took it for {lease.purpose} at {clockWithZone(lease.since, operatorZone())}; it expired at {clockWithZone(lease.expiresAt, operatorZone())} without a heartbeat from their desk (the last one at {clockWithZone(lease.lastHeartbeatAt, operatorZone())}). Check with them first: their run may still be going.
      </p>
      <label className="rb-field">
        Why take it over? (goes into the release log)
        <textarea aria-label="Reason for taking over the lease" rows={3} maxLength={REASON_MAX_CHARS} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <ActionButton className="danger" disabledReason={trimmed.length === 0 ? 'Say why you take the lease over first: the reason is recorded' : null} onClick={() => void take()}>
          Take over the lease
        </ActionButton>
      </div>
      <DialogToasts />
    </ModalDialog>
  );
}
