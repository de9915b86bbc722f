import { useState } from 'react';
import type { Session } from '../../shared/api';
import { send } from '../api/actions';
import { dayAndClockIn } from '../format/time';
import { useConsole } from '../store/store';
import { useNow } from './use-now';

/** Reopens the demo with the other clock, then reloads onto the reopened console (main swaps it behind the same URL). */
async function switchDemoClock(mode: Session['clockMode']): Promise<boolean> {
  const switched = await send('switchDemoClock', { mode });
  if (switched) window.location.reload();
  return switched !== null;
}

/**
 * Says, above every screen, which clock rules are judged against: a rehearsal must never be mistaken for
 * production, and the demo's live mode is one click from its rehearsal and back.
 */
export function RehearsalBanner() {
  const session = useConsole((s) => s.session);
  const now = useNow();
  const [switching, setSwitching] = useState(false);
  if (!session) return null;
  const go = (mode: Session['clockMode']) => {
    setSwitching(true);
    void switchDemoClock(mode).then((ok) => ok || setSwitching(false));
  };
  if (session.clockMode === 'simulated') {
    return (
      <section className="clock-banner clock-banner-rehearsal" aria-label="Rehearsal">
        <strong>Rehearsal — simulated clock</strong>
        <span>
          It is <span className="mono">{dayAndClockIn(now, 'Europe/London')}</span> London in this rehearsal. The clock moves only when you press +1 min, +15 min or +1 h; its state and evidence
          are kept apart from live releases.
        </span>
        {session.canSwitchDemoClock && (
          <button type="button" disabled={switching} onClick={() => go('system')}>
            {switching ? 'Opening live…' : 'Open the demo live'}
          </button>
        )}
      </section>
    );
  }
  if (!session.canSwitchDemoClock) return null;
  return (
    <section className="clock-banner" aria-label="Live demo">
      <strong>Demo on the live clock</strong>
      <span>Windows open and close with the real time; the demo&apos;s rollout day may be far away.</span>
      <button type="button" disabled={switching} onClick={() => go('simulated')}>
        {switching ? 'Opening the rehearsal…' : 'Rehearse the coming rollout'}
      </button>
    </section>
  );
}
