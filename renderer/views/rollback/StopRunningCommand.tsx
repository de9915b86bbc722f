import { useState } from 'react';
import { ArgvWords } from '../ArgvWords';
import { stopCommandSignals } from '../stop-words';

/**
 * "Stop this command now…" for the command a rollback or a back-out waits on. Abort (a rollback's) lets that
 * command finish, since a half-run rollback leaves a region worse off than either version; a command that
 * hangs (a tool stuck on a lock) would otherwise hold the run until its timeout. So it is stopped on purpose,
 * on a second click that says what it risks. Who may, and only once, is the engine's (decideRollback.ts,
 * decideBackOut.ts): a refusal comes back as the call's error.
 */
export function StopRunningCommand({ argv, regionId, onStop, after }: { argv: readonly string[]; regionId: string; onStop: () => void; after: string }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" aria-expanded={confirming} onClick={() => setConfirming(!confirming)}>
        Stop this command now…
      </button>
      {confirming && (
        <div className="rb-stop-confirm" role="group" aria-label="Stop the running command">
          <p>
            <code className="rb-argv"><ArgvWords argv={argv} /></code> {stopCommandSignals()} {regionId} may be left part rolled back; {after}
          </p>
          <div className="dialog-actions">
            <button type="button" className="danger" onClick={onStop}>
              Stop it in {regionId}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
