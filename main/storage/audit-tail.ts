import type { FileHandle } from 'node:fs/promises';
import { decodeAuditLine, EMPTY_CHAIN, type AuditChainHead } from './audit-entry';
import { describeFragment, type TornFragment } from './torn-fragment';

/** First read from the end of the log on open; doubled until it holds the last whole entry. */
const TAIL_READ_BYTES = 64 * 1024;
/**
 * A crash tears at most the one append in flight (and, if it strikes again, the recovery after it). More
 * unparseable bytes than this after the last entry is damage for a person to look at, not a crash.
 */
const MAX_TORN_TAIL_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

export interface AuditTail {
  head: AuditChainHead;
  /** The file does not end in a newline: the next append must start a fresh line. */
  needsLeadingNewline: boolean;
  /** Unparseable fragments after the last entry, oldest first. */
  torn: TornFragment[];
}

export class AuditTailError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'AuditTailError';
  }
}

/**
 * Finds where the chain stands by reading backwards from the end of the file, so opening a log of any
 * length costs the same. Trusts the last entry's own hash; `verifyAuditLog` checks everything before it.
 */
export async function readAuditTail(handle: FileHandle): Promise<AuditTail> {
  const { size } = await handle.stat();
  if (size === 0) return { head: EMPTY_CHAIN, needsLeadingNewline: false, torn: [] };
  const lastByte = Buffer.alloc(1);
  await handle.read(lastByte, 0, 1, size - 1);
  const needsLeadingNewline = lastByte[0] !== NEWLINE;

  for (let window = TAIL_READ_BYTES; ; window *= 2) {
    const start = Math.max(0, size - window);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const found = findHead(buffer, start);
    // Only undefined while the window has not reached the file's start.
    if (found) return { ...found, needsLeadingNewline };
  }
}

/** Scans `buffer` (the file from `start` to its end) backwards; undefined when it needs more of the file. */
function findHead(buffer: Buffer, start: number): Omit<AuditTail, 'needsLeadingNewline'> | undefined {
  const torn: TornFragment[] = [];
  let end = buffer.length;
  if (buffer[end - 1] === NEWLINE) end--;
  for (;;) {
    // lastIndexOf reads a negative offset from the end of the buffer, so the empty prefix is checked apart.
    const newline = end === 0 ? -1 : buffer.lastIndexOf(NEWLINE, end - 1);
    // Without a newline before it the line may begin earlier in the file, unless this is the file's start.
    if (newline === -1 && start > 0) return undefined;
    const lineStart = newline + 1;
    const bytes = buffer.subarray(lineStart, end);
    const offset = start + lineStart;
    const decoded = decodeAuditLine(bytes.toString('utf8'));
    // A torn prefix of a JSON object never parses; a line that parses but is wrong was not torn by a crash.
    if ('problem' in decoded && decoded.problem === 'bad-json') {
      torn.unshift(describeFragment(offset, bytes));
      if (buffer.length - lineStart > MAX_TORN_TAIL_BYTES) {
        throw new AuditTailError(offset, `audit log: more than ${MAX_TORN_TAIL_BYTES} unreadable bytes after the last entry`);
      }
      if (newline === -1) return { head: EMPTY_CHAIN, torn };
      end = newline;
      continue;
    }
    if ('problem' in decoded) throw new AuditTailError(offset, `audit log: the last entry, at byte ${offset}, is damaged: ${decoded.message}`);
    return { head: { seq: decoded.entry.seq, hash: decoded.entry.hash }, torn };
  }
}
