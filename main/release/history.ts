import { open, stat } from 'node:fs/promises';
import type { HistoryEntryView, HistoryFilter, HistoryPageView } from '../../shared/api';
import { ReleaseEvent, type ReleaseDefinition } from '../../shared/engine/events';
import { bookkeepingFacts, eventFiler, type EntryFacts } from '../../shared/history/entryFacts';
import { summarizeBookkeeping, summarizeEvent, type CriterionUnitOf } from '../../shared/history/entrySummary';
import { describeEventKind, describeKind } from '../../shared/history/entryKind';
import { matchesHistoryFilter } from '../../shared/history/filter';
import { decodeLogLine, foldedEventBody, sharedRefOf, type LogEntry } from '../storage/log-entry';

interface HistoryRow {
  seq: number;
  hash: string;
  shared: { seq: number; hash: string } | null;
  facts: EntryFacts;
  /** Kept to word the summary when the row is on a page; null for bookkeeping, or an event the schema refuses. */
  event: ReleaseEvent | null;
  refused: string | null;
}

/** A release's definition as its `releaseDefined` logged it (issue 19), and when: the last one logged for it. */
export interface LoggedDefinition {
  definition: ReleaseDefinition;
  at: number;
  /** Whose first step logged it. */
  by: string;
}

export interface ReleaseActivity {
  entries: number;
  firstAt: number;
  lastAt: number;
}

const NEWLINE = 0x0a;

/**
 * The History screen's reading of the release log (issue 19, item 4). It reads the log file itself, the
 * same bytes the repository appends and the chain check reads, so what it lists is what is on disk: each
 * entry with its own hash. It reads only what was appended since the last call, and filters and pages in
 * memory, so a page of a 100,000-entry log costs one pass over small records, not a read of the file.
 * A line that does not hold its hash is left out here; the start-up checks name it (Record panel).
 */
export class ReleaseHistory {
  private rows: HistoryRow[] = [];
  private readBytes = 0;
  private readonly choices = { releases: new Set<string>(), regions: new Set<string>(), people: new Set<string>(), kinds: new Set<string>() };
  private readonly definitions = new Map<string, LoggedDefinition>();
  /** Files each event in the log's order: a lease given back under the release its lease was taken for. */
  private fileEvent = eventFiler();
  private reading: Promise<void> = Promise.resolve();

  /**
   * `stepTitle` words a step by its runbook's title (null where the release's runbook is not known);
   * `criterionUnit` gives a breach's values their metric's unit (null where the criterion is gone).
   */
  constructor(
    private readonly file: string,
    private readonly stepTitle: (release: string, step: string) => string | null = () => null,
    private readonly criterionUnit: CriterionUnitOf = () => null,
  ) {}

