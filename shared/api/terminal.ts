import { z } from 'zod';
import { MAX_ID_CHARS, MAX_TERMINAL_INPUT_CHARS } from './bounds';
import { defineCall } from './contract';

export const TerminalSessionId = z.string().max(MAX_ID_CHARS).regex(/^term-[0-9]+$/, 'a terminal session id such as term-3');

/**
 * starting → running → exited (code or signal) → closed; restart takes an exited session back to starting.
 * `lost`: the pty host died under it; its output so far is kept, its program is gone.
 */
export const TerminalPhase = z.enum(['starting', 'running', 'exited', 'lost', 'closed']);
export type TerminalPhase = z.infer<typeof TerminalPhase>;

/** Why a run ended before its program finished on its own. A run with one failed, whatever its exit code. */
export const TerminalInterruption = z.object({
  kind: z.enum(['stopped', 'timedOut', 'lost']),
  /** For the person: "stopped by the operator", "timed out after 10 min", "the pty host was killed by SIGKILL". */
  message: z.string(),
});
export type TerminalInterruption = z.infer<typeof TerminalInterruption>;

export const TerminalExit = z.object({
  /** The exit code, or 128 + n when signal n ended the process: anything but 0 is a failure. */
  code: z.number().int(),
  /** The signal's name (SIGKILL) when a signal ended it. */
  signal: z.string().nullable(),
  interruption: TerminalInterruption.optional(),
  /** A rehearsal withheld the command (shared/engine/rehearsalTools.ts): nothing ran, and the tab says so. */
  withheld: z.literal(true).optional(),
});
export type TerminalExit = z.infer<typeof TerminalExit>;

export const TerminalInfo = z.object({
  sessionId: TerminalSessionId,
  /** The region the session belongs to; null for a free-standing terminal. */
  regionId: z.string().nullable(),
  /** A shell the person types into, or one command a step ran (read-only in the view). */
  kind: z.enum(['shell', 'command']),
  title: z.string(),
  argv: z.array(z.string()),
  phase: TerminalPhase,
  pid: z.number().int().nullable(),
  exit: TerminalExit.nullable(),
  cols: z.number().int(),
  rows: z.number().int(),
  /** Console-clock epoch ms. */
  startedAt: z.number(),
  endedAt: z.number().nullable(),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

/** Sizes xterm.js can produce; anything outside is a bug, not a terminal. */
const Cols = z.number().int().min(2).max(1_000);
const Rows = z.number().int().min(1).max(500);
const Empty = z.object({}).strict();

export const TerminalReplay = z.object({
  info: TerminalInfo,
  /** Recent output, to write into a fresh xterm.js before live output. */
  replay: z.string(),
  /** Offset just past the replay: live `terminalOutput` chunks ending at or before it are already in the replay. */
  replayEnd: z.number().int().nonnegative(),
});
export type TerminalReplay = z.infer<typeof TerminalReplay>;

/**
 * A step run is named by its release's file and its line there ("2026-03-product-rollout~4"), a shell by
 * when and which session it was ("shell-1773917700000-term-3"): ids, never paths, so a caller cannot name
 * a file outside the transcript folder.
 */
export const TranscriptId = z
  .string()
  .max(140)
  .regex(
    /^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,127}~[0-9]{1,9}|shell-[0-9]{1,16}-term-[0-9]{1,9})$/,
    'a transcript id such as 2026-03-product-rollout~4 or shell-1773917700000-term-3',
  );

