import { useRef, useState } from 'react';
import type { RollbackOutcome, RollbackRunView } from '../../../shared/api';
import { send } from '../../api/actions';
import { dayAndClockWithZone, operatorZone } from '../../format/time';
import { wordsWithInstants } from '../../format/refusal';
import { stopperWords, runProgressWords } from '../../../shared/words';
import { RollbackRecords } from './RollbackRecords';
import { StopRunningCommand } from './StopRunningCommand';
import { ActionButton } from '../ActionButton';
import { describeArgv } from '../../../shared/terminal/argv';
import { RUN_STEP_STATE_LABEL, RunStepRow } from './RunStepRow';
import { StepsBelow } from './StepsBelow';

/** A step's state in words: the step a person stopped reads "Stopped", not "FAILED". */
function stepStateLabel(run: RollbackRunView, step: RollbackRunView['regions'][number]['steps'][number]): string {
  if (step.state === 'pending' && run.status !== 'running') return 'Not run';
  if (step.state === 'failed' && run.status === 'failed' && run.stopping?.stepId === step.id) return 'Stopped';
  return RUN_STEP_STATE_LABEL[step.state];
}

function headline(run: RollbackRunView): { tone: 'running' | 'bad' | 'ok' | 'warn'; text: string } {
  const steps = run.regions.flatMap((r) => r.steps);
  if (run.status === 'running' && run.waitingFor && !run.abortRequested) return { tone: 'running', text: `Rolling back ${run.handoverId}: ${wordsWithInstants(run.waitingFor, run.waitingInstants, operatorZone())}` };
  if (run.status === 'running' && run.stopping) {
    const stopping = steps.find((s) => s.id === run.stopping?.stepId);
    return { tone: 'running', text: `Rolling back ${run.handoverId}: stopping ${stopping ? describeArgv(stopping.argv) : 'its command'} (asked by ${stopperWords(run.stopping)})…` };
  }
  if (run.status === 'running') return { tone: 'running', text: `${runProgressWords(`Rolling back ${run.handoverId}`, steps)}${run.abortRequested ? ' — stopping after this command' : ''}` };
  // A person's Stop is not a failure: "STOPPED on a failure" stood above the step that read "stopped by oscar".
  if (run.status === 'failed' && run.stopping) return { tone: 'bad', text: `Rollback STOPPED by ${stopperWords(run.stopping)}. ${run.handoverId} is only partly rolled back.` };
  if (run.status === 'failed') return { tone: 'bad', text: `Rollback STOPPED on a failure. ${run.handoverId} is only partly rolled back.` };
  if (run.status === 'done') return { tone: run.notRolledBack.length ? 'warn' : 'ok', text: `${run.handoverId} rolled back. It is now “${run.handoverStatus}”.` };
  return { tone: 'bad', text: `Rollback aborted. ${run.handoverId} is “${run.handoverStatus}” and only partly rolled back.` };
}

