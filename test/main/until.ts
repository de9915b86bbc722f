/**
 * Waiting, on real time and bounded, for what a test is not told about: a step that ends in a real pty,
 * another desk's write reaching this one, a process that goes away. Reads every 50 ms until `done` holds
 * and returns that reading; after `timeoutMs` fails saying `what` and the last reading, so a timeout tells
 * what was seen instead of only that it took too long.
 *
 * When `done` is a type guard (`(v) => v !== undefined` is one), the reading comes back narrowed.
 */
export async function until<T, Seen extends T>(what: string, read: () => T | Promise<T>, done: (value: T) => value is Seen, timeoutMs?: number): Promise<Seen>;
export async function until<T>(what: string, read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs?: number): Promise<T>;
export async function until<T>(what: string, read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await read();
    if (done(current)) return current;
    if (Date.now() > deadline) throw new Error(`${what}: still ${shown(current)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Often enough that a test waits little past the moment; rarely enough that polling a console over its API costs nothing. */
const POLL_MS = 50;

/** The last reading, cut short: a whole release view would bury the message. */
function shown(reading: unknown): string {
  let text: string;
  try {
    // JSON.stringify gives undefined for undefined and functions.
    text = JSON.stringify(reading) ?? String(reading);
  } catch {
    // A circular reading (a child process, a socket) still says what it was.
    text = String(reading);
  }
  return text.slice(0, 2_000);
}
