import type { EndpointStatus } from '../../shared/api/metrics';
import type { Endpoint } from '../../shared/metrics/endpoints';
import type { MetricSourceError } from './source';

/** After an expired SSO session or refused credentials, wait for the operator rather than hammer STS. */
export const AUTH_BACKOFF_MS = 5 * 60_000;
/** Between polls, a failing endpoint waits longer each time, up to this. */
export const MAX_POLL_BACKOFF_MS = 10 * 60_000;

/** Per endpoint: where incremental polling has reached, single flight, and backoff across polls. */
export class EndpointState {
  fetchedThroughMs: number | undefined;
  inFlight = false;
  private failures = 0;
  private message: string | null = null;
  private failingSinceMs: number | null = null;
  private retryAtMs: number | null = null;
  private lastSuccessMs: number | null = null;

  constructor(readonly endpoint: Endpoint) {}

  isDue(now: number): boolean {
    return !this.inFlight && (this.retryAtMs === null || now >= this.retryAtMs);
  }

  isFailing(): boolean {
    return this.failingSinceMs !== null;
  }

  failureMessage(): string | null {
    return this.message;
  }

  succeeded(now: number, fetchedThroughMs: number): void {
    this.fetchedThroughMs = fetchedThroughMs;
    this.failures = 0;
    this.message = null;
    this.failingSinceMs = null;
    this.retryAtMs = null;
    this.lastSuccessMs = now;
  }

  failed(now: number, error: MetricSourceError, pollIntervalMs: number, random: () => number): void {
    this.failures += 1;
    this.message = error.message;
    this.failingSinceMs ??= now;
    const growing = Math.min(MAX_POLL_BACKOFF_MS, pollIntervalMs * 2 ** (this.failures - 1));
    // Jitter spreads endpoints that failed together (one throttled account) so they do not return in step.
    const wait = error.kind === 'auth' ? AUTH_BACKOFF_MS : growing * (0.5 + 0.5 * random());
    this.retryAtMs = now + wait;
  }

  /** The operator says "try now" (after aws sso login). */
  clearBackoff(): void {
    this.retryAtMs = null;
  }

  status(): EndpointStatus {
    return {
      key: this.endpoint.key,
      profile: this.endpoint.profile,
      awsRegion: this.endpoint.awsRegion,
      regionIds: [...this.endpoint.regionIds],
      state: this.failingSinceMs !== null ? 'backing_off' : this.lastSuccessMs === null ? 'idle' : 'ok',
      message: this.message,
      failingSinceMs: this.failingSinceMs,
      retryAtMs: this.retryAtMs,
      lastSuccessMs: this.lastSuccessMs,
    };
  }
}
