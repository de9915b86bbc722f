import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TerminalInfo } from '../../shared/api';
import type { Clock } from '../../shared/clock';

/** What a shell's history entry says about it; its output is in the `.out` file beside it. */
export interface ShellTranscriptMeta {
  regionId: string | null;
  title: string;
  argv: string[];
  /** Console-clock epoch ms. */
  startedAt: number;
  /** Null while the shell runs, and for ever when the console stopped before it did. */
  endedAt: number | null;
  exitCode: number | null;
  signal: string | null;
  /** Output past MAX_SHELL_TRANSCRIPT_CHARS is not kept (a shell left flooding must not fill the disk): how much. */
  omittedChars: number;
}

/** About an hour of busy interactive output; a flood beyond it is the live terminal's to show, not the record's. */
export const MAX_SHELL_TRANSCRIPT_CHARS = 4_000_000;
/** Output is gathered this long before one append: a flood is a few writes a second, not one per chunk. */
const FLUSH_MS = 250;

/** The events the recorder needs from the terminal service (its onOutput and onState). */
export interface ShellEvents {
  onOutput(listener: (event: { sessionId: string; data: string; offset: number }) => void): () => void;
  onState(listener: (info: TerminalInfo) => void): () => void;
}

interface Recording {
  stem: string;
  meta: ShellTranscriptMeta;
  pending: string;
  kept: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Writes to one shell's files are chained, so output and metadata land in order. */
  chain: Promise<void>;
}

/**
 * Keeps every shell's output under `<dataDir>/transcripts/shells/`, as the step runs are kept by
 * TranscriptLog, so a region's history can show it after the shell (or the console) is gone. The output
 * is kept raw and shown only in a read-only xterm.js with the console's hardened options.
 */
export class ShellTranscripts {
  private readonly folder: string;
  private readonly recordings = new Map<string, Recording>();
  private readonly stops: (() => void)[] = [];
  /** Every write still under way, closed shells' too (they have left `recordings`): stop waits for them. */
  private readonly writing = new Set<Promise<void>>();

  /** `wallClock` names the files: a rehearsal clock can stand still, and session ids restart with the console. */
  constructor(
    dataDir: string,
    private readonly wallClock: Clock,
  ) {
    this.folder = path.join(dataDir, 'transcripts', 'shells');
  }

  record(events: ShellEvents): void {
    this.stops.push(events.onState((info) => this.state(info)));
    this.stops.push(events.onOutput(({ sessionId, data }) => this.output(sessionId, data)));
  }

  /** Stops listening and waits until everything heard is on disk. */
  async stop(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    for (const recording of this.recordings.values()) this.flush(recording);
    await Promise.all([...this.writing]);
  }

  private state(info: TerminalInfo): void {
    if (info.kind !== 'shell') return;
    let recording = this.recordings.get(info.sessionId);
    // A restarted shell is a new run: it gets a record of its own.
    if (recording && recording.meta.endedAt !== null && info.phase === 'starting') {
      this.recordings.delete(info.sessionId);
      recording = undefined;
    }
    if (!recording) {
      if (info.phase === 'closed') return;
      const stem = `shell-${this.wallClock.now()}-${info.sessionId}`;
      recording = {
        stem,
        meta: { regionId: info.regionId, title: info.title, argv: info.argv, startedAt: info.startedAt, endedAt: null, exitCode: null, signal: null, omittedChars: 0 },
        pending: '',
        kept: 0,
        timer: null,
        chain: mkdir(this.folder, { recursive: true, mode: 0o700 }).then(() => undefined),
      };
      this.recordings.set(info.sessionId, recording);
      this.writeMeta(recording);
    }
    const ended = info.exit !== null && recording.meta.endedAt === null;
    if (ended) recording.meta = { ...recording.meta, endedAt: info.endedAt, exitCode: info.exit!.code, signal: info.exit!.signal };
    if (info.phase === 'closed' || ended) {
      this.flush(recording);
      this.writeMeta(recording);
    }
    if (info.phase === 'closed') this.recordings.delete(info.sessionId);
  }

  private output(sessionId: string, data: string): void {
    const recording = this.recordings.get(sessionId);
    if (!recording) return;
    const room = Math.max(0, MAX_SHELL_TRANSCRIPT_CHARS - recording.kept - recording.pending.length);
    recording.pending += data.slice(0, room);
    if (data.length > room) {
      // Counted now, written with the exit: the record says how much it does not hold.
      recording.meta = { ...recording.meta, omittedChars: recording.meta.omittedChars + data.length - room };
      if (room > 0) this.flush(recording);
      return;
    }
    recording.timer ??= setTimeout(() => this.flush(recording), FLUSH_MS);
  }

  private flush(recording: Recording): void {
    if (recording.timer !== null) clearTimeout(recording.timer);
    recording.timer = null;
    if (!recording.pending) return;
    const data = recording.pending;
    recording.pending = '';
    recording.kept += data.length;
    const file = path.join(this.folder, `${recording.stem}.out`);
    this.chain(recording, () => appendFile(file, data, { encoding: 'utf8', mode: 0o600 }));
  }

  private writeMeta(recording: Recording): void {
    const meta = JSON.stringify(recording.meta);
    const file = path.join(this.folder, `${recording.stem}.json`);
    // Written aside and renamed: a crash mid-write leaves the previous metadata, never half of it.
    this.chain(recording, async () => {
      await writeFile(`${file}.tmp`, meta, { encoding: 'utf8', mode: 0o600 });
      await rename(`${file}.tmp`, file);
    });
  }

  private chain(recording: Recording, write: () => Promise<void>): void {
    const next = recording.chain.then(write).catch((error: unknown) => {
      // The shell itself goes on; only its record is incomplete, and the console says so where it logs.
      console.error(`release-console: the transcript of shell ${recording.stem} could not be written:`, error);
    });
    recording.chain = next;
    this.writing.add(next);
    void next.then(() => this.writing.delete(next));
  }
}
