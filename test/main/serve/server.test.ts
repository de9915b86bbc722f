import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { startServer, type RunningServer } from '../../../main/serve/server';
import { decodeTerminalFrame } from '../../../shared/api/terminalFrame';
import type { TerminalReplay } from '../../../shared/api';

let server: RunningServer;
let host: Host;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'rc-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Release Console</title>');
  writeFileSync(path.join(os.tmpdir(), 'rc-secret.txt'), 'secret');
  ({ host } = await createConsole({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-data-')) }));
  server = await startServer({ host, rendererDir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await host?.close();
});

function openSocket(options: { token?: string | null; origin?: string | null; to?: RunningServer } = {}): Promise<{ ws: WebSocket; status: number | null }> {
  const to = options.to ?? server;
  const token = options.token === undefined ? to.token : options.token;
  const url = `ws://127.0.0.1:${to.port}/api${token === null ? '' : `?token=${token}`}`;
  const headers: Record<string, string> = {};
  const origin = options.origin === undefined ? to.origin : options.origin;
  if (origin !== null) headers.Origin = origin;
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ ws, status: null }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? -1 }));
    ws.once('error', () => resolve({ ws, status: -1 }));
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)));
}

describe('browser-mode server', () => {
  it('prints a URL on 127.0.0.1 with a token of at least 32 characters', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32,}$/);
  });

  it('refuses the page without a token with 401', async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('Release Console</title>');
  });

  it('refuses a wrong token with 401', async () => {
    const res = await fetch(`${server.origin}/?token=${'A'.repeat(server.token.length)}`);
    expect(res.status).toBe(401);
  });

  it('serves the page with the token, a strict CSP and an HttpOnly SameSite=Strict cookie', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('serves assets with the cookie alone, and never a file outside the bundle', async () => {
    const res = await fetch(server.url);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const ok = await fetch(`${server.origin}/index.html`, { headers: { cookie } });
    expect(ok.status).toBe(200);
    for (const attempt of ['/../rc-secret.txt', '/%2e%2e/rc-secret.txt', '/..%2frc-secret.txt', '/%5c..%5crc-secret.txt']) {
      const traversal = await fetch(`${server.origin}${attempt}`, { headers: { cookie } });
      expect(traversal.status, attempt).toBe(404);
    }
  });

  it('refuses a request from a foreign Origin with 403 even with the token', async () => {
    const res = await fetch(server.url, { headers: { Origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('refuses a WebSocket without a token with 401', async () => {
    const { status } = await openSocket({ token: null });
    expect(status).toBe(401);
  });

  it('refuses a WebSocket from a foreign Origin with 403', async () => {
    const { status } = await openSocket({ origin: 'http://localhost:' + server.port });
    expect(status).toBe(403);
  });

  it('refuses a WebSocket with no Origin at all', async () => {
    const { status } = await openSocket({ origin: null });
    expect(status).toBe(403);
  });

  it('answers a call over the socket with the demo session', async () => {
    const { ws } = await openSocket();
    ws.send(JSON.stringify({ id: 7, call: 'getSession', payload: {} }));
    const reply = await nextMessage(ws);
    expect(reply.id).toBe(7);
    const result = reply.result as { ok: boolean; value: { regions: { id: string }[]; transport: string } };
    expect(result.ok).toBe(true);
    expect(result.value.transport).toBe('browser');
    expect(result.value.regions.map((r) => r.id)).toContain('EUW2');
    ws.close();
  });

  it('answers malformed messages with typed errors and keeps serving', async () => {
    const { ws } = await openSocket();
    const cases: [string, string][] = [
      ['not json', 'invalid_message'],
      [JSON.stringify({ call: 'getSession' }), 'invalid_message'],
      [JSON.stringify({ id: 1, call: 'dropDatabase', payload: {} }), 'unknown_call'],
      [JSON.stringify({ id: 2, call: 'getSession', payload: { extra: true } }), 'invalid_request'],
      [JSON.stringify({ id: 3, call: 'getSession', payload: 'x'.repeat(1_100_000) }), 'message_too_large'],
    ];
    for (const [message, code] of cases) {
      ws.send(message);
      const reply = await nextMessage(ws);
      expect((reply.result as { ok: boolean; error: { code: string } }).error.code, message.slice(0, 40)).toBe(code);
    }
    ws.send(JSON.stringify({ id: 9, call: 'getSession', payload: {} }));
    const reply = await nextMessage(ws);
    expect((reply.result as { ok: boolean }).ok).toBe(true);
    ws.close();
  });

  it("sends a shell's output only to the windows attached to it, the same text to each; a window that attaches later gets it by replay; every window gets its state", async () => {
    // A console of its own: the shell's last output and state must not reach the other tests' sockets.
    const own = await createConsole({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-data-')) });
    const ownServer = await startServer({ host: own.host, rendererDir, port: 0 });
    // The PE's window opens the shell, QA's attaches to it, on-call's shows something else until it attaches last.
    const windows = [(await openSocket({ to: ownServer })).ws, (await openSocket({ to: ownServer })).ws, (await openSocket({ to: ownServer })).ws];
    const frames = windows.map(() => [] as { offset: number; data: string }[]);
    const states = windows.map(() => [] as string[]);
    const replies = new Map<number, { ok: boolean; value: TerminalReplay }>();
    windows.forEach((ws, i) =>
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) {
          const frame = decodeTerminalFrame(data);
          return void frames[i]!.push('data' in frame ? frame : { offset: -1, data: `undecodable: ${frame.error}` });
        }
        const text = data.toString();
        if (text.startsWith('{"event":"terminalState"')) states[i]!.push(text);
        const reply = JSON.parse(text) as { id?: number; result?: { ok: boolean; value: TerminalReplay } };
        if (reply.id !== undefined && reply.result) replies.set(reply.id, reply.result);
      }),
    );
    let nextId = 1;
    const callAs = async (ws: WebSocket, call: string, payload: unknown): Promise<TerminalReplay> => {
      const id = nextId++;
      ws.send(JSON.stringify({ id, call, payload }));
      await expect.poll(() => replies.get(id)?.ok).toBe(true);
      return replies.get(id)!.value;
    };
    const printed = (i: number, from = 0) => frames[i]!.filter((f) => f.offset >= from).map((f) => f.data).join('');
    const [pe, qa, onCall] = windows as [WebSocket, WebSocket, WebSocket];

    const { sessionId } = (await callAs(pe, 'openTerminal', { regionId: null, cols: 80, rows: 24 })).info;
    const qaAttached = await callAs(qa, 'attachTerminal', { sessionId });
    await callAs(pe, 'writeTerminal', { sessionId, data: 'echo "both-$((6 * 7))"\r' });
    await expect.poll(() => [printed(0).includes('both-42'), printed(1).includes('both-42')], { timeout: 10_000 }).toEqual([true, true]);
    // What QA was sent since it attached is what the PE was sent from there, to the character.
    await expect.poll(() => printed(1)).toBe(printed(0, qaAttached.replayEnd));
    expect(frames[1]!.every((f) => f.offset >= qaAttached.replayEnd)).toBe(true);
    // On-call's window never attached the shell: not one frame of it, and every state change all the same.
    expect(frames[2]).toEqual([]);
    expect(states[0]!.length).toBeGreaterThan(0);
    await expect.poll(() => [states[1], states[2]]).toEqual([states[0], states[0]]);

    // QA's window leaves the shell and on-call's attaches it: on-call gets what went before in the replay, then the live output; QA gets no more.
    await callAs(qa, 'detachTerminal', { sessionId });
    const qaSaw = frames[1]!.length;
    const onCallAttached = await callAs(onCall, 'attachTerminal', { sessionId });
    expect(onCallAttached.replay).toContain('both-42');
    expect(frames[2]).toEqual([]);
    await callAs(pe, 'writeTerminal', { sessionId, data: 'echo "later-$((6 * 7))"\r' });
    await expect.poll(() => printed(2).includes('later-42'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => printed(2)).toBe(printed(0, onCallAttached.replayEnd));
    expect(printed(2)).not.toContain('both-42');
    expect(frames[1]!.length).toBe(qaSaw);
    windows.forEach((ws) => ws.close());
    await ownServer.close();
    await own.host.close();
  });

  it("gives each terminal session a window shows its own output socket (a lane), and keeps another window's and another session's output off it", async () => {
    const own = await createConsole({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-data-')) });
    const ownServer = await startServer({ host: own.host, rendererDir, port: 0 });
    const key = 'lane-key-of-the-pe-window';
    const headers = { Origin: ownServer.origin };
    const api = new WebSocket(`ws://127.0.0.1:${ownServer.port}/api?token=${ownServer.token}&lanes=${key}`, { headers });
    await new Promise((resolve) => api.once('open', resolve));
    const onApi: { sessionId: string; offset: number; data: string }[] = [];
    const replies = new Map<number, { ok: boolean; value: TerminalReplay }>();
    api.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        const frame = decodeTerminalFrame(data);
        if ('data' in frame) onApi.push(frame);
        return;
      }
      const reply = JSON.parse(data.toString()) as { id?: number; result?: { ok: boolean; value: TerminalReplay } };
      if (reply.id !== undefined && reply.result) replies.set(reply.id, reply.result);
    });
    let nextId = 1;
    const call = async (name: string, payload: unknown): Promise<TerminalReplay> => {
      const id = nextId++;
      api.send(JSON.stringify({ id, call: name, payload }));
      await expect.poll(() => replies.get(id)?.ok).toBe(true);
      return replies.get(id)!.value;
    };
    const lane = (query: string) =>
      new Promise<{ ws: WebSocket; status: number | null }>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${ownServer.port}/api/lane?token=${ownServer.token}&${query}`, { headers });
        ws.once('open', () => resolve({ ws, status: null }));
        ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? -1 }));
      });

    const first = (await call('openTerminal', { regionId: null, cols: 80, rows: 24 })).info.sessionId;
    const second = (await call('openTerminal', { regionId: null, cols: 80, rows: 24 })).info.sessionId;
    // Only the page that holds the API socket's key may open its lanes, and only for a terminal session.
    expect((await lane(`lanes=not-a-key&session=${first}`)).status).toBe(403);
    expect((await lane(`lanes=${key}&session=..%2Fetc`)).status).toBe(400);
    const { ws: firstLane, status } = await lane(`lanes=${key}&session=${first}`);
    expect(status).toBeNull();
    const onLane: { sessionId: string; offset: number; data: string }[] = [];
    firstLane.on('message', (data: Buffer) => {
      const frame = decodeTerminalFrame(data);
      if ('data' in frame) onLane.push(frame);
    });
    const laneStart = onApi.filter((f) => f.sessionId === first).reduce((end, f) => Math.max(end, f.offset + f.data.length), 0);

    await call('writeTerminal', { sessionId: first, data: 'echo "lane-$((6 * 7))"\r' });
    await call('writeTerminal', { sessionId: second, data: 'echo "api-$((6 * 7))"\r' });
    await expect.poll(() => onLane.map((f) => f.data).join('').includes('lane-42'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => onApi.map((f) => f.data).join('').includes('api-42'), { timeout: 10_000 }).toBe(true);
    // The first session's output since its lane opened came on the lane alone, whole and in order; the second's stayed on the API socket.
    expect(onLane.every((f) => f.sessionId === first)).toBe(true);
    expect(onApi.filter((f) => f.sessionId === first).map((f) => f.data).join('')).not.toContain('lane-42');
    expect(onLane[0]!.offset).toBeGreaterThanOrEqual(laneStart);
    onLane.forEach((f, i) => i > 0 && expect(f.offset).toBe(onLane[i - 1]!.offset + onLane[i - 1]!.data.length));

    // The lane goes with its API socket; the key then opens nothing.
    const laneClosed = new Promise((resolve) => firstLane.once('close', resolve));
    api.close();
    await laneClosed;
    await expect.poll(async () => (await lane(`lanes=${key}&session=${first}`)).status).toBe(403);
    await ownServer.close();
    await own.host.close();
  });
});
