// history.first_page_ms: the History screen's first page on a 100,000-event release log (generated as
// test/history-log.ts writes them): main reads, checks each line's hash, and files every entry; median of 3,
// with its CPU time. history.page_p95_ms: a filtered page (person and kind, then a release and region, at
// varying offsets) once the log is read: p95 of 200. Both beside the load average: the machine is shared.
// history.heap_mib: the heap one read history of that log keeps.
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ReleaseHistory } from '../../main/release/history';
import { EMPTY_LOG, encodeLogEntry } from '../../main/storage/log-entry';
import { LOG_FILE } from '../../main/storage/repository';
import type { JsonValue } from '../../main/storage/canonical-json';
import type { HistoryFilter } from '../../shared/api';
import { HISTORY_PEOPLE, HISTORY_REGIONS, historyEvent } from '../history-log';

const EVENTS = 100_000;
const FIRST_READS = 3;
const PAGES = 200;
const PAGE_SIZE = 100;
const BUILD_BATCH = 5_000;
/** A year of weekly releases, and then some: the many past releases the dora branch's demo log brings. */
const RELEASES = Array.from({ length: 400 }, (_, i) => `past-${String(i).padStart(3, '0')}`);

// The bench runner starts node without --expose-gc; a heap figure needs a collection before each reading.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const loadAverage = () => Math.round(os.loadavg()[0]! * 100) / 100;

/** Chained entries through the log's own encoder, one write per batch: the bench reads, it does not time appends. */
async function buildLog(file: string): Promise<void> {
  const handle = await open(file, 'w');
  let head = EMPTY_LOG;
  const start = Date.UTC(2025, 0, 6, 9, 0);
  for (let done = 0; done < EVENTS; ) {
    const lines: string[] = [];
    for (const end = Math.min(EVENTS, done + BUILD_BATCH); done < end; done++) {
      const event = historyEvent(done, RELEASES, start);
      const { entry, line } = encodeLogEntry({ kind: 'event', body: event as unknown as JsonValue }, head, new Date(event.at).toISOString());
      head = entry;
      lines.push(line);
    }
    await handle.write(lines.join(''));
  }
  await handle.close();
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'rc-history-bench-'));
try {
  const file = path.join(dir, LOG_FILE);
  await buildLog(file);

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const firstMs: number[] = [];
  const firstCpuMs: number[] = [];
  let history = new ReleaseHistory(file);
  for (let i = 0; i < FIRST_READS; i++) {
    history = new ReleaseHistory(file);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const page = await history.page({}, 0, PAGE_SIZE);
    firstMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    firstCpuMs.push((used.user + used.system) / 1000);
    if (page.logEntries !== EVENTS) throw new Error(`the history read ${page.logEntries} entries, not ${EVENTS}`);
  }
  // What the filed entries hold on to: the heap with one read history alive, against the heap before any.
  gc();
  const withHistory = process.memoryUsage().heapUsed;
  console.log(JSON.stringify({ bench: 'history.first_page_ms', value: round3(quantile(firstMs, 0.5)), unit: 'ms', cpu_ms: round3(quantile(firstCpuMs, 0.5)), events: EVENTS, runs: firstMs.map(round3), loadAverage: loadAverage() }));

  const pageMs: number[] = [];
  console.log(JSON.stringify({ bench: 'history.heap_mib', value: Math.round((withHistory - heapBefore) / 2 ** 20), unit: 'MiB', events: EVENTS }));
  for (let i = 0; i < PAGES; i++) {
    const filter: HistoryFilter =
      i % 2 === 0
        ? { person: HISTORY_PEOPLE[i % HISTORY_PEOPLE.length]!.name, kind: 'refused' }
        : { release: RELEASES[i % RELEASES.length]!, region: HISTORY_REGIONS[i % HISTORY_REGIONS.length]! };
    const started = performance.now();
    const page = await history.page(filter, (i % 5) * PAGE_SIZE, PAGE_SIZE);
    pageMs.push(performance.now() - started);
    if (page.total === 0) throw new Error(`no entry matches ${JSON.stringify(filter)}: the bench would time an empty scan`);
  }
  console.log(JSON.stringify({ bench: 'history.page_p95_ms', value: round3(quantile(pageMs, 0.95)), unit: 'ms', median_ms: round3(quantile(pageMs, 0.5)), events: EVENTS, pages: PAGES, loadAverage: loadAverage() }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
