import WebSocket from 'ws';
import { rssKb, type ServeProcess } from './serve-process';

/** The last line of the flood, written so the shell's echo of the typed command does not contain it. */
export const FLOOD_DONE = 'FLOOD-2-DONE';
const RSS_SAMPLE_MS = 50;
/** The slow client acknowledges this much this often: more than a pty floods in the time, so it never holds the pty paused. */
const ACK_CHARS = 2_000_000;
const ACK_EVERY_MS = 20;

export interface FloodResult {
  /** Server RSS at its peak during the flood, above where it was with both clients connected. */
  rssGrowthMb: number;
  floodSeconds: number;
  /** Bytes the client that never read got once it started reading again. */
  slowClientBytes: number;
  /** Whether the server had closed the slow client's connection (it saw the close once it read again). */
  slowClientClosed: boolean;
  /** The terminal's replay, as a client attaching after the flood is handed it. */
  replayAfter: string;
}

export function connect(serve: ServeProcess): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${serve.url.host}/api?token=${serve.token}`, { headers: { Origin: serve.url.origin } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

let nextId = 1;
export function call<T = unknown>(ws: WebSocket, name: string, payload: unknown): Promise<T> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const text = data.toString();
      if (!text.startsWith(`{"id":${id},`)) return;
      ws.off('message', onMessage);
      const { result } = JSON.parse(text) as { result: { ok: boolean; value: T; error: unknown } };
      if (result.ok) resolve(result.value);
      else reject(new Error(`${name}: ${JSON.stringify(result.error)}`));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, call: name, payload }));
  });
}

/** The session's replay as a window attaching now gets it; detached again at once so it never holds the pty paused. */
async function replayOf(serve: ServeProcess, sessionId: string): Promise<string> {
  const ws = await connect(serve);
  try {
    const { replay } = await call<{ replay: string }>(ws, 'attachTerminal', { sessionId });
    await call(ws, 'detachTerminal', { sessionId });
    return replay;
  } finally {
    ws.close();
  }
}

/**
 * `megabytes` of output from a free shell while one client shows it and never reads (its socket paused).
 * Output goes only to the windows attached to a shell, so the slow client attaches it; and it acknowledges
 * as if its page had written everything, so flow control never pauses the pty for it: the server pushes the
 * whole flood as fast as the pty gives it, and only the send budget stands between the unread socket and
 * the server's memory. That is the worst case for what the server must keep per client.
 */
export async function floodWithSlowClient(serve: ServeProcess, megabytes: number, timeoutMs: number): Promise<FloodResult> {
  const pid = serve.child.pid!;
  const driver = await connect(serve);
  const { info } = await call<{ info: { sessionId: string } }>(driver, 'openTerminal', { regionId: null, cols: 120, rows: 30 });
  const sessionId = info.sessionId;
  await call(driver, 'detachTerminal', { sessionId });
  driver.close();

  const slow = await connect(serve);
  await call(slow, 'attachTerminal', { sessionId });
  let slowClientBytes = 0;
  let slowClientClosed = false;
  slow.on('message', (data: Buffer) => (slowClientBytes += data.length));
  const closed = new Promise<void>((resolve) => slow.once('close', () => ((slowClientClosed = true), resolve())));
  // ws reads through its socket; pausing the socket leaves everything unread in the kernel, then the server.
  (slow as unknown as { _socket: { pause(): void } })._socket.pause();
  // Its writes still go out: an acknowledgement of more than it was sent counts as all of it (flowControl.ts).
  const acknowledging = setInterval(() => {
    if (slow.readyState === WebSocket.OPEN) slow.send(JSON.stringify({ id: nextId++, call: 'ackTerminal', payload: { sessionId, chars: ACK_CHARS } }));
  }, ACK_EVERY_MS);

  await new Promise((resolve) => setTimeout(resolve, 300));
  const baseline = rssKb(pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), RSS_SAMPLE_MS);
  const started = performance.now();
  const writer = await connect(serve);
  await call(writer, 'writeTerminal', { sessionId, data: `head -c ${megabytes * 1_000_000} /dev/zero | tr '\\0' x | fold -w 200; echo FLOOD-$((1+1))-DONE\r` });
  writer.close();
  let replayAfter: string;
  try {
    for (;;) {
      replayAfter = await replayOf(serve, sessionId);
      if (replayAfter.includes(FLOOD_DONE)) break;
      if (performance.now() - started > timeoutMs) throw new Error(`the ${megabytes} MB flood did not finish within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    clearInterval(sampler);
    clearInterval(acknowledging);
  }
  const floodSeconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, rssKb(pid));

  // Reading again: a client the server let go sees its close after what was already in flight.
  (slow as unknown as { _socket: { resume(): void } })._socket.resume();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (!slowClientClosed) slow.terminate();
  return { rssGrowthMb: (peak - baseline) / 1024, floodSeconds, slowClientBytes, slowClientClosed, replayAfter };
}
