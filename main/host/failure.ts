import type { ApiError, ApiErrorCode } from '../../shared/api';

/**
 * A refusal a handler means to send back: a blocked step, an unknown terminal. The host turns it into
 * the typed error the renderer shows; anything else thrown is an internal error and is logged.
 */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiError['issues'],
    readonly instants?: ApiError['instants'],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}), ...(this.instants?.length ? { instants: this.instants } : {}) };
  }
}
