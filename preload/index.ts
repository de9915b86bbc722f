import { contextBridge, ipcRenderer } from 'electron';
import {
  callNames,
  eventNames,
  EventEnvelope,
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  subscriptionKey,
  type EventName,
} from '../shared/api';

// The renderer gets exactly the contract: one named method per call and one `onX` per event, built
// from the contract's keys. No ipcRenderer, no generic invoke(channel).
type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>(eventNames.map((name) => [name, new Set<Listener>()]));

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, raw: unknown) => {
  const envelope = EventEnvelope.safeParse(raw);
  if (!envelope.success) return;
  const set = listeners.get(envelope.data.event as EventName);
  if (!set) return;
  for (const listener of [...set]) listener(envelope.data.payload);
});

let nextId = 0;
const api: Record<string, unknown> = {};
for (const call of callNames) {
  api[call] = (payload: unknown) => ipcRenderer.invoke(IPC_CALL_CHANNEL, { id: nextId++, call, payload: payload ?? {} });
}
for (const event of eventNames) {
  api[subscriptionKey(event)] = (listener: Listener) => {
    if (typeof listener !== 'function') throw new TypeError(`${subscriptionKey(event)} takes a function`);
    listeners.get(event)!.add(listener);
    return () => {
      listeners.get(event)!.delete(listener);
    };
  };
}

contextBridge.exposeInMainWorld('releaseConsole', Object.freeze(api));
