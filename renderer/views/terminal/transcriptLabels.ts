import type { TranscriptSummary } from '../../../shared/api';
import { describeArgv } from '../../../shared/terminal/argv';

/** "exit 0", "SIGKILL (137)": the same words the run's tab showed; a shell with no end says why. */
export function exitLabelOf(run: Pick<TranscriptSummary, 'exitCode' | 'signal' | 'endedAt'>): string {
  if (run.exitCode === null) return run.endedAt === null ? 'no exit recorded (still open, or the console stopped first)' : 'ended';
  return run.signal ? `${run.signal} (${run.exitCode})` : `exit ${run.exitCode}`;
}

/** What a history entry is called: a step's argv, or the shell it was. */
export function transcriptTitle(run: Pick<TranscriptSummary, 'kind' | 'argv'>): string {
  return run.kind === 'shell' ? `Shell (${describeArgv(run.argv)})` : describeArgv(run.argv);
}

/** "2.4 s", "3 min 05 s": how long a step's command ran. */
export function durationLabel(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** "312 chars", "48.2 k chars", plus what was left out of the middle of a very long run. */
export function sizeLabel(run: Pick<TranscriptSummary, 'size' | 'omittedChars'>): string {
  const size = (n: number) => (n < 1_000 ? `${n}` : n < 1_000_000 ? `${(n / 1_000).toFixed(1)} k` : `${(n / 1_000_000).toFixed(1)} M`);
  const kept = `${size(run.size)} chars`;
  return run.omittedChars > 0 ? `${kept} (${size(run.omittedChars)} left out)` : kept;
}
