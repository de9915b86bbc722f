import { useState } from 'react';
import type { Session } from '../../shared/api';
import { send } from '../api/actions';
import { dayAndClockWithZone, operatorZone } from '../format/time';
import { useConsole } from '../store/store';
import { ActionButton } from './ActionButton';
import { useLogRecord } from './record/useLogRecord';
import { rehearsalBannerClockWords } from './rehearsal-words';

/** Reopens the demo with the other clock, then reloads onto the reopened console (main swaps it behind the same URL). */
async function switchDemoClock(mode: Session['clockMode']): Promise<boolean> {
  const switched = await send('switchDemoClock', { mode });
  if (switched) window.location.reload();
  return switched !== null;
}

/** Archives this rehearsal's run (kept, renamed with the time) and reloads onto a new run from its start. */
async function startRehearsalOver(): Promise<boolean> {
  const started = await send('startRehearsalOver', {});
  if (started) window.location.reload();
  return started !== null;
}

/** "Start over", asked twice: the run so far is archived, not lost, but its clock and steps go back to the start. */
function StartOver({ start }: { start: number }) {
  const [asking, setAsking] = useState(false);
  const [starting, setStarting] = useState(false);
  const go = () => {
    setStarting(true);
    void startRehearsalOver().then((ok) => ok || setStarting(false));
  };
  return asking ? (
        <span className="clock-banner-confirm" role="group" aria-label="Start the rehearsal over">
          <span>Archive this run and start again at {dayAndClockWithZone(start, operatorZone())}?</span>
          <ActionButton disabledReason={starting ? 'Starting over…' : null} onClick={go}>
            {starting ? 'Starting over…' : 'Archive and start over'}
          </ActionButton>
          <ActionButton disabledReason={starting ? 'Starting over…' : null} onClick={() => setAsking(false)}>
            Cancel
          </ActionButton>
        </span>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          Start over…
        </button>
      );
}

/** Where this rehearsal is kept, and the runs "Start over" archived beside it: kept, never deleted. */
function ArchivedRuns({ rehearsal }: { rehearsal: NonNullable<Session['rehearsal']> }) {
  const { archived } = rehearsal;
  if (archived.length === 0) return null;
  const earlier = archived.length === 1 ? '1 earlier run archived' : `${archived.length} earlier runs archived`;
  return (
    <details className="clock-banner-archives">
      <summary>{earlier}</summary>
      <p>
        Kept beside this run in <span className="mono">{rehearsal.folder.replace(/[^/\\]+$/, '')}</span>
      </p>
      <ul aria-label="Archived runs of this rehearsal">
        {archived.map((run) => (
          <li key={run.name}>
            Archived {dayAndClockWithZone(run.archivedAt, operatorZone())}: <span className="mono">{run.name}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Says, above every screen, which clock rules are judged against: a rehearsal must never be mistaken for
 * production, and the demo's live mode is one click from its rehearsal and back.
 */
export function RehearsalBanner() {
  const session = useConsole((s) => s.session);
  const [switching, setSwitching] = useState(false);
  // Desks on one shared log share the rehearsal's clock: another desk's "+1 min" moves this one's too.
  const onSharedLog = useLogRecord()?.sharedLog != null;
  if (!session) return null;
  const go = (mode: Session['clockMode']) => {
    setSwitching(true);
    void switchDemoClock(mode).then((ok) => ok || setSwitching(false));
  };
  if (session.clockMode === 'simulated') {
    return (
      <section className="clock-banner clock-banner-rehearsal" aria-label="Rehearsal">
        <strong>Rehearsal — simulated clock</strong>
        {/* The time itself is the status bar's, beside the buttons that move it: said here too, it was the same time twice on screen. */}
        <span>
          {rehearsalBannerClockWords(onSharedLog)}{' '}
          A rehearsal&apos;s state and evidence are kept apart from live releases.
        </span>
        <span className="clock-banner-actions">
          {session.rehearsal?.canStartOver && <StartOver start={session.rehearsal.start} />}
          {session.canSwitchDemoClock && (
            <ActionButton disabledReason={switching ? 'Reopening the demo…' : null} onClick={() => go('system')}>
              {switching ? 'Opening live…' : 'Open the demo live'}
            </ActionButton>
          )}
        </span>
        {session.rehearsal && <ArchivedRuns rehearsal={session.rehearsal} />}
      </section>
    );
  }
  if (!session.canSwitchDemoClock) return null;
  return (
    <section className="clock-banner" aria-label="Live demo">
      <strong>Demo on the live clock</strong>
      <span>Windows open and close with the real time; the demo&apos;s rollout day may be far away.</span>
      <ActionButton disabledReason={switching ? 'Reopening the demo…' : null} onClick={() => go('simulated')}>
        {switching ? 'Opening the rehearsal…' : 'Rehearse the coming rollout'}
      </ActionButton>
    </section>
  );
}
