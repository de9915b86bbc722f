import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../shared/clock';
import { writeFully } from './audit-log';
import { fsyncDirectory } from './fsync-directory';
import { encodeLogEntry, type LogEntry, type LogHead, type LogRecordInput } from './log-entry';
import type { TornFragment } from './torn-fragment';

/** Where the file stands, as the start-up scan found it: the repository scans before anything is written. */
export interface LogTail {
  head: LogHead;
  /** The file does not end in a newline: the next append must start a fresh line. */
  needsLeadingNewline: boolean;
  /** Fragments a crash left after the last entry; the next append records them in a recovery entry. */
  torn: TornFragment[];
}

/** A release log entry is a decision's events, never evidence itself: a line this long is a mistake. */
export const MAX_LOG_LINE_BYTES = 1024 * 1024;

/**
 * The append side of the hash-chained release log (JSON Lines). One writer per file. A batch of records
 * is one write() on an O_APPEND descriptor and one fsync, so the events of one decision reach the disk
 * together or (torn) not at all, and an append's cost does not grow with the log.
 */
export class ReleaseLog {
  private handle: FileHandle | null = null;

  constructor(
    readonly file: string,
    private readonly clock: Clock,
    private tail: LogTail,
  ) {}

  get head(): LogHead {
    return this.tail.head;
  }

  /**
   * Resolves with the stored entries (a recovery entry first, if a torn tail was pending) once they are
   * written and fsynced. Not re-entrant: the repository serialises its calls.
   */
  async append(records: readonly LogRecordInput[]): Promise<LogEntry[]> {
    if (records.length === 0 && this.tail.torn.length === 0) return [];
    const handle = await this.ensureOpen();
    const time = new Date(this.clock.now()).toISOString();
    let text = this.tail.needsLeadingNewline ? '\n' : '';
    let head = this.tail.head;
    const inputs: LogRecordInput[] = [];
    // A crash tore the previous append: name what it left before anything follows it (as the audit log does).
    if (this.tail.torn.length > 0) inputs.push({ kind: 'recovery', body: { torn: this.tail.torn.map((f) => ({ ...f })) } });
    inputs.push(...records);
    const stored: LogEntry[] = [];
    for (const input of inputs) {
      const { entry, line } = encodeLogEntry(input, head, time);
      if (Buffer.byteLength(line) > MAX_LOG_LINE_BYTES) {
        throw new RangeError(`release log: a ${input.kind} entry is over ${MAX_LOG_LINE_BYTES} bytes; reference large evidence instead of embedding it`);
      }
      text += line;
      head = { seq: entry.seq, hash: entry.hash };
      stored.push(entry);
    }
    try {
      await writeFully(handle, Buffer.from(text, 'utf8'));
      await handle.sync();
    } catch (error) {
      // What reached the file is unknown; only a fresh start-up scan can say where the chain stands.
      this.handle = null;
      await handle.close().catch(() => undefined);
      throw error;
    }
    this.tail = { head, needsLeadingNewline: false, torn: [] };
    return stored;
  }

  /** sha256 and length of every byte written so far: what an acknowledgement vouches for. */
  async digest(): Promise<{ bytes: number; sha256: string }> {
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      for await (const chunk of createReadStream(this.file) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        bytes += chunk.length;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return { bytes, sha256: hash.digest('hex') };
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private async ensureOpen(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    await mkdir(path.dirname(this.file), { recursive: true });
    // a: O_APPEND for every write, created if missing.
    const handle = await open(this.file, 'a');
    // A new file's directory entry must be durable too, or the first acknowledged entry could vanish with it.
    if (this.tail.head.seq === 0) await fsyncDirectory(path.dirname(this.file)).catch(async (error: unknown) => {
      await handle.close();
      throw error;
    });
    this.handle = handle;
    return handle;
  }
}
