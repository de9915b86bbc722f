import type { CalendarStatus } from '../../shared/calendar/calendarStatus';
import { refreshIntervalMs } from '../../shared/workspace/schema/calendarSource';
import { replaceFreezes } from '../../shared/workspace/workspace';
import type { Workspace } from '../../shared/workspace/workspace';
import { reloadCalendarFreeze } from './calendars';
import type { CalendarLoadOptions, CalendarSources } from './calendars';

export interface CalendarRefreshOptions {
  /**
   * The workspace decide, the views and the calendar read. Its calendar freezes are replaced in place
   * (shared/workspace replaceFreezes), so every service holding it sees the new freezes at once.
   */
  workspace: Workspace;
  sources: CalendarSources;
  /** How each calendar was read at start. */
  calendars: readonly CalendarStatus[];
  load: CalendarLoadOptions;
  /** The console clock: the range a calendar is expanded over is centred on it, as at start. */
  now: () => number;
  /** Every source read on this interval instead of its own (tests); the source's refreshMinutes otherwise. */
  intervalMs?: number;
  /** After every read: the copies now in use. */
  onChange: (calendars: readonly CalendarStatus[]) => void;
}

/**
 * Issue 19: a URL or Change Calendar changed during the day is seen without a restart. Each is read again
 * on its interval and on demand; a read that fails keeps the last good copy, exactly as at start. Nothing
 * is logged for a read (the workspace's rules are not in the release log); each calendar's status keeps
 * when its copy in use was fetched, so which copy decided a step can be told.
 */
export class CalendarRefresher {
  private statuses: CalendarStatus[];
  private timers: ReturnType<typeof setInterval>[] = [];
  /** Reads run one after another: two reads of one calendar finishing out of order would put back the older copy. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: CalendarRefreshOptions) {
    this.statuses = [...options.calendars];
  }

  get calendars(): readonly CalendarStatus[] {
    return this.statuses;
  }

  /** One timer per URL or Change Calendar, at its own interval. */
  start(): void {
    for (const written of this.options.sources.written) {
      const every = written.calendar ? (this.options.intervalMs ?? refreshIntervalMs(written.calendar)) : null;
      if (every === null) continue;
      const timer = setInterval(() => {
        this.refresh([written.id]).catch((error: unknown) => console.error(`release-console: freeze ${written.id}'s calendar could not be read again:`, error));
      }, every);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Reads the named calendars again (every URL and Change Calendar when none are named); resolves to the copies now in use. */
  refresh(freezeIds?: readonly string[]): Promise<readonly CalendarStatus[]> {
    const next = this.queue.then(() => this.read(freezeIds));
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private async read(freezeIds: readonly string[] | undefined): Promise<readonly CalendarStatus[]> {
    const { workspace, sources } = this.options;
    const due = sources.written.filter((f) => f.calendar && refreshIntervalMs(f.calendar) !== null && (!freezeIds || freezeIds.includes(f.id)));
    if (!due.length || this.closed) return this.statuses;
    const now = this.options.now();
    const read = await Promise.all(due.map((written) => reloadCalendarFreeze(written, sources, workspace, { ...this.options.load, now })));
    if (this.closed) return this.statuses;
    replaceFreezes(workspace, read.map((r) => r.freeze));
    for (const { status } of read) this.statuses = this.statuses.map((s) => (s.freeze === status.freeze ? status : s));
    this.options.onChange(this.statuses);
    return this.statuses;
  }
}
