import type { EventName, EventPayload } from '../../shared/api';

/**
 * `connectionId` is set when the event is for one window only (its own view's patch, a notice about what
 * it shows); an adapter delivers such an event to that connection and no other. Unset: every window.
 */
export type EventListener = (event: EventName, payload: unknown, connectionId?: string) => void;

/** Pushes main's state to every attached renderer, whichever transport it came through. */
export interface EventBus {
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  emitTo<K extends EventName>(connectionId: string, event: K, payload: EventPayload<K>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  function deliver(event: EventName, payload: unknown, connectionId?: string): void {
    for (const listener of [...listeners]) {
      try {
        listener(event, payload, connectionId);
      } catch (error) {
        // One broken transport (a socket closing mid-send) must not starve the others.
        console.error(`release-console: event listener failed for ${event}:`, error);
      }
    }
  }
  return {
    emit: (event, payload) => deliver(event, payload),
    emitTo: (connectionId, event, payload) => deliver(event, payload, connectionId),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
