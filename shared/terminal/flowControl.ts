import { systemMonotonicClock, type MonotonicClock } from '../clock';

/**
 * Flow control between a pty and the windows showing it, after VS Code's pty host. "Chars" are UTF-16
 * code units (`string.length`) on both sides, so main and the renderer count the same thing. The window
 * is much larger than VS Code's 100 k because the renderer hands a flood to xterm.js in pieces of ~25 ms
 * of parsing each (`renderer/views/terminal/outputPacer.ts`, ~1 M chars on a 2-core machine): while it
 * parses one piece it gathers the next, so the window has to hold two pieces and what is in transit, or
 * the pty sits paused while the renderer waits for output.
 */

/** Output is gathered this long before it is sent: one message per burst instead of one per read(). */
export const OUTPUT_BATCH_MS = 5;

/**
 * A batch this large is sent at once: waiting longer only adds latency during a flood, and a much larger
 * message would be parsed by xterm.js in one piece, which stalls the window (it time-slices between writes).
 * The bench's bare xterm.js is written chunks of this size too. 256 k looked faster against a bare
 * xterm.js still written 64 k chunks; written 256 k chunks itself, xterm.js sped up as much, and the
 * ratio was 0.75–0.85 over three runs against 0.82–0.97 over ten with 64 k.
 */
export const OUTPUT_BATCH_MAX_CHARS = 64 * 1024;

/** The renderer acknowledges after writing this many chars: frequent enough to keep the pty flowing, rare enough to cost nothing. */
export const ACK_CHUNK_CHARS = 5_000;

/**
 * Above this many unacknowledged chars the pty is paused, so a `cat` of a huge file cannot flood a slow
 * window or grow memory: at most ~4 MB in flight per window, which xterm.js draws in ~0.1 s after a Ctrl+C.
 * Issue 18 tried 4 M and 6 M on a loaded 2-core machine: a flood drew 20–50 % faster (17 and 16–21 against
 * 14 M chars/s), but a keystroke's echo in another shell of the same window waited behind the queued flood
 * on the one WebSocket (p95 139–173 ms against 102). The echo target (≤ 100 ms) keeps it at 2 M.
 */
export const HIGH_WATERMARK_CHARS = 2_000_000;

/**
 * Below this the pty resumes. The renderer acknowledges a piece (~1 M chars) once xterm.js has parsed it,
 * so at 1 M the pty stayed paused after a piece until the next one was parsed too, and the page then waited
 * for output; at 1.5 M it resumes as each piece is parsed, while the next one is parsed (issue 18). The
 * high watermark, and so the most output queued ahead of another shell's echo, is unchanged.
 */
export const LOW_WATERMARK_CHARS = 1_500_000;

/** Recent output kept per session so a reloaded window can reattach and replay it (roughly a full scrollback screenful or more). */
export const REPLAY_BUFFER_CHARS = 256 * 1024;

export type FlowDecision = 'pause' | 'resume' | 'none';

/**
 * How long a consumer may hold a pty paused (owe past the high watermark) without acknowledging any of its
 * output before it is let go. A window that reads acknowledges every ACK_CHUNK_CHARS that xterm.js parses,
 * several times a second in a flood; one that has acknowledged nothing for this long has stopped reading (a
 * paused or hung page, a suspended laptop) while the shell sits paused for it and for every other window
 * showing it. The send budget (main/serve/send-budget.ts) cannot see it in browser mode: Chromium goes on
 * taking a paused page's frames off each of its sockets, and with a socket per terminal it takes them all.
 */
export const STALLED_CONSUMER_MS = 15_000;

interface Owed {
  chars: number;
  /** When the consumer last acknowledged output, or came to owe some after owing none. */
  readSince: number;
}

/**
 * Main's side: unacknowledged chars per attached consumer (a window). The pty is paused while the
 * slowest consumer is above the high watermark and resumed once every consumer is below the low one.
 * Nobody attached means nobody to protect: output then only goes to the replay buffer and transcripts.
 */
export class UnacknowledgedChars {
  private readonly byConsumer = new Map<string, Owed>();
  private paused = false;

  /** Stalls are durations on this machine: monotonic, so a stepped wall clock or a rehearsal's cannot make a reader look stalled. */
  constructor(private readonly clock: MonotonicClock = systemMonotonicClock()) {}

  get isPaused(): boolean {
    return this.paused;
  }

  get consumers(): readonly string[] {
    return [...this.byConsumer.keys()];
  }

  /** A consumer starts owing what it was just handed (a replay), which it acknowledges like live output. */
  attach(consumer: string, alreadySent = 0): FlowDecision {
    this.byConsumer.set(consumer, { chars: Math.max(0, alreadySent), readSince: this.clock.elapsedMs() });
    return this.decide();
  }

  detach(consumer: string): FlowDecision {
    this.byConsumer.delete(consumer);
    return this.decide();
  }

  sent(chars: number): FlowDecision {
    const now = this.clock.elapsedMs();
    for (const owed of this.byConsumer.values()) {
      if (owed.chars === 0) owed.readSince = now;
      owed.chars += chars;
    }
    return this.decide();
  }

  acknowledged(consumer: string, chars: number): FlowDecision {
    const owed = this.byConsumer.get(consumer);
    if (owed === undefined) return 'none';
    // A window may acknowledge chars that arrived before it attached; owing less than nothing is nothing.
    owed.chars = Math.max(0, owed.chars - chars);
    owed.readSince = this.clock.elapsedMs();
    return this.decide();
  }

  /** The most any attached consumer owes: what the tests and the pause decision look at. */
  get largest(): number {
    let largest = 0;
    for (const owed of this.byConsumer.values()) largest = Math.max(largest, owed.chars);
    return largest;
  }

  /** The consumers that hold the pty paused and have acknowledged nothing for STALLED_CONSUMER_MS: to be let go. */
  get stalled(): readonly string[] {
    const now = this.clock.elapsedMs();
    return [...this.byConsumer].filter(([, owed]) => owed.chars > HIGH_WATERMARK_CHARS && now - owed.readSince >= STALLED_CONSUMER_MS).map(([consumer]) => consumer);
  }

  private decide(): FlowDecision {
    const largest = this.largest;
    if (!this.paused && largest > HIGH_WATERMARK_CHARS) {
      this.paused = true;
      return 'pause';
    }
    if (this.paused && largest < LOW_WATERMARK_CHARS) {
      this.paused = false;
      return 'resume';
    }
    return 'none';
  }
}

/**
 * The renderer's side: count what xterm.js has finished writing and say when to acknowledge.
 * Returns the chars to acknowledge now, or 0 while below the chunk size.
 */
export class WrittenChars {
  private pending = 0;

  written(chars: number): number {
    this.pending += chars;
    if (this.pending < ACK_CHUNK_CHARS) return 0;
    const ack = this.pending;
    this.pending = 0;
    return ack;
  }
}
