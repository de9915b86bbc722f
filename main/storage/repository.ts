import path from 'node:path';
import type { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { removeStaleTempFiles } from './atomic-file';
import type { JsonValue } from './canonical-json';
import { describeFindings, findingsAtStart, type LogFinding } from './log-findings';
import { EMPTY_LOG, foldedEventBody, sharedRefOf, type LogEntry, type LogHead, type LogRecordInput, type SharedRef } from './log-entry';
import { scanLog, type ScannedEntry } from './log-scan';
import { ReleaseLog } from './release-log';
import { SerialQueue } from './serial-queue';
import { hashState, readSnapshot, withEarlierHead, writeSnapshot } from './snapshot-file';

export type { LogFinding } from './log-findings';
export type { LogHead, SharedRef } from './log-entry';

/** The shape the release loop (main/release/repository.ts) works against; this module is its implementation. */
export interface ReleaseRepository<S, E> {
  readonly state: S;
  readonly head: LogHead;
  /** Tampering found at start, not yet acknowledged: every append is refused. */
  readonly readOnly: { reason: string; message?: string } | null;
  /**
   * Durable (written and fsynced) before it resolves; the state is folded after. `decidedOn` is the head
   * the events were decided on: a shared log refuses them (SupersededError) if other desks' events were
   * folded since. The local log has one writer and ignores it.
   */
  append(events: E[], decidedOn?: LogHead): Promise<LogHead>;
}

/** One event the team's shared log accepted, as the desk's replica records it. */
export interface ReplicatedEvent<E> {
  ref: SharedRef;
  event: E;
}

export interface OpenedRepository<S, E> extends ReleaseRepository<S, E> {
  /** What the start-up checks found, each naming what is wrong and where; empty once acknowledged. */
  readonly findings: readonly LogFinding[];
  /** Records who looked at the findings: the first entry of a new chain segment. Clears `readOnly`. */
  acknowledge(by: { name: string; role: string }): Promise<LogHead>;
  /** Writes a snapshot if events came since the last one, then closes the log. */
  close(): Promise<void>;
  /** The last entry of the team's shared chain this replica holds (seq 0 when none). */
  readonly replicatedHead: LogHead;
  /**
   * Records events the shared log accepted (`shared` entries, durable before it resolves) and folds them.
   * Entries at or before `replicatedHead` are skipped, so a catch-up that overlaps an append adds nothing twice.
   */
  appendReplicated(entries: readonly ReplicatedEvent<E>[]): Promise<LogHead>;
}

/** What a migration from an older format hands the log: the state to start from and what it came from. */
export interface Genesis<S> {
  state: S;
  /** Where the state came from, e.g. the old audit log's head, so the old log stays verifiable against it. */
  origin: JsonValue;
}

export interface RepositoryOptions<S, E> {
  dir: string;
  initial: S;
  /** The fold: pure, returns the next state. */
  apply: (state: S, event: E) => S;
  eventSchema: z.ZodType<E>;
  stateSchema: z.ZodType<S>;
  clock: Clock;
  /** Called on a first start (no log, no snapshot): data from before the log becomes its genesis entry. */
  migrate?: () => Promise<Genesis<S> | null>;
  /** Events between snapshots; SNAPSHOT_EVERY_EVENTS unless a test wants more snapshots. */
  snapshotEvery?: number;
}

export const LOG_FILE = 'release-log.jsonl';
export const SNAPSHOT_FILE = 'snapshot.json';

/**
 * Events between snapshots. A snapshot saves the fold of everything before it, not the reading: every
 * start still reads and checks the whole log. 500 keeps a snapshot write (a checkpoint append, a file
 * write and three fsyncs, ~10 ms) under 2% of the appends' cost, and a start's replay of the tail
 * to a few milliseconds even with a costly reducer.
 */
export const SNAPSHOT_EVERY_EVENTS = 500;

export class ReadOnlyRepositoryError extends Error {
  override name = 'ReadOnlyRepositoryError';
}

/**
 * Opens the release log in `dir`: reads and checks it, checks `snapshot.json` against it, and folds the
 * state (the snapshot plus the log after its head, or the whole log when the snapshot cannot be trusted).
 * Never rewrites a byte of the log; a finding makes the repository read-only until acknowledged.
 */
export async function openRepository<S, E>(options: RepositoryOptions<S, E>): Promise<OpenedRepository<S, E>> {
  const logFile = path.join(options.dir, LOG_FILE);
  const snapshotFile = path.join(options.dir, SNAPSHOT_FILE);
  await removeStaleTempFiles(snapshotFile);
  const snapshot = await readSnapshot(snapshotFile, options.stateSchema);
  const scan = await scanLog(logFile);
  const { findings, trusted } = findingsAtStart(scan, snapshot, LOG_FILE);

  const fold = new Fold(options, findings, scan.settledLine);
  const lastShared = scan.entries.map(({ entry }) => sharedRefOf(entry)).findLast((ref) => ref !== null);
  let state: S;
  if (trusted) {
    const after = scan.entries.findIndex(({ entry }) => entry.seq === trusted.head.seq && entry.hash === trusted.head.hash);
    state = fold.over(trusted.state, scan.entries.slice(after + 1));
  } else {
    state = fold.over(structuredClone(options.initial), scan.entries);
  }
  const snapshotHead = 'snapshot' in snapshot ? snapshot.snapshot.head : null;
  const repository = new Repository(options, new ReleaseLog(logFile, options.clock, scan.tail), snapshotFile, state, findings, snapshotHead, trusted);
  if (lastShared) repository.replicatedHead = { seq: lastShared.seq, hash: lastShared.hash };
  if (!scan.exists && !('snapshot' in snapshot) && !('problem' in snapshot) && options.migrate) {
    const genesis = await options.migrate();
    if (genesis) await repository.startFrom(genesis);
  }
  return repository;
}

/** Folds entries in order; an event the schema refuses is left out and named (once it is past any acknowledgement). */
class Fold<S, E> {
  constructor(
    private readonly options: RepositoryOptions<S, E>,
    private readonly findings: LogFinding[],
    private readonly settledLine: number,
  ) {}

  over(start: S, entries: readonly ScannedEntry[]): S {
    let state = start;
    for (const { line, entry } of entries) {
      if (entry.kind === 'event' || entry.kind === 'shared') {
        const event = this.options.eventSchema.safeParse(foldedEventBody(entry));
        if (event.success) state = this.options.apply(state, event.data);
        else if (line > this.settledLine) this.refused(line, entry, `an event the console cannot read (${event.error.issues[0]?.message ?? 'invalid'})`);
      } else if (entry.kind === 'genesis') {
        const body = entry.body as { state?: unknown } | null;
        const genesis = this.options.stateSchema.safeParse(body?.state);
        if (genesis.success) state = genesis.data;
        else if (line > this.settledLine) this.refused(line, entry, `a genesis entry whose state the console cannot read (${genesis.error.issues[0]?.message ?? 'invalid'})`);
      }
    }
    return state;
  }

  private refused(line: number, entry: LogEntry, what: string): void {
    this.findings.push({ kind: 'event-unreadable', line, missing: null, message: `Line ${line} (seq ${entry.seq}) of the release log holds ${what}; it was left out of the state.` });
  }
}

class Repository<S, E> implements OpenedRepository<S, E> {
  private readonly queue = new SerialQueue();
  private current: S;
  private eventsSinceSnapshot: number;
  private found: LogFinding[];
  /** The heads of the snapshots written before, carried into the next one. */
  private earlierHeads: LogHead[];
  private blocked: { reason: string } | null;
  replicatedHead: LogHead = { seq: 0, hash: EMPTY_LOG.hash };

  constructor(
    private readonly options: RepositoryOptions<S, E>,
    private readonly log: ReleaseLog,
    private readonly snapshotFile: string,
    state: S,
    findings: LogFinding[],
    /** The head the snapshot on disk names, trusted or not: an acknowledgement records it. */
    private readonly snapshotHead: LogHead | null,
    trusted: { head: LogHead; earlierHeads: LogHead[] } | null,
  ) {
    // A snapshot that was not trusted hands nothing on: its heads may be the tampered ones.
    this.earlierHeads = trusted ? withEarlierHead(trusted.earlierHeads, trusted.head) : [];
    this.current = state;
    this.found = findings;
    this.blocked = findings.length > 0 ? { reason: describeFindings(findings) } : null;
    this.eventsSinceSnapshot = log.head.seq - (trusted?.head.seq ?? 0);
  }

  get state(): S {
    return this.current;
  }

  get head(): LogHead {
    return this.log.head;
  }

  get readOnly(): { reason: string } | null {
    return this.blocked;
  }

  get findings(): readonly LogFinding[] {
    return this.found;
  }

  append(events: E[]): Promise<LogHead> {
    return this.queue.run(async () => {
      if (this.blocked) throw new ReadOnlyRepositoryError(`The release log is read-only until its findings are acknowledged: ${this.blocked.reason}`);
      const records: LogRecordInput[] = events.map((event, i) => {
        const checked = this.options.eventSchema.safeParse(event);
        if (!checked.success) {
          const issue = checked.error.issues[0];
          throw new TypeError(`release log: event ${i} is not a valid event: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
        }
        return { kind: 'event', body: checked.data as JsonValue };
      });
      await this.log.append(records);
      for (const event of events) this.current = this.options.apply(this.current, event);
      this.eventsSinceSnapshot += records.length;
      if (this.eventsSinceSnapshot >= (this.options.snapshotEvery ?? SNAPSHOT_EVERY_EVENTS)) await this.snapshot();
      return this.log.head;
    });
  }

  appendReplicated(entries: readonly ReplicatedEvent<E>[]): Promise<LogHead> {
    return this.queue.run(async () => {
      if (this.blocked) throw new ReadOnlyRepositoryError(`The release log is read-only until its findings are acknowledged: ${this.blocked.reason}`);
      const fresh = entries.filter(({ ref }) => ref.seq > this.replicatedHead.seq);
      if (fresh.length === 0) return this.log.head;
      const records: LogRecordInput[] = fresh.map(({ ref, event }) => ({ kind: 'shared', body: { shared: { ...ref }, event: this.options.eventSchema.parse(event) as JsonValue } }));
      await this.log.append(records);
      for (const { event } of fresh) this.current = this.options.apply(this.current, event);
      const last = fresh.at(-1)!.ref;
      this.replicatedHead = { seq: last.seq, hash: last.hash };
      this.eventsSinceSnapshot += records.length;
      if (this.eventsSinceSnapshot >= (this.options.snapshotEvery ?? SNAPSHOT_EVERY_EVENTS)) await this.snapshot();
      return this.log.head;
    });
  }

  acknowledge(by: { name: string; role: string }): Promise<LogHead> {
    return this.queue.run(async () => {
      if (!this.blocked) return this.log.head;
      // A pending torn tail is recorded first, so the digest below covers it and the new segment follows it.
      await this.log.append([]);
      const prior = await this.log.digest();
      const findings = this.found.map((f) => ({ kind: f.kind, line: f.line, missing: f.missing, message: f.message }));
      await this.log.append([
        {
          kind: 'acknowledgement',
          body: { acknowledgedBy: by, snapshotHead: this.snapshotHead ? { ...this.snapshotHead } : null, logHead: { ...this.log.head }, findings, priorBytes: prior.bytes, priorSha256: prior.sha256 },
        },
      ]);
      this.found = [];
      this.blocked = null;
      await this.snapshot();
      return this.log.head;
    });
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      if (!this.blocked && this.eventsSinceSnapshot > 0) await this.snapshot();
      await this.log.close();
    });
  }

  /** The first start on older data: the genesis entry, then a snapshot of it. */
  startFrom(genesis: Genesis<S>): Promise<void> {
    return this.queue.run(async () => {
      const checked = this.options.stateSchema.parse(genesis.state);
      await this.log.append([{ kind: 'genesis', body: { state: checked as JsonValue, origin: genesis.origin } }]);
      this.current = checked;
      await this.snapshot();
    });
  }

  /** The checkpoint goes into the log first: a snapshot is never ahead of the log, and the log vouches for it. */
  private async snapshot(): Promise<void> {
    const stateHash = hashState(this.current);
    await this.log.append([{ kind: 'checkpoint', body: { stateHash } }]);
    const head = this.log.head;
    await writeSnapshot(this.snapshotFile, { format: 1, head, stateHash, state: this.current, earlierHeads: this.earlierHeads });
    this.earlierHeads = withEarlierHead(this.earlierHeads, head);
    this.eventsSinceSnapshot = 0;
  }
}

