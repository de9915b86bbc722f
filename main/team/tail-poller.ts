import { OFFLINE_POLL_INTERVAL_MS, TAIL_POLL_INTERVAL_MS } from '../../shared/team/polling';
import { StoreUnavailableError, type DynamoLog, type LogHead, type ReadEntry } from './dynamo-log';

export interface TailPollerEvents {
  /** New entries after the desk's head, in order, each chained to the one before. */
  entries(entries: ReadEntry[], head: LogHead): void;
  /** The store stopped or started answering: the status bar says so; changes are refused meanwhile. */
  reachability(reachable: boolean, error: string | null): void;
  /** What was read does not chain onto the desk's head: never folded, shown. */
  broken(problem: string): void;
}

/**
 * Each desk tails the shared log: one consistent Query for what follows its head every
 * TAIL_POLL_INTERVAL_MS, slower while the store is unreachable. Entries that do not chain onto the head
 * the desk already has (a rewritten or shortened table) are reported, never folded.
 */
export class TailPoller {
  private timer: NodeJS.Timeout | null = null;
  private reachable: boolean | null = null;
  private stopped = false;

  constructor(
    private readonly log: DynamoLog,
    private head: LogHead,
    private readonly on: TailPollerEvents,
    private readonly intervalMs: number = TAIL_POLL_INTERVAL_MS,
    private readonly offlineIntervalMs: number = OFFLINE_POLL_INTERVAL_MS,
  ) {}

  get currentHead(): LogHead {
    return this.head;
  }

  /** The desk's own appends move the head too, so the next poll does not read them back. */
  advanceTo(head: LogHead): void {
    if (head.seq > this.head.seq) this.head = head;
  }

  /** A write failed to reach the store: poll at the offline pace and report when it answers again. */
  reportUnreachable(error: string): void {
    this.setReachable(false, error);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One poll; exposed so a test or a "refresh" can read without waiting for the timer. */
  async poll(): Promise<void> {
    try {
      const entries = await this.log.tail(this.head.seq);
      this.setReachable(true, null);
      const fresh = entries.filter((entry) => entry.seq > this.head.seq);
      if (fresh.length === 0) return;
      let at = this.head;
      for (const entry of fresh) {
        if (entry.seq !== at.seq + 1 || entry.prevHash !== at.hash || entry.problem) {
          this.on.broken(entry.problem ? `seq ${entry.seq}: ${entry.problem}` : `seq ${entry.seq} does not follow this desk's head seq ${at.seq} (${at.hash.slice(0, 12)})`);
          return;
        }
        at = { seq: entry.seq, hash: entry.hash };
      }
      this.head = at;
      this.on.entries(fresh, at);
    } catch (error) {
      // Anything else a read throws (a credential that expired, say) also leaves the desk unable to share.
      this.setReachable(false, error instanceof StoreUnavailableError || error instanceof Error ? error.message : String(error));
    }
  }

  private setReachable(reachable: boolean, error: string | null): void {
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    this.on.reachability(reachable, error);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule(this.reachable === false ? this.offlineIntervalMs : this.intervalMs));
    }, delayMs);
  }
}
