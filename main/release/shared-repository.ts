import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ReleaseEvent } from '../../shared/engine/events';
import type { ConsoleState } from '../../shared/engine/state';
import { localOnlyReason } from '../../shared/team/sharing';
import { offlineRefusal, storeStatusLine, type StoreReachability } from '../../shared/team/storeStatus';
import { StoreUnavailableError, verifyChain, type DynamoLog, type LogHead, type ReadEntry, type SharedEntry } from '../team/dynamo-log';
import { TailPoller } from '../team/tail-poller';
import type { JsonValue } from '../storage/canonical-json';
import { SerialQueue } from '../storage/serial-queue';
import type { OpenedRepository, ReplicatedEvent } from '../storage/repository';

type ConsoleLog = OpenedRepository<ConsoleState, ReleaseEvent>;

/**
 * Another desk's events reached the shared chain first. They are folded into this desk's state before
 * this is thrown, so the intent loop decides again on the state they left (issue 15, "Conflicts").
 */
export class SupersededError extends Error {
  override name = 'SupersededError';
}

/** What the status bar and the Record panel say about the shared log. */
export interface SharedLogStatus {
  table: string;
  reachability: StoreReachability;
  /** The chain read from the table does not hold against what this desk saw: nothing more is folded. */
  broken: string | null;
  line: string;
}

export interface SharedReleaseRepositoryOptions {
  local: ConsoleLog;
  log: DynamoLog;
  table: string;
  clock: Clock;
  /** New shared events were folded, or the store's reachability changed: the host pushes views and the record. */
  onChange: () => void;
  /**
   * Events the store accepted were folded into this desk's state (another desk's, or this desk's own):
   * what main pushes per event (a rollback's progress) reaches this desk's windows whichever desk ran it.
   */
  onFolded?: (events: readonly ReleaseEvent[]) => void;
  pollIntervalMs?: number;
  /** How often a desk that cannot reach the store tries again (OFFLINE_POLL_INTERVAL_MS unless set). */
  offlinePollIntervalMs?: number;
}

/**
 * The release log when the workspace names a shared store: the DynamoDB chain is the order and the truth,
 * the desk's JSONL log its replica. An accepted event goes to the store first (a conditional put on the
 * next seq, carrying the previous hash), then into the replica, then into the state; a refusal stays in
 * the replica only. While the store cannot be reached the repository is read-only, and it catches up when
 * the store answers again. `head` is the shared chain's head, the same on every desk and in every export.
 */
export class SharedReleaseRepository implements ConsoleLog {
  private readonly queue = new SerialQueue();
  private readonly poller: TailPoller;
  private reachability: StoreReachability;
  private brokenChain: string | null = null;
  /** A poll answered after close must not push to windows that are gone. */
  private closed = false;

  constructor(private readonly options: SharedReleaseRepositoryOptions) {
    this.reachability = { kind: 'connected', since: options.clock.now() };
    this.poller = new TailPoller(
      options.log,
      options.local.replicatedHead,
      {
        entries: (entries) => void (this.closed ? undefined : this.replicate(entries).catch((error: unknown) => this.fail(error))),
        reachability: (reachable, error) => void (this.closed ? undefined : this.reachable(reachable, error)),
        broken: (problem) => void (this.closed ? undefined : this.breakChain(problem)),
      },
      options.pollIntervalMs,
      options.offlinePollIntervalMs,
    );
  }

  /** Reads and checks the whole table against what the replica holds, folds what is new, then tails it. */
  async start(): Promise<void> {
    await this.catchUp();
    this.poller.start();
  }

  get state(): ConsoleState {
    return this.options.local.state;
  }

  get head(): LogHead {
    return this.options.local.replicatedHead;
  }

  get findings() {
    return this.options.local.findings;
  }

  get replicatedHead(): LogHead {
    return this.options.local.replicatedHead;
  }

  get status(): SharedLogStatus {
    return { table: this.options.table, reachability: this.reachability, broken: this.brokenChain, line: this.statusLine() };
  }

  get readOnly(): { reason: string; message?: string } | null {
    const local = this.options.local.readOnly;
    if (local) return local;
    if (this.brokenChain) {
      const reason = `the shared log ${this.options.table} does not hold against this desk's copy: ${this.brokenChain}`;
      return { reason, message: `The console is read-only: ${reason}. Nothing more is read from it or written to it until the table is put right.` };
    }
    const refusal = offlineRefusal(this.reachability, 'The change');
    if (refusal) return { reason: this.statusLine(), message: refusal };
    return null;
  }

  append(events: ReleaseEvent[], decidedOn?: LogHead): Promise<LogHead> {
    return this.queue.run(async () => {
      const shared = events.filter((event) => localOnlyReason('event', event) === null);
      const local = events.filter((event) => localOnlyReason('event', event) !== null);
      // The tail folded another desk's events between the decision and this append: decide again on them.
      if (shared.length > 0 && decidedOn && decidedOn.seq !== this.head.seq) {
        throw new SupersededError(`seq ${decidedOn.seq + 1}–${this.head.seq} arrived while deciding; deciding again on the new state`);
      }
      if (shared.length > 0) await this.share(shared);
      if (local.length > 0) await this.options.local.append(local);
      return this.head;
    });
  }

