// In-page half of terminal.bench.ts, bundled as an IIFE and evaluated in the console's page: a stall
// monitor, a wait for text drawn by xterm.js, a record of the console's own pieces, bare xterm.js
// Terminals (the console's own options) written the same text directly (the yardsticks), and keystroke
// echo and pty host restart probes over the page's own WebSocket.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebglAddon } from '@xterm/addon-webgl';
import type { TerminalHost } from '../../renderer/views/terminal/TerminalView';
import { terminalOptions } from '../../renderer/views/terminal/terminalOptions';
import { decodeTerminalFrame } from '../../shared/api/terminalFrame';

interface Stalls {
  /** Longest gap between animation frames: what a user sees as a frozen window. */
  maxFrameGapMs: number;
  /** Longest task the browser reported (long tasks are those over 50 ms). */
  maxLongTaskMs: number;
}

let stop: (() => Stalls) | null = null;

function startStallMonitor(): void {
  let last = performance.now();
  let maxFrameGapMs = 0;
  let maxLongTaskMs = 0;
  let running = true;
  const frame = (now: number) => {
    maxFrameGapMs = Math.max(maxFrameGapMs, now - last);
    last = now;
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) maxLongTaskMs = Math.max(maxLongTaskMs, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  stop = () => {
    running = false;
    observer.disconnect();
    return { maxFrameGapMs, maxLongTaskMs };
  };
}

function stopStallMonitor(): Stalls {
  const result = stop?.() ?? { maxFrameGapMs: 0, maxLongTaskMs: 0 };
  stop = null;
  return result;
}

/** Resolves with performance.now() at the first frame where `text` is drawn in `root`'s xterm rows. */
function whenDrawn(root: Element, text: string): Promise<number> {
  return new Promise((resolve) => {
    const look = () => {
      const rows = root.querySelector('.xterm-rows');
      if (rows?.textContent?.includes(text)) resolve(performance.now());
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

// ---- WebGL (terminal.throughput_ratio_webgl) ----
// A WebGL-drawn terminal has no `.xterm-rows` to read: "drawn" is then the first render (xterm.js's
// onRender, after the renderer drew the frame's rows) at which the terminal's viewport holds the text.
// The console's terminal and the bare yardsticks are timed the same way on WebGL, like with like.
type Renderer = 'dom' | 'webgl';

function whenRendered(term: Terminal, text: string): Promise<number> {
  const shown = () => {
    const buffer = term.buffer.active;
    for (let y = buffer.viewportY; y < buffer.viewportY + term.rows; y++) {
      if (buffer.getLine(y)?.translateToString(true).includes(text)) return true;
    }
    return false;
  };
  return new Promise((resolve) => {
    const rendered = term.onRender(() => {
      if (!shown()) return;
      rendered.dispose();
      resolve(performance.now());
    });
  });
}

/** The console's terminal in `root` (its `.terminal-host`), and the renderer it draws with. */
function consoleTerminal(root: Element): { term: Terminal | undefined; renderer: Renderer } {
  const host = root as TerminalHost;
  return { term: host.terminal, renderer: host.dataset.renderer === 'webgl' ? 'webgl' : 'dom' };
}

/** What draws WebGL in this page (UNMASKED_RENDERER_WEBGL), reported beside the WebGL figure. */
function webglRendererName(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (gl === null) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return typeof name === 'string' ? name : null;
}

function whenDrawnIn(root: Element, text: string): Promise<number> {
  const { term, renderer } = consoleTerminal(root);
  if (renderer === 'dom') return whenDrawn(root, text);
  if (term === undefined) throw new Error('the console terminal does not carry its xterm.js instance');
  return whenRendered(term, text);
}
// ---- end WebGL ----

/** Starts a clock at the next Enter key press (the one that runs the flood command). */
let enterPressedAt = 0;
function armEnterClock(): void {
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') enterPressedAt = performance.now();
  }, { capture: true, once: true });
}

async function floodDrawnMs(root: Element, marker: string): Promise<number> {
  const drawnAt = await whenDrawnIn(root, marker);
  return drawnAt - enterPressedAt;
}

/**
 * The console's own pieces, recorded from its run: the renderer acknowledges what xterm.js has parsed
 * (shared/terminal/flowControl's WrittenChars, at least every 5,000 chars), and during a flood the
 * OutputPacer hands xterm.js one piece at a time, so each acknowledgement is one piece (plus under 5,000
 * chars of small writes before it). Read off the page's own WebSocket, so the console runs unchanged.
 */
let socket: WebSocket | null = null;
let recordedPieces: number[] | null = null;
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
  remember(this);
  if (recordedPieces !== null && typeof data === 'string' && data.includes('"ackTerminal"')) {
    const message = JSON.parse(data) as { call: string; payload: { chars: number } };
    if (message.call === 'ackTerminal') recordedPieces.push(message.payload.chars);
  }
  send.call(this, data);
};

/** The page's socket, learned from its first send. */
function remember(ws: WebSocket): void {
  socket = ws;
}

function startRecordingPieces(): void {
  recordedPieces = [];
}

function stopRecordingPieces(): number[] {
  const pieces = recordedPieces ?? [];
  recordedPieces = null;
  return pieces;
}

/** The flood's own text as the pty delivered it (LF → CRLF), handed in by the bench in parts. */
const floodParts: string[] = [];
let floodText = '';
function addFloodText(part: string): number {
  floodParts.push(part);
  floodText = '';
  return floodParts.length;
}

function flood(): string {
  if (floodText === '') floodText = floodParts.join('');
  return floodText;
}

/** The flood cut into writes of the given sizes, the last size repeated until the text runs out. */
function chunksOf(text: string, sizes: readonly number[]): string[] {
  const chunks: string[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes[Math.min(i, sizes.length - 1)]!);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/** Where a bare terminal is drawn: over the console's terminal, or (in the transport floor's page) a box of its size. */
type Box = Pick<DOMRect, 'left' | 'top' | 'width' | 'height'>;

/** A bare Terminal with the console's options in a box of its own, fitted like the console's terminal so both draw the same grid of cells per frame. */
function bareTerminal(over: Element | Box, renderer: Renderer): { term: Terminal; element: HTMLElement; dispose(): void } {
  const box = over instanceof Element ? over.getBoundingClientRect() : over;
  const element = document.createElement('div');
  Object.assign(element.style, { position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px`, zIndex: '1000' });
  document.body.appendChild(element);
  const term = new Terminal(terminalOptions(false));
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(element);
  if (renderer === 'webgl') term.loadAddon(new WebglAddon());
  fit.fit();
  const dispose = () => {
    const canvases = [...element.querySelectorAll('canvas')];
    term.dispose();
    element.remove();
    // Released at once, as the console does: left to the garbage collector, 16 bare terminals' contexts
    // would push out the oldest in the page, the console's own.
    for (const canvas of canvases) canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext();
  };
  return { term, element, dispose };
}

/**
 * xterm.js's own throughput: a bare Terminal with the console's options, over the console's terminal and
 * the same size, written the flood's text in writes of `sizes` (queued at once, xterm.js at its best) and
 * then the marker; ms until it is drawn, and the longest frame gap meanwhile.
 */
async function bareXterm(over: Element | Box, sizes: readonly number[], marker: string, renderer: Renderer = 'dom'): Promise<{ ms: number; stalls: Stalls }> {
  const { term, element, dispose } = bareTerminal(over, renderer);
  const chunks = chunksOf(flood(), sizes);
  await new Promise((resolve) => requestAnimationFrame(resolve));
  startStallMonitor();
  const started = performance.now();
  for (const chunk of chunks) term.write(chunk);
  term.write(`${marker}\r\n`);
  const drawnAt = await (renderer === 'webgl' ? whenRendered(term, marker) : whenDrawn(element, marker));
  const stalls = stopStallMonitor();
  dispose();
  return { ms: drawnAt - started, stalls };
}

/**
 * The transport floor (terminal.bench.ts, transportFloor.ts): a bare Terminal written, frame by frame as they
 * arrive, whatever the bench's own WebSocket server sends after `go <kind> <marker>` (text frames): the flood with nothing
 * between the bytes and the socket, or a `cat` of it through a pty read by that server. Timed from the
 * request until the marker is drawn.
 */
async function socketXterm(box: Box, url: string, kind: string, marker: string): Promise<{ ms: number; stalls: Stalls }> {
  const { term, element, dispose } = bareTerminal(box, 'dom');
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`the transport floor's socket ${url} did not open`));
  });
  // xterm.js at its best on what has arrived: one piece at a time, each all that came while the last was parsed
  // (xterm.js yields to the renderer every ~12 ms across queued writes, but parses one write in one go).
  let arrived: string[] = [];
  let isWriting = false;
  const writeArrived = () => {
    if (isWriting || arrived.length === 0) return;
    const piece = arrived.length === 1 ? arrived[0]! : arrived.join('');
    arrived = [];
    isWriting = true;
    term.write(piece, () => {
      isWriting = false;
      writeArrived();
    });
  };
  ws.onmessage = (event: MessageEvent<string>) => {
    arrived.push(event.data);
    writeArrived();
  };
  await new Promise((resolve) => requestAnimationFrame(resolve));
  startStallMonitor();
  const started = performance.now();
  ws.send(`go ${kind} ${marker}`);
  const drawnAt = await whenDrawn(element, marker);
  const stalls = stopStallMonitor();
  ws.close();
  dispose();
  return { ms: drawnAt - started, stalls };
}

/**
 * A message on the page's socket, or from its lane worker, as an envelope: terminal output comes as binary
 * frames (shared/api/terminalFrame.ts), which the lane worker hands over as `{ frame, lane }`.
 */
function envelopeOf(event: MessageEvent): { id?: number; event?: string; result?: unknown; payload?: unknown } {
  const frame: unknown = (event.data as { frame?: unknown } | null)?.frame ?? event.data;
  if (!(frame instanceof ArrayBuffer)) return typeof frame === 'string' ? (JSON.parse(frame) as { id?: number }) : {};
  const output = decodeTerminalFrame(frame);
  return 'error' in output ? {} : { event: 'terminalOutput', payload: output };
}

/** Calls the console over the page's own socket, with ids far above the page client's, whose replies it ignores. */
let nextCallId = 1_000_000_000;
function call<T>(name: string, payload: unknown): Promise<T> {
  const ws = socket;
  if (ws === null) throw new Error('the page has not used its WebSocket yet');
  const id = nextCallId++;
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      const data = envelopeOf(event) as { id?: number; result?: { ok: boolean; value?: T; error?: { message: string } } };
      if (data.id !== id) return;
      ws.removeEventListener('message', onMessage);
      if (data.result?.ok) resolve(data.result.value as T);
      else reject(new Error(`${name}: ${data.result?.error?.message ?? 'no result'}`));
    };
    ws.addEventListener('message', onMessage);
    ws.send(JSON.stringify({ id, call: name, payload }));
  });
}

