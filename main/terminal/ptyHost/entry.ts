import { Socket } from 'node:net';
import { OUTPUT_BATCH_MAX_CHARS } from '../../../shared/terminal/flowControl';
import {
  PTY_HOST_GATHER_MS,
  PTY_HOST_HEARTBEAT_MS,
  PTY_HOST_IN_FLIGHT_HIGH_CHARS,
  PTY_HOST_IN_FLIGHT_LOW_CHARS,
  type PtyHostReport,
  type PtyHostRequest,
} from '../../../shared/terminal/ptyHost';
import { spawnNodePty, type PtyProcess } from '../pty';
import { markFlood } from '../../../shared/terminal/floodTrace';
import { traceFloodsFromEnv } from '../floodTraceFile';
import { DATA_PIPE_ARG, DATA_PIPE_FD, encodeFrame } from './dataPipe';

/**
 * The pty host process: node-pty and nothing else. Forked by the console (child_process.fork in browser
 * mode, Electron's utilityProcess.fork in the desktop app), it starts ptys when asked, passes their
 * output up and obeys pause/resume. It holds no state worth keeping: if it dies, the console marks its
 * sessions lost and starts another one.
 */

interface ParentChannel {
  post(report: PtyHostReport): void;
  /** A pty's output and its exit: on the data pipe when there is one (./dataPipe.ts), in order. */
  postOutput(report: Extract<PtyHostReport, { type: 'data' | 'exit' }>): void;
  onRequest(listener: (request: PtyHostRequest) => void): void;
}

/** Electron's utility process talks through `process.parentPort`; a Node child through `process.send`. */
function parentChannel(): ParentChannel {
  const parentPort = (process as { parentPort?: { postMessage(message: unknown): void; on(event: 'message', listener: (event: { data: unknown }) => void): void } }).parentPort;
  if (parentPort !== undefined) {
    return {
      post: (report) => parentPort.postMessage(report),
      postOutput: (report) => parentPort.postMessage(report),
      onRequest: (listener) => parentPort.on('message', (event) => listener(event.data as PtyHostRequest)),
    };
  }
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('release-console pty host: started without a parent to talk to.');
  // The console went away (even by SIGKILL): its channel closes, and ptys nobody shows must not live on.
  process.on('disconnect', () => process.exit(0));
  const post = (report: PtyHostReport) => void send(report);
  if (!process.argv.includes(DATA_PIPE_ARG)) return { post, postOutput: post, onRequest: listenToParent };
  const pipe = new Socket({ fd: DATA_PIPE_FD, readable: false, writable: true });
  // A broken pipe means the console is gone or can no longer hear this host: ending lets it start a fresh one.
  pipe.on('error', () => process.exit(0));
  return { post, postOutput: (report) => void pipe.write(encodeFrame(report)), onRequest: listenToParent };
}

function listenToParent(listener: (request: PtyHostRequest) => void): void {
  process.on('message', (message) => listener(message as PtyHostRequest));
}

/** A pty is paused while the console asks it to or while too much of its output is still in the channel. */
interface HostedPty {
  id: number;
  pty: PtyProcess;
  inFlight: number;
  isPausedByConsole: boolean;
  isPausedInFlight: boolean;
  /** Output read and not yet sent, and its length. */
  pending: string[];
  pendingChars: number;
  /** When output last went up: output that follows within PTY_HOST_GATHER_MS is a flood, and is gathered. */
  lastSentAt: number;
  gather: NodeJS.Timeout | null;
  isFlushScheduled: boolean;
}

traceFloodsFromEnv('host');
const channel = parentChannel();
const ptys = new Map<number, HostedPty>();
/** Ptys whose output is sent at the end of this turn of the event loop. */
const flushThisTurn = new Set<HostedPty>();

/**
 * Output goes up in as few messages as keep it prompt. A pty is read at most 4 k at a time (the kernel's
 * line discipline buffer), so a `cat` is ~5,000 reads for 19.5 M chars: one message each cost the host and
 * the console more CPU than anything else on the way (issue 18). Output after a quiet spell (an echoed
 * key, a prompt) leaves at the end of the turn; output that follows within PTY_HOST_GATHER_MS of the last
 * message is a flood and is gathered for that long, or until a batch is full. The console batches again.
 */
