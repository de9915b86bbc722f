// Issue 19, item 4: the History screen's filtering and paging happen in main, over the log file as it is on
// disk. The log is generated (test/history-log.ts) through the real repository; every expectation is worked
// out independently from the file's own lines.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReleaseHistory } from '../../../main/release/history';
import { LOG_FILE } from '../../../main/storage/repository';
import { foldedEventBody, type LogEntry } from '../../../main/storage/log-entry';
import { openReleaseRepository } from '../../../main/release/repository';
import { systemClock } from '../../../shared/clock';
import { ReleaseEvent } from '../../../shared/engine/events';
import { HistoryFilter } from '../../../shared/api';
import { historyEvent, writeHistoryLog } from '../../history-log';

const START = Date.UTC(2026, 0, 5, 9, 0);
const RELEASES = Array.from({ length: 40 }, (_, i) => `2025-w${String(i + 1).padStart(2, '0')}-platform`);
const COUNT = 12_000;

/** The file's entries as a reader of the JSON Lines would take them: seq, hash and the event it carries. */
function fileEntries(dir: string): { seq: number; hash: string; event: ReleaseEvent | null }[] {
  return readFileSync(path.join(dir, LOG_FILE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogEntry)
    .map((entry) => {
      const body = foldedEventBody(entry);
      return { seq: entry.seq, hash: entry.hash, event: body === undefined ? null : ReleaseEvent.parse(body) };
    });
}

describe('ReleaseHistory over a generated 12,000-event log', () => {
  let dir = '';
  let history: ReleaseHistory;
  // Written once: the last two tests append to it and change a line, in that order.
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rc-history-'));
    await writeHistoryLog(dir, COUNT, RELEASES, START);
    history = new ReleaseHistory(path.join(dir, LOG_FILE));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every entry of the log, newest first, each with the hash its line carries', async () => {
    const all = fileEntries(dir);
    const page = await history.page({}, 0, 50);
    expect(page.logEntries).toBe(all.length);
    expect(page.total).toBe(all.length);
    // Snapshots write checkpoint entries: they are part of the chain, so they are listed too.
    expect(all.length).toBeGreaterThan(COUNT);
    expect(page.entries.map((e) => [e.seq, e.hash])).toEqual(all.slice(-50).reverse().map((e) => [e.seq, e.hash]));
    expect(page.choices.releases).toEqual([...RELEASES].sort());
    expect(page.choices.people).toEqual(['Dana Ruiz', 'Lee Chen', 'Olu Ade', 'Priya Shah', 'Sam Okafor']);
    expect(page.choices.kinds).toEqual(['checkpoint', 'qaTicked', 'refused', 'stepFinished', 'stepStarted']);
  });

  it('filters by person and kind together, and says the actor and a plain-words summary', async () => {
    const expected = fileEntries(dir).filter((e) => e.event?.actor.name === 'Sam Okafor' && e.event.type === 'refused');
    const page = await history.page({ person: 'Sam Okafor', kind: 'refused' }, 0, 500);
    expect(page.total).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(500);
    expect(page.entries).toHaveLength(500);
    expect(page.entries.map((e) => e.hash)).toEqual(expected.reverse().slice(0, 500).map((e) => e.hash));
    const first = page.entries[0]!;
    expect(first).toMatchObject({ person: 'Sam Okafor', role: 'PE', kind: 'refused' });
    expect(first.summary).toMatch(/^Refused: start step deploy-\d+ in (S01|S02|LON|EUW2|USE2) — \1 is outside its window$/);
  });

  it('pages through a filter with no entry missing or repeated', async () => {
    const filter = { release: RELEASES[3]!, region: 'LON' };
    const expected = fileEntries(dir)
      .filter((e) => e.event && 'release' in e.event && e.event.release === filter.release && 'region' in e.event && e.event.region === 'LON')
      .map((e) => e.seq)
      .reverse();
    expect(expected.length).toBeGreaterThan(30);
    const seen: number[] = [];
    for (let offset = 0; ; offset += 25) {
      const page = await history.page(filter, offset, 25);
      expect(page.total).toBe(expected.length);
      if (page.entries.length === 0) break;
      seen.push(...page.entries.map((e) => e.seq));
    }
    expect(seen).toEqual(expected);
  });

  it('keeps a time range half-open: an entry at `from` is in, one at `to` is out', async () => {
    const from = START + 100 * 60_000;
    const to = START + 110 * 60_000;
    const page = await history.page({ from, to }, 0, 100);
    expect(page.entries.map((e) => e.at)).toEqual(Array.from({ length: 10 }, (_, i) => to - (i + 1) * 60_000));
  });

  it('reads what is appended after it first read, and only whole lines', async () => {
    const before = (await history.page({}, 0, 1)).total;
    const log = await openReleaseRepository(dir, systemClock());
    await log.append([historyEvent(COUNT, ['2026-w02-hotfix'], START)]);
    await log.close();
    // A line still being written has no newline yet: it is not listed until it is whole.
    appendFileSync(path.join(dir, LOG_FILE), '{"seq":');
    const page = await history.page({ release: '2026-w02-hotfix' }, 0, 10);
    expect(page.total).toBe(1);
    expect(page.entries[0]!.summary).toMatch(/^Started step deploy-\d+ in /);
    expect(page.logEntries).toBeGreaterThan(before);
  });

  it('leaves out a line whose content no longer matches its hash', async () => {
    const file = path.join(dir, LOG_FILE);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[9] = lines[9]!.replace('"Priya Shah"', '"Mallory"').replace('"Sam Okafor"', '"Mallory"').replace('"Lee Chen"', '"Mallory"').replace('"Dana Ruiz"', '"Mallory"').replace('"Olu Ade"', '"Mallory"');
    expect(lines[9]).toContain('"Mallory"');
    writeFileSync(file, lines.join('\n'));
    const page = await new ReleaseHistory(file).page({ person: 'Mallory' }, 0, 10);
    expect(page.total).toBe(0);
    expect(page.choices.people).not.toContain('Mallory');
  });
});

