import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalReplay } from '../../../shared/api/terminal';
import { createEventBus } from '../../../main/host/events';
import { createHost, type Handlers, type Host } from '../../../main/host/host';
import { bridgeTerminalEvents, terminalHandlers } from '../../../main/host/handlers/terminal';
import { createTestService } from './fixture';

describe('terminal calls through the host', () => {
  let fixture: ReturnType<typeof createTestService>;
  let host: Host;
  afterEach(async () => {
    await host.close();
    await fixture.dispose();
  });

  function start() {
    fixture = createTestService();
    const bus = createEventBus();
    const stop = bridgeTerminalEvents(fixture.service, bus);
    const events: { event: string; payload: unknown }[] = [];
    bus.subscribe((event, payload) => events.push({ event, payload }));
    host = createHost({
      bus,
      // Only the terminal calls are under test; the rest of the contract is not reached.
      handlers: terminalHandlers(fixture.service, (id) => ['EUW2', 'EUC1'].includes(id)) as Handlers,
      onDisconnect: (id) => fixture.service.detachConsumer(id),
      onClose: async () => stop(),
    });
    return events;
  }

  const window = { transport: 'browser' as const, connectionId: 'window-1' };

  it('opens a region shell, streams its output as events, and lists it', async () => {
    const events = start();
    const opened = await host.invoke('openTerminal', { regionId: 'EUW2', cols: 120, rows: 40 }, window);
    expect(opened.ok).toBe(true);
    const { info } = (opened as { ok: true; value: TerminalReplay }).value;
    expect(info).toMatchObject({ regionId: 'EUW2', kind: 'shell', cols: 120, rows: 40 });
    expect(await host.invoke('writeTerminal', { sessionId: info.sessionId, data: 'echo "$RELEASE_CONSOLE_REGION-ok"\n' }, window)).toEqual({ ok: true, value: {} });
    await fixture.waitForOutput(info.sessionId, 'EUW2-ok\r\n');
    expect(events.some((e) => e.event === 'terminalOutput')).toBe(true);
    expect(events.some((e) => e.event === 'terminalState' && (e.payload as { phase: string }).phase === 'running')).toBe(true);
    const listed = await host.invoke('listTerminals', {}, window);
    expect(listed).toMatchObject({ ok: true, value: { terminals: [{ sessionId: info.sessionId }] } });
    expect(await host.invoke('ackTerminal', { sessionId: info.sessionId, chars: 5_000 }, window)).toEqual({ ok: true, value: {} });
    expect(await host.invoke('closeTerminal', { sessionId: info.sessionId }, window)).toEqual({ ok: true, value: {} });
  });

  it('answers an unknown region or session with not_found, and typing into a command session with conflict', async () => {
    start();
    expect(await host.invoke('openTerminal', { regionId: 'MARS', cols: 80, rows: 24 }, window)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await host.invoke('writeTerminal', { sessionId: 'term-999', data: 'x' }, window)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const run = await fixture.service.runCommand('EUW2', ['true'], { commandId: 'noop' });
    expect(await host.invoke('writeTerminal', { sessionId: run.sessionId, data: 'x' }, window)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it("refuses to stop, kill or close a running command from its terminal (the release stops it), and refuses restartTerminal on a command session with conflict", async () => {
    start();
    let sessionId = '';
    const run = fixture.service.runCommand('EUW2', ['/bin/sh', '-c', 'echo started; exec sleep 300'], { commandId: 'deploy', onStarted: (id) => (sessionId = id) });
    for (let i = 0; i < 500 && sessionId === ''; i++) await new Promise((r) => setTimeout(r, 10));
    await fixture.waitForOutput(sessionId, 'started\r\n');
    for (const [name, payload] of [
      ['stopTerminal', { sessionId }],
      ['killTerminal', { sessionId, signal: 'SIGKILL' }],
      ['closeTerminal', { sessionId }],
    ] as const) {
      expect(await host.invoke(name, payload, window), name).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining("runs a step's or a rollback's command") } });
    }
    // What a step's Stop does once it is decided and logged: the service's own stop, naming who.
    expect(await fixture.service.stop(sessionId, 'alice')).toMatchObject({
      sessionId,
      phase: 'exited',
      exit: { code: 130, signal: 'SIGINT', interruption: { kind: 'stopped', message: 'stopped by alice' } },
    });
    expect((await run).interruption).toEqual({ kind: 'stopped', message: 'stopped by alice' });
    expect(await host.invoke('restartTerminal', { sessionId }, window)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('runs again only as a step of the release') },
    });
    // Its command ended, its tab closes as any other.
    expect(await host.invoke('closeTerminal', { sessionId }, window)).toEqual({ ok: true, value: {} });
  });

  it('rejects malformed requests before they reach the service', async () => {
    start();
    expect(await host.invoke('resizeTerminal', { sessionId: 'term-1', cols: 0, rows: 24 }, window)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await host.invoke('killTerminal', { sessionId: '../etc', signal: 'SIGKILL' }, window)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await host.invoke('ackTerminal', { sessionId: 'term-1', chars: -5 }, window)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
