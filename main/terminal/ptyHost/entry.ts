import { OUTPUT_BATCH_MAX_CHARS } from '../../../shared/terminal/flowControl';
import {
  PTY_HOST_HEARTBEAT_MS,
  PTY_HOST_IN_FLIGHT_HIGH_CHARS,
  PTY_HOST_IN_FLIGHT_LOW_CHARS,
  type PtyHostReport,
  type PtyHostRequest,
} from '../../../shared/terminal/ptyHost';
import { spawnNodePty, type PtyProcess } from '../pty';

/**
 * The pty host process: node-pty and nothing else. Forked by the console (child_process.fork in browser
 * mode, Electron's utilityProcess.fork in the desktop app), it starts ptys when asked, passes their
 * output up and obeys pause/resume. It holds no state worth keeping: if it dies, the console marks its
 * sessions lost and starts another one.
 */

interface ParentChannel {
  post(report: PtyHostReport): void;
  onRequest(listener: (request: PtyHostRequest) => void): void;
}

/** Electron's utility process talks through `process.parentPort`; a Node child through `process.send`. */
function parentChannel(): ParentChannel {
  const parentPort = (process as { parentPort?: { postMessage(message: unknown): void; on(event: 'message', listener: (event: { data: unknown }) => void): void } }).parentPort;
  if (parentPort !== undefined) {
    return {
      post: (report) => parentPort.postMessage(report),
      onRequest: (listener) => parentPort.on('message', (event) => listener(event.data as PtyHostRequest)),
    };
  }
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('release-console pty host: started without a parent to talk to.');
  // The console went away (even by SIGKILL): its channel closes, and ptys nobody shows must not live on.
  process.on('disconnect', () => process.exit(0));
  return {
    post: (report) => void send(report),
    onRequest: (listener) => process.on('message', (message) => listener(message as PtyHostRequest)),
  };
}

/** A pty is paused while the console asks it to or while too much of its output is still in the channel. */
interface HostedPty {
  pty: PtyProcess;
  inFlight: number;
  isPausedByConsole: boolean;
  isPausedInFlight: boolean;
}

const channel = parentChannel();
const ptys = new Map<number, HostedPty>();
const pending = new Map<number, string[]>();
const pendingChars = new Map<number, number>();
let flushScheduled = false;

/**
 * Output read in the same turn of the event loop goes up as one message: a flood is a few large messages
 * rather than one per read(), and a keystroke's echo still leaves at once. The console batches again.
 */
function queue(id: number, data: string): void {
  const chunks = pending.get(id) ?? [];
  chunks.push(data);
  pending.set(id, chunks);
  const chars = (pendingChars.get(id) ?? 0) + data.length;
  pendingChars.set(id, chars);
  if (chars >= OUTPUT_BATCH_MAX_CHARS) flush(id);
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushAll);
  }
}

function flush(id: number): void {
  const chunks = pending.get(id);
  pending.delete(id);
  pendingChars.delete(id);
  if (chunks === undefined || chunks.length === 0) return;
  const data = chunks.join('');
  channel.post({ type: 'data', id, data });
  const hosted = ptys.get(id);
  if (hosted === undefined) return;
  hosted.inFlight += data.length;
  if (!hosted.isPausedInFlight && hosted.inFlight > PTY_HOST_IN_FLIGHT_HIGH_CHARS) {
    hosted.isPausedInFlight = true;
    hosted.pty.pause();
  }
}

function taken(hosted: HostedPty, chars: number): void {
  hosted.inFlight = Math.max(0, hosted.inFlight - chars);
  if (hosted.isPausedInFlight && hosted.inFlight < PTY_HOST_IN_FLIGHT_LOW_CHARS) {
    hosted.isPausedInFlight = false;
    if (!hosted.isPausedByConsole) hosted.pty.resume();
  }
}

function pauseByConsole(hosted: HostedPty, isPaused: boolean): void {
  hosted.isPausedByConsole = isPaused;
  if (isPaused) hosted.pty.pause();
  else if (!hosted.isPausedInFlight) hosted.pty.resume();
}

function flushAll(): void {
  flushScheduled = false;
  for (const id of [...pending.keys()]) flush(id);
}

function spawn(request: Extract<PtyHostRequest, { type: 'spawn' }>): void {
  let pty: PtyProcess;
  try {
    pty = spawnNodePty(request.file, request.args, { cwd: request.cwd, env: request.env, cols: request.cols, rows: request.rows });
  } catch (error) {
    channel.post({ type: 'spawnFailed', id: request.id, message: error instanceof Error ? error.message : String(error) });
    return;
  }
  ptys.set(request.id, { pty, inFlight: 0, isPausedByConsole: false, isPausedInFlight: false });
  void pty.spawned.then((pid) => channel.post({ type: 'spawned', id: request.id, pid }));
  pty.onData((data) => queue(request.id, data));
  pty.onExit(({ exitCode, signal }) => {
    // Everything read before the exit goes first (the pty no longer pauses once its child is gone).
    flush(request.id);
    ptys.delete(request.id);
    channel.post({ type: 'exit', id: request.id, exitCode, ...(signal ? { signal } : {}) });
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
