// flood_timeline.*: where a terminal flood waits (issue 18). The real console (`serve`, browser mode) and
// Debian's Chromium, as in terminal.bench.ts, with RELEASE_CONSOLE_FLOOD_TRACE set: the pty host and main
// write their marks (shared/terminal/floodTrace.ts) to files, the page keeps its own, all on one wall
// clock. Each round is one `cat` of the terminal bench's 19.5 M-char flood; the marks are lined up into:
//   flood_timeline.flow_paused_ms        how long main's watermarks kept the pty paused,
//     .paused_page_idle_ms               of which the page was not parsing either (the whole pipeline waited),
//   flood_timeline.read_gap_ms           gaps over 2 ms between pty reads while nothing paused it (output
//                                        not produced: `cat` and the pty reader out of CPU, or the host busy),
//   flood_timeline.page_parsing_share    share of the flood xterm.js spent parsing a handed-over piece,
//   flood_timeline.socket_buffered_max_bytes  the WebSocket's largest bufferedAmount after a send (main
//                                        waiting on the socket), and the pauses by the pty host's window,
// each the median of the rounds, with the load average: the figures move with whatever else runs.
// FLOOD_DUMP=/tmp/marks writes each round's marks, lined up (ms after Enter, role, mark, a, b), to /tmp/marks.<n>.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRegionShell } from './regionShell';

const ROUNDS = 5;
const LINES = 250_000;
/** A gap between two pty reads longer than this, with the pty not paused, counts as output not produced. */
const READ_GAP_MS = 2;

interface Mark {
  at: number;
  role: string;
  mark: string;
  a: number;
  b: number;
}


const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-bench-timeline-'));
const traceDir = mkdtempSync(path.join(os.tmpdir(), 'rc-bench-timeline-marks-'));
writeFileSync(path.join(dataDir, 'flood.txt'), (randomBytes(57 * LINES).toString('base64').match(/.{1,76}/g) ?? []).join('\n') + '\n');
const env = { ...process.env, SHELL: '/bin/bash', HOME: dataDir, RELEASE_CONSOLE_FLOOD_TRACE: traceDir };
const { page, host, close } = await openRegionShell(dataDir, env);
// The page's marks, on the same clock as the files'.
await page.evaluate(`window.floodMarks = []; recordFloodMarks((mark, a, b) => window.floodMarks.push([performance.timeOrigin + performance.now(), mark, a, b])); 0`);

function processMarks(): Mark[] {
  const marks: Mark[] = [];
  for (const name of readdirSync(traceDir)) {
    for (const line of readFileSync(path.join(traceDir, name), 'utf8').split('\n')) {
      const [at, role, mark, a, b] = line.split(' ');
      if (mark !== undefined) marks.push({ at: Number(at), role: role!, mark, a: Number(a), b: Number(b) });
    }
  }
  return marks;
}

/** Total length of the parts of [from, to] that `spans` cover. */
const covered = (from: number, to: number, spans: [number, number][]) => spans.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(to, b) - Math.max(from, a)), 0);

interface Timeline {
  floodMs: number;
  flowPausedMs: number;
  pausedPageIdleMs: number;
  readGapMs: number;
  pageParsingShare: number;
  socketBufferedMax: number;
  hostWindowPauses: number;
}

let n = 7000;
async function round(): Promise<Timeline> {
  n++;
  await page.type(`cat flood.txt; echo FLOOD_$((${n}))_END`);
  await page.evaluate(`window.floodMarks.length = 0; terminalBench.armEnterClock(); window.floodDrawn = terminalBench.floodDrawnMs(${host}, 'FLOOD_${n}_END'); 0`);
  const enteredAt = Date.now();
  await page.pressEnter();
  const floodMs = await page.evaluate<number>('window.floodDrawn');
  // The files are written every 500 ms.
  await new Promise((resolve) => setTimeout(resolve, 700));
  const pageMarks = (await page.evaluate<[number, string, number, number][]>('window.floodMarks')).map(([at, mark, a, b]) => ({ at, role: 'page', mark, a, b }));
  const end = enteredAt + floodMs;
  const marks = [...processMarks(), ...pageMarks].filter((m) => m.at >= enteredAt - 5 && m.at <= end + 5).sort((x, y) => x.at - y.at);
  const spans = (open: string, close: string, role: string): [number, number][] => {
    const found: [number, number][] = [];
    let from: number | null = null;
    for (const m of marks) {
      if (m.role !== role) continue;
      if (m.mark === open && from === null) from = m.at;
      else if (m.mark === close && from !== null) {
        found.push([from, m.at]);
        from = null;
      }
    }
    if (from !== null) found.push([from, end]);
    return found;
  };
  if (process.env.FLOOD_DUMP) writeFileSync(`${process.env.FLOOD_DUMP}.${n}`, marks.map((m) => `${(m.at - enteredAt).toFixed(1)} ${m.role} ${m.mark} ${m.a} ${m.b}`).join('\n'));
  const paused = spans('consolePause', 'consoleResume', 'host');
  const parsing = spans('handOver', 'parsed', 'page');
  const reads = marks.filter((m) => m.mark === 'ptyRead').map((m) => m.at);
  let readGapMs = 0;
  for (let i = 1; i < reads.length; i++) {
    const [from, to] = [reads[i - 1]!, reads[i]!];
    if (to - from > READ_GAP_MS) readGapMs += to - from - covered(from, to, paused);
  }
  const flowPausedMs = paused.reduce((sum, [a, b]) => sum + b - a, 0);
  return {
    floodMs,
    flowPausedMs,
    pausedPageIdleMs: flowPausedMs - paused.reduce((sum, [a, b]) => sum + covered(a, b, parsing), 0),
    readGapMs,
    pageParsingShare: parsing.reduce((sum, [a, b]) => sum + b - a, 0) / floodMs,
    socketBufferedMax: Math.max(0, ...marks.filter((m) => m.mark === 'socketSend').map((m) => m.b)),
    hostWindowPauses: marks.filter((m) => m.mark === 'hostPause').length,
  };
}

await round();
const rounds: Timeline[] = [];
for (let i = 0; i < ROUNDS; i++) rounds.push(await round());
const loadAverage = Math.round(os.loadavg()[0]! * 100) / 100;

await close();
rmSync(dataDir, { recursive: true, force: true });
rmSync(traceDir, { recursive: true, force: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const figure = (name: string, pick: (t: Timeline) => number, unit: string, digits = 0) => {
  const values = rounds.map(pick).map((v) => Math.round(v * 10 ** digits) / 10 ** digits);
  console.log(JSON.stringify({ bench: `flood_timeline.${name}`, value: median(values), unit, rounds: values, flood_ms: rounds.map((r) => Math.round(r.floodMs)), loadAverage }));
};
figure('flow_paused_ms', (t) => t.flowPausedMs, 'ms');
figure('paused_page_idle_ms', (t) => t.pausedPageIdleMs, 'ms');
figure('read_gap_ms', (t) => t.readGapMs, 'ms');
figure('page_parsing_share', (t) => t.pageParsingShare, 'ratio', 2);
figure('socket_buffered_max_bytes', (t) => t.socketBufferedMax, 'bytes');
figure('host_window_pauses', (t) => t.hostWindowPauses, 'count');
