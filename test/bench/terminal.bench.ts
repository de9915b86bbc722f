// terminal.throughput_ratio: a flood printed in a region shell of the real console (`serve`, browser
// mode), pty → pty host → main → WebSocket → xterm.js in Debian's Chromium, timed from Enter until its end
// marker is drawn; divided by the honest yardstick: bare xterm.js Terminals in the same page written the
// same text (the flood file, LF → CRLF as the pty delivers it) in several ways, each timed until drawn:
//   bare_console_pieces  the very piece sizes the console's OutputPacer handed xterm.js in that round
//                        (recorded from the renderer's acknowledgements on the page's WebSocket),
//   bare_64k, bare_256k, bare_1m  fixed chunks,
// all queued at once (xterm.js at its best). The yardstick is the fastest variant whose longest frame gap
// (median over the rounds) is ≤ 100 ms: the same constraint the console is held to.
// terminal.max_stall_ms: the longest gap between animation frames during the console's floods.
// terminal.echo_p95_ms_idle / _under_flood: one keystroke in a second shell of the region, from the page
// sending it until the page's main thread receives its echo, idle and while the first shell floods 100 MB.
// terminal.pty_host_restart_ms: the pty host killed with SIGKILL → a newly opened shell echoes.
// terminal.flood_100mb_heap_growth_mb: the page's JS heap during a `cat` of a 100 MB file, above where it
// started (flow control and the pacer hold at most ~2 M chars; xterm.js's scrollback is bounded), with the
// frame gaps of that flood; the bench fails if the last lines on screen are not the file's.
//
// cpu_ms_per_flood: CPU time (from /proc, so it does not move with the load the way wall time does) spent
// during a console flood by the page's main thread, the rest of Chromium (compositor, raster, IO), main and
// the pty host, beside the same for the yardstick's run: where the console's extra time goes. The rest of
// Chromium is broken down by thread (chromium_other_ms_by_thread: process type / thread name, median).
//
// The flood is the issue's own case, a `cat` of a large file (base64 lines, 78 chars each through the
// pty). A program that prints line by line to a tty is reported beside it (`line_by_line_ratio`):
// `base64` is line-buffered on a tty, so it makes one write() per line, and the pty alone then carries
// ~15 M chars/s here (measured with xterm.js writes skipped), less than xterm.js parses: that figure
// measures the program more than the console. Every figure carries the load average of the machine
// (1-minute) at its end: the machine is shared, and the figures move with it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRegionShell, terminalPageScript } from './regionShell';
import { measureTransportFloor } from './transportFloor';
import { fastestSmooth, handFloodText } from './yardstick';

/** Rounds after a warm-up round, reported as the median: the figure is sensitive to whatever else the machine runs. */
const ROUNDS = 7;
const LINE_BY_LINE_ROUNDS = 3;
/** base64 wraps at 76 chars (57 bytes); through a pty each line ends in CRLF, so 78 chars a line. */
const LINES = 250_000;
const FLOOD_BYTES = 57 * LINES;
const FLOOD_CHARS = 78 * LINES;
/** 100 MB of base64 lines. */
const BIG_LINES = Math.ceil((100 * 1024 * 1024) / 77);
/** How often the heap is sampled during the 100 MB flood. */
const HEAP_SAMPLE_MS = 50;
/** Keystrokes per echo figure, and the pause between them (a quick typist's pace). */
const ECHO_KEYS = 40;
const ECHO_GAP_MS = 30;
/** Times the pty host is killed for its restart figure (the console allows 5 restarts in all). */
const HOST_KILLS = 3;
const BARE_VARIANTS = { bare_64k: [64 * 1024], bare_256k: [256 * 1024], bare_1m: [1024 * 1024] } as const;
type Variant = 'bare_console_pieces' | keyof typeof BARE_VARIANTS;
const VARIANTS: Variant[] = ['bare_console_pieces', 'bare_64k', 'bare_256k', 'bare_1m'];

