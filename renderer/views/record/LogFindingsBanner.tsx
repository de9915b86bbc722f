import { useState } from 'react';
import { send } from '../../api/actions';
import { useLogRecord } from './useLogRecord';
import { ActionButton } from '../ActionButton';

/**
 * One banner per thing the release log's start-up checks found, worded by main ("The release log was
 * changed at line 42 …"), and one Acknowledge button: until someone presses it, the console refuses every
 * change to the record. The acknowledgement is recorded in the log under the operator's name.
 */
export function LogFindingsBanner() {
  const record = useLogRecord();
  const [busy, setBusy] = useState(false);
  if (!record || record.findings.length === 0) return null;
  const acknowledge = async () => {
    setBusy(true);
    await send('acknowledgeLog', {});
    setBusy(false);
  };
  return (
    <section className="log-findings" aria-label="Release log findings">
      {record.findings.map((finding, i) => (
        <div key={`${finding.kind}-${finding.line ?? 'x'}-${i}`} role="alert" className="banner banner-error" data-kind={finding.kind}>
          {finding.message}
        </div>
      ))}
      {record.readOnly && (
        <div className="banner banner-warn read-only-notice">
          <span>
            The console is read-only: steps, approvals, QA ticks and rollbacks are refused until someone who has looked at the release log acknowledges what was found. The
            acknowledgement starts a new segment of the log and records these findings under your name.
          </span>
          <ActionButton disabledReason={busy ? 'Recording…' : null} onClick={() => void acknowledge()}>
            Acknowledge
          </ActionButton>
        </div>
      )}
    </section>
  );
}
