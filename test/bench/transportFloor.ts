// terminal.transport_floor_ratio (issue 18): how close to the yardstick any console in browser mode could
// come on this machine, measured rather than argued. A WebSocket server of the bench's own, on loopback,
// serves a blank page in a fresh Chromium; in that page each round times, on the same text:
//   bare_64k, bare_256k, bare_1m  the yardstick's variants, as in the console's page (terminalPage.ts);
//   socket      the flood's text sent by the server in 256 K-char frames, nothing before them: a WebSocket
//               and xterm.js, the least a page's terminal can be fed through;
//   pty_socket  `cat` of the flood file on a pty the server reads (node-pty, in the server's own process), its
//               reads held into frames as the console's are (and pty_socket_turns: each turn's reads, one
//               frame): a pty and a WebSocket with no process between, what the console would be with its pty
//               host writing to the page's socket and doing nothing else (no redaction, transcript or flow control).
// The console adds a pty host and main between the pty and the socket (redaction, the transcript, flow
// control, pacing); these floors say what the transport alone costs against the yardstick, and so how much of
// the console's shortfall is its own pipeline. Each floor's ratio is the yardstick (the fastest bare variant
// whose frame gaps stay ≤ 100 ms, in the same page and round) ÷ the floor.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { WebSocketServer, type WebSocket } from 'ws';
import { spawnNodePty } from '../../main/terminal/pty';
import { FLOOD_FRAME_MAX_CHARS, FLOOD_FRAME_WAIT_MS } from '../../main/serve/flood-frames';
import { ChromiumPage } from './chromiumPipe';
import { fastestSmooth, handFloodText } from './yardstick';

const SOCKET_FRAME_CHARS = 256 * 1024;
const BARE_VARIANTS = { bare_64k: 64 * 1024, bare_256k: 256 * 1024, bare_1m: 1024 * 1024 } as const;
type Bare = keyof typeof BARE_VARIANTS;
type Floor = 'socket' | 'pty_socket_turns' | 'pty_socket';
const FLOORS: Floor[] = ['socket', 'pty_socket_turns', 'pty_socket'];

interface Measured {
  ms: number;
  stalls: { maxFrameGapMs: number };
}
interface FloorRound {
  bare: Record<Bare, Measured>;
  floor: Record<Floor, Measured>;
  /** CPU of the server (this process, with the pty's `cat` once reaped) during each floor run. */
  serverCpuMs: Record<Floor, number>;
}

/** This process's CPU so far, with its reaped children's (the pty's `cat`), from /proc in clock ticks of 10 ms. */
function ownCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
}

/** Sends the flood's text, then the marker's line, as text frames. */
function sendFile(ws: WebSocket, text: string, marker: string): void {
  for (let at = 0; at < text.length; at += SOCKET_FRAME_CHARS) ws.send(text.slice(at, at + SOCKET_FRAME_CHARS));
  ws.send(`${marker}\r\n`);
}

/**
 * `cat`s the flood file on a fresh pty and sends what was read as text frames; the marker is the shell's. The pty
 * is the console's own (node-pty drained after its child exits, which node-pty alone does not do: the last reads
 * of a fast writer were lost). `pty_socket_turns` sends what each turn of the event loop read; `pty_socket` holds
 * reads as the console's flood frames do (main/serve/flood-frames.ts), until 256 K chars or 8 ms after the first.
 */
