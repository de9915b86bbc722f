import { useEffect, useRef, useState } from 'react';
import type { TranscriptSummary } from '../../../shared/api';
import { send } from '../../api/actions';
import { dayAndClockIn, operatorZone } from '../../format/time';
import { useConsole } from '../../store/store';
import { emptyTranscriptWords, exitLabelOf, foldedShellsLabel, historyEntries, isOpenShell, runDurationLabel, sizeLabel, transcriptTitle } from './transcriptLabels';
import { TranscriptViewer } from './TranscriptViewer';

interface Opened {
  transcript: TranscriptSummary;
  output: string;
}

/**
 * The region's history: every step run and shell kept on disk, newest first; one opens whole, read-only, searchable.
 * `focusToken`: asked from the palette, the list takes the keyboard once it is read (it stayed on the palette's opener).
 */
export function TranscriptHistory({ regionId, focusToken = 0 }: { regionId: string; focusToken?: number }) {
  const [runs, setRuns] = useState<TranscriptSummary[] | null>(null);
  const listRef = useRef<HTMLElement | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [showFolded, setShowFolded] = useState(false);
  const terminals = useConsole((s) => s.terminals);
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

  useEffect(() => {
    if (focusToken > 0 && runs !== null) listRef.current?.focus();
  }, [focusToken, runs]);

  async function open(id: string) {
    const result = await send('readTranscript', { id });
    if (result) setOpened(result);
  }

  if (runs === null) return <p className="muted terminal-empty">Reading {regionId}’s transcripts…</p>;
  if (runs.length === 0)
    return (
      <p className="muted terminal-empty" tabIndex={-1} ref={(element) => void (listRef.current = element)}>
        Nothing has run in {regionId} yet: each step’s command and each shell is kept here, whole.
      </p>
    );
  const { listed, open: openShells, empty } = historyEntries(runs, terminals);
  const folded = openShells.length + empty.length;
  const shown = showFolded ? runs : listed;
  return (
    <div className="transcript-history">
      <ul className="transcript-list" aria-label={`${regionId} command history`} tabIndex={-1} ref={(element) => void (listRef.current = element)}>
        {shown.map((run) => (
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
                {historyMeta(run, isOpenShell(run, terminals), zone)}
              </span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="muted transcript-none">No step has run in {regionId} yet, and no shell has ended with output.</li>}
      </ul>
      {folded > 0 && (
        <p className="transcript-folded muted">
          {showFolded ? `Listed with ${foldedShellsLabel(openShells.length, empty.length).replace(/ not listed$/, '')}.` : `${foldedShellsLabel(openShells.length, empty.length)}.`}{' '}
          <button type="button" aria-expanded={showFolded} onClick={() => setShowFolded(!showFolded)}>
            {showFolded ? 'Hide them' : 'Show them'}
          </button>
        </p>
      )}
      {opened ? (
        <TranscriptViewer
          key={opened.transcript.id}
          output={opened.output}
          plainText={opened.transcript.kind === 'command'}
          label={`${transcriptTitle(opened.transcript)} · ${exitLabelOf(opened.transcript, isOpenShell(opened.transcript, terminals))}`}
          emptyWords={emptyTranscriptWords(opened.transcript, isOpenShell(opened.transcript, terminals))}
        />
      ) : (
        <p className="muted terminal-empty">Choose a run to read its whole output.</p>
      )}
    </div>
  );
}

/** An entry's line under its title; a shell open now has no duration or size yet (its output is whole only once it ends). */
function historyMeta(run: TranscriptSummary, open: boolean, zone: string): string {
  if (open) return [dayAndClockIn(run.startedAt, zone), exitLabelOf(run, true)].join(' · ');
  return [dayAndClockIn(run.startedAt, zone), runDurationLabel(run), exitLabelOf(run), sizeLabel(run)].filter(Boolean).join(' · ');
}
