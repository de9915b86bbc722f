import { copyText } from '../../api/files';
import { useConsole } from '../../store/store';
import { headForCopy, useLogRecord } from './useLogRecord';

/** The short hash people compare by eye; the full one is in the copied text and the tooltip. */
const SHORT_HASH_CHARS = 12;

/** The "Record" panel: the release log's head (seq + short hash) with a Copy button, for the CR and exports. */
export function RecordPanel() {
  const record = useLogRecord();
  const toast = useConsole((s) => s.toast);
  if (!record) return null;
  return (
    <section className="record-panel" aria-label="Record">
      <h3>Record</h3>
      <div className="row">
        <span>Release log head</span>
        <span className="mono" data-testid="log-head" title={record.head.hash}>
          seq {record.head.seq} · {record.head.hash.slice(0, SHORT_HASH_CHARS)}
        </span>
        {record.readOnly ? <span className="tag tag-bad">Read-only until acknowledged</span> : <span className="tag tag-ok">Checked at start · no open findings</span>}
        <span className="spacer" />
        <button type="button" onClick={() => void copyText(headForCopy(record), toast, "the release log's head")}>
          Copy
        </button>
      </div>
      {record.sharedLog && (
        <div className="row store-traffic" data-testid="store-traffic">
          <span>{record.sharedLog.line}</span>
          {record.sharedLog.traffic && (
            <span className="muted" title={`Since this console started: ${record.sharedLog.traffic.reads} reads, ${record.sharedLog.traffic.writes} writes (tail polls, region leases, presence)`}>
              · This desk: {record.sharedLog.traffic.readsLastMinute} reads/min · {record.sharedLog.traffic.writesLastMinute} writes/min
            </span>
          )}
        </div>
      )}
      <p className="muted record-file">{record.file}</p>
    </section>
  );
}
