import { simulatedClock, simulatedMonotonicClock, type SimulatedClock, type SimulatedMonotonicClock } from '../../../shared/clock';

/**
 * One desk's two clocks in a test: its wall clock (what it shows and writes, which NTP may step or which may run
 * fast) and its monotonic one (how long it has really waited). Time passing moves both; a step moves the wall alone.
 */
export interface DeskClocks {
  wall: SimulatedClock;
  monotonic: SimulatedMonotonicClock;
  /** Real time passes on this desk. */
  pass(ms: number): void;
  /** The wall clock is stepped (NTP correcting it, a resume, a VM migrated): no time passed. */
  step(ms: number): void;
}

export function deskClocks(wallStartMs: number): DeskClocks {
  const wall = simulatedClock(wallStartMs);
  const monotonic = simulatedMonotonicClock(1_000);
  return {
    wall,
    monotonic,
    pass(ms) {
      wall.advance(ms);
      monotonic.advance(ms);
    },
    step(ms) {
      wall.set(wall.now() + ms);
    },
  };
}

/** Time passing for several desks at once. */
export function passing(...desks: DeskClocks[]): (ms: number) => void {
  return (ms) => {
    for (const desk of desks) desk.pass(ms);
  };
}
