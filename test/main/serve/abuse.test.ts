// issue 8, browser mode under abuse: the real `release-console serve` process (built out/), a wrong token,
// a foreign Origin, and 1,000 malformed or oversized WebSocket messages. Every message gets a typed error,
// the server keeps serving, and its resident memory (from /proc) stays flat.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, calls, MAX_MESSAGE_BYTES } from '../../../shared/api';

const root = path.resolve(__dirname, '..', '..', '..');
const MESSAGES = 1_000;
/** Generous: V8 may keep some of the megabyte buffers around; a leak per message would be far above it. */
const RSS_SLACK_MB = 60;

let child: ChildProcess;
let url: URL;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-abuse-'));
  child = spawn(process.execPath, [path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const printed = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /^Release Console: (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  url = new URL(printed);
});

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]);
}

function open(origin = url.origin, token = url.searchParams.get('token')!): Promise<{ ws: WebSocket; status: number | null }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${url.host}/api?token=${token}`, { headers: { Origin: origin } });
    ws.once('open', () => resolve({ ws, status: null }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? -1 }));
    ws.once('error', () => resolve({ ws, status: -1 }));
  });
}

/** Sends one message and waits for the one reply to it (pushed events are skipped). */
function roundTrip(ws: WebSocket, message: string | Buffer, binary = false): Promise<{ id: unknown; result: { ok: boolean; error?: unknown; value?: unknown } }> {
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error('socket closed'));
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as Record<string, unknown>;
      if (!('result' in parsed)) return;
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve(parsed as never);
    };
    ws.on('message', onMessage);
    ws.once('close', onClose);
    ws.send(message, { binary });
  });
}

/** Message number i of the abuse run: a mix of every malformed shape, oversized ones among them. */
function abusive(i: number): { message: string | Buffer; binary: boolean } {
  const callNames = Object.keys(calls);
  const known = callNames[i % callNames.length]!;
  const shapes: (() => string | Buffer)[] = [
    () => `not json ${i} {`,
    () => '',
    () => 'null',
    () => String(i),
    () => JSON.stringify([i, 'getSession', {}]),
    () => JSON.stringify({ call: 'getSession', payload: {} }),
    () => JSON.stringify({ id: -i - 1, call: 'getSession', payload: {} }),
    () => JSON.stringify({ id: i + 0.5, call: 'getSession', payload: {} }),
    () => JSON.stringify({ id: String(i), call: 'getSession', payload: {} }),
    () => JSON.stringify({ id: i, call: 'x'.repeat(101), payload: {} }),
    () => JSON.stringify({ id: i, call: ['__proto__', 'constructor', 'toString', 'hasOwnProperty'][i % 4], payload: {} }),
    () => JSON.stringify({ id: i, call: `dropDatabase${i}`, payload: {} }),
    () => JSON.stringify({ id: i, call: known, payload: `payload ${i}` }),
    () => JSON.stringify({ id: i, call: known, payload: [i] }),
    () => `{"id":${i},"call":"getSession","payload":{"__proto__":{"polluted":true}}}`,
    () => `{"id":${i},"call":"getSession","payload":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
    () => Buffer.from([0xff, 0xfe, 0x00, i & 0xff]),
  ];
  if (i % 50 === 25) return { message: JSON.stringify({ id: i, call: 'getSession', payload: 'x'.repeat(MAX_MESSAGE_BYTES + 1_000) }), binary: false };
  const shape = i % shapes.length;
  return { message: shapes[shape]!(), binary: shape === shapes.length - 1 };
}

describe('browser mode under abuse (the real serve process)', () => {
  it('refuses a wrong token with 401 and a foreign Origin with 403', async () => {
    const token = url.searchParams.get('token')!;
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await fetch(`${url.origin}/?token=${wrong}`)).status).toBe(401);
    expect((await fetch(`${url.origin}/?token=`)).status).toBe(401);
    expect((await open(url.origin, wrong)).status).toBe(401);
    expect((await open('http://evil.example')).status).toBe(403);
    expect((await open(`http://localhost:${url.port}`)).status).toBe(403);
    expect((await open('null')).status).toBe(403);
  });

  it(`answers ${MESSAGES} malformed or oversized messages with typed errors, keeps serving, and keeps its memory`, async () => {
    const { ws } = await open();
    const pid = child.pid!;
    // Warm up first so the baseline already holds the server's steady-state buffers.
    for (let i = 0; i < 100; i++) await roundTrip(ws, abusive(i).message, abusive(i).binary);
    const before = rssKb(pid);
    const codes = new Map<string, number>();
    for (let i = 0; i < MESSAGES; i++) {
      const { message, binary } = abusive(i);
      const reply = await roundTrip(ws, message, binary);
      expect(reply.result.ok, `message ${i}`).toBe(false);
      const error = ApiError.safeParse(reply.result.error);
      expect(error.success, `message ${i}: ${JSON.stringify(reply.result.error)}`).toBe(true);
      codes.set(error.data!.code, (codes.get(error.data!.code) ?? 0) + 1);
    }
    const after = rssKb(pid);
    expect([...codes.keys()].sort()).toEqual(['invalid_message', 'invalid_request', 'message_too_large', 'unknown_call']);
    expect(codes.get('message_too_large')).toBe(MESSAGES / 50);

    const valid = await roundTrip(ws, JSON.stringify({ id: 424242, call: 'getSession', payload: {} }));
    expect(valid.id).toBe(424242);
    expect(valid.result.ok).toBe(true);
    ws.close();
    expect((after - before) / 1024, `RSS ${before} kB → ${after} kB`).toBeLessThan(RSS_SLACK_MB);
  });

  it('closes a socket that sends more than the hard limit, and the next socket is served', async () => {
    const { ws } = await open();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(4 * MAX_MESSAGE_BYTES + 1));
    // 1009 (too big) when the close frame arrives before the server drops the connection, 1006 otherwise.
    expect([1006, 1009]).toContain(await closed);
    const { ws: next } = await open();
    const reply = await roundTrip(next, JSON.stringify({ id: 1, call: 'getSession', payload: {} }));
    expect(reply.result.ok).toBe(true);
    next.close();
  });
});
