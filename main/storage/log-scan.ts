import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { canonicalJson } from './canonical-json';
import { readFileLineBatchesIfPresent, type FileLine } from './line-reader';
import { decodeLogLine, EMPTY_LOG, shortHash, type LogEntry, type LogHead } from './log-entry';
import type { LogTail } from './release-log';
import { describeFragment, type TornFragment } from './torn-fragment';

/** A place where the chain does not hold, as a person reading the file would find it. */
export interface LogBreak {
  line: number;
  problem: 'changed' | 'unreadable' | 'gap' | 'unchained' | 'acknowledged-part-changed';
  message: string;
  /** Entries missing at this point, when the sequence numbers say how many. */
  missing: number | null;
}

export interface ScannedEntry {
  line: number;
  entry: LogEntry;
}

export interface LogScan {
  exists: boolean;
  bytes: number;
  /** Every byte is NUL: a file the filesystem allocated but never wrote, or one overwritten on purpose. */
  allNul: boolean;
  /** Entries whose own hash holds, in file order; a changed entry is left out (its break says where). */
  entries: ScannedEntry[];
  /** Breaks since the last acknowledgement whose digest of everything before it still holds. */
  breaks: LogBreak[];
  tail: LogTail;
  /** Line of the last intact entry (0 when there is none). */
  lastLine: number;
  /** Line of the last acknowledgement that still holds: what is before it was looked at (0 when none). */
  settledLine: number;
}

interface AcknowledgementBody {
  priorBytes: number;
  priorSha256: string;
}

/**
 * Reads the whole log once: checks every line against its own hash and against the one before it,
 * keeps the entries for the fold, and finds the torn tail a crash left. An acknowledgement entry vouches
 * for every byte before it (their digest); if they still hash the same, the breaks it acknowledged are
 * settled and the chain starts again from it.
 */
export async function scanLog(file: string): Promise<LogScan> {
  const entries: ScannedEntry[] = [];
  let breaks: LogBreak[] = [];
  // null after a break: the next intact entry is taken as it is, so one damaged line is reported once.
  let expected: LogHead | null = EMPTY_LOG;
  let head = EMPTY_LOG;
  let lastLine = 0;
  let settledLine = 0;
  let pending: (TornFragment & { line: number })[] = [];
  let needsLeadingNewline = false;
  let exists = false;
  let bytes = 0;
  let allNul = true;

  const acknowledgements: { line: number; offset: number; vouched: AcknowledgementBody }[] = [];
  const visit = ({ line, offset, bytes: raw, isTerminated }: FileLine): void => {
    exists = true;
    if (allNul && raw.some((b) => b !== 0)) allNul = false;
    const decoded = decodeLogLine(raw.toString('utf8'));
    bytes = offset + raw.length + (isTerminated ? 1 : 0);
    needsLeadingNewline = !isTerminated;

    // A torn prefix of a JSON object never parses; whether it was a crash is known only from what follows.
    if ('problem' in decoded && decoded.problem === 'bad-json') {
      pending.push({ ...describeFragment(offset, raw), line });
      return;
    }
    if (pending.length > 0) {
      const explained = 'entry' in decoded && accountsFor(decoded.entry, pending);
      if (!explained) {
        for (const fragment of pending) breaks.push({ line: fragment.line, problem: 'unreadable', message: `line ${fragment.line} is not a log entry (${fragment.bytes} bytes)`, missing: null });
        expected = null;
      }
      pending = [];
    }
    if ('problem' in decoded) {
      const which = decoded.seq !== null ? `line ${line} (seq ${decoded.seq})` : `line ${line}`;
      breaks.push({ line, problem: 'changed', message: `The release log was changed at ${which}: ${decoded.message}.`, missing: null });
      expected = null;
      return;
    }
    const entry = decoded.entry;
    if (entry.kind === 'acknowledgement') {
      // Whether the bytes before it still hash as it says is checked after the pass: acknowledgements are rare.
      acknowledgements.push({ line, offset, vouched: entry.body as unknown as AcknowledgementBody });
    } else if (expected !== null && entry.seq !== expected.seq + 1) {
      const missing = entry.seq - expected.seq - 1;
      breaks.push({
        line,
        problem: 'gap',
        message:
          missing > 0
            ? `${missing} ${missing === 1 ? 'entry is' : 'entries are'} missing before line ${line}: it holds seq ${entry.seq}, the line before it seq ${expected.seq}.`
            : `Line ${line} holds seq ${entry.seq} after seq ${expected.seq}: entries were reordered or repeated.`,
        missing: missing > 0 ? missing : null,
      });
    } else if (expected !== null && entry.prevHash !== expected.hash) {
      breaks.push({
        line,
        problem: 'unchained',
        message: `The release log was changed before line ${line} (seq ${entry.seq}): it follows hash ${shortHash(entry.prevHash)}, but the entry before it hashes to ${shortHash(expected.hash)}.`,
        missing: null,
      });
    }
    entries.push({ line, entry });
    head = { seq: entry.seq, hash: entry.hash };
    expected = head;
    lastLine = line;
  };
  for await (const batch of readFileLineBatchesIfPresent(file)) for (const fileLine of batch) visit(fileLine);

  // Breaks before the last acknowledgement that still holds are settled; one that no longer holds is a break.
  for (const { line, offset, vouched } of acknowledgements) {
    if (vouched.priorBytes === offset && vouched.priorSha256 === (await digestOfPrefix(file, offset))) {
      settledLine = line;
    } else {
      breaks.push({
        line,
        problem: 'acknowledged-part-changed',
        message: `The release log before the acknowledgement at line ${line} was changed after it was acknowledged (${offset} bytes now, ${vouched.priorBytes} then).`,
        missing: null,
      });
    }
  }
  breaks = breaks.filter((b) => b.line > settledLine).sort((a, b) => a.line - b.line);
  return {
    exists,
    bytes,
    allNul: exists && allNul,
    entries,
    breaks,
    tail: { head, needsLeadingNewline, torn: pending.map(({ offset, bytes: length, sha256 }) => ({ offset, bytes: length, sha256 })) },
    lastLine,
    settledLine,
  };
}

async function digestOfPrefix(file: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  if (bytes > 0) for await (const chunk of createReadStream(file, { start: 0, end: bytes - 1 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

function accountsFor(entry: LogEntry, fragments: readonly TornFragment[]): boolean {
  if (entry.kind !== 'recovery' || entry.body === null || typeof entry.body !== 'object' || Array.isArray(entry.body)) return false;
  const named = entry.body['torn'];
  if (!Array.isArray(named)) return false;
  const described = fragments.map(({ offset, bytes, sha256 }) => ({ offset, bytes, sha256 }));
  return canonicalJson(named) === canonicalJson(described);
}
