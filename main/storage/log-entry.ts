import { canonicalJson, type JsonValue } from './canonical-json';
import { GENESIS_HASH, sha256Hex, type AuditChainHead } from './audit-entry';

/**
 * What a release log line holds. `event` carries a domain event the caller's reducer folds; the other
 * kinds are the log's own bookkeeping and leave the state alone, except `genesis`, which sets it:
 * - `genesis`: the first entry on data from before the log (the old state and the old audit log's head);
 * - `recovery`: names the bytes a crash tore, as the audit log does;
 * - `checkpoint`: the hash of the state a snapshot holds, chained, so a snapshot edited by hand (even one
 *   whose own hash was recomputed) disagrees with the log;
 * - `acknowledgement`: starts a new chain segment after tampering was found and acknowledged;
 * - `shared`: an event the team's shared log (DynamoDB) accepted, with where it stands in that chain
 *   (`SharedRef`): the desk's replica of the shared chain, folded like `event`.
 */
export const LOG_ENTRY_KINDS = ['event', 'genesis', 'recovery', 'checkpoint', 'acknowledgement', 'shared'] as const;
export type LogEntryKind = (typeof LOG_ENTRY_KINDS)[number];

export interface LogHead {
  seq: number;
  hash: string;
}

export const EMPTY_LOG: LogHead = { seq: 0, hash: GENESIS_HASH };

export interface LogEntry {
  seq: number;
  time: string;
  prevHash: string;
  kind: LogEntryKind;
  body: JsonValue;
  hash: string;
}

/** Where a replicated event stands in the team's shared chain: its seq, id and hash there. */
export interface SharedRef {
  seq: number;
  id: string;
  prevHash: string;
  hash: string;
  time: string;
}

/** The domain event an entry carries for the fold: an `event`'s body, a `shared` entry's event, else none. */
export function foldedEventBody(entry: Pick<LogEntry, 'kind' | 'body'>): unknown {
  if (entry.kind === 'event') return entry.body;
  if (entry.kind === 'shared') return (entry.body as { event?: unknown } | null)?.event;
  return undefined;
}

/** The shared chain's position a `shared` entry records, or null for any other entry. */
export function sharedRefOf(entry: Pick<LogEntry, 'kind' | 'body'>): SharedRef | null {
  if (entry.kind !== 'shared') return null;
  const ref = (entry.body as { shared?: SharedRef } | null)?.shared;
  return ref && Number.isInteger(ref.seq) && typeof ref.hash === 'string' ? ref : null;
}

export interface LogRecordInput {
  kind: LogEntryKind;
  body: JsonValue;
}

/** `,"hash":"<64 hex>"}` closes every line: the hash covers exactly the bytes before it. */
const HASH_FIELD = ',"hash":"';
const HASH_SUFFIX_LENGTH = HASH_FIELD.length + 64 + 2;
const ENTRY_KEYS = ['seq', 'time', 'prevHash', 'kind', 'body', 'hash'];

/**
 * Builds the entry after `head` and its stored line. The hash is sha256 over the line's own bytes up to
 * the hash field, so checking a line costs one JSON.parse and one digest, with no re-encoding: that keeps
 * a start-up replay of 100,000 entries under a second.
 */
export function encodeLogEntry(input: LogRecordInput, head: AuditChainHead, time: string): { entry: LogEntry; line: string } {
  const seq = head.seq + 1;
  const unhashed = `{"seq":${seq},"time":${JSON.stringify(time)},"prevHash":"${head.hash}","kind":"${input.kind}","body":${canonicalJson(input.body)}}`;
  const hash = sha256Hex(unhashed);
  const line = `${unhashed.slice(0, -1)}${HASH_FIELD}${hash}"}\n`;
  return { entry: { seq, time, prevHash: head.hash, kind: input.kind, body: input.body, hash }, line };
}

export type LogLineProblem = 'bad-json' | 'bad-entry' | 'hash-mismatch';

export type DecodedLogLine = { entry: LogEntry } | { problem: LogLineProblem; message: string; seq: number | null };

/** Parses one stored line (without its newline) and checks it against its own hash. */
export function decodeLogLine(text: string): DecodedLogLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: 'bad-json', message: `not JSON: ${(error as Error).message}`, seq: null };
  }
  const shapeError = entryShapeError(parsed);
  const claimedSeq = isRecord(parsed) && Number.isInteger(parsed['seq']) ? (parsed['seq'] as number) : null;
  if (shapeError) return { problem: 'bad-entry', message: `not a log entry: ${shapeError}`, seq: claimedSeq };
  const entry = parsed as LogEntry;
  const suffixAt = text.length - HASH_SUFFIX_LENGTH;
  const expected = text.startsWith(HASH_FIELD, suffixAt) && text.endsWith('"}') ? sha256Hex(`${text.slice(0, suffixAt)}}`) : null;
  if (expected !== entry.hash) {
    return { problem: 'hash-mismatch', message: `its content no longer matches its hash ${entry.hash.slice(0, 12)}`, seq: entry.seq };
  }
  return { entry };
}

function entryShapeError(value: unknown): string | null {
  if (!isRecord(value)) return 'not a JSON object';
  const keys = Object.keys(value);
  const unexpected = keys.find((key) => !ENTRY_KEYS.includes(key));
  if (unexpected !== undefined) return `unexpected field ${JSON.stringify(unexpected)}`;
  if (!Number.isInteger(value['seq']) || (value['seq'] as number) < 1) return 'seq is not a positive integer';
  if (typeof value['time'] !== 'string') return 'time is not a string';
  // Length only: a hash that is not hex never equals a computed one, and the check runs on every line at start.
  if (typeof value['prevHash'] !== 'string' || value['prevHash'].length !== 64) return 'prevHash is not a sha256';
  if (typeof value['hash'] !== 'string' || value['hash'].length !== 64) return 'hash is not a sha256';
  if (!(LOG_ENTRY_KINDS as readonly unknown[]).includes(value['kind'])) return `unknown kind ${JSON.stringify(value['kind'])}`;
  if (!('body' in value)) return 'body is missing';
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
