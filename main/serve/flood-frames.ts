import { OUTPUT_BATCH_MAX_CHARS } from '../../shared/terminal/flowControl';
import type { TerminalOutputFrame, TerminalOutputToEncode } from '../../shared/api/terminalFrame';

/**
 * A flood's output goes to the page in WebSocket messages of up to this many chars instead of one per
 * 64 k batch. Chromium pays per message on the way to the page, wherever the bytes are: the network
 * service's reads and its hand-over to the renderer, the browser's and the renderer's IO threads, the
 * page's task for the message (issue 18: a Chrome trace of one 19.5 M-char `cat` showed ~280 messages
 * costing the network service ~60 ms and the page's main thread ~80 ms in message receipt, which a bare
 * xterm.js fed the same text does not pay). The pty host and main's sessions keep their 64 k batches, so
 * their latency and flow control are as before; only the hop to the page is coarser.
 */
export const FLOOD_FRAME_MAX_CHARS = 256 * 1024;

/**
 * How long a flood's output may wait to fill a message. Only a full 64 k batch waits (a flood goes on
 * behind it: its next batch is ~2 ms away); the short batch that ends a burst goes at once, with what
 * waited before it. So an echoed key, a prompt and a flood's last lines are never held; this bounds the
 * wait when a flood pauses right after a full batch (main's flow control waiting for the page).
 */
export const FLOOD_FRAME_WAIT_MS = 8;

interface Held {
  sessionId: string;
  /** The window it goes to; undefined: every window. */
  window: string | undefined;
  offset: number;
  parts: string[];
  chars: number;
}

export interface FloodFramesClock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeClock: FloodFramesClock = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Gathers each session's flood output into larger frames for the page, per window it goes to (a session's
 * output goes only to the windows attached to it). Output leaves in offset order, and everything held
 * leaves before any other event or reply is sent (`flushAll`), so an exit or a reply never overtakes the
 * output before it.
 */
export class FloodFrames {
  /** Keyed by window and session (`heldKey`). */
  private readonly held = new Map<string, Held>();
  private timer: unknown = null;

  constructor(
    private readonly send: (frame: TerminalOutputToEncode, window: string | undefined) => void,
    private readonly clock: FloodFramesClock = nodeClock,
  ) {}

  /** One of a session's output batches, as main's session sent it, for `window` (undefined: every window). */
  output(frame: TerminalOutputFrame, window?: string): void {
    const key = heldKey(window, frame.sessionId);
    let held = this.held.get(key);
    // Not the continuation of what is held (a resync, a restart): what is held goes first, on its own.
    if (held && held.offset + held.chars !== frame.offset) {
      this.flush(key);
      held = undefined;
    }
    if (!held) {
      held = { sessionId: frame.sessionId, window, offset: frame.offset, parts: [], chars: 0 };
      this.held.set(key, held);
    }
    held.parts.push(frame.data);
    held.chars += frame.data.length;
    const floodGoesOn = frame.data.length >= OUTPUT_BATCH_MAX_CHARS;
    if (!floodGoesOn || held.chars >= FLOOD_FRAME_MAX_CHARS) return this.flush(key);
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = null;
      this.flushAll();
    }, FLOOD_FRAME_WAIT_MS);
  }

  /** Sends everything held, oldest first. */
  flushAll(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    for (const key of [...this.held.keys()]) this.flush(key);
  }

  /** Drops what is held: the server is closing. */
  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
  }

  private flush(key: string): void {
    const held = this.held.get(key);
    if (!held) return;
    this.held.delete(key);
    this.send({ sessionId: held.sessionId, offset: held.offset, data: held.parts.length === 1 ? held.parts[0]! : held.parts }, held.window);
  }
}

/** A NUL cannot be in a connection id (a UUID, `webcontents-N`), so window and session never run together. */
function heldKey(window: string | undefined, sessionId: string): string {
  return `${window ?? ''}\0${sessionId}`;
}
