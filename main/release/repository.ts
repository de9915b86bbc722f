import { auditKindOf, ReleaseEvent } from '../../shared/engine/events';
import { applyEvents } from '../../shared/engine/fold';
import type { ConsoleState, ConsoleStateFile } from '../../shared/engine/state';
import type { AuditLog } from '../storage/audit-log';
import type { AuditEntryInput } from '../storage/audit-entry';
import type { JsonValue } from '../storage/canonical-json';
import type { StateStore } from '../storage/state-store';
import { SerialQueue } from '../storage/serial-queue';

export interface LogHead { seq: number; hash: string }
export interface ReleaseRepository<S, E> {
  readonly state: S;                         // fold of every event so far
  readonly head: LogHead;
  readonly readOnly: { reason: string } | null; // tampering found, not yet acknowledged: refuse changes
  append(events: E[]): Promise<LogHead>;       // durable (fsynced) before it resolves; state folded after
}

/**
 * The repository over today's storage, until the hash-chained release log (main/storage, issue 14's log
 * work) replaces it: each event is appended to the audit log, which fsyncs it, BEFORE it is folded into
 * the state and the state saved. A crash between the two leaves an event in the log that the snapshot
 * lacks, never a change without its record.
 */
export class AuditLogRepository implements ReleaseRepository<ConsoleState, ReleaseEvent> {
  private current: ConsoleState;
  private currentHead: LogHead;
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly audit: AuditLog,
    private readonly store: StateStore<ConsoleStateFile>,
    initial: ConsoleState,
    head: LogHead,
    readonly readOnly: { reason: string } | null,
  ) {
    this.current = initial;
    this.currentHead = head;
  }

  /** `initial`: the state to start from (the store's, with the world lifted out of its releases). */
  static async open(audit: AuditLog, store: StateStore<ConsoleStateFile>, initial: ConsoleState): Promise<AuditLogRepository> {
    const report = await audit.open();
    return new AuditLogRepository(audit, store, initial, { seq: report.head.seq, hash: report.head.hash }, null);
  }

  get state(): ConsoleState {
    return this.current;
  }

  get head(): LogHead {
    return this.currentHead;
  }

  append(events: ReleaseEvent[]): Promise<LogHead> {
    return this.queue.run(async () => {
      if (this.readOnly) throw new Error(`The release log is read-only: ${this.readOnly.reason}`);
      for (const event of events) {
        const entry = await this.audit.append(auditEntryOf(event));
        this.currentHead = { seq: entry.seq, hash: entry.hash };
      }
      // The events are durable: the state is theirs now, even if saving the snapshot fails below.
      const next = applyEvents(this.current, events);
      this.current = next;
      await this.store.update(() => next);
      return this.currentHead;
    });
  }
}

/** Names the audit log has used for these intents since issue 4: readers and tests look for them. */
const INTENT_NAMES: Partial<Record<ReleaseEvent['type'], string>> = { clockMoved: 'moveRehearsalClock', releaseSelected: 'selectRelease', operatorSet: 'setOperator' };

/**
 * One event as one audit entry: who and where in the entry's own fields, the rest in `data` (a rollback's
 * detail spread beside it, in the words the audit log has always used), so the event can be read back.
 */
export function auditEntryOf(event: ReleaseEvent): AuditEntryInput {
  const { actor, type, ...rest } = event;
  const where = rest as { release?: string | null; region?: string | null; step?: string | null };
  const detail = event.type === 'rollbackChanged' ? event.detail : {};
  const intent = event.type === 'stepStarted' ? (event.retry ? 'retryStep' : 'startStep') : event.type === 'rollbackChanged' || event.type === 'refused' ? event.intent : INTENT_NAMES[type];
  return {
    actor: actor.name,
    role: actor.role,
    kind: auditKindOf(event),
    release: where.release ?? null,
    region: where.region ?? null,
    step: where.step ?? null,
    data: JSON.parse(JSON.stringify({ type, ...rest, ...detail, ...(intent ? { intent } : {}) })) as JsonValue,
  };
}

/** An audit entry written by `auditEntryOf`, read back as its event (validated): what a replay folds. Null for entries that carry no event (session, recovery). */
export function eventOfAuditEntry(entry: { actor: string; role: string; release: string | null; region: string | null; step: string | null; data: JsonValue }): ReleaseEvent | null {
  const data = entry.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || typeof data.type !== 'string') return null;
  const parsed = ReleaseEvent.safeParse({ ...data, actor: { name: entry.actor, role: entry.role }, release: entry.release, region: entry.region, step: entry.step });
  if (!parsed.success) throw new Error(`An audit entry of type ${data.type} is not a valid event: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}
