import type { TerminalInfo, TranscriptSummary } from '../../../shared/api';
import { describeArgv } from '../../../shared/terminal/argv';

/**
 * "exit 0", "SIGKILL (137)": the same words the run's tab showed; a shell still open says so, and one with no
 * end that is not open says why.
 */
export function exitLabelOf(run: Pick<TranscriptSummary, 'exitCode' | 'signal' | 'endedAt'>, open = false): string {
  if (open) return 'open now, in its tab';
  if (run.exitCode === null) return run.endedAt === null ? 'no exit recorded (the console stopped first)' : 'ended';
  return run.signal ? `${run.signal} (${run.exitCode})` : `exit ${run.exitCode}`;
}

/** What a history entry is called: a step's argv, or the shell it was. */
export function transcriptTitle(run: Pick<TranscriptSummary, 'kind' | 'argv' | 'title'>): string {
  // A shell by the name its tab had ("Shell 2 (/bin/bash)"): two closed shells read alike as "Shell (/bin/bash)".
  return run.kind === 'shell' ? `${run.title ?? 'Shell'} (${describeArgv(run.argv)})` : describeArgv(run.argv);
}

/** "2.4 s", "3 min 05 s": how long a step's command ran. */
export function durationLabel(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/**
 * How long an ended run took, for its history line: its wall-clock time where it was kept. Its start and end are
 * the console's clock, which in a rehearsal stands still between "+1 min" presses (a 40 s run read "0.0 s").
 */
export function runDurationLabel(run: Pick<TranscriptSummary, 'startedAt' | 'endedAt' | 'elapsedMs'>): string | null {
  if (run.endedAt === null) return null;
  return durationLabel(run.elapsedMs ?? run.endedAt - run.startedAt);
}

/** "312 chars", "48.2 k chars", plus what was left out of the middle of a very long run. */
export function sizeLabel(run: Pick<TranscriptSummary, 'size' | 'omittedChars'>): string {
  const size = (n: number) => (n < 1_000 ? `${n}` : n < 1_000_000 ? `${(n / 1_000).toFixed(1)} k` : `${(n / 1_000_000).toFixed(1)} M`);
  const kept = `${size(run.size)} chars`;
  return run.omittedChars > 0 ? `${kept} (${size(run.omittedChars)} left out)` : kept;
}

/**
 * Whether a shell's history entry is a shell open now in this console: its id names the session
 * (shell-<ms>-term-3) and the live session of that id started when it did and has not ended.
 */
export function isOpenShell(run: Pick<TranscriptSummary, 'id' | 'kind' | 'endedAt' | 'startedAt'>, terminals: Readonly<Record<string, Pick<TerminalInfo, 'startedAt' | 'exit'>>>): boolean {
  if (run.kind !== 'shell' || run.endedAt !== null) return false;
  const sessionId = /-(term-[0-9]+)$/.exec(run.id)?.[1];
  const live = sessionId === undefined ? undefined : terminals[sessionId];
  return live !== undefined && live.exit === null && live.startedAt === run.startedAt;
}

/**
 * A region's history as listed first: step runs and shells that kept something. Shells open now (they are in
 * their tabs, their output not yet whole on disk) and ended shells with nothing in them are folded into one
 * line, so a region with ten shells open still shows its step runs at once.
 */
export function historyEntries<T extends Pick<TranscriptSummary, 'id' | 'kind' | 'endedAt' | 'startedAt' | 'size' | 'omittedChars'>>(
  runs: readonly T[],
  terminals: Readonly<Record<string, Pick<TerminalInfo, 'startedAt' | 'exit'>>>,
): { listed: T[]; open: T[]; empty: T[] } {
  const listed: T[] = [];
  const open: T[] = [];
  const empty: T[] = [];
  for (const run of runs) {
    if (isOpenShell(run, terminals)) open.push(run);
    else if (run.kind === 'shell' && run.size === 0 && run.omittedChars === 0) empty.push(run);
    else listed.push(run);
  }
  return { listed, open, empty };
}

/** The folded line's words: "2 shells open now and 1 empty shell not listed". */
export function foldedShellsLabel(open: number, empty: number): string {
  const shells = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const parts = [open > 0 ? `${shells(open, 'shell')} open now (${open === 1 ? 'in its tab' : 'in their tabs'})` : null, empty > 0 ? shells(empty, 'empty shell') : null].filter(Boolean);
  return `${parts.join(' and ')} not listed`;
}

/** What an empty transcript says in place of an empty terminal: a run that printed nothing, or a shell not ended yet. */
export function emptyTranscriptWords(run: Pick<TranscriptSummary, 'kind'>, open: boolean): string {
  if (run.kind === 'command') return 'This run printed nothing: its transcript is empty.';
  return open ? 'This shell is still open: its output is kept here once it ends. Its tab shows it now.' : 'Nothing was shown in this shell: its transcript is empty.';
}
