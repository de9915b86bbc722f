import './rollback.css';
import { useEffect, useRef, useState } from 'react';
import type { BackOutView } from '../../../shared/api';
import { send } from '../../api/actions';
import { reasonsWords } from '../../format/refusal';
import { operatorZone } from '../../format/time';
import { useConsole } from '../../store/store';
import { ModalDialog, ModalTitle } from '../ModalDialog';
import { DialogToasts } from '../toastSlot';
import { StopRunningCommand } from './StopRunningCommand';
import { ActionButton } from '../ActionButton';
import { describeArgv } from '../../../shared/terminal/argv';
import { RUN_STEP_STATE_LABEL, RunStepRow } from './RunStepRow';
import { runProgressWords, stopperWords } from '../../../shared/words';
import { openRollbackWords } from '../../format/openRollback';
import { StepsBelow } from './StepsBelow';

/** How often an open dialog asks main where a running back-out is: each step is a command in the region's terminal. */
const PROGRESS_POLL_MS = 400;

function headlineTone(status: NonNullable<BackOutView['run']>['status']): 'running' | 'bad' | 'ok' {
  return status === 'running' ? 'running' : status === 'done' ? 'ok' : 'bad';
}

function headline(view: BackOutView): string {
  // A plan with no step (nothing deployed there, not in maintenance mode, e.g. while another run is turning it on)
  // has nothing to turn off: its reason is in the blocks below, which said so beside "backing out turns maintenance
  // mode off".
  if (!view.run && view.steps.length === 0) return `There is nothing to back out in ${view.regionId} now.`;
  if (!view.run) return view.handovers.length ? `Rolls back ${view.handovers.join(', ')} in ${view.regionId}, then turns maintenance mode off.` : `Nothing of this release runs in ${view.regionId}: backing out turns maintenance mode off.`;
  if (view.run.status === 'running' && view.run.stopping) {
    const stopping = view.steps.find((s) => s.id === view.run?.stopping?.stepId);
    return `Backing ${view.regionId} out: stopping ${stopping ? describeArgv(stopping.argv) : 'its command'} (asked by ${stopperWords(view.run.stopping)})…`;
  }
  if (view.run.status === 'running') return runProgressWords(`Backing ${view.regionId} out`, view.steps);
  // The console's own check after the last step (no command of its own): the release runs there again.
  if (view.run.status === 'failed' && view.steps.some((s) => s.state === 'failed' && s.argv.length === 0)) return `${view.regionId} is NOT backed out: the release runs there again (see below); back it out again.`;
  if (view.run.status === 'failed' && view.run.stopping) return `Backing ${view.regionId} out STOPPED by ${stopperWords(view.run.stopping)}: see below, then back it out again.`;
  if (view.run.status === 'failed') return `Backing ${view.regionId} out STOPPED on a failed command: see below, then back it out again.`;
  return `${view.regionId} is backed out: ${view.handovers.length ? `${view.handovers.join(', ')} rolled back there, ` : ''}maintenance mode off.`;
}

/**
 * "Back out region" (issue 17), from the region's header: the plan main works out (shared/rollback/backOut.ts),
 * the one deliberate act of typing the region id, then the run as it goes. Never held by a window.
 */