  /** Store first, replica second, state last: nothing is applied that the store has not accepted. */
  private async share(events: ReleaseEvent[]): Promise<void> {
    const blocked = this.readOnly;
    if (blocked) throw new StoreUnavailableError(blocked.message ?? blocked.reason, null);
    const inputs = events.map((event) => ({ id: randomUUID(), kind: 'event', body: ReleaseEvent.parse(event) as JsonValue }));
    let result;
    try {
      result = await this.options.log.append(inputs, this.head);
    } catch (error) {
      if (error instanceof StoreUnavailableError) this.poller.reportUnreachable(error.message);
      throw error;
    }
    this.reachable(true, null);
    if (result.ok) {
      await this.replicateNow(result.entries);
      return;
    }
    const problem = chainProblem(this.head, result.winners);
    if (problem) {
      this.breakChain(problem);
      throw new StoreUnavailableError(`the shared log does not hold: ${problem}`, null);
    }
    await this.replicateNow(result.winners);
    this.options.onChange();
    // An earlier attempt of this very write landed (its answer was lost): it is folded now, done.
    if (result.alreadyIn) return;
    throw new SupersededError(`another desk wrote seq ${result.winners[0]?.seq ?? '?'} first; deciding again on the new state`);
  }

  private replicate(entries: readonly SharedEntry[]): Promise<void> {
    return this.queue.run(async () => {
      // Findings in the local log hold every append; the catch-up after the acknowledgement folds these.
      if (this.options.local.readOnly) return;
      await this.replicateNow(entries);
      this.options.onChange();
    });
  }

  private async replicateNow(entries: readonly SharedEntry[]): Promise<void> {
    const replicated: ReplicatedEvent<ReleaseEvent>[] = entries.map((entry) => ({
      ref: { seq: entry.seq, id: entry.id, prevHash: entry.prevHash, hash: entry.hash, time: entry.time },
      event: ReleaseEvent.parse(entry.body),
    }));
    await this.options.local.appendReplicated(replicated);
    this.poller.advanceTo(this.head);
    if (replicated.length > 0) this.options.onFolded?.(replicated.map((entry) => entry.event));
  }

  /**
   * The whole table, checked as the local log is at start (main/storage/log-scan.ts): every entry's hash,
   * the chain, and against the head this replica holds, so a table that was shortened or re-hashed is
   * named rather than folded. Unreachable: the desk starts read-only on its replica.
   */
  private catchUp(): Promise<void> {
    return this.queue.run(async () => {
      let entries: ReadEntry[];
      try {
        entries = await this.options.log.tail(0);
      } catch (error) {
        this.reachable(false, error instanceof Error ? error.message : String(error));
        return;
      }
      this.reachable(true, null);
      const report = verifyChain(entries, this.head.seq > 0 ? this.head : null);
      if (!report.ok) {
        this.breakChain(report.problems.join('; '));
        return;
      }
      if (this.options.local.readOnly) return;
      await this.replicateNow(entries.filter((entry) => entry.seq > this.head.seq));
    });
  }

  private reachable(reachable: boolean, error: string | null): void {
    const was = this.reachability.kind;
    const now = this.options.clock.now();
    if (reachable && was !== 'connected') this.reachability = { kind: 'connected', since: now };
    else if (!reachable && was !== 'unreachable') this.reachability = { kind: 'unreachable', since: now, error: error ?? 'no answer' };
    else return;
    // Back after an outage: read the whole table again, so what changed meanwhile (even a rewrite) is seen.
    if (reachable && was === 'unreachable') void this.catchUp().then(() => this.options.onChange());
    this.options.onChange();
  }

  private breakChain(problem: string): void {
    if (this.brokenChain) return;
    this.brokenChain = problem;
    this.poller.stop();
    this.options.onChange();
  }

  private fail(error: unknown): void {
    this.breakChain(`an accepted event could not be added to this desk's copy: ${error instanceof Error ? error.message : String(error)}`);
  }

  private statusLine(): string {
    if (this.brokenChain) return `Shared log ${this.options.table} does not hold — read-only: ${this.brokenChain}`;
    return storeStatusLine(this.reachability, { name: this.options.table, roles: [] });
  }

  /** The local findings are looked at: the replica takes appends again, so it catches up on what it missed. */
  async acknowledge(by: { name: string; role: string }): Promise<LogHead> {
    await this.options.local.acknowledge(by);
    await this.catchUp();
    this.options.onChange();
    return this.head;
  }

  appendReplicated(entries: readonly ReplicatedEvent<ReleaseEvent>[]): Promise<LogHead> {
    return this.options.local.appendReplicated(entries);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.poller.stop();
    await this.queue.run(() => this.options.local.close());
  }
}

/** Why entries read from the table do not follow `head`, or null when each chains onto the one before. */
function chainProblem(head: LogHead, entries: readonly ReadEntry[]): string | null {
  let at = head;
  for (const entry of entries) {
    if (entry.problem) return `seq ${entry.seq}: ${entry.problem}`;
    if (entry.seq !== at.seq + 1 || entry.prevHash !== at.hash) return `seq ${entry.seq} does not follow seq ${at.seq} (${at.hash.slice(0, 12)})`;
    at = { seq: entry.seq, hash: entry.hash };
  }
  return null;
}
