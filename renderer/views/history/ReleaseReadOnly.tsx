import { lazy, Suspense, useEffect, useRef, useState, type RefObject } from 'react';
import { consoleApi } from '../../api/boot';
import type { CallResponse, PastReleaseView } from '../../../shared/api';
import { TranscriptList } from '../evidence/TranscriptList';
import { emptyTranscriptWords, exitLabelOf, transcriptTitle } from '../terminal/transcriptLabels';
import { OutcomeTag } from './PastReleases';
import { entryStamp } from './entry-time';
import { handoverDeployedIn } from '../../../shared/history/releaseOutcome';

/**
 * xterm.js and its addons (about 40 % of the console's script) load with the first transcript opened here or a region's
 * terminals, not with every window: imported here, they were parsed before the first screen drew, where most windows
 * never read a transcript.
 */
const TranscriptViewer = lazy(async () => ({ default: (await import('../terminal/TranscriptViewer')).TranscriptViewer }));

/**
 * Scrolls `of` into view once it is drawn whole: beside the lazy viewer, inside its Suspense, it mounts with the viewer
 * and not with the "Opening …" line before it, which was all a scroll on opening brought into view.
 */
function IntoView({ of }: { of: RefObject<HTMLElement | null> }) {
  useEffect(() => of.current?.scrollIntoView({ block: 'nearest' }), [of]);
  return null;
}

type ReleaseEvidence = CallResponse<'readReleaseEvidence'>;
type ReadTranscript = CallResponse<'readTranscript'>;

/**
 * A release opened from History: its outcome and its evidence, to read. Nothing here sends an intent;
 * evidence is taken (and the taking logged) from "Evidence and exports" on the open release.
 */
export function ReleaseReadOnly({ release, onBack, onShowEntries }: { release: PastReleaseView; onBack: () => void; onShowEntries: () => void }) {
  const [evidence, setEvidence] = useState<ReleaseEvidence | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // A transcript read whole from its name: the list named 24 runs and no way to read one (the region's own History holds them).
  const [transcript, setTranscript] = useState<ReadTranscript | null>(null);
  const readTranscript = (name: string) => {
    void consoleApi()
      .readTranscript({ id: name })
      .then((result) => {
        if (result.ok) setTranscript(result.value);
        else setFailure(result.error.message);
      });
  };
  // The transcript shows under a list of two dozen runs: brought into view (IntoView), or the click seemed to do nothing.
  const shown = useRef<HTMLElement>(null);
  const definedHere = release.title !== null;
  // Opened with its View button, which went with the list: the keyboard starts on the release's name, not the page's start.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [release.id]);
  useEffect(() => {
    if (!definedHere) return;
    let current = true;
    void consoleApi()
      .readReleaseEvidence({ releaseId: release.id })
      .then((result) => {
        if (!current) return;
        if (result.ok) setEvidence(result.value);
        else setFailure(result.error.message);
      });
    return () => {
      current = false;
    };
  }, [release.id, definedHere]);

  return (
    <section className="release-read-only" aria-label={`Release ${release.id}, read-only`}>
      <div className="row">
        <button type="button" onClick={onBack}>
          ← History
        </button>
        <h2 ref={heading} tabIndex={-1}>
          {release.title ?? release.id}
        </h2>
        <OutcomeTag outcome={release.outcome} />
        <span className="tag">Read-only</span>
      </div>
      <p className="muted">
        {release.id}
        {release.startedBy && ` · owner ${release.startedBy}`}
        {release.open ? ' · open on this desk: act on it from the other screens' : ''}
      </p>
      <p data-testid="release-outcome-detail">{release.detail}</p>
      {release.definedAt !== null && (
        <div className="banner banner-warn" data-testid="release-logged-definition">
          <p>
            Not defined in the workspace any more: read from its definition as logged at <span className="mono">{entryStamp(release.definedAt)}</span>, when its first step
            started, and from its log.
          </p>
          {release.unbuilt.length > 0 && (
            <>
              <p>What this cannot show as it was:</p>
              <ul>
                {release.unbuilt.map((part) => (
                  <li key={part}>{part}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {release.handovers.length > 0 && (
        <table className="history-table" aria-label="Handovers">
          <thead>
            <tr>
              <th scope="col">Handover</th>
              <th scope="col">Outcome</th>
              <th scope="col">Deployed in</th>
              <th scope="col">Rolled back in</th>
            </tr>
          </thead>
          <tbody>
            {release.handovers.map((h) => (
              <tr key={h.id}>
                <td>
                  {h.id} — {h.title}
                </td>
                <td>{h.outcome}</td>
                <td>{handoverDeployedIn(h)}</td>
                <td>{h.rolledBackIn.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button type="button" onClick={onShowEntries}>
          Show its log entries ({release.entries.toLocaleString('en-GB')})
        </button>
      </div>
      {failure && (
        <div role="alert" className="banner banner-error">
          {failure}
        </div>
      )}
      {!definedHere ? (
        <p className="banner banner-warn">
          This release is not defined in the workspace any more, and the log holds no definition of it (it started before definitions were logged): its evidence cannot be
          rebuilt here. Its log entries are kept, each with its hash.
        </p>
      ) : !evidence ? (
        !failure && <p className="muted">Reading its evidence…</p>
      ) : (
        <>
          <p className="muted">As an export would build it now. Reading it here is not an export: nothing leaves the console and nothing is logged.</p>
          <TranscriptList
            transcripts={evidence.transcripts}
            attached={false}
            title="Transcripts of this release"
            onOpen={readTranscript}
            openedName={transcript?.transcript.id ?? null}
          />
          {transcript && (
            <section aria-label={`Transcript ${transcript.transcript.id}`} ref={shown}>
              <Suspense fallback={<p className="muted">Opening {transcript.transcript.id}…</p>}>
                <TranscriptViewer
                  key={transcript.transcript.id}
                  output={transcript.output}
                  plainText={transcript.transcript.kind === 'command'}
                  label={`${transcript.transcript.id} · ${transcriptTitle(transcript.transcript)} · ${exitLabelOf(transcript.transcript, false)}`}
                  emptyWords={emptyTranscriptWords(transcript.transcript, false)}
                />
                <IntoView key={transcript.transcript.id} of={shown} />
              </Suspense>
            </section>
          )}
          <h3>CR evidence</h3>
          <pre className="export-content" aria-label="CR evidence" tabIndex={0}>
            {evidence.crEvidence}
          </pre>
          <h3>Deployment log entry</h3>
          <pre className="export-content" aria-label="Deployment log entry" tabIndex={0}>
            {evidence.deploymentLog}
          </pre>
        </>
      )}
    </section>
  );
}
