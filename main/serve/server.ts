import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CallEnvelope, MAX_MESSAGE_BYTES, type ReplyEnvelope, type Result } from '../../shared/api';
import { CONTENT_SECURITY_POLICY } from '../csp';
import type { Host } from '../host/host';
import { readStaticFile } from '../static-files';
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

function refuse(res: http.ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end(`${status === 401 ? 'Unauthorized' : 'Forbidden'}: ${reason}\n`);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}\n`);
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
  const sockets = new Set<WebSocket>();
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

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const verdict = authorise(req, url, false);
    if (!verdict.ok) return refuse(res, verdict.status, verdict.reason);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 403, 'only GET is served');
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
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MESSAGE_LIMIT_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/api') return refuseUpgrade(socket, 404, 'no such endpoint');
    const verdict = authorise(req, url, true);
    if (!verdict.ok) return refuseUpgrade(socket, verdict.status, verdict.reason);
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function send(ws: WebSocket, message: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  function reply(ws: WebSocket, id: number | null, result: Result<unknown>): void {
    const envelope: ReplyEnvelope = { id, result };
    send(ws, envelope);
  }

  function attach(ws: WebSocket): void {
    const connectionId = randomUUID();
    sockets.add(ws);
    // An event meant for one window (its view's patch) goes to that socket alone.
    const unsubscribe = host.onEvent((event, payload, target) => {
      if (target === undefined || target === connectionId) send(ws, { event, payload });
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      void handleMessage(ws, connectionId, data, isBinary);
    });
    ws.on('close', () => {
      sockets.delete(ws);
      unsubscribe();
      host.disconnect(connectionId);
    });
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
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
