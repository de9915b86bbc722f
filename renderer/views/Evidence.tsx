import { useState } from 'react';
import { send } from '../api/actions';
import { copyText, downloadFile, type ExportedFile } from '../api/files';
import { useConsole } from '../store/store';
import { TranscriptList } from './evidence/TranscriptList';
import { RecordPanel } from './record/RecordPanel';
import { SlackPosts } from './evidence/SlackPosts';
import type { EvidenceTranscript } from '../../shared/api';

/** `listsTranscripts`: the export names the release's transcripts (issue 16); an announcement does not. */
const EXPORTS = [
  { format: 'cr-markdown', label: 'CR evidence (Markdown)', listsTranscripts: true },
  { format: 'deployment-log', label: 'Deployment log entry (JSON)', listsTranscripts: true },
  { format: 'announcement-start', label: 'Announcement: deployment starting', listsTranscripts: false },
  { format: 'announcement-complete', label: 'Announcement: deployment complete', listsTranscripts: false },
  { format: 'announcement-rollback', label: 'Announcement: rollback', listsTranscripts: false },
] as const;

export function Evidence() {
  const releaseId = useConsole((s) => s.view?.release.id);
  const toast = useConsole((s) => s.toast);
  const [exported, setExported] = useState<(ExportedFile & { transcripts: EvidenceTranscript[] | null; attached: boolean }) | null>(null);
  // Issue 16: a transcript can hold what a CR must not; its text goes in only when the PE ticks this.
  const [includeTranscripts, setIncludeTranscripts] = useState(false);
  if (!releaseId) return null;

  return (
    <section className="evidence" aria-label="Evidence and exports">
      <h2>Evidence and exports</h2>
      <RecordPanel />
      <label className="export-option">
        <input type="checkbox" checked={includeTranscripts} onChange={(e) => setIncludeTranscripts(e.target.checked)} />
        Attach transcript contents (step output and console shells, credentials redacted)
      </label>
      <div className="row">
        {EXPORTS.map((e) => (
          <button
            type="button"
            key={e.format}
            onClick={async () => {
              const file = await send('exportEvidence', { releaseId, format: e.format, includeTranscripts });
              setExported(file && { ...file, transcripts: e.listsTranscripts ? file.transcripts : null, attached: includeTranscripts });
            }}
          >
            {e.label}
          </button>
        ))}
      </div>
      {exported && (
        <div className="export">
          <div className="row">
            <span className="mono">{exported.filename}</span>
            <span className="spacer" />
            <button type="button" onClick={() => void copyText(exported.content, toast, exported.filename)}>
              Copy
            </button>
            <button type="button" onClick={() => downloadFile(exported)}>
              Download
            </button>
          </div>
          {exported.transcripts && <TranscriptList transcripts={exported.transcripts} attached={exported.attached} />}
          <pre className="export-content" aria-label="Exported text">
            {exported.content}
          </pre>
        </div>
      )}
      <SlackPosts releaseId={releaseId} />
    </section>
  );
}
