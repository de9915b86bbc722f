import { useRef, useState } from 'react';
import type { RollbackPlanView } from '../../../shared/api';
import { send } from '../../api/actions';
import { dayAndClockWithZone, operatorZone } from '../../format/time';
import { ActionButton } from '../ActionButton';
import { ArgvWords } from '../ArgvWords';
import { StepsBelow } from './StepsBelow';

/** Said on every plan: the rollback is the way out, so only maintenance mode can hold it up. */
const TIMING_NOTE = 'Deployment windows and freezes never block a rollback. Maintenance mode is still needed where a package needs it, and the plan turns it on.';

const MAINTENANCE_TEXT = { enable: 'Maintenance mode: turned on first, off after verification', 'already-on': 'Maintenance mode: already on', 'not-needed': 'Maintenance mode: not needed' } as const;

/**
 * The plan before anything runs: regions in the order they will be rolled back, each command as the argv it
 * runs, what blocks it, and the one deliberate act of typing the handover id.
 */
export function PlanPreview({ plan, onCancel }: { plan: RollbackPlanView; onCancel: () => void }) {
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState(plan.reason ?? '');
  const [starting, setStarting] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const id = plan.handoverId;
  const confirmed = typed === id;

  async function start() {
    setStarting(true);
    await send('startRollback', { releaseId: plan.releaseId, handoverId: id, confirm: typed, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    setStarting(false);
  }

  // Refused, the dialog says only why and what would let it start: no path it "will move" along, no plan, no confirmation.
  if (!plan.canStart) return <PlanRefused plan={plan} onClose={onCancel} />;

  return (
    <>
      <div className="rb-body" ref={body}>
        <p className="rb-lead">
          {id} is <strong>{plan.handoverStatus}</strong>.
          {plan.path && (
            <>
              {' '}
              It will move to <strong>{plan.path.start}</strong>
              {plan.path.afterProduction && (
                <>
                  , then <strong>{plan.path.afterProduction}</strong>
                </>
              )}
              , and end <strong>{plan.path.end}</strong>.
            </>
          )}
        </p>
        <p className="rb-note">{TIMING_NOTE}</p>
        {plan.notes.map((n) => (
          <p key={n} className="rb-note">
            {n}
          </p>
        ))}
        <ol className="rb-regions" aria-label="Rollback plan">
          {plan.regions.map((region) => (
            <li key={region.regionId} className="rb-region" data-rollback-region={region.regionId}>
              <div className="rb-region-head">
                <span className="rb-region-id">{region.regionId}</span>
                <span className="tag">{region.environment}</span>
                {region.deployedAt !== null && <span className="muted">deployed {dayAndClockWithZone(region.deployedAt, operatorZone())}</span>}
              </div>
              <p className="muted">{MAINTENANCE_TEXT[region.maintenance]}</p>
              <ul className="rb-packages">
                {region.packages.map((p) => (
                  <li key={p.name} className="mono">
                    {p.name} {p.from} → {p.to ?? '(removed)'}
                  </li>
                ))}
              </ul>
              <ol className="rb-steps">
                {region.steps.map((step) => (
                  <li key={step.id}>
                    <span className="rb-step-title">{step.title}</span>
                    <code className="rb-argv"><ArgvWords argv={step.argv} /></code>
                    {step.note && <span className="rb-note-line">{step.note}</span>}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </div>
      {/* LON's steps first, then S01's: at 1280x800 S01 sat wholly below the body's foot with nothing saying so. */}
      <StepsBelow body={body} changed={plan} />
      <footer className="rb-footer">
        <label className="rb-field">
          <span>{plan.reason ? 'Reason (from QA’s testing failure; edit it if it says less than you know)' : 'Reason (optional; the breach alert is used when left empty)'}</span>
          <textarea rows={plan.reason ? 2 : 1} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="rb-confirm-row">
          <label className="rb-field rb-confirm">
            <span>
              Type <strong className="mono">{id}</strong> to confirm
            </span>
            <input autoFocus aria-label={`Type ${id} to confirm`} autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && confirmed && void start()} />
          </label>
          <ActionButton className="danger-solid" reasonShown disabledReason={starting ? 'Starting…' : !confirmed ? `Type ${id} to confirm first` : null} onClick={() => void start()}>
            Roll back {id} now
          </ActionButton>
          <span className="spacer" />
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </footer>
    </>
  );
}

/** A plan the engine refuses: the handover's status, why it cannot start (each reason says what would let it), and a way out. */
function PlanRefused({ plan, onClose }: { plan: RollbackPlanView; onClose: () => void }) {
  return (
    <>
      <div className="rb-body">
        <p className="rb-lead">
          {plan.handoverId} is <strong>{plan.handoverStatus}</strong>.
        </p>
        <div className="rb-flags" role="alert" aria-label="What blocks the rollback">
          <strong>This rollback cannot start:</strong>
          <ul>
            {plan.flags.map((f) => (
              <li key={f.reason}>{f.reason}</li>
            ))}
          </ul>
        </div>
      </div>
      <footer className="rb-footer rb-confirm-row">
        <span className="spacer" />
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </footer>
    </>
  );
}
