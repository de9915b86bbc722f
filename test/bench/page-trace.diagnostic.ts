// Where Chromium spends a console flood beside a bare xterm.js one (issue 18: the console's page and the
// rest of Chromium used ~80 and ~130 ms of CPU more per flood than the yardstick's run). One `cat` of
// 19.5 M chars through the console and the same text written to a bare xterm.js in 1 M writes, each
// recorded with Chrome's tracing over every process, after a warm-up of both. One JSON line a thread:
// its busy time (its top-level tasks) in each run, and the trace events that cost it most, with their
// counts and total ms in each: frames, paints, layouts, message handling, timers.
// Not a figure with a goal: a diagnosis, run by hand (`node test/bench/run.mjs page-trace`).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRegionShell } from './regionShell';

const LINES = 250_000;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-bench-page-trace-'));
const floodFile = path.join(dataDir, 'flood.txt');
writeFileSync(floodFile, (randomBytes(57 * LINES).toString('base64').match(/.{1,76}/g) ?? []).join('\n') + '\n');
const env = { ...process.env, SHELL: '/bin/bash', HOME: dataDir };
const { page, host, close } = await openRegionShell(dataDir, env);
const floodText = readFileSync(floodFile, 'utf8').replace(/\n/g, '\r\n');
for (let at = 0; at < floodText.length; at += 1024 * 1024) {
  await page.evaluate(`terminalBench.addFloodText(${JSON.stringify(floodText.slice(at, at + 1024 * 1024))})`);
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number }; beginData?: { dirtyObjects?: number; totalObjects?: number } };
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'viz', 'gpu', 'v8', 'net', 'ipc', 'mojom'];

async function traced(run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  let complete: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (complete = resolve));
  const off = page.onEvent((method, params) => {
    if (method === 'Tracing.dataCollected') events.push(...(params as { value: TraceEvent[] }).value);
    if (method === 'Tracing.tracingComplete') complete();
  });
  await page.sendToBrowser('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' } });
  await run();
  await page.sendToBrowser('Tracing.end');
  await done;
  off();
  return events;
}

let n = 0;
async function consoleFlood(): Promise<void> {
  const marker = `FLOOD_${2000 + n++}_END`;
  await page.type(`cat flood.txt; echo FLOOD_$((${2000 + n - 1}))_END`);
  await page.evaluate(`terminalBench.armEnterClock(); window.floodDrawn = terminalBench.floodDrawnMs(${host}, '${marker}'); 0`);
  await page.pressEnter();
  console.error(`console flood ${await page.evaluate<number>('window.floodDrawn')} ms`);
}
async function bareFlood(): Promise<void> {
  const measured = await page.evaluate<{ ms: number }>(`terminalBench.bareXterm(${host}, [1048576], 'BARE_${n++}_END', 'dom')`);
  console.error(`bare flood ${measured.ms} ms`);
}

/** Per thread (process type/thread name): busy ms from top-level tasks, and count and ms per event name. */
function summary(events: TraceEvent[]) {
  const threadNames = new Map<string, string>();
  const processNames = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    if (e.ph === 'M' && e.name === 'process_name') processNames.set(e.pid, e.args?.name ?? '?');
  }
  const byThread = new Map<string, Map<string, { count: number; ms: number }>>();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const thread = `${processNames.get(e.pid) ?? e.pid}/${(threadNames.get(`${e.pid}:${e.tid}`) ?? String(e.tid)).replace(/[0-9]+$/, '')}`;
    const names = byThread.get(thread) ?? new Map<string, { count: number; ms: number }>();
    byThread.set(thread, names);
    const detail =
      e.name === 'FunctionCall' ? ` ${e.args?.data?.functionName ?? ''} ${(e.args?.data?.url ?? '').split('/').pop()}:${e.args?.data?.lineNumber ?? ''}` :
      e.name === 'Layout' ? ` objects ${Math.round(Math.log2(1 + (e.args?.beginData?.totalObjects ?? 0)))} dirty ${Math.round(Math.log2(1 + (e.args?.beginData?.dirtyObjects ?? 0)))} (log2)` : '';
    if (detail) {
      const detailed = names.get(e.name + detail) ?? { count: 0, ms: 0 };
      detailed.count++;
      detailed.ms += (e.dur ?? 0) / 1000;
      names.set(e.name + detail, detailed);
    }
    const entry = names.get(e.name) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += (e.dur ?? 0) / 1000;
    names.set(e.name, entry);
  }
  return byThread;
}

await consoleFlood();
await bareFlood();
const consoleTrace = summary(await traced(consoleFlood));
const bareTrace = summary(await traced(bareFlood));
const threads = new Set([...consoleTrace.keys(), ...bareTrace.keys()]);
for (const thread of threads) {
  const a = consoleTrace.get(thread) ?? new Map();
  const b = bareTrace.get(thread) ?? new Map();
  const names = new Set([...a.keys(), ...b.keys()]);
  const rows = [...names]
    .map((name) => ({ name, console: a.get(name) ?? { count: 0, ms: 0 }, bare: b.get(name) ?? { count: 0, ms: 0 } }))
    .filter((row) => row.console.ms + row.bare.ms >= 2)
    .sort((x, y) => y.console.ms + y.bare.ms - (x.console.ms + x.bare.ms))
    .slice(0, thread.includes('CrRendererMain') ? 60 : 25);
  if (rows.length === 0) continue;
  const busy = (names: Map<string, { count: number; ms: number }>) => Math.round(names.get('RunTask')?.ms ?? 0);
  console.log(
    JSON.stringify({
      bench: 'page_trace.thread_busy_ms',
      value: busy(a),
      unit: 'ms',
      thread,
      bare_ms: busy(b),
      // [event, console count, console ms, bare count, bare ms]
      events: rows.map((row) => [row.name, row.console.count, Math.round(row.console.ms * 10) / 10, row.bare.count, Math.round(row.bare.ms * 10) / 10]),
    }),
  );
}
console.log(JSON.stringify({ bench: 'page_trace.load_average', value: os.loadavg()[0], unit: 'load' }));
await close();
rmSync(dataDir, { recursive: true, force: true });
