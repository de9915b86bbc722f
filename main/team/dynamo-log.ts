import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../shared/clock';
import { localOnlyReason, logPartitionKey } from '../../shared/team/sharing';
import { GENESIS_HASH, sha256Hex } from '../storage/audit-entry';
import { canonicalJson, type JsonValue } from '../storage/canonical-json';

// The AWS SDK is the slowest import serve had; this file's chain checks are needed without a store, its commands only with one.
const documentCommands = () => import('@aws-sdk/lib-dynamodb');

/** Where a chain stands: the entry the next one follows (the same shape as the local release log's head). */
export interface LogHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: LogHead = { seq: 0, hash: GENESIS_HASH };

/** What a desk asks to share: an event with the id it was decided under (the id makes a retried put recognisable). */
export interface SharedEventInput {
  id: string;
  kind: string;
  body: JsonValue;
}

/** One entry of the shared chain, as it stands in the table. */
export interface SharedEntry {
  seq: number;
  id: string;
  time: string;
  prevHash: string;
  kind: string;
  body: JsonValue;
  hash: string;
}

/** An entry as read back: `problem` says why it does not match its own hash or key, for verifyChain to name. */
export interface ReadEntry extends SharedEntry {
  problem: string | null;
}

/** The table's item: the key, the fields a reader needs without parsing, and the exact hashed text. */
interface StoredItem {
  pk: string;
  seq: number;
  id: string;
  prevHash: string;
  hash: string;
  /** The bytes the hash covers, stored as written so verification never re-encodes. */
  text: string;
}

export type AppendResult =
  /** The store accepted the events; `recognised` when a retried put found our own earlier write. */
  | { ok: true; entries: SharedEntry[]; head: LogHead; recognised: boolean }
  /**
   * Another desk wrote first: its events, from the caller's head on, so the caller can fold them and decide
   * again. `alreadyIn` when they include this very event (an earlier attempt from a stale head landed and its
   * answer was lost): folding them, the caller finds its change done and must not append it again.
   */
  | { ok: false; winners: ReadEntry[]; head: LogHead; alreadyIn: boolean };

/** The store could not be reached or refused for another reason than a lost race: nothing may be applied. */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The one hashing of a shared entry: sha256 over its canonical text, the same construction as the local
 * release log (main/storage), plus the event id so a rewritten id breaks the chain too. Kept in this one
 * function so it is swapped for the local log's encoder in one place once issue 14's storage has landed.
 */
export function encodeSharedEntry(input: SharedEventInput, head: LogHead, time: string): { entry: SharedEntry; text: string } {
  const seq = head.seq + 1;
  const text = `{"seq":${seq},"id":${JSON.stringify(input.id)},"time":${JSON.stringify(time)},"prevHash":"${head.hash}","kind":${JSON.stringify(input.kind)},"body":${canonicalJson(input.body)}}`;
  return { entry: { seq, id: input.id, time, prevHash: head.hash, kind: input.kind, body: input.body, hash: sha256Hex(text) }, text };
}

/** DynamoDB allows 100 actions in one transaction; one decision's events are a handful. */
const MAX_EVENTS_PER_APPEND = 100;
/** The look-back after a failed put is one quick read: the put's own retries already waited for the store. */
const LOOK_BACK_TIMEOUT_MS = 2_000;
/** A Query returns at most 1 MB; a page this size keeps one read request small on a slow link. */
const TAIL_PAGE_ITEMS = 500;

export interface DynamoLogOptions {
  documents: DynamoDBDocumentClient;
  table: string;
  workspaceId: string;
  clock: Clock;
}

/**
 * One workspace's release log in one DynamoDB partition (`log#<workspace>`, sort key the sequence number).
 * An append is a conditional put on the next sequence number (`attribute_not_exists`), carrying the
 * previous entry's hash: the one conditional write is both the ordering and the chain. Several events of
 * one decision go in one transaction, so they are accepted together or not at all.
 */
export class DynamoLog {
  private readonly pk: string;

  constructor(private readonly options: DynamoLogOptions) {
    this.pk = logPartitionKey(options.workspaceId);
  }

