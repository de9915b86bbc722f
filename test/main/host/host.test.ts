import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiKeys, callNames, eventNames, subscriptionKey } from '../../../shared/api';
import { createEventBus } from '../../../main/host/events';
import { createHost, type Handlers } from '../../../main/host/host';
import { ApiFailure } from '../../../main/host/failure';
import { createConsole } from '../../../main/console';

const context = { transport: 'browser' as const, connectionId: 'test' };

describe('host', () => {
  it('answers an unknown call with unknown_call, not an exception', async () => {
    const { host } = await createConsole({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-data-')) });
    const result = await host.invoke('__proto__', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    await host.close();
  });

  it('names the path of a malformed payload', async () => {
    const { host } = await createConsole({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-data-')) });
    const result = await host.invoke('getSession', { unexpected: 1 }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_request');
      expect(result.error.issues?.length).toBeGreaterThan(0);
    }
    await host.close();
  });

  it('turns a refusal into its typed error and a crash into an internal error', async () => {
    const { host: real } = await createConsole({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-data-')) });
    const base = {} as Record<string, unknown>;
    for (const name of callNames) base[name] = () => real.invoke(name, {}, context);
    const refusing = createHost({
      bus: createEventBus(),
      handlers: { ...(base as Handlers), getSession: () => { throw new ApiFailure('blocked', 'EUW2 opens at 18:00.'); } },
    });
    expect(await refusing.invoke('getSession', {}, context)).toEqual({ ok: false, error: { code: 'blocked', message: 'EUW2 opens at 18:00.' } });
    const crashing = createHost({
      bus: createEventBus(),
      handlers: { ...(base as Handlers), getSession: () => { throw new TypeError('boom'); } },
    });
    const crashed = await crashing.invoke('getSession', {}, context);
    expect(crashed).toMatchObject({ ok: false, error: { code: 'internal' } });
    await real.close();
  });

  it('lists exactly one API key per call and one subscription per event', () => {
    expect(apiKeys).toHaveLength(callNames.length + eventNames.length);
    expect(new Set(apiKeys).size).toBe(apiKeys.length);
    expect(apiKeys).toContain(subscriptionKey('session'));
  });
});