describe('HistoryFilter', () => {
  it.each([
    [{ from: 10, to: 10 }, 'to', '`from` must be before `to`'],
    [{ person: '' }, 'person', null],
    [{ kind: 'refused', colour: 'red' }, '', null],
  ])('refuses %j, naming where', (filter, where, message) => {
    const parsed = HistoryFilter.safeParse(filter);
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(where);
    if (message) expect(issue.message).toBe(message);
  });
});

describe('ReleaseHistory on a desk that shares its log (issue 15)', () => {
  it("lists another desk's event with where the shared chain holds it, beside this desk's own entry", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-history-shared-'));
    try {
      const log = await openReleaseRepository(dir, systemClock());
      const sharedHash = 'ab'.repeat(32);
      await log.append([historyEvent(0, RELEASES, START)]);
      await log.appendReplicated([{ ref: { seq: 7, id: 'event-7', prevHash: 'cd'.repeat(32), hash: sharedHash, time: '2026-01-05T09:01:00.000Z' }, event: historyEvent(1, RELEASES, START) }]);
      await log.close();
      // Closing wrote a checkpoint after them; the release's own entries are these two.
      const page = await new ReleaseHistory(path.join(dir, LOG_FILE)).page({ release: RELEASES[0]! }, 0, 10);
      expect(page.total).toBe(2);
      const [theirs, ours] = page.entries;
      expect(theirs).toMatchObject({ kind: 'stepFinished', person: 'Sam Okafor', shared: { seq: 7, hash: sharedHash } });
      expect(theirs!.hash).not.toBe(sharedHash);
      expect(ours).toMatchObject({ kind: 'stepStarted', person: 'Priya Shah', shared: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
