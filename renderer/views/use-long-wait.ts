import { useEffect, useState } from 'react';

/**
 * How long a read runs before the screen says it is reading: "Reading the release log…" flashed on every visit to
 * History and Delivery for a read of a few milliseconds. About 300 ms is when a pause starts to be noticed; a read
 * that long or longer is said, for as long as it lasts.
 */
export const LONG_WAIT_MS = 300;

/** Whether `waiting` has held for `ms` without a break: a slow read is said, a quick one never flashes its words. */
export function useLongWait(waiting: boolean, ms = LONG_WAIT_MS): boolean {
  const [long, setLong] = useState(false);
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setLong(true), ms);
    return () => {
      clearTimeout(timer);
      setLong(false);
    };
  }, [waiting, ms]);
  return waiting && long;
}
