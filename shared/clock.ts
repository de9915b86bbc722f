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

/**
 * A duration on this desk: milliseconds from an arbitrary origin that never step and never run backwards
 * (`performance.now()`), unlike the wall clock, which NTP steps, a suspend/resume jumps and a rehearsal moves.
 * Its own method name, so a wall `Clock` cannot be passed where a duration is measured.
 */
export interface MonotonicClock {
  elapsedMs(): number;
}

export function systemMonotonicClock(): MonotonicClock {
  return { elapsedMs: () => performance.now() };
}

/** A monotonic clock for tests: it moves only forward, when told to. */
export interface SimulatedMonotonicClock extends MonotonicClock {
  advance(ms: number): void;
}

export function simulatedMonotonicClock(startMs = 0): SimulatedMonotonicClock {
  let current = startMs;
  return {
    elapsedMs: () => current,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('A monotonic clock only moves forward, by a finite number of milliseconds.');
      current += ms;
    },
  };
}
