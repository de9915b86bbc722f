/** Every rule is evaluated against an injected clock: a rehearsal runs the demo at a chosen simulated time. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export function systemClock(): Clock {
  return { now: () => Date.now() };
}

/** A clock for drills ("Friday 10:55 Europe/London"): it only moves when told to. */
export interface SimulatedClock extends Clock {
  set(epochMs: number): void;
  advance(ms: number): void;
}

export function simulatedClock(startMs: number): SimulatedClock {
  let current = startMs;
  return {
    now: () => current,
    set(epochMs) {
      if (!Number.isFinite(epochMs)) throw new RangeError('A simulated clock needs a finite epoch time in milliseconds.');
      current = epochMs;
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('A simulated clock only moves forward, by a finite number of milliseconds.');
      current += ms;
    },
  };
}
