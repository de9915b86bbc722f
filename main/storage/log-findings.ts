import { shortHash } from './log-entry';
import type { LogScan } from './log-scan';
import type { Snapshot, SnapshotReading } from './snapshot-file';

export type LogFindingKind =
  | 'log-changed'
  | 'log-unreadable-line'
  | 'log-gap'
  | 'log-unchained'
  | 'log-acknowledged-part-changed'
  | 'log-short'
  | 'log-missing'
  | 'log-replaced'
  | 'log-rewritten'
  | 'snapshot-changed'
  | 'snapshot-disagrees'
  | 'event-unreadable';

/** One thing the start-up checks found, worded for the person who must look at it. */
export interface LogFinding {
  kind: LogFindingKind;
  message: string;
  /** The log line it is about, when there is one. */
  line: number | null;
  /** How many entries are missing, when that is known. */
  missing: number | null;
}

const BREAK_KINDS = {
  changed: 'log-changed',
  unreadable: 'log-unreadable-line',
  gap: 'log-gap',
  unchained: 'log-unchained',
  'acknowledged-part-changed': 'log-acknowledged-part-changed',
} as const satisfies Record<LogScan['breaks'][number]['problem'], LogFindingKind>;

/**
 * Compares what the log holds with what the snapshot says it included. The snapshot is trusted only
 * when its own hash holds, its head is an intact entry of the log with that very hash, and that entry is
 * the checkpoint recording the same state hash; anything else is a finding and the state is rebuilt
 * from the log alone.
 */
export function findingsAtStart<S>(scan: LogScan, reading: SnapshotReading<S>, logName: string): { findings: LogFinding[]; trusted: Snapshot<S> | null } {
  const findings: LogFinding[] = scan.breaks.map((b) => ({ kind: BREAK_KINDS[b.problem], message: b.message, line: b.line, missing: b.missing }));
  if ('absent' in reading) return { findings, trusted: null };
  if ('problem' in reading) {
    findings.push({ kind: 'snapshot-changed', line: null, missing: null, message: `The snapshot (snapshot.json) cannot be trusted: ${reading.problem}. The state was rebuilt from the release log.` });
    return { findings, trusted: null };
  }
  const snapshot = reading.snapshot;
  const head = snapshot.head;
  const lastSeq = scan.tail.head.seq;
  if (head.seq > 0 && scan.entries.length === 0) {
    const held = `the snapshot says it held ${head.seq} ${head.seq === 1 ? 'entry' : 'entries'} up to hash ${shortHash(head.hash)}`;
    if (!scan.exists) findings.push({ kind: 'log-missing', line: null, missing: head.seq, message: `The release log (${logName}) is missing: ${held}.` });
    else {
      const what = scan.bytes === 0 ? 'it is empty' : scan.allNul ? `its ${scan.bytes} bytes are all NUL` : `none of its ${scan.bytes} bytes is a log entry`;
      findings.push({ kind: 'log-replaced', line: null, missing: head.seq, message: `The release log (${logName}) was replaced: ${what}; ${held}.` });
    }
    return { findings, trusted: null };
  }
  if (head.seq > lastSeq) {
    const missing = head.seq - lastSeq;
    const after = scan.lastLine > 0 ? `after line ${scan.lastLine} (seq ${lastSeq})` : 'from the start';
    findings.push({
      kind: 'log-short',
      line: scan.lastLine || null,
      missing,
      message: `${missing} ${missing === 1 ? 'entry is' : 'entries are'} missing ${after}: the snapshot includes up to seq ${head.seq}. The snapshot is ahead of the log and was not used.`,
    });
    return { findings, trusted: null };
  }
  const atHead = [...scan.entries].reverse().find(({ entry }) => entry.seq === head.seq);
  if (!atHead) {
    findings.push({ kind: 'log-rewritten', line: null, missing: null, message: `The release log has no intact entry with seq ${head.seq}, the last one the snapshot includes.` });
    return { findings, trusted: null };
  }
  if (atHead.entry.hash !== head.hash) {
    findings.push({ kind: 'log-rewritten', line: atHead.line, missing: null, message: rewrittenMessage(scan, snapshot, atHead.line, atHead.entry.hash) });
    return { findings, trusted: null };
  }
  const recorded = atHead.entry.kind === 'checkpoint' ? (atHead.entry.body as { stateHash?: unknown } | null)?.stateHash : undefined;
  if (recorded !== snapshot.stateHash) {
    findings.push({
      kind: 'snapshot-disagrees',
      line: atHead.line,
      missing: null,
      message:
        recorded === undefined
          ? `The snapshot (snapshot.json) names line ${atHead.line} (seq ${head.seq}) as its head, which is not a checkpoint. The state was rebuilt from the release log.`
          : `The snapshot (snapshot.json) does not match the release log: its state hashes to ${shortHash(snapshot.stateHash)}, the checkpoint at line ${atHead.line} recorded ${shortHash(String(recorded))}. The state was rebuilt from the release log.`,
    });
    return { findings, trusted: null };
  }
  return { findings, trusted: snapshot };
}

/**
 * Names where a rewrite happened as closely as the snapshot allows: after the last earlier snapshot head
 * that still matches the log, and at or before the first that does not.
 */
function rewrittenMessage<S>(scan: LogScan, snapshot: Snapshot<S>, headLine: number, nowHash: string): string {
  const lineOf = new Map(scan.entries.map(({ line, entry }) => [entry.seq, { line, hash: entry.hash }]));
  let after: { line: number; seq: number } | null = null;
  let upTo = { line: headLine, seq: snapshot.head.seq };
  for (const earlier of snapshot.earlierHeads) {
    const found = lineOf.get(earlier.seq);
    if (found && found.hash === earlier.hash) after = { line: found.line, seq: earlier.seq };
    else if (found) {
      upTo = { line: found.line, seq: earlier.seq };
      break;
    }
  }
  const where = after ? `between line ${after.line + 1} and line ${upTo.line} (seq ${after.seq + 1} to ${upTo.seq})` : `at or before line ${upTo.line} (seq ${upTo.seq})`;
  return `The release log was rewritten ${where}: the entry at line ${headLine} (seq ${snapshot.head.seq}) now hashes to ${shortHash(nowHash)}, but the snapshot recorded ${shortHash(snapshot.head.hash)}. An entry was changed and the entries after it re-hashed.`;
}

export function describeFindings(findings: readonly LogFinding[]): string {
  return findings.map((f) => f.message).join(' ');
}
