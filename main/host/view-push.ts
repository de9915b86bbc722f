// The default import: the package is CommonJS to Node (its ESM build is for bundlers only).
import jsonPatch from 'fast-json-patch';
import type { Actor, Notice, ReleaseView, ViewPatchOperation, WatchedReleaseView } from '../../shared/api';
import type { Clock } from '../../shared/clock';
import type { EventBus } from './events';
import type { WindowSessions } from './window-session';

/**
 * Pushes are at most this often: a command step finishing writes state, audit and view in one burst. The
 * first change after a quiet spell is pushed at once, so a tick reaches the other windows without waiting.
 */
const PUSH_GATHER_MS = 30;
/**
 * Countdowns tick in the renderer; main re-decides every window's view on each minute of the console
 * clock so a window that opens at 18:00 shows open at 18:00 (the demo's windows open on whole minutes).
 */
const MINUTE_MS = 60_000;

export interface ViewPushOptions {
  bus: EventBus;
  sessions: WindowSessions;
  clock: Clock;
  /** The one place a view is built (ReleaseService's builder), for a window's release and operator. */
  buildView(releaseId: string, operator: Actor): ReleaseView;
  /**
   * Observations a push after time has passed must see first (a metric gate that has held for its minutes);
   * they may write, so they are awaited. An intent alone does not move time: its push skips them.
   */
  observe(releaseIds: readonly string[]): Promise<void>;
  /** What changed between a window's last view and its new one that deserves a notice. */
  noticesBetween(previous: ReleaseView, next: ReleaseView): Notice[];
}

interface WatchedWindow {
  seq: number;
  /** The view the window holds after applying every patch up to `seq`: the base of the next diff. */
  view: ReleaseView;
}

/**
 * The RFC 6902 patch that turns what a window holds into its new view. Another release is a different
 * document: it is sent whole (a root replace), not as a diff of every field.
 */
export function viewPatch(previous: ReleaseView, next: ReleaseView): ViewPatchOperation[] {
  if (previous.release.id !== next.release.id) return [{ op: 'replace', path: '', value: next }];
  return jsonPatch.compare(previous, next) as ViewPatchOperation[];
}

/**
 * How views reach windows. A window watching gets its whole view and a sequence number; afterwards, when
 * something it shows may have changed (an intent, an observation, a metrics poll, the minute), its view is
 * built once and only the difference is sent, numbered one more. Nothing is pushed on a timer otherwise.
 */
export class ViewPush {
  private readonly watched = new Map<string, WatchedWindow>();
  private timer: NodeJS.Timeout | null = null;
  private minuteTimer: NodeJS.Timeout | null = null;
  private pushing = false;
  private dirty = false;
  private timePassed = false;
  private lastPushAt = -Infinity;
  private lastMinuteAt: number | null = null;
  private closed = false;

  constructor(private readonly options: ViewPushOptions) {}

  /** A window (re)connecting: its whole view, and the number its next patch follows. */
  watch(connectionId: string, shown: { releaseId?: string | undefined } = {}): WatchedReleaseView {
    const session = this.options.sessions.restore(connectionId, shown);
    const view = this.options.buildView(session.releaseId, session.operator);
    const seq = (this.watched.get(connectionId)?.seq ?? 0) + 1;
    this.watched.set(connectionId, { seq, view });
    return { seq, view };
  }

  /** The window's view built now, without watching: a one-off read. */
  read(connectionId: string): ReleaseView {
    const session = this.options.sessions.of(connectionId);
    return this.options.buildView(session.releaseId, session.operator);
  }

  drop(connectionId: string): void {
    this.watched.delete(connectionId);
  }

  /**
   * Something a window may show has changed: push soon (at once after a quiet spell). `timePassed` for a
   * metrics poll, a clock move or the minute: what holds over time is observed before the views are built.
   */
  changed(cause: { timePassed: boolean } = { timePassed: false }): void {
    this.dirty = true;
    if (cause.timePassed) this.timePassed = true;
    if (this.closed || this.timer || this.pushing) return;
    const wait = Math.max(0, this.lastPushAt + PUSH_GATHER_MS - performance.now());
    this.timer = setTimeout(() => void this.run(), wait);
  }

  /** Starts the minute re-decide. */
  start(): void {
    this.scheduleMinute();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.minuteTimer) clearTimeout(this.minuteTimer);
    this.timer = null;
    this.minuteTimer = null;
  }

  private scheduleMinute(): void {
    if (this.closed) return;
    const now = this.options.clock.now();
    // A rehearsal clock stands still between moves (each move pushes by itself): then once a minute is plenty.
    const wait = this.lastMinuteAt === now ? MINUTE_MS : MINUTE_MS - (now % MINUTE_MS);
    this.lastMinuteAt = now;
    this.minuteTimer = setTimeout(() => {
      this.changed({ timePassed: true });
      this.scheduleMinute();
    }, wait);
    this.minuteTimer.unref();
  }

  private async run(): Promise<void> {
    this.timer = null;
    this.pushing = true;
    try {
      while (this.dirty && !this.closed) {
        this.dirty = false;
        await this.push();
      }
    } catch (error) {
      console.error('release-console: pushing the views failed:', error);
    } finally {
      this.pushing = false;
      this.lastPushAt = performance.now();
    }
  }

  private async push(): Promise<void> {
    const { sessions, buildView, bus } = this.options;
    if (this.watched.size === 0) return;
    if (this.timePassed) {
      this.timePassed = false;
      await this.options.observe([...new Set([...this.watched.keys()].map((id) => sessions.of(id).releaseId))]);
    }
    // Two windows on the same release as the same operator see the same view: it is built once for both.
    const built = new Map<string, ReleaseView>();
    for (const [connectionId, held] of this.watched) {
      const { releaseId, operator } = sessions.of(connectionId);
      const key = JSON.stringify([releaseId, operator.name, operator.role]);
      let next = built.get(key);
      if (!next) built.set(key, (next = buildView(releaseId, operator)));
      const ops = viewPatch(held.view, next);
      if (ops.length === 0) continue;
      const previous = held.view;
      held.seq += 1;
      held.view = next;
      bus.emitTo(connectionId, 'releaseViewPatch', { seq: held.seq, ops });
      for (const notice of this.options.noticesBetween(previous, next)) bus.emitTo(connectionId, 'notice', notice);
    }
  }
}
