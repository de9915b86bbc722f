// Slack's side of an incoming webhook, for tests (issue 19: "Slack is a local HTTP server in the test that
// records what it receives"). It listens on 127.0.0.1 only, records every POST's path and JSON body, and
// answers each with the next of the statuses it was told to give (200 "ok" once they run out), or never.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  path: string;
  contentType: string | undefined;
  body: { text?: string; blocks?: unknown };
}

export type SlackReply = number | 'hang';

export interface FakeSlack {
  /** A webhook URL on this server; the path stands for the secret part of a real one. */
  webhook(secret: string): string;
  received: ReceivedPost[];
  /** The answers to the next posts, in order. */
  answerNext(...replies: SlackReply[]): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const received: ReceivedPost[] = [];
  const replies: SlackReply[] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', contentType: request.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ReceivedPost['body'] });
      const reply = replies.shift() ?? 200;
      if (reply === 'hang') {
        hanging.add(() => response.destroy());
        return;
      }
      // Slack's own bodies: "ok", or a word naming the failure.
      response.writeHead(reply, { 'content-type': 'text/plain' }).end(reply < 300 ? 'ok' : reply === 404 ? 'no_service' : 'internal_error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    webhook: (secret) => `http://127.0.0.1:${port}/services/T0000/B0000/${secret}`,
    received,
    answerNext: (...next) => replies.push(...next),
    close: async () => {
      for (const end of hanging) end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
