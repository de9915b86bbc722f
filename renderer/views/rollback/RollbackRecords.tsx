import type { RollbackRunView } from '../../../shared/api';
import { send } from '../../api/actions';
import { useConsole } from '../../store/store';
import { copyText, downloadFile } from '../../api/files';

/** What the on-call engineer hands on: seed 002's incident timeline and seed 001's channel post. */
export function RollbackRecords({ run }: { run: RollbackRunView }) {
  const toast = useConsole((s) => s.toast);
  const ref = { releaseId: run.releaseId, handoverId: run.handoverId };
  async function incidentFile() {
    return send('getIncident', ref);
  }
  return (
    <div className="rb-records">
      <section aria-label="Incident timeline">
        <div className="rb-record-head">
          <h4>Incident timeline</h4>
          <button type="button" onClick={async () => { const file = await incidentFile(); if (file) await copyText(file.content, toast, `${run.handoverId}'s incident timeline`); }}>
            Copy
          </button>
          <button type="button" onClick={async () => { const file = await incidentFile(); if (file) downloadFile(file); }}>
            Download .md
          </button>
        </div>
        {/* Focusable, so a keyboard user can scroll a long timeline (axe: scrollable-region-focusable). */}
        <pre className="rb-pre" tabIndex={0}>
          {run.incident}
        </pre>
      </section>
      <section aria-label="Rollback announcement">
        <div className="rb-record-head">
          <h4>Announcement</h4>
          <button type="button" onClick={() => void copyText(run.announcement, toast, `${run.handoverId}'s rollback announcement`)}>
            Copy announcement
          </button>
        </div>
        <pre className="rb-pre" tabIndex={0}>
          {run.announcement}
        </pre>
      </section>
    </div>
  );
}
