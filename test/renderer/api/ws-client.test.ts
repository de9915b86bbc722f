import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createWebSocketApi, type ConnectionState } from '../../../renderer/api/ws-client';
import { until } from '../../main/until';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** ws raises a refused connection as an 'error' event that throws when nobody listens; a browser only closes. */
class BrowserWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    this.on('error', () => undefined);
  }
}

const STEP = { releaseId: '2026-03-product-rollout', regionId: 'S01', outcome: 'done' } as const;

describe('the browser-mode socket while the console is away', () => {
  let server: WebSocketServer | null = null;
  afterEach(async () => {
    for (const socket of server?.clients ?? []) socket.terminate();
    if (server) await new Promise((resolve) => server!.close(resolve));
    server = null;
  });

  it('answers a call made while disconnected as lost, and never sends it once the console is back', async () => {
    const port = await freePort();
    // The page's globals, pointed at a real socket server on loopback (ws speaks the browser's WebSocket API).
    Object.assign(globalThis, { WebSocket: BrowserWebSocket, location: { protocol: 'http:', host: `127.0.0.1:${port}` } });
    const states: ConnectionState[] = [];
    const api = createWebSocketApi((state) => states.push(state));

    // Nothing listens yet: the PE presses a step's button, and is told the connection was lost.
    const pressed = await api.completeStep({ ...STEP, stepId: 'sdc-deploy' });
    expect(pressed).toEqual({ ok: false, error: { code: 'unavailable', message: 'The connection to the console was lost.' } });

    const received: { id: number; call: string; payload: unknown }[] = [];
    server = new WebSocketServer({ host: '127.0.0.1', port });
    server.on('connection', (socket) => socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()) as (typeof received)[number])));
    await until('the socket reconnects', () => states.at(-1), (state) => state === 'open');

    // A call made now is the first thing the console hears: the one answered "lost" was not sent after all.
    void api.completeStep({ ...STEP, stepId: 'sdc-check-versions' });
    const seen = await until('the console hears a call', () => received.length, (n) => n > 0);
    expect(seen).toBe(1);
    expect(received.map((m) => (m.payload as { stepId: string }).stepId)).toEqual(['sdc-check-versions']);
  });
});
