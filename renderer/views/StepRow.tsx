import { Fragment, useId, useState } from 'react';
import type { StepView } from '../../shared/api';
import { send } from '../api/actions';
import { dayAndClockWithZone, dayInZones, inZones, operatorZone, relative } from '../format/time';
import { stopperWords, countOf } from '../../shared/words';
import { reopenedByWords } from '../format/reopened';
import { reasonsWords } from '../format/refusal';
import { useConsole } from '../store/store';
import { OverrideDialog } from './OverrideDialog';
import { ActionButton } from './ActionButton';
import { StateBadge } from './StateBadge';
import { stepEndedWords, stepStoppingNote, stopButtonTitle } from './stop-words';
import { useNow, useWallNow } from './use-now';
import { useKeptFocus } from './use-kept-focus';
import { ArgvWords } from './ArgvWords';

/** A step's command lines as a shell reads them back, each broken only between its arguments (ArgvWords). */
function CommandLines({ commands }: { commands: readonly (readonly string[])[] }) {
  return (
    <pre className="step-commands">
      {commands.map((argv, line) => (
        <Fragment key={line}>
          {line > 0 && '\n'}
          <ArgvWords argv={argv} />
        </Fragment>
      ))}
    </pre>
  );
}

function stepRef(releaseId: string, step: StepView) {
  return { releaseId, stepId: step.stepId, regionId: step.regionId };
}

