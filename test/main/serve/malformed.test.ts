// issue 16, item 1: malformed HTTP/1.1 on raw sockets. A request target `new URL` cannot parse used to
// throw outside any try and end the process; now every malformed request line, target, header or
// upgrade gets a 400 and the real serve process goes on serving.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../seeded-random';
import { startServeProcess, type ServeProcess } from './serve-process';

/** Random requests per run: enough to reach every mutation many times, few enough for a shared machine. */
const FUZZ_REQUESTS = 300;
const PARALLEL = 16;
/** A request the parser is still waiting on (cut short) gets no answer; the client gives up after this. */
const NO_ANSWER_MS = 400;

let serve: ServeProcess;

beforeAll(async () => {
  serve = await startServeProcess();
});

afterAll(async () => {
  await serve?.stop();
});

/** Sends raw bytes and returns the status line answered, or null when the server answered nothing. */
function send(bytes: Buffer | string): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(serve.url.port ? Number(serve.url.port) : 80, '127.0.0.1');
    let received = '';
    const done = (status: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => done(null), NO_ANSWER_MS);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n');
      if (end >= 0) done(received.slice(0, end));
    });
    socket.on('error', () => done(received ? received.split('\r\n')[0]! : null));
    socket.on('close', () => done(received ? received.split('\r\n')[0]! : null));
    socket.write(bytes);
  });
}

function request(target: string, headers: Record<string, string> = {}): string {
  const lines = [`GET ${target} HTTP/1.1`, `Host: ${serve.url.host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function upgradeHeaders(): Record<string, string> {
  return { Origin: serve.url.origin, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };
}

/** Each of these is malformed in one named way; every one must get a 400. */
function malformedCases(): [string, string][] {
  const token = serve.token;
  return [
    ['absolute-form target with a broken IPv6 host', request(`http://[broken/?token=${token}`)],
    ['absolute-form target with a space in the host', `GET http://a b/ HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['absolute-form target with a percent in the host', request('http://%zz/')],
    ['absolute-form target with a port past 65535', request('http://127.0.0.1:99999/')],
    ['scheme-relative target with a broken host', request('//[/')],
    ['asterisk-form target', request('*')],
    ['authority-form target', request('127.0.0.1:80')],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
    ['an unknown HTTP version', `GET / HTTP/9.9\r\nHost: x\r\n\r\n`],
    ['no Host header', 'GET / HTTP/1.1\r\n\r\n'],
    ['a header line without a colon', `GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n`],
    ['a NUL inside a header value', `GET / HTTP/1.1\r\nHost: x\r\nX-Note: a\0b\r\n\r\n`],
    ['two different Content-Length headers', `GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab`],
    ['headers past the parser limit', request('/', { 'X-Big': 'a'.repeat(20_000) })],
    ['an upgrade whose target has a broken host', request(`http://[broken/api?token=${token}`, upgradeHeaders())],
    ['an upgrade with a broken host, no token', request('http://[/api', upgradeHeaders())],
    ['an upgrade with a key that is not base64 of 16 bytes', request(`/api?token=${token}`, { ...upgradeHeaders(), 'Sec-WebSocket-Key': 'short' })],
    ['an upgrade with an unknown WebSocket version', request(`/api?token=${token}`, { ...upgradeHeaders(), 'Sec-WebSocket-Version': '99' })],
  ];
}

/** A good request with one random flaw: bytes flipped, control characters inserted, cut short, or doubled. */
function mutated(random: () => number): Buffer {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const base = Buffer.from(
    pick([
      request(`/?token=${serve.token}`),
      request('/assets/index.js'),
      request(`/api?token=${serve.token}`, upgradeHeaders()),
      request(`http://${serve.url.host}/?token=${serve.token}`),
      request(`http://[${Math.floor(random() * 1e6)}/api`, upgradeHeaders()),
    ]),
    'latin1',
  );
  const bytes = [...base];
  const flaws = 1 + Math.floor(random() * 4);
  for (let f = 0; f < flaws; f++) {
    const at = Math.floor(random() * bytes.length);
    switch (pick(['flip', 'insert', 'delete', 'cut', 'repeat'] as const)) {
      case 'flip':
        bytes[at] = Math.floor(random() * 256);
        break;
      case 'insert':
        bytes.splice(at, 0, pick([0x00, 0x0a, 0x0d, 0x20, 0x3a, 0x5b, 0x25, 0x7f, 0xff, 0x22]));
        break;
      case 'delete':
        bytes.splice(at, 1);
        break;
      case 'cut':
        bytes.length = at;
        break;
      case 'repeat':
        bytes.splice(at, 0, ...bytes.slice(at, at + 1 + Math.floor(random() * 40)));
        break;
    }
  }
  return Buffer.from(bytes);
}

async function expectStillServing(): Promise<void> {
  expect(serve.child.exitCode, 'the serve process exited').toBeNull();
  const page = await fetch(`${serve.url.origin}/?token=${serve.token}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
}

describe('browser mode against malformed HTTP/1.1 on raw sockets (the real serve process)', () => {
  it('answers each malformed request line, target, header and upgrade with 400 and goes on serving', async () => {
    const answers: string[] = [];
    for (const [name, bytes] of malformedCases()) answers.push(`${name}: ${await send(bytes)}`);
    expect(answers).toEqual(malformedCases().map(([name]) => `${name}: HTTP/1.1 400 Bad Request`));
    await expectStillServing();
  });

  it(`survives ${FUZZ_REQUESTS} seeded random malformed requests, answering each with a status or nothing, never a 500`, async () => {
    const seed = Number(process.env['HTTP_FUZZ_SEED'] ?? Date.now() % 2 ** 31);
    const random = seededRandom(seed);
    const requests = Array.from({ length: FUZZ_REQUESTS }, () => mutated(random));
    const statuses = new Map<string, number>();
    for (let i = 0; i < requests.length; i += PARALLEL) {
      const batch = await Promise.all(requests.slice(i, i + PARALLEL).map((bytes) => send(bytes)));
      batch.forEach((status, j) => {
        const code = status === null ? 'no answer' : (/^HTTP\/1\.1 (\d{3}) /.exec(status)?.[1] ?? `not a status line: ${status}`);
        statuses.set(code, (statuses.get(code) ?? 0) + 1);
        expect(['no answer', '101', '200', '400', '401', '403', '404'], `seed ${seed}, request ${i + j}: ${JSON.stringify(requests[i + j]!.toString('latin1'))}`).toContain(code);
      });
    }
    // The mutations must actually reach the refusal path, or this test proves nothing.
    expect(statuses.get('400') ?? 0, `seed ${seed}: ${JSON.stringify([...statuses])}`).toBeGreaterThan(FUZZ_REQUESTS / 10);
    await expectStillServing();
  }, 120_000);
});
