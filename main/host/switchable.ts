import type { Host } from './host';

export interface SwitchableHost {
  /** Hand this to the adapter: it always reaches the current console. */
  host: Host;
  /**
   * Builds the next console, then moves every event listener to it and closes the previous one. Calls that
   * arrive meanwhile wait for it, so a page that reloads at once meets the new console; if building fails the
   * previous console stays.
   */
  replace(build: () => Promise<Host>): Promise<void>;
}

/** One adapter, one transport, consoles swapped behind it (the demo switching between rehearsal and live). */
export function switchableHost(first: Host): SwitchableHost {
  let current = first;
  let pending: Promise<void> | null = null;
  const listeners = new Map<Parameters<Host['onEvent']>[0], () => void>();

  const host: Host = {
    async invoke(call, payload, context) {
      if (pending) await pending;
      return current.invoke(call, payload, context);
    },
    onEvent(listener) {
      listeners.set(listener, current.onEvent(listener));
      return () => {
        listeners.get(listener)?.();
        listeners.delete(listener);
      };
    },
    disconnect(connectionId) {
      current.disconnect(connectionId);
    },
    async close() {
      if (pending) await pending;
      await current.close();
    },
  };

  async function swap(build: () => Promise<Host>): Promise<void> {
    const next = await build();
    const previous = current;
    current = next;
    for (const [listener, unsubscribe] of listeners) {
      unsubscribe();
      listeners.set(listener, next.onEvent(listener));
    }
    await previous.close();
  }

  return {
    host,
    replace(build) {
      const run = (pending ?? Promise.resolve()).then(() => swap(build));
      const done: Promise<void> = run
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          if (pending === done) pending = null;
        });
      pending = done;
      return run;
    },
  };
}
