import type { Actor, PresenceEntry, PresenceView } from '../../shared/api';
import type { Clock } from '../../shared/clock';
import { PRESENCE_HEARTBEAT_MS, PRESENCE_READ_MS, presenceLine, screenWords, type Presence, type PresenceScreen } from '../../shared/team/presence';
import type { PresenceBoard } from './presence';

export interface DeskPresenceOptions {
  clock: Clock;
  /** The team store's presence items (a rehearsal's apart from the live release's); null without a store, when only this console's windows are shown. */
  board: PresenceBoard | null;
  /** This console's id in the store, so its own item is left out of what it shows. */
  deskId: string;
  /** Who acts at a window: its persona in a rehearsal, else the desk's identity. */
  operatorOf: (connectionId: string) => Actor;
  /**
   * Who this desk is in the store's presence items: its AWS identity; in a rehearsal, the persona of the window
   * that moved last (`window`, null before any did), as the desk's events are that persona's.
   */
  deskOperator: (window: string | null) => Actor;
  /** Pushes one window its view of who else is where. */
  push: (connectionId: string, view: PresenceView) => void;
  heartbeatMs?: number;
  /** How often the others' beats are read between this desk's own (PRESENCE_READ_MS unless set). */
  readMs?: number;
}

/** How long a closing console waits for the store to take its people out of the others' view. */
const LEAVE_ON_CLOSE_MS = 2_000;

interface ShownWindow {
  screen: string;
  at: number;
}

/**
 * Issue 15, "Presence": each window says which screen it shows. With a team store, the desk beats its
 * identity, role and most recent screen into the store (TTL items outside the chain) and reads the other
 * desks' beats; without one, a window sees this console's other windows only. A store that cannot be
 * reached costs presence, never the console: the windows are still shown, with the reason.
 */
