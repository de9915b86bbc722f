import type { EventName, EventPayload } from '../../shared/api';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Pushes main's state to every attached renderer, whichever transport it came through. */
export interface EventBus {
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (error) {
          // One broken transport (a socket closing mid-send) must not starve the others.
          console.error(`release-console: event listener failed for ${event}:`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
