import { canonicalJson } from './canonical-json';
import { decodeAuditLine, EMPTY_CHAIN, type AuditChainHead, type AuditEntry, type AuditLineProblem } from './audit-entry';
import { readFileLinesIfPresent } from './line-reader';
import { describeFragment, type TornFragment } from './torn-fragment';

export type AuditBreakProblem = AuditLineProblem | 'seq-gap' | 'prev-hash-mismatch';

/** The first place the chain does not hold, as a person looking at the file would find it. */
export interface AuditBreak {
  line: number;
  offset: number;
  problem: AuditBreakProblem;
  message: string;
}

export interface AuditVerification {
  /** True when every entry is intact and chained; a torn tail alone does not make it false. */
  ok: boolean;
  entries: number;
  head: AuditChainHead;
  break: AuditBreak | null;
  /** Unreadable fragments after the last entry: a crash mid-append, recorded by the next append. */
  tornTail: (TornFragment & { line: number })[];
  /** Earlier torn fragments that a recovery entry accounts for. */
  recovered: (TornFragment & { line: number })[];
}

/** Streams the whole log once and stops at the first break. A missing log is an empty, intact one. */
export async function verifyAuditLog(file: string): Promise<AuditVerification> {
  let head = EMPTY_CHAIN;
  let entries = 0;
  let pending: (TornFragment & { line: number })[] = [];
  const recovered: (TornFragment & { line: number })[] = [];
  const result = (brk: AuditBreak | null): AuditVerification => ({ ok: brk === null, entries, head, break: brk, tornTail: brk ? [] : pending, recovered });
  const unexplained = (fragment: TornFragment & { line: number }): AuditBreak => ({
    line: fragment.line,
    offset: fragment.offset,
    problem: 'bad-json',
    message: `line ${fragment.line} is not an audit entry and no recovery entry accounts for it`,
  });

  for await (const { line, offset, bytes } of readFileLinesIfPresent(file)) {
    const decoded = decodeAuditLine(bytes.toString('utf8'));
    // A torn prefix of a JSON object never parses; a line that parses but is wrong was not torn by a crash.
    if ('problem' in decoded && decoded.problem === 'bad-json') {
      pending.push({ ...describeFragment(offset, bytes), line });
      continue;
    }
    if ('problem' in decoded) return result(pending[0] ? unexplained(pending[0]) : { line, offset, problem: decoded.problem, message: `line ${line}: ${decoded.message}` });
    const entry = decoded.entry;
    if (pending.length > 0) {
      if (!accountsFor(entry, pending)) return result(unexplained(pending[0]!));
      recovered.push(...pending);
      pending = [];
    }
    if (entry.seq !== head.seq + 1) {
      return result({ line, offset, problem: 'seq-gap', message: `line ${line}: seq ${entry.seq} follows seq ${head.seq}` });
    }
    if (entry.prevHash !== head.hash) {
      return result({ line, offset, problem: 'prev-hash-mismatch', message: `line ${line}: seq ${entry.seq} chains to ${entry.prevHash}, but seq ${head.seq} hashes to ${head.hash}` });
    }
    head = { seq: entry.seq, hash: entry.hash };
    entries++;
  }
  return result(null);
}

function accountsFor(entry: AuditEntry, fragments: readonly TornFragment[]): boolean {
  if (entry.kind !== 'recovery' || entry.data === null || typeof entry.data !== 'object' || Array.isArray(entry.data)) return false;
  const named = entry.data['torn'];
  if (!Array.isArray(named)) return false;
  const described = fragments.map(({ offset, bytes, sha256 }) => ({ offset, bytes, sha256 }));
  return canonicalJson(named) === canonicalJson(described);
}
