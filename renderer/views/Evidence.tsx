import { useState } from 'react';
import { send } from '../api/actions';
import { copyText, downloadFile, type ExportedFile } from '../api/files';
import { useConsole } from '../store/store';
import { RecordPanel } from './record/RecordPanel';

const EXPORTS = [
  { format: 'cr-markdown', label: 'CR evidence (Markdown)' },
  { format: 'deployment-log', label: 'Deployment log entry (JSON)' },
  { format: 'announcement-start', label: 'Announcement: deployment starting' },
  { format: 'announcement-complete', label: 'Announcement: deployment complete' },
  { format: 'announcement-rollback', label: 'Announcement: rollback initiated' },
] as const;

export function Evidence() {
  const releaseId = useConsole((s) => s.view?.release.id);
  const toast = useConsole((s) => s.toast);
  const [exported, setExported] = useState<ExportedFile | null>(null);
  if (!releaseId) return null;

  return (
    <section className="evidence" aria-label="Evidence and exports">
      <h2>Evidence and exports</h2>
      <RecordPanel />
      <div className="row">
        {EXPORTS.map((e) => (
          <button type="button" key={e.format} onClick={async () => setExported(await send('exportEvidence', { releaseId, format: e.format }))}>
            {e.label}
          </button>
        ))}
      </div>
      {exported && (
        <div className="export">
          <div className="row">
            <span className="mono">{exported.filename}</span>
            <span className="spacer" />
            <button type="button" onClick={() => void copyText(exported.content, toast)}>
              Copy
            </button>
            <button type="button" onClick={() => downloadFile(exported)}>
              Download
            </button>
          </div>
          <pre className="export-content" aria-label="Exported text">
            {exported.content}
          </pre>
        </div>
      )}
    </section>
  );
}
