// `release-console serve` stops when told to, whatever is still connected: a refused client that keeps its
// socket open. Real processes, real signals.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServeProcess, type ServeProcess } from './serve-process';

let served: ServeProcess | null = null;

afterEach(async () => {
  if (served && served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
  await served?.ended;
  served = null;
});

/** How the process ended after `signal` and how many milliseconds it took; `stillRunning` once `withinMs` passed without an end. */
async function timedStop(serve: ServeProcess, signal: NodeJS.Signals, withinMs: number) {
  const sentAt = Date.now();
  serve.child.kill(signal);
  const ended = await Promise.race([serve.ended, new Promise<'stillRunning'>((resolve) => setTimeout(() => resolve('stillRunning'), withinMs))]);
  return { ...(ended === 'stillRunning' ? { stillRunning: true } : ended), ms: Date.now() - sentAt };
}

describe('serve stops on SIGTERM', () => {
  it('while a client whose WebSocket was refused keeps its side of the socket open', async () => {
    served = await startServeProcess();
    // A client knocks with an earlier run's token; it is refused, and keeps its side of the socket open.
    const socket = net.connect({ port: Number(served.url.port), host: '127.0.0.1', allowHalfOpen: true });
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    const answer = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    socket.write(
      `GET /api?token=an-earlier-runs-token HTTP/1.1\r\nHost: ${served.url.host}\r\nOrigin: ${served.url.origin}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(await answer).toMatch(/^HTTP\/1\.1 401 /);

    const stop = await timedStop(served, 'SIGTERM', 5_000);
    socket.destroy();
    expect(stop).toMatchObject({ code: 0, signal: null });
  });
});
