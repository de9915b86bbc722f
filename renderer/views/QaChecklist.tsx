import { useEffect, useId, useRef, useState } from 'react';
import type { QaItemView, StepView } from '../../shared/api';
import { send } from '../api/actions';
import { dayAndClockWithZone, operatorZone } from '../format/time';
import { reopenedByWords } from '../format/reopened';
import { useConsole } from '../store/store';
import { ActionButton } from './ActionButton';

/** The reasons main gives for refusing the buttons an item shows, each once, in one sentence; '' when none is refused. */
function refusalOf(item: QaItemView): string {
  const refused = item.refused ?? { pass: null, fail: null, open: null };
  const shown = [item.outcome !== 'pass' ? refused.pass : null, item.outcome !== 'fail' ? refused.fail : null, item.outcome !== 'open' ? refused.open : null];
  return [...new Set(shown.filter((r): r is string => r !== null))].join(' ');
}

/**
 * What the item's last tick did, in the line that names who and when. An item reopened after a failure read
 * "Ticked by", as if it had passed, under its Open badge.
 */
const TICKED_WORD: Record<QaItemView['outcome'], string> = { pass: 'Ticked', fail: 'Failed', open: 'Reopened' };

/** `common`: the refusal every item shares, said once above the list (and its id), so a row says only its own. */
function QaRow({ item, releaseId, common }: { item: QaItemView; releaseId: string; common: { text: string; id: string } | null }) {
  // The evidence of the next tick. What the last tick recorded is in the item's line above them; kept in the fields, a
  // failure's note ("calls drop after transfer") went with the Reopen and the Pass that followed, as their evidence.
  const [note, setNote] = useState('');
  const [link, setLink] = useState('');
  const ownId = useId();
  const refused = item.refused ?? { pass: null, fail: null, open: null };
  const reason = refusalOf(item);
  const saidAbove = common !== null && reason === common.text;
  const refusalId = saidAbove ? common.id : ownId;
  const row = useRef<HTMLLIElement>(null);
  /** What this row's last press sent, until its tick is recorded. */
  const pressed = useRef<{ note: string; link: string } | null>(null);
  // Once this row's tick is recorded its evidence is on record, and the fields empty (not what was typed since the
  // press). The pressed button goes then too (a passed item offers Fail and Reopen, not Pass), and the keyboard went
  // with it, to the page's top. It lands on the row, which names the item and shows its new badge, so Tab goes on
  // from there; not on the row's next button, which a second Enter would press.
  useEffect(() => {
    const sent = pressed.current;
    if (!sent) return;
    pressed.current = null;
    setNote((typed) => (typed === sent.note ? '' : typed));
    setLink((typed) => (typed === sent.link ? '' : typed));
    if (document.activeElement === null || document.activeElement === document.body) row.current?.focus();
  }, [item.outcome]);
  const tick = (outcome: 'pass' | 'fail' | 'open') => {
    pressed.current = { note, link };
    void send('tickQaItem', { releaseId, itemId: item.id, outcome, ...(note ? { note } : {}), ...(link ? { link } : {}) });
  };
  return (
    <li ref={row} tabIndex={-1} className={`qa-item qa-${item.outcome}`} data-qa={item.id} aria-label={item.title}>
      <div className="step-head">
        <span className={`badge badge-qa-${item.outcome}`}>{item.outcome === 'open' ? 'Open' : item.outcome === 'pass' ? 'Passed' : 'Failed'}</span>
        <span className="step-title">{item.title}</span>
        <span className="spacer" />
        <span className="muted">{item.source}</span>
      </div>
      {item.by && item.at !== null && (
        <div className="muted">
          {TICKED_WORD[item.outcome]} by {item.by.name} ({item.by.role}) at {dayAndClockWithZone(item.at, operatorZone())}
          {item.note && ` — ${item.note}`}
          {item.link && ` — ${item.link}`}
        </div>
      )}
      <div className="row">
        <input aria-label={`Note for ${item.title}`} placeholder="Note (evidence)" value={note} onChange={(e) => setNote(e.target.value)} />
        <input aria-label={`Link for ${item.title}`} placeholder="Link (Jira, Confluence, dashboard)" value={link} onChange={(e) => setLink(e.target.value)} />
        {/* Only the outcomes the item can move to; each disabled when main would refuse this operator, described by the refusal the row (or the list) shows. */}
        {item.outcome !== 'pass' && (
          <ActionButton className="primary" disabledReason={refused.pass} reasonOnScreen={refusalId} onClick={() => tick('pass')}>
            Pass
          </ActionButton>
        )}
        {item.outcome !== 'fail' && (
          <ActionButton className="danger" disabledReason={refused.fail} reasonOnScreen={refusalId} onClick={() => tick('fail')}>
            Fail
          </ActionButton>
        )}
        {item.outcome !== 'open' && (
          <ActionButton disabledReason={refused.open} reasonOnScreen={refusalId} onClick={() => tick('open')}>
            Reopen
          </ActionButton>
        )}
      </div>
      {reason !== '' && !saidAbove && (
        <div className="approval-refusal" id={refusalId}>
          {reason}
        </div>
      )}
    </li>
  );
}

