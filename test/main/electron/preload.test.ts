// What the Electron preload hands the renderer. Electron cannot run here, so a minimal fake contextBridge
// and ipcRenderer capture what preload/index.ts exposes; the assertions are on that object itself.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiKeys, callNames, eventNames, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, subscriptionKey } from '../../../shared/api';

const bridge = vi.hoisted(() => ({
  exposed: [] as { key: string; api: Record<string, unknown> }[],
  invoked: [] as { channel: string; args: unknown[] }[],
  listeners: new Map<string, ((event: unknown, raw: unknown) => void)[]>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => bridge.exposed.push({ key, api }),
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      bridge.invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel: string, listener: (event: unknown, raw: unknown) => void) => {
      bridge.listeners.set(channel, [...(bridge.listeners.get(channel) ?? []), listener]);
    },
  },
}));

let api: Record<string, unknown>;

beforeAll(async () => {
  await import('../../../preload/index');
  api = bridge.exposed[0]!.api;
});

function push(raw: unknown): void {
  for (const listener of bridge.listeners.get(IPC_EVENT_CHANNEL) ?? []) listener({}, raw);
}

describe('the preload', () => {
  it('exposes one frozen object, window.releaseConsole, with exactly the contract’s keys', () => {
    expect(bridge.exposed.map((e) => e.key)).toEqual(['releaseConsole']);
    expect(Object.keys(api).sort()).toEqual([...apiKeys].sort());
    expect(Object.keys(api)).toHaveLength(callNames.length + eventNames.length);
    expect(Object.isFrozen(api)).toBe(true);
    for (const key of Object.keys(api)) expect(typeof api[key], key).toBe('function');
  });

  it('hands over no ipcRenderer, no generic invoke or send, no require or process', () => {
    for (const key of ['ipcRenderer', 'invoke', 'send', 'on', 'require', 'process', 'electron']) expect(api, key).not.toHaveProperty(key);
  });

  it('sends a call as one envelope on the one call channel', async () => {
    await (api['getSession'] as (p: unknown) => Promise<unknown>)({});
    await (api['getSession'] as (p?: unknown) => Promise<unknown>)();
    expect(bridge.invoked.map((i) => i.channel)).toEqual([IPC_CALL_CHANNEL, IPC_CALL_CHANNEL]);
    expect(bridge.invoked[0]!.args).toEqual([{ id: expect.any(Number), call: 'getSession', payload: {} }]);
    expect(bridge.invoked[1]!.args).toEqual([{ id: expect.any(Number), call: 'getSession', payload: {} }]);
  });

  it('delivers pushed events to their subscribers only, drops malformed ones, and unsubscribes', () => {
    const [first, second] = eventNames;
    const got: unknown[] = [];
    const unsubscribe = (api[subscriptionKey(first!)] as (l: (p: unknown) => void) => () => void)((payload) => got.push(payload));
    push({ event: first, payload: { n: 1 } });
    push({ event: second, payload: { n: 2 } });
    push({ event: 'notAnEvent', payload: { n: 3 } });
    push({ payload: { n: 4 } });
    push('garbage');
    unsubscribe();
    push({ event: first, payload: { n: 5 } });
    expect(got).toEqual([{ n: 1 }]);
  });

  it('refuses a subscription without a function', () => {
    expect(() => (api[subscriptionKey(eventNames[0]!)] as (l: unknown) => void)('not a function')).toThrow(TypeError);
  });
});