export function BackOutDialog({ releaseId, regionId, onClose }: { releaseId: string; regionId: string; onClose: () => void }) {
  const [view, setView] = useState<BackOutView | null>(null);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [starting, setStarting] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const running = view?.run?.status === 'running';
  const runningStep = view?.steps.find((s) => s.state === 'running');
  // Another run's lease on the region blocks a back-out (shared/engine/decideLease.ts): asked again when it changes hands.
  const leaseHeld = useConsole((s) => {
    const lease = s.view?.regions.find((r) => r.id === regionId)?.lease;
    return lease ? `${lease.holder.name} ${lease.purpose} ${lease.since}` : null;
  });

  useEffect(() => {
    let live = true;
    const load = () => void send('previewBackOut', { releaseId, regionId }).then((next) => live && next && setView(next));
    load();
    const timer = running ? setInterval(load, PROGRESS_POLL_MS) : null;
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
  }, [releaseId, regionId, running, leaseHeld]);

  // A handover the plan rolls back may have its own rollback stopped, waiting for Retry, Skip or Abort: said above the plan.
  const planned = view?.handovers.join(' ') ?? '';
  const [openRollbacks, setOpenRollbacks] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    const ids = planned ? planned.split(' ') : [];
    void Promise.all(ids.map((handoverId) => send('getRollback', { releaseId, handoverId }))).then((runs) => {
      if (live) setOpenRollbacks(runs.flatMap((run) => (run ? [openRollbackWords(regionId, run)] : [])).filter((w): w is string => w !== null));
    });
    return () => {
      live = false;
    };
  }, [releaseId, regionId, planned, view?.run?.status]);

  async function start() {
    setStarting(true);
    const next = await send('backOutRegion', { releaseId, regionId, confirm: typed, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (next) setView(next);
    setStarting(false);
  }

  const canStart = view !== null && view.blockedBy.length === 0 && !running;
  // A new back-out is offered before any run, after one stopped, or after one ended if the region has something to back out again.
  const offered = view !== null && (!view.run || view.run.status === 'failed' || (view.run.status === 'done' && view.blockedBy.length === 0));
  const confirmed = typed === regionId;
  return (
    <ModalDialog className="dialog rb-dialog" label={`Back out ${regionId}`} onClose={onClose}>
      <header className="rb-title">
        <ModalTitle asChild>
          <h3>Back out {regionId}</h3>
        </ModalTitle>
        <span className="spacer" />
        {/* One way out: the footer's beside its confirm while a back-out is offered, else this one. */}
        {!offered && (
          <button type="button" onClick={onClose}>
            Close
          </button>
        )}
      </header>
      {!view ? (
        <p className="muted">Working out the plan…</p>
      ) : (
        <>
          <div className="rb-body" ref={body}>
            {/* A run's headline is boxed in its tone, as a rollback's is; the plan before it is the dialog's lead. */}
            <p className={view.run ? `rb-headline rb-headline-${headlineTone(view.run.status)}` : 'rb-lead'} role="status">
              {headline(view)}
            </p>
            {view.blockedBy.length > 0 && (!view.run || view.run.status === 'failed') && (
              <div className="rb-flags" role="alert" aria-label="What blocks backing out">
                <ul>
                  {reasonsWords({ reasons: view.blockedBy, instants: view.blockedInstants }, operatorZone()).map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              </div>
            )}
            {running && !view.run?.stopping && runningStep && (
              <div className="dialog-actions rb-running-actions">
                <StopRunningCommand
                  argv={runningStep.argv}
                  regionId={regionId}
                  onStop={() => void send('stopBackOutStep', { releaseId, regionId, stepId: runningStep.id }).then((next) => next && setView(next))}
                  after="backing out stops on this step; back it out again once you have looked."
                />
              </div>
            )}
            {openRollbacks.length > 0 && (
              <ul className="rb-note rb-open-rollbacks" aria-label="Handover rollbacks left open">
                {openRollbacks.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
            <p className="rb-note">Deployment windows, freezes and deadlines never block backing a region out: like a rollback, it is the way out.</p>
            <ol className="rb-steps" aria-label={`Backing ${regionId} out`}>
              {view.steps.map((step) => (
                <RunStepRow key={step.id} step={step} label={RUN_STEP_STATE_LABEL[step.state]} data="data-backout-step" />
              ))}
            </ol>
          </div>
          <StepsBelow body={body} changed={view.steps} />
          {offered && (
            <footer className="rb-footer">
              <label className="rb-field">
                <span>Reason (optional)</span>
                <textarea rows={1} value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <div className="rb-confirm-row">
                <label className="rb-field rb-confirm">
                  <span>
                    Type <strong className="mono">{regionId}</strong> to confirm
                  </span>
                  <input autoFocus aria-label={`Type ${regionId} to confirm`} autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && confirmed && canStart && void start()} />
                </label>
                <ActionButton className="danger-solid" reasonShown disabledReason={starting ? 'Starting…' : !canStart ? (view?.blockedBy.length ? 'The back-out cannot start: see the reasons above' : 'A back-out is already running') : !confirmed ? `Type ${regionId} to confirm first` : null} onClick={() => void start()}>
                  Back out {regionId} now
                </ActionButton>
                <span className="spacer" />
                {/* "Cancel" before any run; after one, nothing is cancelled by leaving. */}
                <button type="button" onClick={onClose}>
                  {view.run ? 'Close' : 'Cancel'}
                </button>
              </div>
            </footer>
          )}
        </>
      )}
      <DialogToasts />
    </ModalDialog>
  );
}
