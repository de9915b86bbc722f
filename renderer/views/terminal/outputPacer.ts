import { markFlood } from '../../../shared/terminal/floodTrace';

/**
 * When output is handed to xterm.js. Output that trickles in (an echoed key, a prompt, a command's few
 * lines) is written the moment it arrives. A flood is handed over in pieces of about FLOOD_PIECE_MS of
 * parsing each, one at a time, each once xterm.js has parsed the one before.
 *
 * xterm.js parses a write in one go and lets the browser draw between writes, after ~12 ms of them. Fed
 * the transport's 64 kB chunks as they came, it drew a frame (~8 ms with the DOM renderer) for every
 * ~12 ms of parsing; in pieces it draws one per piece. A scrolling flood is then drawn ~30 times a
 * second instead of 60, which nobody reads at either rate (kitty's `repaint_delay` makes the same
 * trade), and the time that frees goes to parsing.
 *
 * A whole piece cannot gather while one is parsed: main pauses the pty at 2 M chars unacknowledged
 * (shared/terminal/flowControl), and the piece being parsed (~1 M on a 2-core machine) counts until it is
 * parsed. Waiting for a whole piece then left xterm.js idle after every piece, for the quiet timer or for
 * output the acknowledgement had only just released (issue 18). Half a piece held is handed over at once.
 */

/** A piece is sized to take about this long to parse: the longest task a flood causes, well inside a frame gap a user notices. */
export const FLOOD_PIECE_MS = 25;

/** What share of a piece, held while xterm.js is idle during a flood, is handed over without waiting for more. */
export const HAND_OVER_SHARE = 0.5;

/** Held output waits no longer than this (3 frames at 60 Hz) for a piece to fill. */
export const FLOOD_WRITE_INTERVAL_MS = 50;

/** Held output goes without waiting for the interval once nothing more has arrived for a frame (the flood ended, or main waits for acknowledgements). */
export const FLOOD_QUIET_MS = 16;

/**
 * A write this large marks a flood: what follows waits for xterm.js to finish it. Interactive output
 * never comes near it (a full screen of text is ~10 k chars), so it is never held.
 */
export const FLOOD_WRITE_CHARS = 16 * 1024;

/** Bounds on a piece, whatever the measured parse rate. */
export const MIN_PIECE_CHARS = 64 * 1024;
export const MAX_PIECE_CHARS = 2 * 1024 * 1024;

/** Parse rate assumed before any has been measured: about half of xterm.js's on a 2-core machine. */
const INITIAL_CHARS_PER_MS = 20_000;

export interface PacerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const windowClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Writes `data` to the terminal and calls `parsed` once it has parsed it (xterm.js's write callback). */
export type PacedWrite = (data: string, parsed: () => void) => void;

export class OutputPacer {
  private held: string[] = [];
  private heldChars = 0;
  /** Chars handed over whose parse has not finished yet. */
  private parsing = 0;
  private lastWriteAt = -Infinity;
  private lastWriteChars = 0;
  /** Measured from write to parsed, so it includes waiting for xterm.js's turn: it errs towards smaller pieces. */
  private charsPerMs = INITIAL_CHARS_PER_MS;
  private timer: unknown = null;
  private disposed = false;

  constructor(
    private readonly write: PacedWrite,
    private readonly clock: PacerClock = windowClock,
  ) {}

  push(data: string): void {
    if (data.length === 0 || this.disposed) return;
    this.held.push(data);
    this.heldChars += data.length;
    this.consider();
  }

  /** Output held back, not yet handed to xterm.js. */
  get waitingChars(): number {
    return this.heldChars;
  }

  /** How large the next piece of a flood will be. */
  get pieceChars(): number {
    return Math.min(MAX_PIECE_CHARS, Math.max(MIN_PIECE_CHARS, Math.round(this.charsPerMs * FLOOD_PIECE_MS)));
  }

  /** Drops what is held: the terminal is going away. */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.held = [];
    this.heldChars = 0;
  }

  private consider(): void {
    if (this.heldChars === 0 || this.disposed) return;
    const flooding = this.lastWriteChars >= FLOOD_WRITE_CHARS;
    if (!flooding) return this.handOver();
    if (this.parsing > 0) return;
    const since = this.clock.now() - this.lastWriteAt;
    if (this.heldChars >= this.pieceChars * HAND_OVER_SHARE || since >= FLOOD_WRITE_INTERVAL_MS) return this.handOver();
    // Re-armed by every arrival, so a quiet stream is not kept waiting for the whole interval.
    this.cancelTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (this.parsing === 0 && this.heldChars > 0) this.handOver();
    }, Math.min(FLOOD_WRITE_INTERVAL_MS - since, FLOOD_QUIET_MS));
  }

  private handOver(): void {
    this.cancelTimer();
    const limit = this.pieceChars;
    let count = 0;
    let chars = 0;
    while (count < this.held.length && chars < limit) chars += this.held[count++]!.length;
    const piece = this.held.splice(0, count);
    this.heldChars -= chars;
    this.parsing += chars;
    markFlood('handOver', chars, this.heldChars);
    const writtenAt = this.clock.now();
    this.lastWriteAt = writtenAt;
    this.lastWriteChars = chars;
    this.write(piece.length === 1 ? piece[0]! : piece.join(''), () => {
      this.parsing -= chars;
      markFlood('parsed', chars, this.heldChars);
      // Only pieces large enough to time well teach the rate; a tiny write's overhead would swamp it.
      if (chars >= MIN_PIECE_CHARS) this.charsPerMs = chars / Math.max(1, this.clock.now() - writtenAt);
      this.consider();
    });
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
