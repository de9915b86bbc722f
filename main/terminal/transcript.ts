import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** One command run as kept in a release's evidence. */
export interface TranscriptRecord {
  commandId: string;
  releaseId: string | null;
  sessionId: string;
  regionId: string | null;
  argv: string[];
  startedAt: number;
  endedAt: number;
  /**
   * How long it ran on the wall clock. startedAt and endedAt are the console's clock, which in a rehearsal (and the
   * demo's simulated clock) stands still between "+1 min" presses: a run of 40 s read "0.0 s" in the history.
   */
  elapsedMs: number;
  exitCode: number;
  signal: string | null;
  /** Why the run ended early (stopped, timed out, lost with the pty host), or null when its program ended on its own. */
  interruption: { kind: string; message: string } | null;
  /** Escape sequences neutralised: plain text, safe to show anywhere. */
  output: string;
  /** Chars of output left out of the middle of a very long run. */
  outputOmittedChars: number;
  /** Who ran it ("alice (PE)"); absent where the caller did not say. */
  ranBy?: string;
}

/** Release ids become file names: nothing that could climb out of the transcript folder. */
const FILE_SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Runs outside a release (a check run from a free-standing terminal) still leave a record. */
const NO_RELEASE_FILE = 'no-release';

/**
 * Append-only JSON Lines, one file per release under `<dataDir>/transcripts/`. Appends to one file are
 * chained so two runs finishing together cannot interleave their lines.
 */
export class TranscriptLog {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly dataDir: string) {}

  fileFor(releaseId: string | null): string {
    if (releaseId !== null && !FILE_SAFE_ID.test(releaseId)) throw new Error(`"${releaseId}" is not a usable release id for a transcript file.`);
    return path.join(this.dataDir, 'transcripts', `${releaseId ?? NO_RELEASE_FILE}.jsonl`);
  }

  append(record: TranscriptRecord): Promise<string> {
    const file = this.fileFor(record.releaseId);
    const line = JSON.stringify(record) + '\n';
    const previous = this.queues.get(file) ?? Promise.resolve();
    const next = previous.then(async () => {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // Evidence of production commands: readable by the operator only.
      await appendFile(file, line, { encoding: 'utf8', flag: 'a', mode: 0o600 });
    });
    // A failed append must not block later ones; the caller still sees its own failure.
    this.queues.set(file, next.catch(() => undefined));
    return next.then(() => file);
  }
}
