import { useEffect, useState } from 'react';
import { useConsole } from '../store/store';

/**
 * The console clock as main last reported it, ticking locally between pushes when the clock runs (a
 * rehearsal clock stands still until moved, so it is shown exactly as pushed).
 */
export function useNow(): number {
  const view = useConsole((s) => s.view);
  const receivedAt = useConsole((s) => s.receivedAt);
  const running = useConsole((s) => s.session?.clockMode !== 'simulated');
  const [, tick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);
  if (!view) return Date.now();
  return running ? view.now + (performance.now() - receivedAt) : view.now;
}

/**
 * The wall clock, ticking each second whatever the console clock does: a running command's elapsed time is
 * wall-clock time, as its time limit is, in a rehearsal too (whose clock moves only on "+1 min").
 */
export function useWallNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