export function StepRow({ step, regionZone }: { step: StepView; regionZone: string | null }) {
  const releaseId = useConsole((s) => s.view?.release.id ?? '');
  const operator = useConsole((s) => s.view?.operator);
  const now = useNow();
  const [overriding, setOverriding] = useState(false);
  // Sentences name a step by its title: "not by whoever did “PE writes Production CR instructions”".
  const notByTitle = useConsole((s) => (step.approvals?.notBy ? s.view?.gates.flatMap((g) => g.steps).find((other) => other.stepId === step.approvals?.notBy)?.title : undefined));
  const refusalId = useId();
  const blockedId = useId();
  const failureId = useId();
  const stoppingId = useId();
  const openRollback = useConsole((s) => s.openRollback);
  const showScreen = useConsole((s) => s.showScreen);
  // main's answer to "Roll back" for each handover, worked out once per change: the one its dialog shows.
  const handovers = useConsole((s) => s.view?.handovers);
  const rollbacks = (step.failure?.actions ?? []).map((action) => ({ ...action, refusal: handovers?.find((h) => h.id === action.handoverId)?.rollbackRefusal ?? null }));
  const ref = stepRef(releaseId, step);
  const keptFocus = useKeptFocus<HTMLLIElement>();
  const startable = step.state === 'ready' || step.state === 'failed';
  const startLabel = step.state === 'failed' ? 'Retry' : step.kind === 'command' ? 'Run' : step.kind === 'baseline' ? 'Capture baseline' : step.kind === 'metricGate' ? 'Start watching' : 'Start';
  const hasDoneNote = step.state === 'done' && step.doneNote !== null;
  // A blocked step's buttons are the only refused ones, and the row lists their reasons and when it opens: the
  // buttons are described by those lines, not given a hover title that says them again.
  // The instants they name read in this desk's zone, as every recorded time on the row does.
  const reasons = reasonsWords(step, operatorZone());
  const blockedReason = reasons.length > 0 ? reasons.join(' ') : 'Blocked';
  const blockedOnScreen = step.reasons.length > 0 ? `${blockedId}-reasons ${blockedId}-opens` : undefined;

  return (
    <li
      className={`step step-${step.state}`}
      data-step={step.key}
      aria-label={`${step.title}${step.regionId ? ' ' + step.regionId : ''}`}
      // Focusable from script only: where focus goes when the action pressed in it is gone (Run → done).
      tabIndex={-1}
      ref={keptFocus.ref}
      onFocus={keptFocus.onFocus}
      onBlur={keptFocus.onBlur}
    >
      <div className="step-head">
        <StateBadge state={step.state} />
        <span className="step-title">{step.title}</span>
        {step.regionId && <span className="tag">{step.regionId}</span>}
        {step.override && <span className="tag tag-override" title={step.override.reason}>OVERRIDE</span>}
        {step.reopened && <span className="tag tag-warn">Reopened</span>}
        <span className="spacer" />
        <span className="muted step-owner">{step.owner}</span>
      </div>
      {/* Seed 000's "Testing Failure": a failure found after the sign-off reopened it; who, when and which item, from the record. */}
      {step.reopened && (
        <p className="step-reopened" role="note">
          {reopenedByWords(step.reopened, operatorZone())}
        </p>
      )}
      {/* Its record stays as it was; the row says the sign-off it followed no longer holds. */}
      {step.doneBeforeReopen && (
        <p className="step-reopened" role="note">
          Done before “{step.doneBeforeReopen.signOff}” was reopened at {dayAndClockWithZone(step.doneBeforeReopen.at, operatorZone())}: its sign-off no longer holds.
        </p>
      )}
      {/* Every blocked step's reasons read the same way, whatever holds it: one that only waits for earlier
          steps keeps its row short (no commands, no refused buttons), not its reasons in other words. */}
      {step.state === 'blocked' && (
        <div className="step-blocked" role="note">
          <ul className="reasons" id={`${blockedId}-reasons`}>
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <div className="opens" id={`${blockedId}-opens`}>
            {step.opensAt !== null ? (
              <>
                Opens at {inZones(step.opensAt, [step.ruleZone, regionZone, operatorZone()])}{' '}
                <strong className="countdown">{relative(step.opensAt, now)}</strong>
              </>
            ) : step.windowOpensAt !== null ? (
              <>
                Its window opens at {inZones(step.windowOpensAt, [step.ruleZone, regionZone, operatorZone()])}{' '}
                <strong className="countdown">{relative(step.windowOpensAt, now)}</strong>; the steps it waits for must be done too.
              </>
            ) : step.waitsOnlyForSteps ? (
              <>Opens once those steps are done.</>
            ) : step.waitsForAction ? (
              <>Opens once the reasons above are cleared.</>
            ) : step.nextOpensAt !== null ? (
              <>
                Not today: next opens {dayInZones(step.nextOpensAt, [step.ruleZone, regionZone, operatorZone()]).join(' · ')}{' '}
                <strong className="countdown">{relative(step.nextOpensAt, now)}</strong>
              </>
            ) : (
              <>Will not open today.</>
            )}
          </div>
        </div>
      )}
      {step.state === 'failed' && step.reasons.length > 0 && (
        <ul className="reasons reasons-failed">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {/* Seed 000: a failed deploy is not only retried; the handover it deploys is rolled back whole. */}
      {step.failure && (
        <p className="step-failure-rule" id={failureId}>
          {step.failure.rule}
        </p>
      )}
      {/* A rollback main would refuse (the deploy failed before it ran anywhere) is not offered: its reason says what is done instead. */}
      {rollbacks
        .filter((r) => r.refusal !== null)
        .map((r) => (
          <p key={r.handoverId} className="step-failure-refusal" role="note">
            {r.refusal}
          </p>
        ))}
      {/* A rehearsal's withheld commands say so in place of the command lines they repeat. */}
      {hasDoneNote ? (
        <p className="step-done-note">{step.doneNote}</p>
      ) : (
        step.commands.length > 0 && !step.waitsOnlyForSteps && <CommandLines commands={step.commands} />
      )}
      {step.checklist.length > 0 && !step.waitsOnlyForSteps && (
        <ul className="step-checklist">
          {step.checklist.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
      {step.gate && (
        <div className="metric-gate" role="progressbar" aria-label="Healthy minutes" aria-valuenow={step.gate.healthyMinutes} aria-valuemax={step.gate.requiredMinutes}>
          <div className="metric-gate-bar" style={{ width: `${Math.min(100, (100 * step.gate.healthyMinutes) / step.gate.requiredMinutes)}%` }} />
          <span>
            Healthy for {Math.floor(step.gate.healthyMinutes)} of {countOf(step.gate.requiredMinutes, 'minute')} — {step.gate.detail}
          </span>
        </div>
      )}
      {step.approvals && (
        <div className="approvals">
          Approvals: {step.approvals.given.length === 0 ? 'none yet' : step.approvals.given.map((a) => `${a.name} (${a.role})`).join(', ')}
          {' · '}needs {step.approvals.required.map((r) => `${r.count} × ${r.role}`).join(', ')}
          {step.approvals.notBy && <span className="muted"> · not by whoever did “{notByTitle ?? step.approvals.notBy}”</span>}
          {step.state === 'ready' && step.approvals.refusal && (
            <div className="approval-refusal" id={refusalId}>
              {step.approvals.refusal}
            </div>
          )}
        </div>
      )}
      {step.baseline && (
        <div className={`step-baseline${step.baseline.stale ? ' step-baseline-stale' : ''}`} role={step.baseline.stale ? 'alert' : undefined}>
          {step.baseline.stale && <span className="badge badge-stale">Stale</span>}
          Baseline taken {dayAndClockWithZone(step.baseline.takenAt, operatorZone())}, {step.baseline.age} ago
          {step.baseline.limitMinutes !== null && (step.baseline.stale ? ` — older than ${step.baseline.limitMinutes} minutes: deploys wait for a fresh one.` : ` (fresh for ${step.baseline.limitMinutes} minutes)`)}
          <button type="button" className={step.baseline.stale ? 'primary' : undefined} onClick={() => void send('retakeBaseline', ref)}>
            Retake baseline
          </button>
        </div>
      )}
      {step.doneBy && step.doneAt !== null && (
        <div className="muted step-done-by">
          {stepEndedWords({
            state: step.state,
            doneBy: step.doneBy,
            at: dayAndClockWithZone(step.doneAt, operatorZone()),
            exitCode: step.exitCode,
            stopped: step.stopping ? { by: { name: step.stopping.by, role: step.stopping.role }, at: dayAndClockWithZone(step.stopping.at, operatorZone()) } : null,
          })}
        </div>
      )}
      {step.state === 'running' && step.stopping && (
        <p className="step-stopping" role="status" id={stoppingId}>
          {stepStoppingNote({ name: step.stopping.by, role: step.stopping.role }, dayAndClockWithZone(step.stopping.at, operatorZone()))}
        </p>
      )}
      <div className="step-actions" hidden={step.waitsOnlyForSteps}>
        {rollbacks.map((action) =>
          action.refusal === null ? (
            <button key={action.handoverId} type="button" className="danger" aria-describedby={failureId} onClick={() => openRollback({ releaseId, handoverId: action.handoverId })}>
              {action.label}
            </button>
          ) : (
            <button key={action.handoverId} type="button" onClick={() => openOnBoard(showScreen, action.handoverId)}>
              Open {action.handoverId} on the board
            </button>
          ),
        )}
        {step.kind === 'approval' && step.state !== 'done' ? (
          <ActionButton
            // Main's own verdict on this operator's approval: the button never offers what main would refuse.
            disabledReason={step.state === 'blocked' ? blockedReason : step.state === 'ready' ? (step.approvals?.refusal ?? null) : null}
            reasonOnScreen={step.state === 'blocked' ? blockedOnScreen : refusalId}
            onClick={() => void send('approveStep', ref)}
          >
            Approve as {operator?.name}
          </ActionButton>
        ) : step.kind === 'manual' && step.state !== 'done' ? (
          <>
            <ActionButton className="primary" disabledReason={startable || step.state === 'running' ? null : blockedReason} reasonOnScreen={blockedOnScreen} onClick={() => void send('completeStep', { ...ref, outcome: 'done' })}>
              Mark done
            </ActionButton>
            <ActionButton disabledReason={startable || step.state === 'running' ? null : blockedReason} reasonOnScreen={blockedOnScreen} onClick={() => void send('completeStep', { ...ref, outcome: 'failed' })}>
              Mark failed
            </ActionButton>
          </>
        ) : step.kind === 'command' && step.state === 'running' ? (
          <>
            <RunningFor since={step.runningSince ?? step.startedAt} />
            {/* Once asked, the stop runs its course (SIGINT, SIGTERM, SIGKILL): a second press would only start it again. */}
            {step.stopping ? (
              <ActionButton className="danger" disabledReason={`Stopping: asked by ${stopperWords(step.stopping)}`} reasonOnScreen={stoppingId} onClick={() => undefined}>
                Stopping…
              </ActionButton>
            ) : (
              <button type="button" className="danger" title={stopButtonTitle()} onClick={() => void send('stopStep', ref)}>
                Stop
              </button>
            )}
          </>
        ) : (
          step.state !== 'done' &&
          step.state !== 'running' &&
          // A soak ends by itself when its time has passed (decideStep refuses to start one): no button to press.
          step.kind !== 'soak' && (
            <ActionButton className={step.failure?.actions.length ? undefined : 'primary'} disabledReason={startable ? null : blockedReason} reasonOnScreen={blockedOnScreen} onClick={() => void send('startStep', ref)}>
              {startLabel}
            </ActionButton>
          )
        )}
        {step.state === 'blocked' && step.canOverride && (
          <>
            <button type="button" onClick={() => void send('approveOverride', ref)}>
              Approve override as {operator?.name}
            </button>
            <button type="button" className="danger" onClick={() => setOverriding(true)}>
              Override…
            </button>
          </>
        )}
      </div>
      {step.state === 'blocked' && step.overrideApprovals.length > 0 && (
        <div className="muted step-override-approvals">Override approved by {step.overrideApprovals.map((a) => `${a.name} (${a.role})`).join(', ')}</div>
      )}
      {overriding && <OverrideDialog step={step} releaseId={releaseId} onClose={() => setOverriding(false)} />}
    </li>
  );
}

/**
 * The board, scrolled to the handover's card and focus on it: where its failure is recorded by its moves. A card
 * taller than the screen is scrolled to its foot, its moves and their reasons: at 1024x720 HO-1234's top was
 * brought to the top and its "Move to …" buttons stayed below the fold. Its head (which handover, its status) stays
 * at the screen's top as it scrolls (sticky in styles.css), so the two are read together.
 */
function openOnBoard(showScreen: (screen: 'board') => void, handoverId: string) {
  showScreen('board');
  requestAnimationFrame(() => {
    const card = document.querySelector<HTMLElement>(`[data-handover="${CSS.escape(handoverId)}"]`);
    if (!card) return;
    const screenHeight = card.closest('.app-main')?.clientHeight ?? window.innerHeight;
    card.scrollIntoView({ block: card.offsetHeight <= screenHeight ? 'start' : 'end' });
    card.focus({ preventScroll: true });
  });
}

/** A running command's stopwatch on the wall clock, the one its time limit runs on: it ticks in a rehearsal too. */
function RunningFor({ since }: { since: number | null }) {
  const now = useWallNow();
  return (
    <span className="step-elapsed" role="timer" aria-label="Running for">
      Running · {elapsed(since, now)}
    </span>
  );
}

/** A running step's elapsed time as a stopwatch reads: 0:42, 12:05, 1:02:09. */
function elapsed(startedAt: number | null, now: number): string {
  const seconds = Math.max(0, Math.floor((now - (startedAt ?? now)) / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
