import net from 'node:net';

/**
 * A TCP proxy between the desks' SDK clients and moto, to make the network misbehave on purpose:
 * - `pass`: bytes flow both ways;
 * - `delay`: each chunk waits `delayMs` before it is forwarded, both ways;
 * - `swallow-responses`: requests reach moto (a put lands) but its answers are dropped, so the client times out;
 * - `stall`: connections are accepted and nothing is forwarded;
 * - `drop`: connections are reset as soon as they open;
 * - `refuse-writes`: reads reach moto, but a DynamoDB write (PutItem, TransactWriteItems) is answered
 *   with an HTTP 500 InternalServerError by the proxy and never reaches it: the store refusing writes.
 */
export type ProxyMode = { kind: 'pass' } | { kind: 'delay'; delayMs: number } | { kind: 'swallow-responses' } | { kind: 'stall' } | { kind: 'drop' } | { kind: 'refuse-writes' };

const DYNAMO_WRITE = /^x-amz-target: DynamoDB_20120810\.(PutItem|TransactWriteItems)\r$/im;
const REFUSAL_BODY = JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error (the test proxy refuses writes)' });
const REFUSAL = `HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: ${Buffer.byteLength(REFUSAL_BODY)}\r\nConnection: close\r\n\r\n${REFUSAL_BODY}`;

export interface TcpProxy {
  url: string;
  setMode(mode: ProxyMode): void;
  /** How many client connections the proxy has accepted (each SDK attempt on a fresh socket is one). */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  let mode: ProxyMode = { kind: 'pass' };
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    connections += 1;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const modeAtOpen = mode;
    if (modeAtOpen.kind === 'drop') {
      client.resetAndDestroy();
      return;
    }
    if (modeAtOpen.kind === 'stall') return;
    /** This connection carried a write the proxy refused: nothing more passes on it. */
    let refused = false;
    const upstream = net.connect(Number(port), hostname);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      // A lost answer is a silence, not a hang-up: the client must time out as it would on a real network.
      if (mode.kind === 'delay') setTimeout(() => client.end(), mode.delayMs + 10); // after the delayed answer
      else if (mode.kind !== 'swallow-responses' && mode.kind !== 'stall' && !refused) client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    const forward = (chunk: Buffer, to: net.Socket, isResponse: boolean) => {
      // The mode is read per chunk, so a test can change it while a connection is open (a keep-alive socket).
      const now = mode;
      if (refused) return; // the rest of a refused request, and whatever moto had begun to answer
      if (now.kind === 'refuse-writes' && !isResponse && DYNAMO_WRITE.test(chunk.toString('latin1'))) {
        refused = true;
        client.end(REFUSAL);
        return;
      }
      if (now.kind === 'swallow-responses' && isResponse) return;
      if (now.kind === 'stall') return;
      if (now.kind === 'delay') setTimeout(() => to.writable && to.write(chunk), now.delayMs);
      else if (to.writable) to.write(chunk);
    };
    client.on('data', (chunk: Buffer) => forward(chunk, upstream, false));
    upstream.on('data', (chunk: Buffer) => forward(chunk, client, true));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    setMode: (next) => {
      mode = next;
    },
    get connections() {
      return connections;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
