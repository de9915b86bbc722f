/**
 * When output is handed to xterm.js. Output that trickles in (an echoed key, a prompt, a command's few
 * lines) is written the moment it arrives. Once a write is a flood's (FLOOD_WRITE_CHARS or more), what
 * arrives while xterm.js parses it is held and handed over the moment it is parsed, as one piece of at
 * most about FLOOD_PIECE_MS of parsing: one flood write at a time.
 *
 * xterm.js parses a write in one go and lets the browser draw between writes, after ~12 ms of them. Fed
 * the transport's 64 kB chunks as they came, it drew a frame (~8 ms with the DOM renderer) for every
 * ~12 ms of parsing; in pieces it draws at most one per piece. The pacer never waits for a piece to fill:
 * an earlier version held a flood until a whole piece had arrived, and the page then sat idle for a
 * quarter of a `cat` while the pty host and main, on the same two cores, caught up (issue 18).
 */

/** A piece is sized to take about this long to parse: the longest task a flood causes, well inside a frame gap a user notices. */
export const FLOOD_PIECE_MS = 25;

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

/** What the pacer reads the time from: the parse rate it measures sizes the pieces. */
export interface PacerClock {
  now(): number;
}

const windowClock: PacerClock = { now: () => performance.now() };

/** Writes `data` to the terminal and calls `parsed` once it has parsed it (xterm.js's write callback). */
export type PacedWrite = (data: string, parsed: () => void) => void;

export class OutputPacer {
  private held: string[] = [];
  private heldChars = 0;
  /** Chars handed over whose parse has not finished yet. */
  private parsing = 0;
  private lastWriteChars = 0;
  /** Measured from write to parsed, so it includes waiting for xterm.js's turn: it errs towards smaller pieces. */
  private charsPerMs = INITIAL_CHARS_PER_MS;
  private disposed = false;

  constructor(
    private readonly write: PacedWrite,
    private readonly clock: PacerClock = windowClock,
  ) {}

  push(data: string): void {
    if (data.length === 0 || this.disposed) return;
    this.held.push(data);
    this.heldChars += data.length;
    const flooding = this.lastWriteChars >= FLOOD_WRITE_CHARS;
    if (!flooding || this.parsing === 0) this.handOver();
  }

  /** Output held back, not yet handed to xterm.js. */
  get waitingChars(): number {
    return this.heldChars;
  }

  /** How large a piece of a flood may be. */
  get pieceChars(): number {
    return Math.min(MAX_PIECE_CHARS, Math.max(MIN_PIECE_CHARS, Math.round(this.charsPerMs * FLOOD_PIECE_MS)));
  }

  /** Drops what is held: the terminal is going away. */
  dispose(): void {
    this.disposed = true;
    this.held = [];
    this.heldChars = 0;
  }

  private handOver(): void {
    if (this.heldChars === 0 || this.disposed) return;
    const limit = this.pieceChars;
    let count = 0;
    let chars = 0;
    while (count < this.held.length && chars < limit) chars += this.held[count++]!.length;
    const piece = this.held.splice(0, count);
    this.heldChars -= chars;
    this.parsing += chars;
    this.lastWriteChars = chars;
    const writtenAt = this.clock.now();
    this.write(piece.length === 1 ? piece[0]! : piece.join(''), () => {
      this.parsing -= chars;
      // Only pieces large enough to time well teach the rate; a tiny write's overhead would swamp it.
      if (chars >= MIN_PIECE_CHARS) this.charsPerMs = chars / Math.max(1, this.clock.now() - writtenAt);
      // Held output goes at once: waiting for a fuller piece leaves the page idle while the producers catch up.
      if (this.parsing === 0) this.handOver();
    });
  }
}
