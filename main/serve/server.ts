import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CallEnvelope, MAX_MESSAGE_BYTES, type ReplyEnvelope, type Result } from '../../shared/api';
import { encodeTerminalFrame, type TerminalOutputFrame, type TerminalOutputToEncode } from '../../shared/api/terminalFrame';
import { markFlood } from '../../shared/terminal/floodTrace';
import { CONTENT_SECURITY_POLICY } from '../csp';
import type { Host } from '../host/host';
import { readStaticFile } from '../static-files';
import { parseRequestTarget } from './request-target';
import { FloodFrames } from './flood-frames';
import { OutputLanes } from './output-lanes';
import { TerminalSessionId } from '../../shared/api/terminal';
import { fitsSendBudget } from './send-budget';
import { createToken, tokenMatches } from './token';

/** Past this a socket is closed outright; below it an oversized message gets a typed error back. */
const HARD_MESSAGE_LIMIT_BYTES = 4 * MAX_MESSAGE_BYTES;

export interface ServeOptions {
  host: Host;
  rendererDir: string;
  /** 0 picks any free port. */
  port?: number;
  token?: string;
}

export interface RunningServer {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The token travels in the page URL; no request the page makes may carry it on as a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/** Where a window opens a terminal session's own output socket (main/serve/output-lanes.ts). */
export const LANE_PATH = '/api/lane';

/** Issue 19: where a team's calendar app subscribes to the windows and freezes (the page's token in the URL). */
export const CALENDAR_PATH = '/calendar.ics';

function cookieName(port: number): string {
  // Cookies ignore ports: two consoles on one machine must not overwrite each other's token.
  return `release-console-token-${port}`;
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

function refuse(res: http.ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close', ...SECURITY_HEADERS });
  res.end(`${STATUS_TEXT[status] ?? 'Error'}: ${reason}\n`);
}

/**
 * A refusal written on the raw socket: an upgrade, or a request Node's parser could not read, has no response
 * object. The socket is destroyed once the refusal is written, not only ended: an upgrade's socket is no longer
 * the HTTP server's to close, so a refused client that kept its side open held `server.close()`, and with it
 * serve's stop, for ever.
 */
function refuseOnSocket(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) return void socket.destroy();
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}\n`);
}

/** What the client sent is not a request we can read: a 400, never an exception. */
class BadRequest extends Error {}

function statusOf(error: unknown): 400 | 500 {
  return error instanceof BadRequest ? 400 : 500;
}

/**
 * The request target, or a 400: an absolute-form target with a broken host made `new URL` throw
 * outside any try (issue 16), and the process exited with every running command and rollback.
 */
function requestUrl(req: http.IncomingMessage, origin: string): URL {
  const url = parseRequestTarget(req.url, origin);
  if (!url) throw new BadRequest('the request target is not a valid URL');
  return url;
}

/**
 * Browser mode: the renderer bundle and the API over HTTP + WebSocket on 127.0.0.1, guarded like
 * Jupyter. The page URL carries a per-run token; loading it sets an HttpOnly, SameSite=Strict cookie so
 * the bundle's own assets and the WebSocket are authorised without the token in every URL. A request
 * from a foreign Origin is refused even with a valid token.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? createToken();
  const { host, rendererDir } = options;
  /** Each open socket and the connection id its window's calls and targeted events carry. */
  const sockets = new Map<WebSocket, string>();
  const apiSocketOf = new Map<string, WebSocket>();
  let origin = '';
  let cookie = '';

  function authorise(req: http.IncomingMessage, url: URL, requireOrigin: boolean): Verdict {
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return { ok: false, status: 403, reason: `requests from ${requestOrigin.slice(0, 200)} are not accepted` };
    }
    if (requireOrigin && requestOrigin === undefined) {
      return { ok: false, status: 403, reason: 'a WebSocket without an Origin header is not accepted' };
    }
    const candidate = url.searchParams.get('token') ?? readCookie(req.headers.cookie, cookie);
    if (!tokenMatches(token, candidate)) {
      return { ok: false, status: 401, reason: 'open the URL printed by `npm run serve`, token included' };
    }
    return { ok: true };
  }

  async function serveRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = requestUrl(req, origin);
    const verdict = authorise(req, url, false);
    if (!verdict.ok) return refuse(res, verdict.status, verdict.reason);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 403, 'only GET is served');
    if (url.pathname === CALENDAR_PATH) return serveCalendar(url, req, res);
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Not found\n');
      return;
    }
    const headers: Record<string, string> = { 'Content-Type': file.contentType, ...SECURITY_HEADERS };
    if (url.searchParams.has('token')) {
      headers['Set-Cookie'] = `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  /** The same call as the board's "Export calendar (.ics)", so a subscriber gets what the console shows. */
  async function serveCalendar(url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const weeks = url.searchParams.get('weeks');
    const connectionId = randomUUID();
    const result = await host.invoke('exportCalendar', weeks === null ? {} : { weeks: Number(weeks) }, { transport: 'browser', connectionId });
    host.disconnect(connectionId);
    if (!result.ok) return refuse(res, result.error.code === 'invalid_request' ? 400 : 500, `${result.error.message}${result.error.issues?.length ? ` (${result.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : ''}`);
    const file = result.value as { filename: string; content: string };
    res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `inline; filename="${file.filename}"`, ...SECURITY_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : file.content);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MESSAGE_LIMIT_BYTES });
  const lanes = new OutputLanes();
  // A window that stopped reading its terminals while it holds one paused (flowControl's STALLED_CONSUMER_MS)
  // is let go as one over its send budget is: its lanes go with its API socket, and it attaches again when it runs.
  const stallCheck = setInterval(() => {
    for (const window of host.stalledConnections()) apiSocketOf.get(window)?.terminate();
  }, 1_000);
  stallCheck.unref();

  function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = requestUrl(req, origin);
    if (url.pathname !== '/api' && url.pathname !== LANE_PATH) return refuseOnSocket(socket, 404, 'no such endpoint');
    const verdict = authorise(req, url, true);
    if (!verdict.ok) return refuseOnSocket(socket, verdict.status, verdict.reason);
    const key = url.searchParams.get('lanes');
    if (url.pathname === '/api') return void wss.handleUpgrade(req, socket, head, (ws) => attach(ws, key));
    const window = lanes.windowOf(key);
    if (window === undefined) return refuseOnSocket(socket, 403, 'a lane must name the open API socket it belongs to (lanes=)');
    const session = TerminalSessionId.safeParse(url.searchParams.get('session'));
    if (!session.success) return refuseOnSocket(socket, 400, 'a lane must name a terminal session (session=term-N)');
    wss.handleUpgrade(req, socket, head, (ws) => attachLane(ws, window, session.data));
  }

  // The one error boundary of the HTTP side: whatever a request, an upgrade or the parser below them
  // throws, that client gets a 400 (its fault) or a 500 (ours) and the server goes on serving.
  const server = http.createServer((req, res) => {
    // A client that resets mid-response must not raise an unhandled 'error'.
    res.on('error', () => res.destroy());
    serveRequest(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      refuse(res, statusOf(error), error instanceof BadRequest ? error.message : 'the request could not be served');
    });
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket, head);
    } catch (error) {
      refuseOnSocket(socket, statusOf(error), error instanceof BadRequest ? error.message : 'the upgrade could not be served');
    }
  });
  // Node's parser refuses a malformed request line, header or body framing before any handler sees it.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    refuseOnSocket(socket, 400, 'the request is not valid HTTP/1.1');
  });

  /**
   * Sends what is already encoded to one of `window`'s sockets (its API socket or a lane): terminal output as
   * a binary frame (shared/api/terminalFrame.ts, no JSON escaping of a flood), everything else as JSON text.
   * The send budget is the window's, over all its sockets: a window that stopped reading is let go whole.
   */
  function sendEncoded(ws: WebSocket, encoded: string | Uint8Array, window: string): void {
    if (ws.readyState !== ws.OPEN) return;
    const bytes = typeof encoded === 'string' ? Buffer.byteLength(encoded) : encoded.byteLength;
    const api = apiSocketOf.get(window);
    let queued = api?.bufferedAmount ?? 0;
    for (const lane of lanes.of(window)) queued += lane.bufferedAmount;
    // terminate(), not close(): a close frame would queue behind the backlog the client is not reading.
    // Its lanes go with its API socket.
    if (!fitsSendBudget(queued, bytes)) return void (api ?? ws).terminate();
    if (typeof encoded === 'string') return void ws.send(encoded);
    ws.send(encoded, { binary: true });
    markFlood('socketSend', encoded.byteLength, ws.bufferedAmount);
  }

  /**
   * Every pushed event, for every window: encoded once when the first window it goes to is found, not once
   * a window (a flood's frames with four windows open were encoded four times). An event meant for one
   * window (its view's patch) goes to that socket alone.
   */
  function push(event: string, payload: unknown, target: string | undefined, alreadyEncoded: Uint8Array | null = null): void {
    let encoded: string | Uint8Array | null = alreadyEncoded;
    for (const [ws, connectionId] of sockets) {
      if ((target !== undefined && target !== connectionId) || ws.readyState !== ws.OPEN) continue;
      encoded ??= event === 'terminalOutput' ? encodeTerminalFrame(payload as TerminalOutputFrame) : JSON.stringify({ event, payload });
      sendEncoded(ws, encoded, connectionId);
    }
  }
  // Terminal output goes to the windows attached to its session (bridgeTerminalEvents), gathered per window.
  // The windows showing one session are mostly sent the same frames one after another: the last frame's
  // encoding serves the next window's too, so a flood watched by the PE, QA and on-call is encoded once.
  let lastFrame: { frame: TerminalOutputToEncode; encoded: Uint8Array } | null = null;
  const floodFrames = new FloodFrames((frame, window) => {
    const last = lastFrame?.frame;
    if (last?.sessionId !== frame.sessionId || last.offset !== frame.offset || !isSameText(last.data, frame.data)) lastFrame = { frame, encoded: encodeTerminalFrame(frame) };
    const lane = lanes.route(window, frame.sessionId);
    if (lane) return sendEncoded(lane, lastFrame!.encoded, window!);
    push('terminalOutput', frame, window, lastFrame!.encoded);
  });
  const stopEvents = host.onEvent((event, payload, target) => {
    if (event === 'terminalOutput') return floodFrames.output(payload as TerminalOutputFrame, target);
    floodFrames.flushAll();
    push(event, payload, target);
  });

  function reply(ws: WebSocket, id: number | null, result: Result<unknown>): void {
    const envelope: ReplyEnvelope = { id, result };
    floodFrames.flushAll();
    sendEncoded(ws, JSON.stringify(envelope), sockets.get(ws) ?? '');
  }

  function attach(ws: WebSocket, laneKey: string | null): void {
    const connectionId = randomUUID();
    sockets.set(ws, connectionId);
    apiSocketOf.set(connectionId, ws);
    lanes.openWindow(connectionId, laneKey);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // The boundary of the socket side: the host answers failures as results, but nothing thrown on
      // the way may become an unhandled rejection, which would end the process.
      handleMessage(ws, connectionId, data, isBinary).catch((error: unknown) => {
        reply(ws, null, { ok: false, error: { code: 'internal', message: `The message could not be handled: ${error instanceof Error ? error.message : String(error)}` } });
      });
    });
    ws.on('close', () => {
      sockets.delete(ws);
      apiSocketOf.delete(connectionId);
      lanes.closeWindow(connectionId);
      host.disconnect(connectionId);
    });
    ws.on('error', () => ws.terminate());
  }

  /** A lane only carries output to the page: anything it is sent is a client out of step, and it is closed. */
  function attachLane(ws: WebSocket, window: string, session: string): void {
    // The window's API socket may have closed during the handshake: its lanes went with it.
    if (!lanes.add(window, session, ws)) return void ws.terminate();
    ws.on('message', () => ws.close(1003, 'a lane carries output only'));
    ws.on('error', () => ws.terminate());
  }

  async function handleMessage(ws: WebSocket, connectionId: string, data: RawData, isBinary: boolean): Promise<void> {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    if (isBinary) {
      return reply(ws, null, { ok: false, error: { code: 'invalid_message', message: 'Binary messages are not part of the API.' } });
    }
    if (size > MAX_MESSAGE_BYTES) {
      return reply(ws, null, {
        ok: false,
        error: { code: 'message_too_large', message: `A message may be at most ${MAX_MESSAGE_BYTES} bytes; this one was ${size}.` },
      });
    }
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(data.toString());
    } catch {
      return reply(ws, null, { ok: false, error: { code: 'invalid_message', message: 'The message is not JSON.' } });
    }
    const envelope = CallEnvelope.safeParse(parsedJson);
    if (!envelope.success) {
      const id = typeof (parsedJson as { id?: unknown })?.id === 'number' ? ((parsedJson as { id: number }).id) : null;
      return reply(ws, Number.isInteger(id) && (id as number) >= 0 ? id : null, {
        ok: false,
        error: { code: 'invalid_message', message: 'A call needs {"id": integer, "call": string, "payload": …}.' },
      });
    }
    const result = await host.invoke(envelope.data.call, envelope.data.payload, { transport: 'browser', connectionId });
    reply(ws, envelope.data.id, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  cookie = cookieName(port);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      stopEvents();
      clearInterval(stallCheck);
      floodFrames.dispose();
      lanes.closeAll();
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Two windows' frames of one session are the same batches: the same strings, compared piece by piece. */
function isSameText(a: TerminalOutputToEncode['data'], b: TerminalOutputToEncode['data']): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((piece, i) => piece === b[i]);
}
