/**
 * Backoff for throttling and server errors: exponential with full jitter (AWS Architecture Blog,
 * "Exponential Backoff and Jitter"), so many endpoints throttled at once do not retry in step.
 */
export interface RetryPolicy {
  /** Attempts per call, the first included: bounded, so a dead endpoint never becomes a tight loop. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/** The wait before retry number `retry` (1-based); `random` in [0, 1). */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  // Never zero: even an unlucky draw leaves a tenth of the ceiling between attempts.
  return Math.max(ceiling * 0.1, Math.floor(random() * ceiling));
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
