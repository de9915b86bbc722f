// issue 16, item 5: 20 calls of transitionHandover with a 490 KB `to` grew the audit log by 19.6 MB.
// Over the real browser-mode socket, such a call is now refused as invalid_request before any handler,
// and nothing in the data folder grows; a normal transition still writes, so the measure can see growth.
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { startServer, type RunningServer } from '../../../main/serve/server';
import { MAX_ID_CHARS, type HandoverView, type ReleaseView } from '../../../shared/api';

let server: RunningServer;
let host: Host;
let dataDir: string;

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'rc-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Release Console</title>');
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-data-'));
  ({ host } = await createConsole({ dataDir }));
  server = await startServer({ host, rendererDir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await host?.close();
});

function bytesWritten(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { headers: { Origin: server.origin } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

let nextId = 1;
function call<T>(ws: WebSocket, name: string, payload: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; issues?: { path: string }[] } }> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { id?: number; result?: never };
      if (parsed.id !== id) return;
      ws.off('message', onMessage);
      resolve(parsed.result!);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, call: name, payload }));
  });
}

/** Lets the console's debounced state writes land before the folder is measured. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('bounded request fields over the real socket', () => {
  it('refuses transitionHandover with a 490 KB status as invalid_request, and the audit log does not grow', async () => {
    const ws = await connect();
    // QA's move (HO-1242, pulled at review, back to "HO Peer Review"): the demo's others wait for a deploy.
    expect((await call(ws, 'setOperator', { name: 'quinn', role: 'QA' })).ok).toBe(true);
    const view = await call<ReleaseView>(ws, 'getReleaseView', {});
    if (!view.ok) throw new Error(JSON.stringify(view.error));
    const handover = view.value.handovers.find((h) => h.nextStatuses.length > 0)!;
    await settle();
    const before = bytesWritten(dataDir);

    for (let i = 0; i < 20; i++) {
      const result = await call(ws, 'transitionHandover', { releaseId: view.value.release.id, handoverId: handover.id, to: 'x'.repeat(490_000) });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid_request');
      expect(result.error.issues?.map((issue) => issue.path)).toEqual(['to']);
    }
    const longest = await call(ws, 'transitionHandover', { releaseId: view.value.release.id, handoverId: handover.id, to: 'x'.repeat(MAX_ID_CHARS + 1) });
    expect(longest.ok).toBe(false);
    await settle();
    expect(bytesWritten(dataDir)).toBe(before);

    const moved = await call<HandoverView>(ws, 'transitionHandover', { releaseId: view.value.release.id, handoverId: handover.id, to: handover.nextStatuses[0] });
    expect(moved.ok).toBe(true);
    await settle();
    expect(bytesWritten(dataDir)).toBeGreaterThan(before);
    ws.close();
  });
});
