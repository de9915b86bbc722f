import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/api';
import { createConsole, WorkspaceLoadError } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { switchableHost } from '../../../main/host/switchable';

const context = { transport: 'browser' as const, connectionId: 'test' };
const REHEARSAL = Date.parse('2026-03-19T10:55:00Z');

async function demo(mode: Session['clockMode']) {
  const { host } = await createConsole({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-switch-')),
    ...(mode === 'simulated' ? { rehearsalStart: REHEARSAL } : {}),
    operator: { name: 'alice', role: 'PE' },
    switchDemoClock: () => undefined,
  });
  return host;
}

async function clockMode(host: Host): Promise<string> {
  const result = await host.invoke('getSession', {}, context);
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as Session).clockMode;
}

describe('consoles swapped behind one adapter', () => {
  it('answers from the new console once swapped, and a call made during the swap waits for it', async () => {
    const switchable = switchableHost(await demo('simulated'));
    expect(await clockMode(switchable.host)).toBe('simulated');
    const swapping = switchable.replace(() => demo('system'));
    const during = clockMode(switchable.host);
    await swapping;
    expect(await during).toBe('system');
    expect(await clockMode(switchable.host)).toBe('system');
    await switchable.host.close();
  });

  it('moves event listeners to the new console and stops the old one', async () => {
    const switchable = switchableHost(await demo('system'));
    const seen: string[] = [];
    const unsubscribe = switchable.host.onEvent((name) => seen.push(name));
    await switchable.replace(() => demo('simulated'));
    // A window watches its view; the new console's patches reach the listener added before the swap.
    expect((await switchable.host.invoke('watchReleaseView', {}, context)).ok).toBe(true);
    const moved = await switchable.host.invoke('moveRehearsalClock', { advanceMs: 60_000 }, context);
    expect(moved.ok).toBe(true);
    await expect.poll(() => seen.includes('releaseViewPatch'), { timeout: 5_000 }).toBe(true);
    unsubscribe();
    const count = seen.length;
    await switchable.host.invoke('moveRehearsalClock', { advanceMs: 60_000 }, context);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toHaveLength(count);
    await switchable.host.close();
  });

  it('keeps the current console when the next one cannot be built', async () => {
    const switchable = switchableHost(await demo('simulated'));
    const broken = mkdtempSync(path.join(os.tmpdir(), 'rc-switch-broken-'));
    await expect(switchable.replace(async () => (await createConsole({ workspaceDir: broken, dataDir: broken })).host)).rejects.toBeInstanceOf(WorkspaceLoadError);
    expect(await clockMode(switchable.host)).toBe('simulated');
    await switchable.host.close();
  });

  it('closes the current console before building the next when asked to (a rehearsal started over), and says why when the next cannot be built', async () => {
    const switchable = switchableHost(await demo('simulated'));
    const order: string[] = [];
    const first = await demo('system');
    await switchable.replace(async () => ({ ...first, close: async () => (order.push('closed'), first.close()) }));
    await switchable.replaceAfterClose(async () => (order.push('built'), demo('simulated')));
    expect(order).toEqual(['closed', 'built']);
    expect(await clockMode(switchable.host)).toBe('simulated');

    const broken = mkdtempSync(path.join(os.tmpdir(), 'rc-switch-broken-'));
    await expect(switchable.replaceAfterClose(async () => (await createConsole({ workspaceDir: broken, dataDir: broken })).host)).rejects.toBeInstanceOf(WorkspaceLoadError);
    expect(await switchable.host.invoke('getSession', {}, context)).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('The console could not be reopened: The workspace could not be loaded') } });
    await switchable.host.close();
  });

  it('refuses the switch on a console whose clock was fixed at start, with a reason', async () => {
    const { host } = await createConsole({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-switch-')), rehearsalStart: REHEARSAL });
    const result = await host.invoke('switchDemoClock', { mode: 'system' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('restart the console') } });
    expect(await clockMode(host)).toBe('simulated');
    await host.close();
  });
});
