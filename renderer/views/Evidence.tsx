import { useState } from 'react';
import { send } from '../api/actions';
import { useConsole } from '../store/store';

const EXPORTS = [
  { format: 'cr-markdown', label: 'CR evidence (Markdown)' },
  { format: 'deployment-log', label: 'Deployment log entry (JSON)' },
  { format: 'announcement-start', label: 'Announcement: deployment starting' },
  { format: 'announcement-complete', label: 'Announcement: deployment complete' },
  { format: 'announcement-rollback', label: 'Announcement: rollback initiated' },
] as const;

type Exported = { filename: string; mediaType: string; content: string };

export function Evidence() {
  const releaseId = useConsole((s) => s.view?.release.id);
  const toast = useConsole((s) => s.toast);
  const [exported, setExported] = useState<Exported | null>(null);
  if (!releaseId) return null;

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      toast('success', 'Copied to the clipboard.');
    } catch {
      toast('error', 'The clipboard refused; select the text and copy it by hand.');
    }
  }

  function download(file: Exported) {
    const url = URL.createObjectURL(new Blob([file.content], { type: file.mediaType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.filename;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section className="evidence" aria-label="Evidence and exports">
      <h2>Evidence and exports</h2>
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
            <button type="button" onClick={() => void copy(exported.content)}>
              Copy
            </button>
            <button type="button" onClick={() => download(exported)}>
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
