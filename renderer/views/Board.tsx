import { useId, useState } from 'react';
import type { HandoverView } from '../../shared/api';
import { send } from '../api/actions';
import { wordsWithInstants } from '../format/refusal';
import { operatorZone } from '../format/time';
import { stepsDone } from '../../shared/words';
import { useConsole } from '../store/store';
import { ActionButton } from './ActionButton';
import { GateDeadline } from './Checklist';
import { FreezeCalendars } from './FreezeCalendars';
import { LinkedText } from './LinkedText';
import { ReleaseCalendar } from './calendar/ReleaseCalendar';

function HandoverCard({ handover, releaseId }: { handover: HandoverView; releaseId: string }) {
  const openRollback = useConsole((s) => s.openRollback);
  // main's view says it, worked out once per change from the plan `decide` refuses a start on.
  const rollbackRefusal = handover.rollbackRefusal;
  const rollbackRefusalId = `${useId()}-rollback-refused`;
  // A move refused for the very reason "Roll back" is (seed 000's production rollback of a handover deployed nowhere) is said once, naming both.
  const refusedAsRollBack = new Set(handover.refusedMoves.filter((m) => rollbackRefusal !== null && m.reason === rollbackRefusal).map((m) => m.to));
  // A move the completed gate held the handover for is refused in the held line's own words ("… completed, but HO-1234
  // cannot move to …"): said once, in the held line, which the refused move's button is described by. The card read
  // the reopened sign-off's sentence twice, in the held line and again under "Move to “Rollout Complete”".
  const heldId = `${useId()}-held`;
  const held = handover.held ? wordsWithInstants(handover.held, handover.heldInstants, operatorZone()) : null;
  const saidInHeld = new Set(handover.refusedMoves.filter((m) => held !== null && !refusedAsRollBack.has(m.to) && held.includes(wordsWithInstants(m.reason, m.instants, operatorZone()))).map((m) => m.to));
  return (
    // Focusable from script only: a failed deploy's step card opens the board on it.
    <article className="handover" aria-label={handover.id} data-handover={handover.id} tabIndex={-1}>
      <header className="handover-head">
        {/* Its own box: the head (sticky, styles.css) is the container that knows when it is stuck, and styles only what it holds. */}
        <div className="handover-head-row">
          <span className="mono handover-id">{handover.id}</span>
          <span className="handover-title">{handover.title}</span>
          <span className="spacer" />
          <span className="tag tag-status">{handover.status}</span>
          {/* Offered as main would decide it: refused, it is described by the reason standing at the card's foot. */}
          <ActionButton className="danger" disabledReason={rollbackRefusal} reasonOnScreen={rollbackRefusalId} onClick={() => openRollback({ releaseId, handoverId: handover.id })}>
            Roll back
          </ActionButton>
        </div>
      </header>
      <table className="package-table">
        <thead>
          <tr>
            <th>Package</th>
            <th>Current</th>
            <th>New</th>
            <th>Diff</th>
            <th>New?</th>
          </tr>
        </thead>
        <tbody>
          {handover.packages.map((p) => (
            <tr key={p.name}>
              <td className="mono">{p.name}</td>
              <td className="mono">{p.currentVersion ?? '—'}</td>
              <td className="mono">{p.newVersion ?? <span className="bad">missing</span>}</td>
              <td className="package-diff">{p.diffUrl ? <span className="mono muted"><LinkedText text={p.diffUrl} tickets={handover.tickets} /></span> : '—'}</td>
              <td>{p.isNew ? 'new' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {handover.tickets.length > 0 && (
        <p className="muted">
          Tickets: <LinkedText text={handover.tickets.join(', ')} tickets={handover.tickets} />
        </p>
      )}
      {(['pre', 'post', 'sql'] as const).map((kind) =>
        handover.instructions[kind].length > 0 ? (
          <div key={kind} className="instructions">
            <h4>{kind === 'sql' ? 'SQL' : kind === 'pre' ? 'Pre-deployment' : 'Post-deployment'}</h4>
            <ul>
              {handover.instructions[kind].map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
      <div className="instructions">
        <h4>Rollback</h4>
        {handover.rollback.length > 0 ? (
          <ol>
            {handover.rollback.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        ) : (
          <p className="muted">No rollback instructions.</p>
        )}
      </div>
      <div className={`review ${handover.reviewFailures.length ? 'review-failed' : 'review-passed'}`}>
        <h4>PE review</h4>
        {handover.reviewFailures.length === 0 ? (
          <p>Nothing missing: every package has its versions, is on QA and has a runbook; new ones have rollback instructions.</p>
        ) : (
          <ul>
            {handover.reviewFailures.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </div>
      {handover.nextStatuses.length + handover.refusedMoves.length > 0 && (
        <div className="step-actions">
          {handover.nextStatuses.map((to) => (
            <button type="button" key={to} onClick={() => void send('transitionHandover', { releaseId, handoverId: handover.id, to })}>
              Move to “{to}”
            </button>
          ))}
          {/* A move main would refuse this operator stays in sight, disabled with main's reason (said below it too). */}
          {handover.refusedMoves.map(({ to, reason, instants }) => (
            <ActionButton key={to} disabledReason={wordsWithInstants(reason, instants, operatorZone())} reasonOnScreen={refusedAsRollBack.has(to) ? rollbackRefusalId : saidInHeld.has(to) ? heldId : undefined}>
              Move to “{to}”
            </ActionButton>
          ))}
        </div>
      )}
      {/* Under the moves, as every refused move's reason is: it stood above the PE review, apart from the disabled "Move to …" it describes. */}
      {held && (
        <p className="held-note" role="note" aria-label={`Why ${handover.id} did not move`}>
          {/* Its own element: a button described by the note would read the note's label, not its words. */}
          <span id={heldId}>{held}</span>
        </p>
      )}
      {handover.refusedMoves
        .filter(({ to }) => !refusedAsRollBack.has(to) && !saidInHeld.has(to))
        .map(({ to, reason, instants }) => (
          <p key={to} className="approval-refusal">
            {wordsWithInstants(reason, instants, operatorZone())}
          </p>
        ))}
      {rollbackRefusal && (
        <p id={rollbackRefusalId} className="approval-refusal">
          Roll back{[...refusedAsRollBack].map((to) => `, move to “${to}”`).join('')}: {rollbackRefusal}
        </p>
      )}
    </article>
  );
}

export function Board() {
  const view = useConsole((s) => s.view);
  // Issue 19: the coming two weeks' windows and freezes, a view of the board rather than a screen of its own.
  const [showCalendar, setShowCalendar] = useState(false);
  if (!view) return null;
  return (
    <div className="board">
      <div className="board-toolbar">
        <button type="button" aria-pressed={showCalendar} className={showCalendar ? 'selected' : ''} onClick={() => setShowCalendar((shown) => !shown)}>
          Calendar
        </button>
      </div>
      {showCalendar && <ReleaseCalendar />}
      <section aria-label="Releases">
        <h2>Releases</h2>
        <ul className="release-list">
          {view.releases.map((r) => (
            <li key={r.id}>
              <button type="button" className={r.id === view.release.id ? 'selected' : ''} onClick={() => void send('selectRelease', { releaseId: r.id })}>
                <span>{r.title}</span> <span className="tag">{r.typeTitle}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Gates">
        <h2>Gates — {view.release.title}</h2>
        <ol className="gate-list">
          {view.gates.map((gate) => {
            const done = gate.steps.filter((s) => s.state === 'done').length;
            return (
              <li key={gate.id} className={gate.missed ? 'missed' : ''}>
                <span className="gate-title">{gate.title}</span>
                <span className="muted">
                  {stepsDone(done, gate.steps.length)}
                </span>
                <GateDeadline gate={gate} />
              </li>
            );
          })}
        </ol>
      </section>
      <FreezeCalendars />
      <section aria-label="Handovers">
        <h2>Handovers</h2>
        {view.handovers.map((h) => (
          <HandoverCard key={h.id} handover={h} releaseId={view.release.id} />
        ))}
      </section>
    </div>
  );
}
