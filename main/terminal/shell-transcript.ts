import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TerminalInfo } from '../../shared/api';
import { systemMonotonicClock, type Clock } from '../../shared/clock';
import { SecretRedactor } from '../../shared/terminal/redact';

/** What a shell's history entry says about it; its output is in the `.out` file beside it. */
export interface ShellTranscriptMeta {
  regionId: string | null;
  title: string;
  argv: string[];
  /** Console-clock epoch ms. */
  startedAt: number;
  /** Null while the shell runs, and for ever when the console stopped before it did. */
  endedAt: number | null;
  /** How long it ran on the wall clock (the console clock can be a rehearsal's, standing still); set when it ends. */
  elapsedMs?: number;
  exitCode: number | null;
  signal: string | null;
  /** Output past MAX_SHELL_TRANSCRIPT_CHARS is not kept (a shell left flooding must not fill the disk): how much. */
  omittedChars: number;
}

/** A shell that printed nothing has no output file: its transcript is empty. */
async function readOrEmpty(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}

/** About an hour of busy interactive output; a flood beyond it is the live terminal's to show, not the record's. */
export const MAX_SHELL_TRANSCRIPT_CHARS = 4_000_000;
/** Output is gathered this long before one append: a flood is a few writes a second, not one per chunk. */
const FLUSH_MS = 250;
/**
 * ...or until this much is gathered: a flood fills the whole cap (4 M chars) within one FLUSH_MS, and
 * would otherwise be held as one string, then copied whole into UTF-8 for the write.
 */
const FLUSH_CHARS = 256 * 1024;

/** The events the recorder needs from the terminal service (its onOutput and onState). */
export interface ShellEvents {
  onOutput(listener: (event: { sessionId: string; data: string; offset: number }) => void): () => void;
  onState(listener: (info: TerminalInfo) => void): () => void;
}

/** A shell's record as the release log names it when it opens (issue 16: every console shell is on record). */
export interface ShellOpening {
  sessionId: string;
  regionId: string | null;
  /** The transcript's id in the region's history and the evidence (`shell-<ms>-term-<n>`). */
  transcript: string;
  title: string;
}

/** A shell's end: its whole transcript is on disk, and these are that file's size and SHA-256. */
export interface ShellClosing {
  sessionId: string;
  transcript: string;
  /** Null when the console stopped before the shell did. */
  exitCode: number | null;
  signal: string | null;
  bytes: number;
  sha256: string;
}

/**
 * Who hears of a shell's open and close: the console logs each as an observation. `opened` is called
 * synchronously as the shell starts, inside the call that opened it, so the caller knows who asked.
 */
export interface ShellObserver {
  opened(shell: ShellOpening): void;
  closed(shell: ShellClosing): Promise<void>;
}

interface Recording {
  sessionId: string;
  stem: string;
  meta: ShellTranscriptMeta;
  /** When it started on this desk's monotonic clock, for its elapsed time. */
  ranFrom: number;
  /** Secrets never reach the file (issue 16); it holds back what may be the start of one until the next chunk. */
  redactor: SecretRedactor;
  /** Set once the close is reported: the file is final and its hash is on record, so nothing more is written. */
  isSealed: boolean;
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
  /** A shell's elapsed time, on a clock a rehearsal does not move. */
  private readonly duration = systemMonotonicClock();

  /** `wallClock` names the files: a rehearsal clock can stand still, and session ids restart with the console. */
  constructor(
    dataDir: string,
    private readonly wallClock: Clock,
    private readonly observer: ShellObserver | null = null,
  ) {
    this.folder = path.join(dataDir, 'transcripts', 'shells');
  }

  record(events: ShellEvents): void {
    this.stops.push(events.onState((info) => this.state(info)));
    this.stops.push(events.onOutput(({ sessionId, data }) => this.output(sessionId, data)));
  }

  /** Stops listening and waits until everything heard is on disk; a shell still open is reported closed, exit unknown. */
  async stop(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    for (const recording of this.recordings.values()) this.seal(recording);
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
        sessionId: info.sessionId,
        stem,
        redactor: new SecretRedactor(),
        isSealed: false,
        meta: { regionId: info.regionId, title: info.title, argv: info.argv, startedAt: info.startedAt, endedAt: null, exitCode: null, signal: null, omittedChars: 0 },
        ranFrom: this.duration.elapsedMs(),
        pending: '',
        kept: 0,
        timer: null,
        chain: mkdir(this.folder, { recursive: true, mode: 0o700 }).then(() => undefined),
      };
      this.recordings.set(info.sessionId, recording);
      this.writeMeta(recording);
      this.observer?.opened({ sessionId: info.sessionId, regionId: info.regionId, transcript: stem, title: info.title });
    }
    const ended = info.exit !== null && recording.meta.endedAt === null;
    if (ended) recording.meta = { ...recording.meta, endedAt: info.endedAt, elapsedMs: this.duration.elapsedMs() - recording.ranFrom, exitCode: info.exit!.code, signal: info.exit!.signal };
    if (info.phase === 'closed' || ended) this.seal(recording);
    if (info.phase === 'closed') this.recordings.delete(info.sessionId);
  }

  /** The shell ended (or the console stops): the rest is written, then its size and hash are reported, once. */
  private seal(recording: Recording): void {
    if (recording.isSealed) return;
    this.keep(recording, recording.redactor.end());
    this.flush(recording);
    this.writeMeta(recording);
    recording.isSealed = true;
    const { observer } = this;
    if (observer === null) return;
    const file = path.join(this.folder, `${recording.stem}.out`);
    this.chain(recording, async () => {
      // Hashed from the file itself once every write has landed: the log's hash is the file's, not what was meant to be written.
      const content = await readOrEmpty(file);
      const { exitCode, signal } = recording.meta;
      await observer.closed({ sessionId: recording.sessionId, transcript: recording.stem, exitCode, signal, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') });
    });
  }

  private output(sessionId: string, data: string): void {
    const recording = this.recordings.get(sessionId);
    if (!recording || recording.isSealed) return;
    if (recording.kept + recording.pending.length >= MAX_SHELL_TRANSCRIPT_CHARS) {
      // Full: nothing more reaches the file, so the rest of a flood is counted, not redacted only to be dropped.
      recording.meta = { ...recording.meta, omittedChars: recording.meta.omittedChars + data.length };
      return;
    }
    this.keep(recording, recording.redactor.push(data));
  }

  /** Redacted output, up to the cap. */
  private keep(recording: Recording, data: string): void {
    if (!data) return;
    const room = Math.max(0, MAX_SHELL_TRANSCRIPT_CHARS - recording.kept - recording.pending.length);
    recording.pending += data.slice(0, room);
    if (data.length > room) {
      // Counted now, written with the exit: the record says how much it does not hold.
      recording.meta = { ...recording.meta, omittedChars: recording.meta.omittedChars + data.length - room };
      if (room > 0) this.flush(recording);
      return;
    }
    if (recording.pending.length >= FLUSH_CHARS) this.flush(recording);
    else recording.timer ??= setTimeout(() => this.flush(recording), FLUSH_MS);
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