/** Seed 000's "Testing Failure", in its words: who reopened the sign-off, when, which item and QA's note, and what it holds. */
function ReopenedSignOff({ step }: { step: StepView }) {
  if (!step.reopened) return null;
  return (
    <div className="qa-reopened" role="note" aria-label={`${step.title} reopened`}>
      <strong>Testing failure: sign-off “{step.title}” reopened</strong>
      <p>{reopenedByWords(step.reopened, operatorZone())}</p>
      <p className="muted">
        Inform the on-call engineer ASAP and provide the issue details in the ticket. The steps after it wait, and no handover is marked rolled out, until every item
        passes and {step.owner} signs it off again.
      </p>
    </div>
  );
}

/**
 * Every item of a sign-off passes and the sign-off is not done: it is pressed on the Checklist, not here. After a
 * reopening, QA passed the last item and this screen still said only that the steps after it wait.
 */
function SignOffPrompt({ step }: { step: StepView }) {
  const showScreen = useConsole((s) => s.showScreen);
  const open = () => {
    showScreen('checklist');
    requestAnimationFrame(() => document.querySelector(`[data-step="${CSS.escape(step.key)}"]`)?.scrollIntoView({ block: 'center' }));
  };
  return (
    <div className="qa-sign-off" role="note" aria-label={`Sign off ${step.title}`}>
      <p>
        Every item passes: {step.state === 'ready' ? <>sign “{step.title}” off on the Checklist with “Mark done” on its row ({step.owner}).</> : <>“{step.title}” is signed off on the Checklist; its row there says what it waits for.</>}
      </p>
      <button type="button" onClick={open}>
        Open the Checklist
      </button>
    </div>
  );
}

export function QaChecklist() {
  const view = useConsole((s) => s.view);
  const commonId = useId();
  if (!view) return null;
  // One reason under every item ("Only QA may pass, fail or reopen …" for a PE) is said once, above them.
  const reasons = new Set(view.qa.map(refusalOf));
  const [only] = reasons;
  const common = view.qa.length > 1 && reasons.size === 1 && only ? { text: only, id: commonId } : null;
  // QA looks here first: a sign-off this checklist fed, reopened by a failure after it, is said above the items.
  const reopened = view.gates.flatMap((g) => g.steps).filter((s) => s.reopened !== null);
  const passed = view.qa.filter((q) => q.outcome === 'pass').length;
  const toSignOff = view.gates
    .flatMap((g) => g.steps)
    .filter((step) => step.state !== 'done' && view.qa.some((q) => q.source === step.title) && view.qa.every((q) => q.source !== step.title || q.outcome === 'pass'));
  // A failed item must show in the count too: "1/11 passed" alone reads as ten still to do, not one that failed.
  const failed = view.qa.filter((q) => q.outcome === 'fail').length;
  return (
    <section className="qa" aria-label="QA checklist">
      <h2>
        Post-rollout QA — {passed}/{view.qa.length} passed{failed > 0 && <span className="bad"> · {failed} failed</span>}
      </h2>
      {reopened.map((signOff) => (
        <ReopenedSignOff key={signOff.key} step={signOff} />
      ))}
      {toSignOff.map((step) => (
        <SignOffPrompt key={step.key} step={step} />
      ))}
      {common && (
        <p className="approval-refusal" id={common.id}>
          {common.text}
        </p>
      )}
      <ul className="qa-list">
        {view.qa.map((item) => (
          <QaRow key={item.id} item={item} releaseId={view.release.id} common={common} />
        ))}
      </ul>
    </section>
  );
}