interface Stalls {
  maxFrameGapMs: number;
  maxLongTaskMs: number;
}


const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-bench-terminal-'));
const floodFile = path.join(dataDir, 'flood.txt');
const base64Lines = (bytes: number) => randomBytes(bytes).toString('base64').match(/.{1,76}/g) ?? [];
writeFileSync(floodFile, base64Lines(FLOOD_BYTES).join('\n') + '\n');
const bigLines = base64Lines(57 * BIG_LINES);
writeFileSync(path.join(dataDir, 'big.txt'), bigLines.join('\n') + '\n');
const bigTail = bigLines.slice(-3);
bigLines.length = 0;
// bash with a HOME of its own: no rc files, so the user's shell start-up is not part of the figure.
const env = { ...process.env, SHELL: '/bin/bash', HOME: dataDir };
const { child, page, workspace, host, close } = await openRegionShell(dataDir, env);

// The same text the console gets: the flood file as the pty delivers it (the tty turns LF into CRLF).
const floodText = readFileSync(floodFile, 'utf8').replace(/\n/g, '\r\n');
if (floodText.length !== FLOOD_CHARS) throw new Error(`the flood is ${floodText.length} chars, not ${FLOOD_CHARS}`);
await handFloodText(page, floodText);

interface Measured {
  ms: number;
  stalls: Stalls;
}

/** CPU ms by role, summed over this bench's process tree. */
type Cpu = Record<'page_main_thread' | 'chromium_other' | 'main' | 'pty_host' | 'shell', number>;
const TICK_MS = 10;
/**
 * What each Chromium thread other than the page's main thread is, for the breakdown of `chromium_other`:
 * its process's type (the network service is a utility process) and the thread's name, e.g.
 * `renderer/Compositor`, `utility:network/NetworkService`, `gpu-process/VizCompositorTh`.
 */
const threadLabels = new Map<string, string>();
function chromiumThreadLabel(cmdline: string, pid: number, tid: string): string {
  // Chromium's children rewrite their command line as one space-separated string (their process title).
  const args = cmdline.split(/[\0 ]/);
  const type = args.find((a) => a.startsWith('--type='))?.slice('--type='.length) ?? 'browser';
  const subType = args.find((a) => a.startsWith('--utility-sub-type='))?.split('.')[0]?.slice('--utility-sub-type='.length);
  let thread = '?';
  try {
    // Linux keeps 15 chars of a thread's name; numbered pools (ThreadPoolForeg…) share one label.
    thread = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim().replace(/[0-9]+$/, '');
  } catch {
    // gone meanwhile
  }
  return `${type}${subType ? `:${subType}` : ''}/${thread}`;
}
function cpuNow(): Map<string, number> {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parentOf) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const ticks = new Map<string, number>();
  for (const pid of tree) {
    if (pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const role = pid === child.pid ? 'main' : cmdline.includes('ptyHost') ? 'pty_host' : cmdline.includes('chromium') ? 'chromium' : 'shell';
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // A renderer's main thread has the process's id: the page's is the renderer's that ran most.
        const key = role === 'chromium' && tid === String(pid) && cmdline.includes('--type=renderer') ? `renderer_main:${pid}` : `${role}:${pid}:${tid}`;
        if (role === 'chromium' && !threadLabels.has(key)) threadLabels.set(key, chromiumThreadLabel(cmdline, pid, tid));
        // A shell's waited-for children (the flood's `cat`, gone by the time the flood is drawn) count as
        // its own: their CPU is in the shell's cutime/cstime once it has reaped them.
        const reaped = role === 'shell' && tid === String(pid) ? Number(fields[13]) + Number(fields[14]) : 0;
        ticks.set(key, (ticks.get(key) ?? 0) + Number(fields[11]) + Number(fields[12]) + reaped);
      }
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}
/** CPU by role since `before`; `otherThreads`, when given, gets `chromium_other` by thread label. */
function cpuSince(before: Map<string, number>, otherThreads?: Record<string, number>): Cpu {
  const cpu: Cpu = { page_main_thread: 0, chromium_other: 0, main: 0, pty_host: 0, shell: 0 };
  const renderers: number[] = [];
  for (const [key, ticks] of cpuNow()) {
    const ms = (ticks - (before.get(key) ?? 0)) * TICK_MS;
    const role = key.split(':')[0]!;
    if (role === 'renderer_main') renderers.push(ms);
    else if (role === 'chromium') {
      cpu.chromium_other += ms;
      const label = threadLabels.get(key) ?? '?';
      if (otherThreads && ms > 0) otherThreads[label] = (otherThreads[label] ?? 0) + ms;
    } else cpu[role as 'main' | 'pty_host' | 'shell'] += ms;
  }
  renderers.sort((a, b) => b - a);
  cpu.page_main_thread = renderers[0] ?? 0;
  const otherRenderers = renderers.slice(1).reduce((a, b) => a + b, 0);
  cpu.chromium_other += otherRenderers;
  if (otherThreads && otherRenderers > 0) otherThreads['other renderers/main'] = (otherThreads['other renderers/main'] ?? 0) + otherRenderers;
  return cpu;
}

