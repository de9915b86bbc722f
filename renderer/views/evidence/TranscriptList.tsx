import type { EvidenceTranscript } from '../../../shared/api';
import { WholeWords } from '../ArgvWords';

/** "333 B", "12.4 KB", "3.9 MB": how big a transcript is, at a glance; the exact byte count is in its title. */
function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A command's words, each kept whole: the line breaks between words only ("rt-media-" over "gateway" read as two
 * packages, "--" over "region S01" as two arguments).
 */
function CommandWords({ command }: { command: string }) {
  return (
    <span className="mono">
      <WholeWords words={command.split(' ')} className="transcript-word" />
    </span>
  );
}

/**
 * Issue 16: the transcripts the export names, as the file lists them, so a PE sees before pasting the CR
 * that a console shell was used, by whom and where, and what each file's SHA-256 is.
 */
export function TranscriptList({
  transcripts,
  attached,
  title = 'Transcripts in this export',
  onOpen,
  openedName = null,
}: {
  transcripts: readonly EvidenceTranscript[];
  attached: boolean;
  title?: string;
  /** Where a transcript can be read here (a release read-only from History), its name opens it. */
  onOpen?: (name: string) => void;
  openedName?: string | null;
}) {
  return (
    <section className="evidence-transcripts" aria-label={title}>
      <h3>
        {title} <span className="muted">({transcripts.length})</span>
      </h3>
      <p className="muted">
        {attached
          ? 'Their contents are attached, credentials redacted.'
          : 'Listed by name, size and SHA-256 only: their contents are not in this export.'}
      </p>
      {transcripts.length === 0 ? (
        <p>No command ran and no console shell was opened in this release.</p>
      ) : (
        <table className="package-table">
          <thead>
            <tr>
              <th scope="col">Transcript</th>
              <th scope="col">What</th>
              <th scope="col">Region</th>
              <th scope="col">Opened by</th>
              <th scope="col">Exit</th>
              <th scope="col">Size</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {transcripts.map((t) => (
              <tr key={t.name} data-transcript={t.name}>
                <td className="mono">
                  {onOpen ? (
                    <button type="button" className="mono transcript-open" aria-label={`Read ${t.name}`} aria-pressed={openedName === t.name} onClick={() => onOpen(t.name)}>
                      {t.name}
                    </button>
                  ) : (
                    t.name
                  )}
                </td>
                <td className="transcript-what">{t.kind === 'shell' ? <span className="badge badge-running">Console shell</span> : <CommandWords command={t.title} />}</td>
                <td>{t.regionId ?? '—'}</td>
                <td>{t.by ?? '—'}</td>
                <td>{t.endedAt === null ? 'still open' : (t.exitCode ?? '—')}</td>
                <td title={`${t.bytes} bytes`}>{sizeOf(t.bytes)}</td>
                <td className="mono sha">
                  {t.sha256}
                  {t.differsFromLog && <div className="bad">Changed since its close was logged</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