/** One step run or shell as listed in a region's history; its output is read with readTranscript. */
export const TranscriptSummary = z.object({
  id: TranscriptId,
  /** A step's command (output stored as plain text) or a shell (output stored as the terminal saw it). */
  kind: z.enum(['command', 'shell']),
  /** The workspace command template's id (maintenance-enable); null for a shell. */
  commandId: z.string().nullable(),
  releaseId: z.string().nullable(),
  regionId: z.string().nullable(),
  argv: z.array(z.string()),
  /** A shell's name as it opened ("Shell 2"), so its history reads as its tab did; null for a step's command. */
  title: z.string().nullable().default(null),
  /** Console-clock epoch ms. */
  startedAt: z.number(),
  /** Null for a shell still open, or one the console stopped before it ended. */
  endedAt: z.number().nullable(),
  /**
   * How long it ran on the wall clock: the console clock above can be a rehearsal's, which stands still between
   * "+1 min" presses. Null while a shell is open, and for runs recorded before it was kept.
   */
  elapsedMs: z.number().nonnegative().nullable().default(null),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  /** Characters of output kept, and characters left out (the middle of a long run; a shell's output past its cap). */
  size: z.number().int().nonnegative(),
  omittedChars: z.number().int().nonnegative(),
});
export type TranscriptSummary = z.infer<typeof TranscriptSummary>;

export const terminalCalls = {
  /** Opens a shell (in a region, or free-standing) and attaches the calling window to it. */
  openTerminal: defineCall(
    z.object({ regionId: z.string().max(MAX_ID_CHARS).nullable(), cols: Cols, rows: Rows }).strict(),
    TerminalReplay,
  ),
  /** Attaches the calling window (after a reload, or a newly shown command session) and hands it the recent output. */
  attachTerminal: defineCall(z.object({ sessionId: TerminalSessionId }).strict(), TerminalReplay),
  detachTerminal: defineCall(z.object({ sessionId: TerminalSessionId }).strict(), Empty),
  /** Keystrokes and (confirmed) pastes. Refused for command sessions: a step's command takes no typing. */
  writeTerminal: defineCall(z.object({ sessionId: TerminalSessionId, data: z.string().min(1).max(MAX_TERMINAL_INPUT_CHARS) }).strict(), Empty),
  resizeTerminal: defineCall(z.object({ sessionId: TerminalSessionId, cols: Cols, rows: Rows }).strict(), Empty),
  /** The renderer's flow-control acknowledgement: chars xterm.js has finished writing (see shared/terminal/flowControl). */
  ackTerminal: defineCall(z.object({ sessionId: TerminalSessionId, chars: z.number().int().positive().max(100_000_000) }).strict(), Empty),
  /** Sends a signal to the session's whole process group. */
  killTerminal: defineCall(
    z.object({ sessionId: TerminalSessionId, signal: z.enum(['SIGINT', 'SIGTERM', 'SIGKILL', 'SIGHUP']).default('SIGTERM') }).strict(),
    Empty,
  ),
  /**
   * Stops what runs in the session as Ctrl+C would, then harder: SIGINT to its process groups, SIGTERM
   * after 5 s, SIGKILL after 5 s more. Answers once it has ended; its exit says "stopped by …".
   */
  stopTerminal: defineCall(z.object({ sessionId: TerminalSessionId }).strict(), TerminalInfo),
  /** Ends whatever still runs and starts the same shell again in the same session. Shells only: a step's command runs again only as a decided step. */
  restartTerminal: defineCall(z.object({ sessionId: TerminalSessionId }).strict(), TerminalInfo),
  /** Ends the process group (hang-up, terminate, then kill after a grace period) and forgets the session. */
  closeTerminal: defineCall(z.object({ sessionId: TerminalSessionId }).strict(), Empty),
  listTerminals: defineCall(Empty, z.object({ terminals: z.array(TerminalInfo) })),
  /** Every step run and shell kept for a region, newest first, across releases (the whole output is on disk). */
  listTranscripts: defineCall(z.object({ regionId: z.string().min(1).max(64) }).strict(), z.object({ transcripts: z.array(TranscriptSummary) })),
  /** One run's whole kept output: a step's neutralised, a shell's as its terminal received it (show it read-only). */
  readTranscript: defineCall(z.object({ id: TranscriptId }).strict(), z.object({ transcript: TranscriptSummary, output: z.string() })),
};

export const terminalEvents = {
  /** Batched output; `offset` is where `data` starts in the session's output since it opened. */
  terminalOutput: z.object({ sessionId: TerminalSessionId, data: z.string(), offset: z.number().int().nonnegative() }),
  /** A session appeared or changed phase, size or pause state. */
  terminalState: TerminalInfo,
};