/** xterm.js's renderer for the console (its Renderer preference) and for the bare yardsticks beside it. */
type Renderer = 'dom' | 'webgl';

interface Round {
  floodMs: number;
  stalls: Stalls;
  /** The sizes of the writes the console's OutputPacer made during this flood. */
  pieces: number[];
  bare: Partial<Record<Variant, Measured>>;
  /** CPU during the console's flood, and during each bare run. */
  cpu: Cpu;
  bareCpu: Partial<Record<Variant, Cpu>>;
  /** `chromium_other` by thread, during the console's flood and during each bare run. */
  otherThreads: Record<string, number>;
  bareOtherThreads: Partial<Record<Variant, Record<string, number>>>;
  /** The pty's own floor for the same text, measured right after (rounds of the `cat` flood only). */
  ptyFloor: PtyFloor | null;
}

/**
 * The pty's own floor, measured in each round beside the console and the yardstick: the same `cat`
 * through a fresh pty read by util-linux's `script` (a C loop that only copies it on, to /dev/null), with
 * nothing else to do: how fast the kernel alone moves this text through a pty on this machine, and the
 * CPU that costs (cat's writes and the reads, all in the kernel's line discipline). No console can draw a
 * `cat` faster than this, and on two cores it shares them with xterm.js's parse.
 */