/**
 * Everything the page hears terminal output from, from here on: a terminal's output comes on its own
 * socket, its lane (main/serve/output-lanes.ts), once the page's view is attached to it, and the lanes are
 * read by a worker (renderer/api/lane-worker.ts) that hands the page each frame; on the page's API socket
 * before. Either way the page's main thread receives it as a message event.
 */
type Source = WebSocket | Worker;
const pageSources = new Set<Source>();
const sourceOpened = new Set<(source: Source) => void>();
function heard(source: Source): void {
  pageSources.add(source);
  for (const opened of sourceOpened) opened(source);
}
const PageWebSocket = window.WebSocket;
window.WebSocket = class extends PageWebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.addEventListener('close', () => pageSources.delete(this));
    heard(this);
  }
};
const PageWorker = window.Worker;
window.Worker = class extends PageWorker {
  constructor(...args: ConstructorParameters<typeof Worker>) {
    super(...args);
    heard(this);
  }
};

/** Resolves with the first terminalOutput of `sessionId` (after now), from any of the page's sockets or its lane worker, for which `matches` holds. */
function nextOutput(sessionId: string, matches: (data: string) => boolean = () => true): Promise<string> {
  return new Promise((resolve) => {
    const watched = new Set<Source>();
    const onMessage = (event: Event) => {
      const data = envelopeOf(event as MessageEvent) as { event?: string; payload?: { sessionId: string; data: string } };
      if (data.event !== 'terminalOutput' || data.payload?.sessionId !== sessionId || !matches(data.payload.data)) return;
      for (const source of watched) source.removeEventListener('message', onMessage);
      sourceOpened.delete(watch);
      resolve(data.payload.data);
    };
    const watch = (source: Source) => {
      watched.add(source);
      source.addEventListener('message', onMessage);
    };
    for (const source of new Set([socket!, ...pageSources])) watch(source);
    sourceOpened.add(watch);
  });
}

