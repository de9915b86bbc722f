/**
 * Marks along the way a pty's output travels (pty host → main → WebSocket → page → xterm.js), for a
 * timeline of one flood (issue 18: where does it wait?). Each process that takes part records its marks
 * on the same wall clock (`performance.timeOrigin + performance.now()`), and `test/bench/flood-timeline.bench.ts`
 * lines them up. Nothing is recorded unless a process installs a recorder (main/terminal/floodTraceFile.ts
 * when RELEASE_CONSOLE_FLOOD_TRACE names a folder; the bench in the page): until then a mark is one call
 * to a function that does nothing, on a path that runs a few thousand times a flood.
 */

/** What happened, and what its two numbers are. */
export type FloodMark =
  /** Pty host: a read from the pty (chars). */
  | 'ptyRead'
  /** Pty host: output sent up to main (chars, chars in flight). */
  | 'hostFlush'
  /** Pty host: the pty paused or resumed by its in-flight window (chars in flight). */
  | 'hostPause'
  | 'hostResume'
  /** Pty host: the pty paused or resumed as main asked (chars in flight). */
  | 'consolePause'
  | 'consoleResume'
  /** Main: a frame taken off the pty host's data pipe (chars). */
  | 'pipeFrame'
  /** Main: a batch sent to the windows (chars, unacknowledged chars of the slowest window). */
  | 'batchSent'
  /** Main: main's watermarks paused or resumed the pty (unacknowledged chars). */
  | 'flowPause'
  | 'flowResume'
  /** Main: a window acknowledged (chars, unacknowledged chars before). */
  | 'acknowledged'
  /** Main: a binary frame written to a WebSocket (bytes, the socket's bufferedAmount after). */
  | 'socketSend'
  /** Page: a binary frame received (bytes). */
  | 'frameReceived'
  /** Page: output handed to xterm.js (chars, chars still held). */
  | 'handOver'
  /** Page: xterm.js finished parsing what was handed over (chars, chars held). */
  | 'parsed'
  /** Page: an acknowledgement sent (chars). */
  | 'ackSent';

export type FloodRecorder = (mark: FloodMark, a: number, b: number) => void;

const off: FloodRecorder = () => undefined;
let recorder: FloodRecorder = off;

/** Records a mark if this process traces floods. */
export function markFlood(mark: FloodMark, a = 0, b = 0): void {
  recorder(mark, a, b);
}

/** Starts (or, with null, stops) recording this process's marks. */
export function recordFloodMarks(next: FloodRecorder | null): void {
  recorder = next ?? off;
}