interface PtyFloor {
  ms: number;
  cpuMs: number;
}
function ptyFloor(): Promise<PtyFloor> {
  return new Promise((resolve, reject) => {
    // bash's `time` reports script's and cat's CPU (its waited-for children) beside the wall time.
    const timed = spawn('/bin/bash', ['-c', 'TIMEFORMAT="%3R %3U %3S"; time script -q -c "cat flood.txt" /dev/null > /dev/null'], {
      cwd: dataDir,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    timed.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
    timed.once('error', reject);
    timed.once('exit', (code) => {
      const match = /([0-9.]+) ([0-9.]+) ([0-9.]+)\s*$/.exec(stderr);
      if (code !== 0 || match === null) return reject(new Error(`the pty floor run failed (${code}): ${stderr}`));
      resolve({ ms: Number(match[1]) * 1000, cpuMs: (Number(match[2]) + Number(match[3])) * 1000 });
    });
  });
}

let roundNumber = 0;
/** One flood through the console, then the same text written to bare xterm.js Terminals in the same page. */
async function round(command: string, variants: readonly Variant[], afterFlood?: () => Promise<void>, renderer: Renderer = 'dom', withFloor = false): Promise<Round> {
  const n = 1000 + roundNumber++;
  // The marker is computed by the shell, so the echoed command line never matches it.
  await page.type(`${command}; echo FLOOD_$((${n}))_END`);
  await page.evaluate(
    `terminalBench.armEnterClock(); terminalBench.startStallMonitor(); terminalBench.startRecordingPieces(); window.floodDrawn = terminalBench.floodDrawnMs(${host}, 'FLOOD_${n}_END'); 0`,
  );
  const cpuBefore = cpuNow();
  await page.pressEnter();
  const floodMs = await page.evaluate<number>('window.floodDrawn');
  const otherThreads: Record<string, number> = {};
  const cpu = cpuSince(cpuBefore, otherThreads);
  const stalls = await page.evaluate<Stalls>('terminalBench.stopStallMonitor()');
  // The acknowledgement of the last piece leaves after it is parsed; give it a moment to be sent.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const pieces = await page.evaluate<number[]>('terminalBench.stopRecordingPieces()');
  await afterFlood?.();
  const bare: Round['bare'] = {};
  const bareCpu: Round['bareCpu'] = {};
  const bareOtherThreads: Round['bareOtherThreads'] = {};
  for (const variant of variants) {
    const sizes = variant === 'bare_console_pieces' ? pieces : BARE_VARIANTS[variant];
    const bareBefore = cpuNow();
    bare[variant] = await page.evaluate<Measured>(`terminalBench.bareXterm(${host}, ${JSON.stringify(sizes)}, 'BARE_${n}_${variant}_END', '${renderer}')`);
    bareOtherThreads[variant] = {};
    bareCpu[variant] = cpuSince(bareBefore, bareOtherThreads[variant]);
  }
  const floor = withFloor ? await ptyFloor() : null;
  return { floodMs, stalls, pieces, bare, cpu, bareCpu, otherThreads, bareOtherThreads, ptyFloor: floor };
}

const cat = 'cat flood.txt';
const lineByLine = `head -c ${FLOOD_BYTES} /dev/urandom | base64`;
// Where the page's main thread spends a console flood: sampled in the warm-up round only (not in the
// median), so the next person sees whether it parses, draws, or waits for output.
interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}
await page.send('Profiler.enable');
await page.send('Profiler.setSamplingInterval', { interval: 1_000 });
await page.send('Profiler.start');
let profile: Profile | null = null;
const warmUp = await round(cat, VARIANTS, async () => {
  ({ profile } = (await page.send('Profiler.stop')) as { profile: Profile });
  await page.send('Profiler.disable');
});
const warmUpProfile = ((profile: Profile) => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfMs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const where = frame === undefined ? '?' : frame.url === '' ? frame.functionName : `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}`;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    selfMs.set(where, (selfMs.get(where) ?? 0) + ms);
  });
  const share = (name: string) => Math.round(((selfMs.get(name) ?? 0) / total) * 100) / 100;
  const top = [...selfMs.entries()]
    .filter(([name]) => !name.startsWith('('))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, ms]) => [name, Math.round((ms / total) * 100) / 100]);
  return { idle: share('(idle)'), program: share('(program)'), gc: share('(garbage collector)'), top };
})(profile!);
const rounds: Round[] = [];
for (let i = 0; i < ROUNDS; i++) rounds.push(await round(cat, VARIANTS, undefined, 'dom', true));
const loadAfterRounds = os.loadavg()[0]!;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;
const round2 = (n: number) => Math.round(n * 100) / 100;
const mcharsPerS = (ms: number) => round2(FLOOD_CHARS / ms / 1e3);
const most = (values: number[]) => Math.round(Math.max(...values));