/** Opens a second shell in the region (it gets a tab; the one on screen stays) and waits for its prompt to settle. */
async function openEchoShell(regionId: string): Promise<string> {
  const { info } = await call<{ info: { sessionId: string } }>('openTerminal', { regionId, cols: 80, rows: 24 });
  const ready = nextOutput(info.sessionId, (data) => data.includes('ECHO_READY_42'));
  await call('writeTerminal', { sessionId: info.sessionId, data: 'echo "ECHO_READY_$((6 * 7))"\r' });
  await ready;
  await new Promise((resolve) => setTimeout(resolve, 100));
  return info.sessionId;
}

/**
 * One keystroke's echo, `count` times, `gapMs` apart: from the page sending the key to the page's main
 * thread receiving its echo (pty host → main → WebSocket → page), while `until` holds. The page's thread
 * is the one parsing a flood in the other terminal, so a stalled thread shows here.
 */
async function echoMs(sessionId: string, count: number, gapMs: number, until: () => boolean = () => true): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count && until(); i++) {
    const echoed = nextOutput(sessionId, (data) => data.includes('x'));
    const sentAt = performance.now();
    await call('writeTerminal', { sessionId, data: 'x' });
    await echoed;
    times.push(performance.now() - sentAt);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  // Clears the typed line (Ctrl+U), so the shell is left as it was.
  await call('writeTerminal', { sessionId, data: '\x15' });
  return times;
}

