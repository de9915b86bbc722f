import { useEffect, useState } from 'react';
import type { TranscriptSummary } from '../../../shared/api';
import { send } from '../../api/actions';
import { dayAndClockIn, operatorZone } from '../../format/time';
import { durationLabel, exitLabelOf, sizeLabel, transcriptTitle } from './transcriptLabels';
import { TranscriptViewer } from './TranscriptViewer';

interface Opened {
  transcript: TranscriptSummary;
  output: string;
}

/** The region's history: every step run and shell kept on disk, newest first; one opens whole, read-only, searchable. */
export function TranscriptHistory({ regionId }: { regionId: string }) {
  const [runs, setRuns] = useState<TranscriptSummary[] | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const zone = operatorZone();

  useEffect(() => {
    let live = true;
    void send('listTranscripts', { regionId }).then((result) => {
      if (live) setRuns(result?.transcripts ?? []);
    });
    return () => {
      live = false;
    };
  }, [regionId]);

  async function open(id: string) {
    const result = await send('readTranscript', { id });
    if (result) setOpened(result);
  }

  if (runs === null) return <p className="muted terminal-empty">Reading {regionId}’s transcripts…</p>;
  if (runs.length === 0) return <p className="muted terminal-empty">Nothing has run in {regionId} yet: each step’s command and each shell is kept here, whole.</p>;
  return (
    <div className="transcript-history">
      <ul className="transcript-list" aria-label={`${regionId} command history`}>
        {runs.map((run) => (
          <li key={run.id}>
            <button
              type="button"
              className={`transcript-item ${run.kind === 'command' && run.exitCode !== 0 ? 'transcript-failed' : ''}`}
              aria-current={opened?.transcript.id === run.id}
              onClick={() => void open(run.id)}
              title={run.releaseId ? `Release ${run.releaseId}` : 'Outside a release'}
            >
              <span className="transcript-argv">{transcriptTitle(run)}</span>
              <span className="transcript-meta">
                {[dayAndClockIn(run.startedAt, zone), run.endedAt === null ? null : durationLabel(run.endedAt - run.startedAt), exitLabelOf(run), sizeLabel(run)].filter(Boolean).join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {opened ? (
        <TranscriptViewer
          key={opened.transcript.id}
          output={opened.output}
          plainText={opened.transcript.kind === 'command'}
          label={`${transcriptTitle(opened.transcript)} · ${exitLabelOf(opened.transcript)}`}
        />
      ) : (
        <p className="muted terminal-empty">Choose a run to read its whole output.</p>
      )}
    </div>
  );
}