function Outcomes({ label, outcomes, tone }: { label: string; outcomes: RollbackOutcome[]; tone: 'ok' | 'bad' }) {
  return (
    <section className={`rb-outcomes rb-outcomes-${tone}`} aria-label={label}>
      <h4>
        {label} ({outcomes.length})
      </h4>
      {outcomes.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {outcomes.map((o) => (
            <li key={`${o.regionId}/${o.package}`}>
              <strong>{o.regionId}</strong> <span className="mono">{o.package} {o.from} → {o.to ?? '(removed)'}</span>
              {o.why && <span className="rb-why"> — {o.why}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The failed step's way on: run it again, pass over it with a reason, or stop the rollback here. */
function StoppedActions({ run }: { run: RollbackRunView }) {
  const [skipping, setSkipping] = useState(false);
  const [reason, setReason] = useState('');
  const failed = run.regions.flatMap((r) => r.steps).find((s) => s.state === 'failed');
  const ref = { releaseId: run.releaseId, handoverId: run.handoverId };
  if (!failed) return null;
  return (
    <div className="rb-stopped-actions">
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => void send('retryRollback', { ...ref, stepId: failed.id })}>
          Retry {failed.regionId}: {failed.title}
        </button>
        <button type="button" onClick={() => setSkipping(!skipping)}>
          Skip…
        </button>
        <button type="button" className="danger" onClick={() => void send('abortRollback', ref)}>
          Abort the rollback
        </button>
      </div>
      {skipping && (
        <div className="rb-skip">
          <label className="rb-field">
            Why skip “{failed.title}” in {failed.regionId}? (at least 10 characters; goes to the audit log)
            <textarea aria-label="Reason for skipping" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="dialog-actions">
            <ActionButton className="danger" disabledReason={reason.trim().length < 10 ? 'Give a reason of at least 10 characters first: it is recorded with the skip' : null} onClick={() => void send('skipRollbackStep', { ...ref, stepId: failed.id, reason: reason.trim() })}>
              Skip this step
            </ActionButton>
          </div>
        </div>
      )}
    </div>
  );
}

/** While a run goes: Abort after the command now running, or stop that command now (StopRunningCommand). */
function RunningActions({ run }: { run: RollbackRunView }) {
  const ref = { releaseId: run.releaseId, handoverId: run.handoverId };
  const running = run.regions.flatMap((r) => r.steps).find((s) => s.state === 'running');
  if (run.stopping) return null;
  return (
    <div className="dialog-actions rb-running-actions">
      {!run.abortRequested && (
        <button type="button" className="danger" onClick={() => void send('abortRollback', ref)}>
          Abort after this command
        </button>
      )}
      {running && <StopRunningCommand argv={running.argv} regionId={running.regionId} onStop={() => void send('stopRollbackStep', { ...ref, stepId: running.id })} after="the rollback stops on this step, to retry, skip or abort." />}
    </div>
  );
}

/** A run as it goes: every region's steps with state and exit code; on a stop, what was and was not rolled back. */
export function RunProgress({ run }: { run: RollbackRunView }) {
  const head = headline(run);
  const zone = operatorZone();
  const body = useRef<HTMLDivElement>(null);
  return (
    <>
      <div className="rb-body" ref={body}>
        {/* While it runs, how far it got and its Abort and Stop stay in sight above the steps scrolled under them: at
            1024x720 watching S01's last steps scrolled both away. */}
        <div className={run.status === 'running' ? 'rb-pinned' : undefined}>
          <p className={`rb-headline rb-headline-${head.tone}`} role="status" aria-label="Rollback status">
            {head.text}
          </p>
          {run.status === 'running' && <RunningActions run={run} />}
        </div>
        <p className="muted">
          Started {dayAndClockWithZone(run.startedAt, zone)} by {run.startedBy.name} ({run.startedBy.role}) — {run.reason}
        </p>
        {(run.status === 'failed' || run.status === 'aborted') && (
          <div className="rb-outcome-pair">
            <Outcomes label="Rolled back" outcomes={run.rolledBack} tone="ok" />
            <Outcomes label="NOT rolled back" outcomes={run.notRolledBack} tone="bad" />
          </div>
        )}
        {run.status === 'failed' && <StoppedActions run={run} />}
        {run.status === 'done' && run.notRolledBack.length > 0 && <Outcomes label="NOT rolled back" outcomes={run.notRolledBack} tone="bad" />}
        {run.status !== 'running' && <RollbackRecords run={run} />}
        <ol className="rb-regions" aria-label="Rollback progress">
          {run.regions.map((region) => (
            <li key={region.regionId} className="rb-region" data-rollback-region={region.regionId}>
              <div className="rb-region-head">
                <span className="rb-region-id">{region.regionId}</span>
                <span className="tag">{region.environment}</span>
              </div>
              <ol className="rb-steps">
                {region.steps.map((step) => (
                  <RunStepRow key={step.id} step={step} label={stepStateLabel(run, step)} data="data-rollback-step" />
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </div>
      {/* At 1024x720 S01's steps were cut at the body's foot, under LON's, with nothing saying so. */}
      <StepsBelow body={body} changed={run} />
    </>
  );
}