/**
 * After the bench killed the pty host: opens shells until one echoes, and returns Date.now() then. A shell
 * opened before the console noticed the death is lost with the old host; the next one goes to the new host.
 */
async function shellUsableAt(regionId: string): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { info } = await call<{ info: { sessionId: string } }>('openTerminal', { regionId, cols: 80, rows: 24 });
    const echoed = nextOutput(info.sessionId, (data) => data.includes('USABLE_42')).then(() => true);
    const lost = new Promise<boolean>((resolve) => {
      const ws = socket!;
      const onMessage = (event: MessageEvent) => {
        const data = envelopeOf(event) as { event?: string; payload?: { sessionId: string; phase: string } };
        if (data.event === 'terminalState' && data.payload?.sessionId === info.sessionId && (data.payload.phase === 'lost' || data.payload.phase === 'exited')) {
          ws.removeEventListener('message', onMessage);
          resolve(false);
        }
      };
      ws.addEventListener('message', onMessage);
    });
    await call('writeTerminal', { sessionId: info.sessionId, data: 'echo "USABLE_$((6 * 7))"\r' });
    if (await Promise.race([echoed, lost])) return Date.now();
  }
  throw new Error('no shell became usable after the pty host was killed');
}

Object.assign(window, {
  terminalBench: {
    startStallMonitor,
    stopStallMonitor,
    armEnterClock,
    floodDrawnMs,
    consoleRenderer: (root: Element) => consoleTerminal(root).renderer,
    webglRendererName,
    startRecordingPieces,
    stopRecordingPieces,
    addFloodText,
    bareXterm,
    socketXterm,
    openEchoShell,
    echoMs,
    shellUsableAt,
  },
});
