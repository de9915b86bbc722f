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
  /**
   * Closes the current console first, then builds the next: for a console that must let go of its folder
   * before the next one opens it (a rehearsal started over is renamed at close). Calls wait meanwhile; if
   * building fails, calls get the error until another console is built.
   */
  replaceAfterClose(build: () => Promise<Host>): Promise<void>;
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
    stalledConnections() {
      return current.stalledConnections();
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

  async function closeThenOpen(build: () => Promise<Host>): Promise<void> {
    const previous = current;
    for (const unsubscribe of listeners.values()) unsubscribe();
    await previous.close();
    const next = await build().catch((error: unknown) => {
      current = closedHost(error);
      throw error;
    });
    current = next;
    for (const listener of listeners.keys()) listeners.set(listener, next.onEvent(listener));
  }

  function queue(step: () => Promise<void>): Promise<void> {
    const run = (pending ?? Promise.resolve()).then(step);
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
  }

  return {
    host,
    replace: (build) => queue(() => swap(build)),
    replaceAfterClose: (build) => queue(() => closeThenOpen(build)),
  };
}

/** What answers once a console was closed and the next one could not be built: every call says why. */
function closedHost(error: unknown): Host {
  const message = `The console could not be reopened: ${(error as Error).message}`;
  return {
    invoke: () => Promise.resolve({ ok: false, error: { code: 'internal', message } }),
    onEvent: () => () => undefined,
    disconnect: () => undefined,
    stalledConnections: () => [],
    close: () => Promise.resolve(),
  };
}
