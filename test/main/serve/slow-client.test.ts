// issue 16, item 6: during a 150 MB terminal flood one client that never read grew the server by 148 MB.
// The real serve process, a real client whose socket is paused, a real shell printing 100 MB: the
// server lets that client go once it is 16 MB behind, its memory stays flat, and a client that comes
// back is handed the terminal's replay, as a reload is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEND_BUDGET_BYTES } from '../../../main/serve/send-budget';
import { startServeProcess, type ServeProcess } from './serve-process';
import { call, connect, floodWithSlowClient, FLOOD_DONE } from './slow-client-flood';

const FLOOD_MB = 100;
/**
 * The send budget plus room for V8 and malloc to keep what the flood's messages passed through; a
 * server that buffered for the slow client would grow by the whole flood, three times this.
 */
const RSS_SLACK_MB = 40;

let serve: ServeProcess;

beforeAll(async () => {
  serve = await startServeProcess();
});

afterAll(async () => {
  await serve?.stop();
});

describe('a client that never reads, during a terminal flood (the real serve process)', () => {
  it(`is disconnected once ${SEND_BUDGET_BYTES / 2 ** 20} MB behind, the server's memory stays flat, and a new client gets the replay`, async () => {
    const flood = await floodWithSlowClient(serve, FLOOD_MB, 100_000);

    expect(flood.slowClientClosed, 'the server still holds the slow client').toBe(true);
    expect(flood.slowClientBytes).toBeLessThan(FLOOD_MB * 1_000_000);
    expect(flood.rssGrowthMb, `RSS grew ${flood.rssGrowthMb.toFixed(1)} MB`).toBeLessThan(RSS_SLACK_MB);
    expect(flood.replayAfter).toContain(FLOOD_DONE);
    expect(flood.replayAfter).toContain('x'.repeat(200));

    expect(serve.child.exitCode).toBeNull();
    const next = await connect(serve);
    const session = await call<{ transport: string }>(next, 'getSession', {});
    expect(session.transport).toBe('browser');
    next.close();
  }, 120_000);
});
