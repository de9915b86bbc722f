// In-page half of terminal.bench.ts, bundled as an IIFE and evaluated in the console's page: a stall
// monitor, a wait for text drawn by xterm.js, and a bare xterm.js Terminal (the console's own options)
// written to directly, the yardstick the end-to-end throughput is compared with.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { terminalOptions } from '../../renderer/views/terminal/terminalOptions';
import { OUTPUT_BATCH_MAX_CHARS } from '../../shared/terminal/flowControl';

/** One write the size of the most the console's transport delivers at once, so both sides get the same writes. */
const CHUNK_CHARS = OUTPUT_BATCH_MAX_CHARS;

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

/** Starts a clock at the next Enter key press (the one that runs the flood command). */
let enterPressedAt = 0;
function armEnterClock(): void {
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') enterPressedAt = performance.now();
  }, { capture: true, once: true });
}

async function floodDrawnMs(root: Element, marker: string): Promise<number> {
  const drawnAt = await whenDrawn(root, marker);
  return drawnAt - enterPressedAt;
}

/** Base64-looking lines like `base64`'s output through a pty (76 chars and CRLF), cycled from a few random ones. */
function floodChunks(totalChars: number): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines = Array.from({ length: 97 }, () => Array.from({ length: 76 }, () => alphabet[Math.floor(Math.random() * 64)]).join('') + '\r\n');
  const chunks: string[] = [];
  let chunk = '';
  let written = 0;
  for (let i = 0; written < totalChars; i++) {
    const line = lines[i % lines.length]!;
    chunk += line;
    written += line.length;
    if (chunk.length >= CHUNK_CHARS) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

/**
 * xterm.js's own throughput: a bare Terminal with the console's options, over the console's terminal and
 * the same size, written `totalChars` of the same kind of output and then the marker; ms until it is drawn.
 */
async function bareXtermMs(over: Element, totalChars: number, marker: string): Promise<number> {
  const box = over.getBoundingClientRect();
  const element = document.createElement('div');
  Object.assign(element.style, { position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px`, zIndex: '1000' });
  document.body.appendChild(element);
  const term = new Terminal(terminalOptions(false));
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(element);
  // Fitted like the console's terminal, so both draw the same grid of cells per frame.
  fit.fit();
  const chunks = floodChunks(totalChars);
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const started = performance.now();
  for (const chunk of chunks) term.write(chunk);
  term.write(`${marker}\r\n`);
  const drawnAt = await whenDrawn(element, marker);
  term.dispose();
  element.remove();
  return drawnAt - started;
}

Object.assign(window, { terminalBench: { startStallMonitor, stopStallMonitor, armEnterClock, floodDrawnMs, bareXtermMs } });