  /**
   * Appends `events` after `head`. Resolves only once DynamoDB has accepted them (or another desk's
   * events are known to have won); rejects with StoreUnavailableError when the store did not answer, in
   * which case nothing may be applied and the same events (same ids) are appended again later.
   */
  async append(events: readonly SharedEventInput[], head: LogHead): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('DynamoLog.append: no events to append');
    if (events.length > MAX_EVENTS_PER_APPEND) throw new RangeError(`DynamoLog.append: ${events.length} events in one decision; at most ${MAX_EVENTS_PER_APPEND}`);
    for (const event of events) {
      const reason = localOnlyReason(event.kind, event.body);
      if (reason) throw new TypeError(`DynamoLog.append: event ${event.id} is not shared: ${reason}`);
    }
    const time = new Date(this.options.clock.now()).toISOString();
    const encoded: { entry: SharedEntry; item: StoredItem }[] = [];
    let at = head;
    for (const event of events) {
      const { entry, text } = encodeSharedEntry(event, at, time);
      encoded.push({ entry, item: { pk: this.pk, seq: entry.seq, id: entry.id, prevHash: entry.prevHash, hash: entry.hash, text } });
      at = { seq: entry.seq, hash: entry.hash };
    }
    const condition = { ConditionExpression: 'attribute_not_exists(pk)' };
    const { PutCommand, TransactWriteCommand } = await documentCommands();
    try {
      if (encoded.length === 1) {
        await this.options.documents.send(new PutCommand({ TableName: this.options.table, Item: encoded[0]!.item, ...condition }));
      } else {
        await this.options.documents.send(
          new TransactWriteCommand({ TransactItems: encoded.map(({ item }) => ({ Put: { TableName: this.options.table, Item: item, ...condition } })) }),
        );
      }
      return { ok: true, entries: encoded.map(({ entry }) => entry), head: at, recognised: false };
    } catch (error) {
      if (!isConditionFailure(error)) {
        // A timeout may hide a put that landed: look once, briefly, before reporting the store as gone
        // (a store that is down would otherwise hold the user through a second round of retries).
        const landed = await this.readItem(head.seq + 1, AbortSignal.timeout(LOOK_BACK_TIMEOUT_MS)).catch(() => undefined);
        if (landed && landed.id === events[0]!.id) return this.recognised(head, encoded.length);
        throw new StoreUnavailableError(`the team store (${this.options.table}) did not accept the write: ${describe(error)}`, error);
      }
      // Taken: either our own earlier attempt (the SDK retried a put that had landed) or another desk's.
      const taken = await this.readItem(head.seq + 1);
      if (taken && taken.id === events[0]!.id) return this.recognised(head, encoded.length);
      const winners = await this.tail(head.seq);
      return { ok: false, winners, head: headOf(winners, head), alreadyIn: winners.some((entry) => entry.id === events[0]!.id) };
    }
  }

  /** Our write landed on an earlier attempt: read back exactly what the table holds for it. */
  private async recognised(head: LogHead, count: number): Promise<AppendResult> {
    const entries = (await this.tail(head.seq)).slice(0, count);
    return { ok: true, entries, head: headOf(entries, head), recognised: true };
  }

  /** Every entry after `afterSeq`, in order, with consistent reads (a desk must see what it lost to). */
  async tail(afterSeq: number): Promise<ReadEntry[]> {
    const entries: ReadEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.query(afterSeq, startKey);
      for (const item of page.Items ?? []) entries.push(entryOf(item as StoredItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }

  /** One page of the tail; a poll that finds nothing new is one consistent Query (1 read request unit). */
  private async query(afterSeq: number, startKey: Record<string, unknown> | undefined) {
    const { QueryCommand } = await documentCommands();
    return this.options.documents
      .send(
        new QueryCommand({
          TableName: this.options.table,
          KeyConditionExpression: 'pk = :pk AND seq > :after',
          ExpressionAttributeValues: { ':pk': this.pk, ':after': afterSeq },
          ConsistentRead: true,
          Limit: TAIL_PAGE_ITEMS,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      )
      .catch((error: unknown) => {
        throw new StoreUnavailableError(`the team store (${this.options.table}) could not be read: ${describe(error)}`, error);
      });
  }

  private async readItem(seq: number, abortSignal?: AbortSignal): Promise<StoredItem | undefined> {
    const { GetCommand } = await documentCommands();
    const command = new GetCommand({ TableName: this.options.table, Key: { pk: this.pk, seq }, ConsistentRead: true });
    const result = await this.options.documents.send(command, abortSignal ? { abortSignal } : {});
    return result.Item as StoredItem | undefined;
  }

  /** Reads the whole chain and checks it; `known` is a head this desk saw before (its replica's, or an export's). */
  async verify(known: LogHead | null = null): Promise<ChainReport> {
    return verifyChain(await this.tail(0), known);
  }
}

export interface ChainReport {
  ok: boolean;
  head: LogHead;
  /** Each problem names the sequence number where it is. */
  problems: string[];
}

/**
 * Checks a chain read from the table: every entry's text hashes to its hash, says its own seq and id,
 * and names the previous hash; the seqs run 1, 2, 3 … without a gap. Against a head seen before, a table
 * that is shorter, or whose entry at that seq has another hash (re-hashed from an edit onwards), is named.
 */
export function verifyChain(entries: readonly ReadEntry[], known: LogHead | null): ChainReport {
  const problems: string[] = [];
  let head = EMPTY_HEAD;
  for (const entry of entries) {
    if (entry.seq !== head.seq + 1) problems.push(`seq ${head.seq + 1}: missing (the next entry in the table is seq ${entry.seq})`);
    else if (entry.prevHash !== head.hash) problems.push(`seq ${entry.seq}: names previous hash ${entry.prevHash.slice(0, 12)}, but seq ${head.seq} has ${head.hash.slice(0, 12)}`);
    if (entry.problem) problems.push(`seq ${entry.seq}: ${entry.problem}`);
    head = { seq: entry.seq, hash: entry.hash };
  }
  if (known && known.seq > 0) {
    const atKnown = entries.find((entry) => entry.seq === known.seq);
    if (head.seq < known.seq) problems.push(`the table ends at seq ${head.seq}, shorter than the head seq ${known.seq} (${known.hash.slice(0, 12)}) seen before: ${known.seq - head.seq} entries missing`);
    else if (atKnown && atKnown.hash !== known.hash) {
      problems.push(`seq ${known.seq}: hash ${atKnown.hash.slice(0, 12)} differs from ${known.hash.slice(0, 12)} seen before: the table was rewritten and re-hashed`);
    }
  }
  return { ok: problems.length === 0, head, problems };
}

/** Parses an item and checks it against its own hash; a mismatch travels with the entry for verifyChain to name. */
function entryOf(item: StoredItem): ReadEntry {
  let parsed: { seq?: unknown; id?: unknown; time?: unknown; prevHash?: unknown; kind?: unknown; body?: JsonValue } = {};
  let problem: string | null = null;
  try {
    parsed = JSON.parse(item.text) as typeof parsed;
  } catch {
    problem = 'its text is not JSON';
  }
  if (!problem && sha256Hex(item.text) !== item.hash) problem = `its content no longer matches its hash ${String(item.hash).slice(0, 12)}`;
  else if (!problem && (parsed.seq !== item.seq || parsed.id !== item.id || parsed.prevHash !== item.prevHash)) problem = 'its key, id or previous hash differs from its hashed text';
  return {
    seq: Number(item.seq),
    id: String(item.id),
    time: typeof parsed.time === 'string' ? parsed.time : '',
    prevHash: String(item.prevHash),
    kind: typeof parsed.kind === 'string' ? parsed.kind : '',
    body: parsed.body ?? null,
    hash: String(item.hash),
    problem,
  };
}

function headOf(entries: readonly SharedEntry[], fallback: LogHead): LogHead {
  const last = entries.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : fallback;
}

/** By the SDK's error names, as its exception classes set them: the classes would load the SDK to ask. */
function isConditionFailure(error: unknown): boolean {
  const failure = error as { name?: unknown; CancellationReasons?: { Code?: string }[] } | null;
  if (failure?.name === 'TransactionCanceledException') return (failure.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed');
  return failure?.name === 'ConditionalCheckFailedException';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