function sendPty(ws: WebSocket, floodFile: string, marker: string, size: { cols: number; rows: number }, gathered: boolean): void {
  const pty = spawnNodePty('/bin/sh', ['-c', 'cat "$0"; echo "$1"', floodFile, marker], { ...size, cwd: '/', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  let held: string[] = [];
  let heldChars = 0;
  let timer: NodeJS.Timeout | null = null;
  const send = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (held.length === 0) return;
    ws.send(held.length === 1 ? held[0]! : held.join(''));
    held = [];
    heldChars = 0;
  };
  pty.onData((data) => {
    held.push(data);
    heldChars += data.length;
    if (!gathered) {
      if (held.length === 1) setImmediate(send);
    } else if (heldChars >= FLOOD_FRAME_MAX_CHARS) send();
    else timer ??= setTimeout(send, FLOOD_FRAME_WAIT_MS);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Runs `rounds` rounds after a warm-up in a Chromium of its own and returns the figure's JSON line. `floodText` is the
 * flood as the pty delivers it (LF → CRLF); `box` the console terminal's place and size, so every terminal here has its grid.
 */
export async function measureTransportFloor(options: {
  floodFile: string;
  floodText: string;
  box: { left: number; top: number; width: number; height: number };
  size: { cols: number; rows: number };
  pageScript: string;
  rounds: number;
}): Promise<Record<string, unknown>> {
  const { floodFile, floodText, box, size, pageScript, rounds } = options;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><meta charset="utf-8"><title>transport floor</title><body style="margin:0;background:#0b0e12">');
  });
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (ws) => {
    ws.on('message', (message) => {
      const [, kind, marker] = String(message).split(' ');
      if (kind === 'socket') sendFile(ws, floodText, marker!);
      else if (kind === 'pty_socket' || kind === 'pty_socket_turns') sendPty(ws, floodFile, marker!, size, kind === 'pty_socket');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const page = await ChromiumPage.open(`http://127.0.0.1:${port}/`, 1440, 900);
  try {
    await page.send('Page.enable');
    await page.send('Page.addScriptToEvaluateOnNewDocument', { source: pageScript });
    await page.send('Page.reload');
    await page.until('!!window.terminalBench');
    await handFloodText(page, floodText);
    let n = 0;
    const oneRound = async (): Promise<FloorRound> => {
      const bare = {} as FloorRound['bare'];
      for (const [variant, chars] of Object.entries(BARE_VARIANTS) as [Bare, number][]) {
        bare[variant] = await page.evaluate<Measured>(`terminalBench.bareXterm(${JSON.stringify(box)}, [${chars}], 'FLOOR_${n++}_${variant}_END')`);
      }
      const floor = {} as FloorRound['floor'];
      const serverCpuMs = {} as FloorRound['serverCpuMs'];
      for (const kind of FLOORS) {
        const before = ownCpuMs();
        floor[kind] = await page.evaluate<Measured>(`terminalBench.socketXterm(${JSON.stringify(box)}, 'ws://127.0.0.1:${port}/', '${kind}', 'FLOOR_${n++}_${kind}_END')`);
        // The pty's `cat` is reaped (and its CPU counted) once its exit is read, just after the marker.
        await new Promise((resolve) => setTimeout(resolve, 50));
        serverCpuMs[kind] = ownCpuMs() - before;
      }
      return { bare, floor, serverCpuMs };
    };
    await oneRound();
    const measured: FloorRound[] = [];
    for (let i = 0; i < rounds; i++) measured.push(await oneRound());
    const load = os.loadavg()[0]!;
    const variants = (Object.keys(BARE_VARIANTS) as Bare[]).map((variant) => ({
      variant,
      medianMs: median(measured.map((r) => r.bare[variant].ms)),
      medianStallMs: median(measured.map((r) => r.bare[variant].stalls.maxFrameGapMs)),
    }));
    const { yardstick, smooth } = fastestSmooth(variants);
    const ratio = (kind: Floor) => measured.map((r) => round2(r.bare[yardstick.variant].ms / r.floor[kind].ms));
    const mchars = (ms: number) => round2(floodText.length / ms / 1e3);
    const figures = (kind: Floor) => ({
      [`${kind}_ratio`]: median(ratio(kind)),
      [`${kind}_rounds`]: ratio(kind),
      [`${kind}_mchars_per_s`]: mchars(median(measured.map((r) => r.floor[kind].ms))),
      [`${kind}_stall_ms`]: Math.round(median(measured.map((r) => r.floor[kind].stalls.maxFrameGapMs))),
      [`${kind}_server_cpu_ms`]: median(measured.map((r) => r.serverCpuMs[kind])),
    });
    // The floor is the pty's at its best: the better of its two ways of sending.
    const best = median(ratio('pty_socket')) >= median(ratio('pty_socket_turns')) ? 'pty_socket' : 'pty_socket_turns';
    return {
      bench: 'terminal.transport_floor_ratio',
      value: median(ratio(best)),
      unit: 'ratio',
      floor: best,
      ...figures('pty_socket'),
      ...figures('pty_socket_turns'),
      ...figures('socket'),
      yardstick: yardstick.variant,
      yardstick_is_smooth: smooth.length > 0,
      ...Object.fromEntries(variants.flatMap((v) => [[`${v.variant}_mchars_per_s`, mchars(v.medianMs)], [`${v.variant}_stall_ms`, Math.round(v.medianStallMs)]])),
      chars: floodText.length,
      loadAverage: round2(load),
    };
  } finally {
    await page.close();
    sockets.close();
    server.close();
  }
}