// Every variant's rate and stall; the yardstick is the fastest that draws as smoothly as required.
// One rule for both renderers' rounds (terminal.throughput_ratio and _webgl).
function yardstickOf(rounds: Round[]) {
  const variantFigures = VARIANTS.map((variant) => {
    const measured = rounds.map((r) => r.bare[variant]!);
    return {
      variant,
      medianMs: median(measured.map((m) => m.ms)),
      medianStallMs: median(measured.map((m) => m.stalls.maxFrameGapMs)),
      maxStallMs: Math.max(...measured.map((m) => m.stalls.maxFrameGapMs)),
    };
  });
  const { yardstick, smooth } = fastestSmooth(variantFigures);
  const ratio = (r: Round) => r.bare[yardstick.variant]!.ms / r.floodMs;
  return { variantFigures, smooth, yardstick, ratio };
}
const { variantFigures, smooth, yardstick, ratio } = yardstickOf(rounds);
/**
 * The best ratio any console could reach in a round if getting output from the pty to xterm.js cost
 * nothing beyond the pty itself and every core stayed busy: the flood can be drawn no sooner than the pty
 * alone delivers it, nor sooner than the pty's CPU and the yardstick's (its page and the rest of Chromium)
 * fit on the machine's cores together.
 */
const cores = os.cpus().length;
const ceiling = (r: Round) => {
  const bareCpu = r.bareCpu[yardstick.variant]!;
  const leastMs = Math.max(r.ptyFloor!.ms, (r.ptyFloor!.cpuMs + bareCpu.page_main_thread + bareCpu.chromium_other) / cores);
  return r.bare[yardstick.variant]!.ms / leastMs;
};
/**
 * The best ratio this console could reach in a round with the work it measurably did: its whole CPU for the
 * flood (the page, the rest of Chromium, main, the pty host, and the shell with its `cat`) spread over every
 * core with none ever idle. A round's real ratio below `ratio_ceiling` but near this bound is short of cores,
 * not waiting on anything: only less work would raise it.
 */
const cpuBound = (r: Round) => {
  const consoleCpuMs = Object.values(r.cpu).reduce((a, b) => a + b, 0);
  return r.bare[yardstick.variant]!.ms / Math.max(r.ptyFloor!.ms, consoleCpuMs / cores);
};

const lineRounds: Round[] = [];
for (let i = 0; i < LINE_BY_LINE_ROUNDS; i++) lineRounds.push(await round(lineByLine, [yardstick.variant]));

// ---- WebGL (terminal.throughput_ratio_webgl) ----
// The same rounds with the console forced to WebGL through its Renderer preference (applied in place to
// the open shell) and the bare yardsticks on the WebGL addon too: xterm.js at its best on the same
// renderer. Here WebGL is SwiftShader (software), which is why Auto picks DOM; the figure says what it costs.
const rendererSelect = `${workspace}.querySelector('select.terminal-renderer')`;
async function chooseRenderer(preference: 'auto' | Renderer, expected: Renderer): Promise<void> {
  await page.evaluate(`(() => { const s = ${rendererSelect}; s.value = '${preference}'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`);
  await page.until(`${host}.dataset.renderer === '${expected}'`);
}
const autoRenderer = await page.evaluate<Renderer>(`terminalBench.consoleRenderer(${host})`);
const webglRendererName = await page.evaluate<string | null>('terminalBench.webglRendererName()');
await chooseRenderer('webgl', 'webgl');
const webglWarmUp = await round(cat, VARIANTS, undefined, 'webgl');
const webglRounds: Round[] = [];
for (let i = 0; i < ROUNDS; i++) webglRounds.push(await round(cat, VARIANTS, undefined, 'webgl'));
const loadAfterWebglRounds = os.loadavg()[0]!;
// Every round was the console on WebGL: a lost context would have put it on DOM unnoticed.
if ((await page.evaluate<Renderer>(`terminalBench.consoleRenderer(${host})`)) !== 'webgl') throw new Error('the console left WebGL during its WebGL rounds');
const webgl = yardstickOf(webglRounds);
// Back to Auto for the rest (the 100 MB flood reads the DOM renderer's rows).
await chooseRenderer('auto', autoRenderer);
// ---- end WebGL ----

// Keystroke echo in a second shell of the region: idle first, then while the first shell floods 100 MB.
const echoShell = await page.evaluate<string>(`terminalBench.openEchoShell('LON')`);
const echoIdle = await page.evaluate<number[]>(`terminalBench.echoMs(${JSON.stringify(echoShell)}, ${ECHO_KEYS}, ${ECHO_GAP_MS})`);
const loadAtEchoIdle = os.loadavg()[0]!;

