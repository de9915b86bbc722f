import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../shared/clock';
import { decodeAuditLine, encodeAuditEntry, type AuditChainHead, type AuditEntry, type AuditEntryInput } from './audit-entry';
import { readAuditTail } from './audit-tail';
import { verifyAuditLog, type AuditVerification } from './audit-verify';
import { readFileLinesIfPresent } from './line-reader';
import { SerialQueue } from './serial-queue';
import { fsyncDirectory } from './fsync-directory';
import type { TornFragment } from './torn-fragment';

/**
 * An entry references evidence (a transcript id, a file) rather than carrying it: a line this long is a
 * mistake, and keeping lines bounded keeps the backwards tail read on open bounded too.
 */
export const MAX_AUDIT_LINE_BYTES = 1024 * 1024;

/** Who writes the `recovery` entry that closes a torn line. */
const SYSTEM_ACTOR = { actor: 'release-console', role: 'system' } as const;

export interface AuditLogOptions {
  file: string;
  clock: Clock;
}

export interface AuditReadQuery {
  release?: string;
  /** At most this many entries: the newest ones, or with `sinceSeq` the first ones after it. */
  limit?: number;
  /** Only entries with a greater seq, oldest first: how a view catches up. */
  sinceSeq?: number;
}

export interface AuditOpenReport {
  head: AuditChainHead;
  /** Fragments a crash left after the last entry; the next append records them in a recovery entry. */
  tornTail: TornFragment[];
}

interface OpenLog {
  handle: FileHandle;
  head: AuditChainHead;
  needsLeadingNewline: boolean;
  torn: TornFragment[];
}

/**
 * The append-only JSON Lines audit log. One writer per file (the main process). Each append is one
 * write() on an O_APPEND descriptor followed by fsync, so an entry whose promise resolved survives a
 * crash, and its cost does not grow with the log: the chain head lives in memory, read from the tail once.
 */
export class AuditLog {
  private readonly file: string;
  private readonly clock: Clock;
  private readonly queue = new SerialQueue();
  private current: OpenLog | null = null;

  constructor(options: AuditLogOptions) {
    this.file = options.file;
    this.clock = options.clock;
  }

  /** Opens (creating if needed) and reads the tail. Appending opens on demand; call this to see the report. */
  open(): Promise<AuditOpenReport> {
    return this.queue.run(async () => {
      const log = await this.ensureOpen();
      return { head: log.head, tornTail: log.torn };
    });
  }

  /** Resolves with the stored entry once it is on disk (written and fsynced). */
  append(input: AuditEntryInput): Promise<AuditEntry> {
    return this.queue.run(async () => {
      const log = await this.ensureOpen();
      const time = new Date(this.clock.now()).toISOString();
      let text = log.needsLeadingNewline ? '\n' : '';
      let head = log.head;
      if (log.torn.length > 0) {
        const recovery = encodeAuditEntry({ ...SYSTEM_ACTOR, kind: 'recovery', data: { torn: log.torn.map((f) => ({ ...f })) } }, head, time);
        text += recovery.line;
        head = recovery.entry;
      }
      const { entry, line } = encodeAuditEntry(input, head, time);
      if (Buffer.byteLength(line) > MAX_AUDIT_LINE_BYTES) {
        throw new RangeError(`audit entry of kind ${input.kind} is over ${MAX_AUDIT_LINE_BYTES} bytes; reference large evidence instead of embedding it`);
      }
      text += line;
      try {
        await writeFully(log.handle, Buffer.from(text, 'utf8'));
        await log.handle.sync();
      } catch (error) {
        // What reached the file is unknown: reopen next time and let the tail say where the chain stands.
        this.current = null;
        await log.handle.close().catch(() => undefined);
        throw error;
      }
      this.current = { handle: log.handle, head: { seq: entry.seq, hash: entry.hash }, needsLeadingNewline: false, torn: [] };
      return entry;
    });
  }

  /** Entries for a view, in seq order; torn or damaged lines are skipped (verify() reports them). */
  async read(query: AuditReadQuery = {}): Promise<AuditEntry[]> {
    const limit = query.limit ?? Infinity;
    const found: AuditEntry[] = [];
    for await (const { bytes } of readFileLinesIfPresent(this.file)) {
      const decoded = decodeAuditLine(bytes.toString('utf8'));
      if (!('entry' in decoded)) continue;
      const entry = decoded.entry;
      if (query.sinceSeq !== undefined && entry.seq <= query.sinceSeq) continue;
      if (query.release !== undefined && entry.release !== query.release) continue;
      found.push(entry);
      if (query.sinceSeq !== undefined && found.length >= limit) break;
      if (query.sinceSeq === undefined && found.length > limit) found.shift();
    }
    return found;
  }

  verify(): Promise<AuditVerification> {
    return verifyAuditLog(this.file);
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      const log = this.current;
      this.current = null;
      await log?.handle.close();
    });
  }

  private async ensureOpen(): Promise<OpenLog> {
    if (this.current) return this.current;
    await mkdir(path.dirname(this.file), { recursive: true });
    // a+: O_APPEND for every write, and reads for the tail.
    const handle = await open(this.file, 'a+');
    try {
      const tail = await readAuditTail(handle);
      // A new file's directory entry must be durable too, or the first acknowledged entry could vanish with it.
      if (tail.head.seq === 0 && tail.torn.length === 0) await fsyncDirectory(path.dirname(this.file));
      this.current = { handle, ...tail };
      return this.current;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }
}

/** One write() for a whole append; only a short write (disk nearly full) needs a second. */
export async function writeFully(handle: FileHandle, buffer: Buffer): Promise<void> {
  let written = 0;
  while (written < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, written, buffer.length - written, null);
    if (bytesWritten === 0) throw new Error('audit log: the write made no progress');
    written += bytesWritten;
  }
}
