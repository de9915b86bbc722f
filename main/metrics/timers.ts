/** How the service is woken to poll; tests and rehearsals drive it by hand. */
export interface Timers {
  every(intervalMs: number, run: () => void): () => void;
}

export const realTimers: Timers = {
  every(intervalMs, run) {
    const handle = setInterval(run, intervalMs);
    // A poll timer alone must not keep the CLI or a test process alive.
    handle.unref?.();
    return () => clearInterval(handle);
  },
};

/** A timer that fires only when told: `fire()` runs every registered callback once. */
export function manualTimers(): Timers & { fire(): void; count(): number } {
  const runs = new Set<() => void>();
  return {
    every(_intervalMs, run) {
      runs.add(run);
      return () => runs.delete(run);
    },
    fire() {
      for (const run of [...runs]) run();
    },
    count: () => runs.size,
  };
}