// The 100 MB flood: its heap sampled from outside the page, its frame gaps from inside.
const heapUsed = async () => ((await page.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
await page.send('HeapProfiler.collectGarbage');
const heapBefore = await heapUsed();
await page.type(`cat big.txt; echo BIG_$((6 * 7))_END`);
await page.evaluate(`terminalBench.armEnterClock(); terminalBench.startStallMonitor(); window.bigDone = false; window.bigDrawn = terminalBench.floodDrawnMs(${host}, 'BIG_42_END'); window.bigDrawn.then(() => { window.bigDone = true; }); 0`);
await page.pressEnter();
// Keys start once the flood is under way (it takes seconds), and stop when it has been drawn.
await new Promise((resolve) => setTimeout(resolve, 300));
await page.evaluate(
  `window.echoUnderFlood = terminalBench.echoMs(${JSON.stringify(echoShell)}, 10000, ${ECHO_GAP_MS}, () => !window.bigDone); 0`,
);
let heapPeak = heapBefore;
while (!(await page.evaluate<boolean>('window.bigDone'))) {
  heapPeak = Math.max(heapPeak, await heapUsed());
  await new Promise((resolve) => setTimeout(resolve, HEAP_SAMPLE_MS));
}
const bigSeconds = (await page.evaluate<number>('window.bigDrawn')) / 1000;
const echoUnderFlood = await page.evaluate<number[]>('window.echoUnderFlood');
const loadAtBigFlood = os.loadavg()[0]!;
const bigStalls = await page.evaluate<Stalls>('terminalBench.stopStallMonitor()');
const shown = await page.evaluate<string[]>(`[...${host}.querySelectorAll('.xterm-rows > div')].map((row) => row.textContent.trimEnd())`);
const endAt = shown.findIndex((row) => row === 'BIG_42_END');
if (endAt < 3 || shown.slice(endAt - 3, endAt).join('\n') !== bigTail.join('\n')) {
  throw new Error(`the 100 MB flood's last lines on screen are not the file's:\n${shown.join('\n')}`);
}

// The pty host killed as a native fault would end it; timed until a newly opened shell echoes.
const ptyHostOf = (pid: number): number => {
  const found = readdirSync('/proc')
    .filter((name) => /^[0-9]+$/.test(name))
    .find((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('ptyHost');
      } catch {
        return false;
      }
    });
  if (found === undefined) throw new Error(`serve (${pid}) has no pty host child`);
  return Number(found);
};
const restartMs: number[] = [];
for (let i = 0; i < HOST_KILLS; i++) {
  const hostPid = ptyHostOf(child.pid!);
  const killedAt = Date.now();
  process.kill(hostPid, 'SIGKILL');
  restartMs.push((await page.evaluate<number>(`terminalBench.shellUsableAt('LON')`)) - killedAt);
}
const loadAtRestart = os.loadavg()[0]!;

// The console terminal's place and grid, for the transport floor's terminals (measured once the console is closed).
const consoleBox = await page.evaluate<{ left: number; top: number; width: number; height: number }>(`(({ left, top, width, height }) => ({ left, top, width, height }))(${host}.getBoundingClientRect())`);
const consoleGrid = await page.evaluate<{ cols: number; rows: number }>(`({ cols: ${host}.terminal.cols, rows: ${host}.terminal.rows })`);
await close();
const transportFloor = await measureTransportFloor({ floodFile, floodText, box: consoleBox, size: consoleGrid, pageScript: await terminalPageScript(), rounds: ROUNDS });
rmSync(dataDir, { recursive: true, force: true });

const bareFiguresOf = (figures: typeof variantFigures) => Object.fromEntries(
  figures.flatMap((v) => [
    [`${v.variant}_mchars_per_s`, mcharsPerS(v.medianMs)],
    [`${v.variant}_stall_ms`, Math.round(v.medianStallMs)],
    [`${v.variant}_max_stall_ms`, Math.round(v.maxStallMs)],
  ]),
);
const bareFigures = bareFiguresOf(variantFigures);
const allPieces = rounds.flatMap((r) => r.pieces);
const medianCpu = (cpus: Cpu[]) => Object.fromEntries(Object.keys(cpus[0]!).map((role) => [role, median(cpus.map((c) => c[role as keyof Cpu]))]));
/** Median ms per thread label over the rounds (a round where a thread did not run counts 0), the busiest 8. */
const medianThreads = (records: Record<string, number>[]) => {
  const labels = new Set(records.flatMap((r) => Object.keys(r)));
  return Object.fromEntries(
    [...labels]
      .map((label) => [label, median(records.map((r) => r[label] ?? 0))] as const)
      .filter(([, ms]) => ms > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8),
  );
};
console.log(
  JSON.stringify({
    bench: 'terminal.throughput_ratio',
    value: round2(median(rounds.map(ratio))),
    unit: 'ratio',
    target: '>= 0.8',
    renderer: autoRenderer,
    yardstick: yardstick.variant,
    yardstick_is_smooth: smooth.length > 0,
    rounds: rounds.map((r) => round2(ratio(r))),
    round_ms: rounds.map((r) => [Math.round(r.floodMs), Math.round(r.bare[yardstick.variant]!.ms)]),
    e2e_mchars_per_s: mcharsPerS(median(rounds.map((r) => r.floodMs))),
    ...bareFigures,
    cpu_ms_per_flood: medianCpu(rounds.map((r) => r.cpu)),
    yardstick_cpu_ms: medianCpu(rounds.map((r) => r.bareCpu[yardstick.variant]!)),
    pty_floor_ms: Math.round(median(rounds.map((r) => r.ptyFloor!.ms))),
    pty_floor_mchars_per_s: mcharsPerS(median(rounds.map((r) => r.ptyFloor!.ms))),
    pty_floor_cpu_ms: Math.round(median(rounds.map((r) => r.ptyFloor!.cpuMs))),
    ratio_ceiling: round2(median(rounds.map(ceiling))),
    ratio_cpu_bound: round2(median(rounds.map(cpuBound))),
    chromium_other_ms_by_thread: medianThreads(rounds.map((r) => r.otherThreads)),
    yardstick_chromium_other_ms_by_thread: medianThreads(rounds.map((r) => r.bareOtherThreads[yardstick.variant]!)),
    console_pieces_per_flood: median(rounds.map((r) => r.pieces.length)),
    console_piece_chars_median: allPieces.length > 0 ? median(allPieces) : 0,
    console_piece_chars_max: allPieces.length > 0 ? Math.max(...allPieces) : 0,
    chars: FLOOD_CHARS,
    flood: cat,
    warm_up_ratio: round2(warmUp.bare[yardstick.variant]!.ms / warmUp.floodMs),
    warm_up_page_profile: warmUpProfile,
    line_by_line_ratio: round2(median(lineRounds.map(ratio))),
    line_by_line_flood: lineByLine,
    loadAverage: round2(loadAfterRounds),
  }),
);
// ---- WebGL (terminal.throughput_ratio_webgl) ----
const webglPieces = webglRounds.flatMap((r) => r.pieces);
console.log(
  JSON.stringify({
    bench: 'terminal.throughput_ratio_webgl',
    value: round2(median(webglRounds.map(webgl.ratio))),
    unit: 'ratio',
    renderer: 'webgl',
    webgl_renderer_name: webglRendererName,
    yardstick: webgl.yardstick.variant,
    yardstick_is_smooth: webgl.smooth.length > 0,
    rounds: webglRounds.map((r) => round2(webgl.ratio(r))),
    round_ms: webglRounds.map((r) => [Math.round(r.floodMs), Math.round(r.bare[webgl.yardstick.variant]!.ms)]),
    e2e_mchars_per_s: mcharsPerS(median(webglRounds.map((r) => r.floodMs))),
    ...bareFiguresOf(webgl.variantFigures),
    max_stall_ms: most(webglRounds.map((r) => r.stalls.maxFrameGapMs)),
    median_stall_ms: Math.round(median(webglRounds.map((r) => r.stalls.maxFrameGapMs))),
    longest_long_task_ms: most(webglRounds.map((r) => r.stalls.maxLongTaskMs)),
    cpu_ms_per_flood: medianCpu(webglRounds.map((r) => r.cpu)),
    yardstick_cpu_ms: medianCpu(webglRounds.map((r) => r.bareCpu[webgl.yardstick.variant]!)),
    chromium_other_ms_by_thread: medianThreads(webglRounds.map((r) => r.otherThreads)),
    yardstick_chromium_other_ms_by_thread: medianThreads(webglRounds.map((r) => r.bareOtherThreads[webgl.yardstick.variant]!)),
    console_pieces_per_flood: median(webglRounds.map((r) => r.pieces.length)),
    console_piece_chars_median: webglPieces.length > 0 ? median(webglPieces) : 0,
    chars: FLOOD_CHARS,
    flood: cat,
    warm_up_ratio: round2(webglWarmUp.bare[webgl.yardstick.variant]!.ms / webglWarmUp.floodMs),
    loadAverage: round2(loadAfterWebglRounds),
  }),
);
// ---- end WebGL ----
console.log(
  JSON.stringify({
    bench: 'terminal.max_stall_ms',
    value: most(rounds.map((r) => r.stalls.maxFrameGapMs)),
    unit: 'ms',
    target: '<= 100',
    median_ms: Math.round(median(rounds.map((r) => r.stalls.maxFrameGapMs))),
    longest_long_task_ms: most(rounds.map((r) => r.stalls.maxLongTaskMs)),
    warm_up_max_stall_ms: Math.round(warmUp.stalls.maxFrameGapMs),
    line_by_line_max_stall_ms: most(lineRounds.map((r) => r.stalls.maxFrameGapMs)),
    loadAverage: round2(loadAfterRounds),
  }),
);
console.log(
  JSON.stringify({
    bench: 'terminal.echo_p95_ms_under_flood',
    value: round2(p95(echoUnderFlood)),
    unit: 'ms',
    target: '<= 100',
    median_ms: round2(median(echoUnderFlood)),
    keys: echoUnderFlood.length,
    idle_p95_ms: round2(p95(echoIdle)),
    flood: 'cat big.txt (100 MB) in the other shell of the region',
    loadAverage: round2(loadAtBigFlood),
  }),
);
console.log(
  JSON.stringify({
    bench: 'terminal.echo_p95_ms_idle',
    value: round2(p95(echoIdle)),
    unit: 'ms',
    median_ms: round2(median(echoIdle)),
    keys: echoIdle.length,
    loadAverage: round2(loadAtEchoIdle),
  }),
);
console.log(
  JSON.stringify({
    bench: 'terminal.pty_host_restart_ms',
    value: Math.round(median(restartMs)),
    unit: 'ms',
    stat: 'median',
    runs: restartMs.map((ms) => Math.round(ms)),
    loadAverage: round2(loadAtRestart),
  }),
);
console.log(
  JSON.stringify({
    bench: 'terminal.flood_100mb_heap_growth_mb',
    value: Math.round((heapPeak - heapBefore) / 2 ** 20),
    unit: 'MB',
    heap_before_mb: Math.round(heapBefore / 2 ** 20),
    chars: BIG_LINES * 78,
    seconds: Math.round(bigSeconds * 10) / 10,
    max_stall_ms: Math.round(bigStalls.maxFrameGapMs),
    loadAverage: round2(loadAtBigFlood),
  }),
);
console.log(JSON.stringify(transportFloor));
