import { z } from 'zod';
import { defineCall } from './contract';

export const TerminalSessionId = z.string().regex(/^term-[0-9]+$/, 'a terminal session id such as term-3');

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

export const terminalCalls = {
  /** Opens a shell (in a region, or free-standing) and attaches the calling window to it. */
  openTerminal: defineCall(
    z.object({ regionId: z.string().max(64).nullable(), cols: Cols, rows: Rows }).strict(),
    TerminalReplay,
  ),
  /** Attaches the calling window (after a reload, or a newly shown command session) and hands it the recent output. */
  attachTerminal: defineCall(z.object({ sessionId: TerminalSessionId }).strict(), TerminalReplay),
  detachTerminal: defineCall(z.object({ sessionId: TerminalSessionId }).strict(), Empty),
  /** Keystrokes and (confirmed) pastes. Refused for command sessions: a step's command takes no typing. */
  writeTerminal: defineCall(z.object({ sessionId: TerminalSessionId, data: z.string().min(1).max(100_000) }).strict(), Empty),
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
};

export const terminalEvents = {
  /** Batched output; `offset` is where `data` starts in the session's output since it opened. */
  terminalOutput: z.object({ sessionId: TerminalSessionId, data: z.string(), offset: z.number().int().nonnegative() }),
  /** A session appeared or changed phase, size or pause state. */
  terminalState: TerminalInfo,
};