function queue(hosted: HostedPty, data: string): void {
  markFlood('ptyRead', data.length);
  hosted.pending.push(data);
  hosted.pendingChars += data.length;
  if (hosted.pendingChars >= OUTPUT_BATCH_MAX_CHARS) return flush(hosted);
  if (hosted.gather !== null || hosted.isFlushScheduled) return;
  const sinceSent = performance.now() - hosted.lastSentAt;
  if (sinceSent < PTY_HOST_GATHER_MS) {
    hosted.gather = setTimeout(() => flush(hosted), PTY_HOST_GATHER_MS);
    return;
  }
  hosted.isFlushScheduled = true;
  if (flushThisTurn.size === 0) setImmediate(flushAll);
  flushThisTurn.add(hosted);
}

function flushAll(): void {
  const due = [...flushThisTurn];
  flushThisTurn.clear();
  for (const hosted of due) flush(hosted);
}

function flush(hosted: HostedPty): void {
  if (hosted.gather !== null) clearTimeout(hosted.gather);
  hosted.gather = null;
  hosted.isFlushScheduled = false;
  flushThisTurn.delete(hosted);
  if (hosted.pending.length === 0) return;
  const data = hosted.pending.length === 1 ? hosted.pending[0]! : hosted.pending.join('');
  hosted.pending = [];
  hosted.pendingChars = 0;
  hosted.lastSentAt = performance.now();
  channel.postOutput({ type: 'data', id: hosted.id, data });
  hosted.inFlight += data.length;
  markFlood('hostFlush', data.length, hosted.inFlight);
  if (!hosted.isPausedInFlight && hosted.inFlight > PTY_HOST_IN_FLIGHT_HIGH_CHARS) {
    hosted.isPausedInFlight = true;
    markFlood('hostPause', hosted.inFlight);
    hosted.pty.pause();
  }
}

function taken(hosted: HostedPty, chars: number): void {
  hosted.inFlight = Math.max(0, hosted.inFlight - chars);
  if (hosted.isPausedInFlight && hosted.inFlight < PTY_HOST_IN_FLIGHT_LOW_CHARS) {
    hosted.isPausedInFlight = false;
    markFlood('hostResume', hosted.inFlight);
    if (!hosted.isPausedByConsole) hosted.pty.resume();
  }
}

function pauseByConsole(hosted: HostedPty, isPaused: boolean): void {
  hosted.isPausedByConsole = isPaused;
  markFlood(isPaused ? 'consolePause' : 'consoleResume', hosted.inFlight);
  if (isPaused) hosted.pty.pause();
  else if (!hosted.isPausedInFlight) hosted.pty.resume();
}

function spawn(request: Extract<PtyHostRequest, { type: 'spawn' }>): void {
  let pty: PtyProcess;
  try {
    pty = spawnNodePty(request.file, request.args, { cwd: request.cwd, env: request.env, cols: request.cols, rows: request.rows });
  } catch (error) {
    channel.post({ type: 'spawnFailed', id: request.id, message: error instanceof Error ? error.message : String(error) });
    return;
  }
  const hosted: HostedPty = {
    id: request.id,
    pty,
    inFlight: 0,
    isPausedByConsole: false,
    isPausedInFlight: false,
    pending: [],
    pendingChars: 0,
    lastSentAt: -Infinity,
    gather: null,
    isFlushScheduled: false,
  };
  ptys.set(request.id, hosted);
  void pty.spawned.then((pid) => channel.post({ type: 'spawned', id: request.id, pid }));
  pty.onData((data) => queue(hosted, data));
  pty.onExit(({ exitCode, signal }) => {
    // Everything read before the exit goes first (the pty no longer pauses once its child is gone).
    flush(hosted);
    ptys.delete(request.id);
    channel.postOutput({ type: 'exit', id: request.id, exitCode, ...(signal ? { signal } : {}) });
  });
}

channel.onRequest((request) => {
  if (request.type === 'spawn') return spawn(request);
  const hosted = ptys.get(request.id);
  // A request for a pty that has exited meanwhile has nothing left to act on.
  if (hosted === undefined) return;
  try {
    if (request.type === 'write') hosted.pty.write(request.data);
    else if (request.type === 'resize') hosted.pty.resize(request.cols, request.rows);
    else if (request.type === 'pause') pauseByConsole(hosted, true);
    else if (request.type === 'resume') pauseByConsole(hosted, false);
    else if (request.type === 'received') taken(hosted, request.chars);
    else hosted.pty.kill(request.signal);
  } catch {
    // The pty closed between its exit and this request; its exit report is on its way.
  }
});

// The console says how often it expects a beat (its watchdog's timing); a bare start beats at the usual pace.
const heartbeatMs = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : PTY_HOST_HEARTBEAT_MS;
setInterval(() => channel.post({ type: 'heartbeat' }), heartbeatMs);
channel.post({ type: 'heartbeat' });