export class DeskPresence {
  private readonly windows = new Map<string, ShownWindow>();
  private desks: Presence[] = [];
  private problem: string | null = null;
  private latest: (ShownWindow & { window: string }) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reader: NodeJS.Timeout | null = null;
  private reading = false;
  /** Why the last beat's write failed: kept through the reads between beats, as the others still cannot see this desk. */
  private unwritten: string | null = null;
  /** The people this desk last beat as (their items' desk ids): one no window acts as any more is taken out. */
  private beaten = new Set<string>();
  /**
   * The desk's presence writes, one after another: a leave never crosses a beat's put of the same person in flight,
   * which, landing last, would list them again until their item went stale.
   */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly options: DeskPresenceOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.beat(), this.options.heartbeatMs ?? PRESENCE_HEARTBEAT_MS);
    this.timer.unref();
    if (this.options.board) {
      this.reader = setInterval(() => void this.readOthers(), this.options.readMs ?? PRESENCE_READ_MS);
      this.reader.unref();
    }
  }

  /**
   * The console is closing: its people leave the others' view now, not when their items go stale a minute on. A
   * store that does not answer within LEAVE_ON_CLOSE_MS is not waited for: the items then go stale, as before.
   */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.reader) clearInterval(this.reader);
    this.timer = null;
    this.reader = null;
    this.windows.clear();
    this.latest = null;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([this.leaveUnseen(), new Promise((resolve) => (timeout = setTimeout(resolve, LEAVE_ON_CLOSE_MS)))]);
    clearTimeout(timeout);
  }

  /** A window moved to a screen: the store hears it at once, not at the next beat, and every window is told. */
  async show(connectionId: string, screen: PresenceScreen, regionId: string | null): Promise<PresenceView> {
    const shown = { screen: screenWords(screen, regionId), at: this.options.clock.now() };
    this.windows.set(connectionId, shown);
    this.latest = { ...shown, window: connectionId };
    await this.beat();
    return this.viewFor(connectionId);
  }

  /**
   * A window took another persona: the others see the new person at once, and the one it played before leaves their
   * view, instead of both waiting for the next beat (up to PRESENCE_HEARTBEAT_MS, 20 s). The window keeps its screen.
   */
  async operatorChanged(connectionId: string): Promise<void> {
    const shown = this.windows.get(connectionId);
    if (shown === undefined) return;
    this.latest = { ...shown, at: this.options.clock.now(), window: connectionId };
    this.windows.set(connectionId, { screen: shown.screen, at: this.latest.at });
    await this.beat();
  }

  /** A window opening asks once, fresh from the store. */
  async read(connectionId: string): Promise<PresenceView> {
    await this.refresh();
    return this.viewFor(connectionId);
  }

  drop(connectionId: string): void {
    this.windows.delete(connectionId);
    // The desk is beaten as the window that moved last; a closed one is not asked who it acts as.
    if (this.latest?.window === connectionId) {
      const [window, shown] = [...this.windows].at(-1) ?? [];
      this.latest = window && shown ? { ...shown, window } : null;
    }
    void this.leaveUnseen();
    this.pushAll();
  }

  viewFor(connectionId: string): PresenceView {
    const windows: PresenceEntry[] = [...this.windows]
      .filter(([id]) => id !== connectionId)
      .map(([id, shown]) => {
        const operator = this.options.operatorOf(id);
        return entry({ name: operator.name, role: operator.role, screen: shown.screen, at: shown.at }, 'window');
      });
    const desks = this.desks.map((desk) => entry(desk, 'desk'));
    return { source: this.options.board ? 'store' : 'console', others: [...desks, ...windows], problem: this.problem };
  }

  private async beat(): Promise<void> {
    // No window open, nobody to show anything to, and nothing to say to the others: no read, no write.
    if (this.windows.size === 0) return;
    const { board } = this.options;
    let written: string | null = null;
    if (board && this.latest) {
      try {
        // Who is at the desk is read once the writes before have landed: a window closed meanwhile is not beaten.
        await this.write(async () => {
          const people = this.people();
          const gone = this.beatenAndGone(people);
          await Promise.all([...people.map((presence) => board.beat(presence)), ...gone.map((slot) => board.leave(slot))]);
          this.beaten = new Set(people.map((person) => person.desk));
        });
      } catch (error) {
        written = `Presence could not be written to the team store: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    this.unwritten = written;
    await this.refresh(written);
  }

  /**
   * Who this desk is to the others: one item per person its windows act as, each at the screen that person's
   * window showed last. Live, every window is the desk's identity: one item. In a rehearsal one machine may
   * play the PE, a second PE and QA in three windows, and the other desks see three people, not the window that
   * moved last. Each item's desk is this desk's id and the person's name, so one person's beat overwrites their own.
   */
  private people(): Omit<Presence, 'at'>[] {
    const latest = new Map<string, { operator: Actor; shown: ShownWindow; window: string }>();
    for (const [window, shown] of this.windows) {
      const operator = this.options.deskOperator(window);
      const before = latest.get(operator.name);
      // A rehearsal's clock stands still between moves: at one instant, the window that moved last wins.
      if (!before || shown.at > before.shown.at || (shown.at === before.shown.at && window === this.latest?.window)) latest.set(operator.name, { operator, shown, window });
    }
    return [...latest.values()].map(({ operator, shown }) => ({ desk: personSlot(this.options.deskId, operator.name), name: operator.name, arn: operator.arn ?? '', role: operator.role, screen: shown.screen }));
  }

  /**
   * People no open window acts as any more (the last window of the desk, or of a rehearsal's persona, closed) leave
   * the store now: their items stayed in the others' view for up to PRESENCE_STALE_MS. A leave that fails is tried
   * again at the next beat while a window is open; otherwise the item goes stale, as it did before.
   */
  private leaveUnseen(): Promise<void> {
    const { board } = this.options;
    if (!board) return Promise.resolve();
    const leave = this.write(async () => {
      const gone = this.beatenAndGone(this.people());
      await Promise.all(gone.map((slot) => board.leave(slot)));
      // Kept where the delete failed: the next beat tries it again.
      for (const slot of gone) this.beaten.delete(slot);
    });
    return leave.catch(() => undefined);
  }

  /** The items this desk beat whose people are not among `people` any more: theirs to delete from the store. */
  private beatenAndGone(people: readonly Pick<Presence, 'desk'>[]): string[] {
    const present = new Set(people.map((person) => person.desk));
    return [...this.beaten].filter((slot) => !present.has(slot));
  }

  /** Runs `run` after every presence write asked before it; its failure is its caller's, never the next write's. */
  private write(run: () => Promise<void>): Promise<void> {
    const written = this.writes.then(run);
    this.writes = written.catch(() => undefined);
    return written;
  }

  /** Between beats: the others' beats read, and pushed to the windows only when what they show changed. */
  private async readOthers(): Promise<void> {
    if (this.windows.size === 0 || this.reading) return;
    this.reading = true;
    try {
      const before = JSON.stringify([this.desks, this.problem]);
      await this.refresh(this.unwritten, false);
      if (JSON.stringify([this.desks, this.problem]) !== before) this.pushAll();
    } finally {
      this.reading = false;
    }
  }

  /** `written`: why this beat's write failed, kept when the read succeeds: the others cannot see this desk. */
  private async refresh(written: string | null = null, push = true): Promise<void> {
    const { board } = this.options;
    if (board) {
      try {
        this.desks = await board.list(this.options.deskId);
        this.problem = written;
      } catch (error) {
        // The last answer is dropped rather than shown as if current: presence that cannot be read is not known.
        this.desks = [];
        this.problem = `Presence could not be read from the team store: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    if (push) this.pushAll();
  }

  private pushAll(): void {
    for (const id of this.windows.keys()) this.options.push(id, this.viewFor(id));
  }
}

function entry(presence: Pick<Presence, 'name' | 'role' | 'screen' | 'at'>, where: PresenceEntry['where']): PresenceEntry {
  return { name: presence.name, role: presence.role, screen: presence.screen, line: presenceLine({ ...presence, desk: '', arn: '' }), where, at: presence.at };
}

/** A person at a desk, as the presence items name them: the desk's id, then the person's name. */
export function personSlot(deskId: string, name: string): string {
  return `${deskId}/${name}`;
}