  /** One page of the entries matching `filter`, newest first. */
  async page(filter: HistoryFilter, offset: number, limit: number): Promise<HistoryPageView> {
    await this.catchUp();
    const entries: HistoryEntryView[] = [];
    let total = 0;
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const row = this.rows[i]!;
      if (!matchesHistoryFilter(row.facts, filter)) continue;
      if (total >= offset && entries.length < limit) entries.push(viewOf(row, this.stepTitle, this.criterionUnit));
      total++;
    }
    const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
    return {
      entries,
      total,
      offset,
      limit,
      logEntries: this.rows.length,
      choices: { releases: sorted(this.choices.releases), regions: sorted(this.choices.regions), people: sorted(this.choices.people), kinds: sorted(this.choices.kinds) },
    };
  }

  /** Release id → how many entries name it and when the first and last were decided, in the order the log first names them. */
  async releaseActivity(): Promise<Map<string, ReleaseActivity>> {
    await this.catchUp();
    const activity = new Map<string, ReleaseActivity>();
    for (const { facts } of this.rows) {
      if (facts.release === null) continue;
      const known = activity.get(facts.release);
      if (known) activity.set(facts.release, { entries: known.entries + 1, firstAt: Math.min(known.firstAt, facts.at), lastAt: Math.max(known.lastAt, facts.at) });
      else activity.set(facts.release, { entries: 1, firstAt: facts.at, lastAt: facts.at });
    }
    return activity;
  }

  /**
   * Release id → its definition as last logged. The log is the one place a release the workspace no longer
   * defines is still described: History reads its outcome and evidence from this, never acts on it.
   */
  async loggedDefinitions(): Promise<ReadonlyMap<string, LoggedDefinition>> {
    await this.catchUp();
    return this.definitions;
  }

  /** Serialised: two screens asking at once read the new bytes once. */
  private catchUp(): Promise<void> {
    const next = this.reading.then(() => this.readAppended());
    // A read that failed (the file briefly unreadable) fails its own call; the next one tries again.
    this.reading = next.catch(() => undefined);
    return next;
  }

  private async readAppended(): Promise<void> {
    let size: number;
    try {
      size = (await stat(this.file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      size = 0;
    }
    // A shorter file is another file (a rehearsal started over): read it from its start.
    if (size < this.readBytes) this.reset();
    if (size === this.readBytes) return;
    const handle = await open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(size - this.readBytes);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.readBytes);
      // Only whole lines: an append in flight (or a torn tail) is read once its newline is there.
      const end = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE);
      if (end < 0) return;
      for (const line of buffer.subarray(0, end).toString('utf8').split('\n')) this.add(line);
      this.readBytes += end + 1;
    } finally {
      await handle.close();
    }
  }

  private add(line: string): void {
    if (line.trim() === '') return;
    const decoded = decodeLogLine(line);
    if (!('entry' in decoded)) return;
    const row = rowOf(decoded.entry, this.fileEvent);
    this.rows.push(row);
    const { facts } = row;
    if (row.event?.type === 'releaseDefined') this.definitions.set(row.event.release, { definition: row.event.definition, at: row.event.at, by: row.event.actor.name });
    this.choices.kinds.add(facts.kind);
    if (facts.release !== null) this.choices.releases.add(facts.release);
    if (facts.region !== null) this.choices.regions.add(facts.region);
    if (facts.person !== null) this.choices.people.add(facts.person);
  }

  private reset(): void {
    this.rows = [];
    this.readBytes = 0;
    for (const set of Object.values(this.choices)) set.clear();
    this.definitions.clear();
    this.fileEvent = eventFiler();
  }
}

function rowOf(entry: LogEntry, fileEvent: (event: ReleaseEvent) => EntryFacts): HistoryRow {
  const ref = sharedRefOf(entry);
  const at = { seq: entry.seq, hash: entry.hash, shared: ref ? { seq: ref.seq, hash: ref.hash } : null };
  const body = foldedEventBody(entry);
  if (body === undefined) return { ...at, facts: bookkeepingFacts(entry.kind, entry.time, entry.body), event: null, refused: null };
  const parsed = ReleaseEvent.safeParse(body);
  if (parsed.success) return { ...at, facts: fileEvent(parsed.data), event: parsed.data, refused: null };
  // The fold leaves such an event out and the start-up checks name it; the record still lists the line.
  const type = typeof (body as { type?: unknown } | null)?.type === 'string' ? (body as { type: string }).type : entry.kind;
  return { ...at, facts: bookkeepingFacts(type, entry.time, null), event: null, refused: parsed.error.issues[0]?.message ?? 'not a release event' };
}

function viewOf(row: HistoryRow, stepTitle: (release: string, step: string) => string | null, criterionUnit: CriterionUnitOf): HistoryEntryView {
  const release = row.facts.release;
  const summary = row.event ? summarizeEvent(row.event, (step) => (release ? stepTitle(release, step) : null), criterionUnit) : row.refused !== null ? `An event this console cannot read, left out of the state: ${row.refused}` : summarizeBookkeeping(row.facts.kind);
  return { seq: row.seq, hash: row.hash, shared: row.shared, ...row.facts, kindWords: row.event ? describeEventKind(row.event) : describeKind(row.facts.kind), summary };
}
