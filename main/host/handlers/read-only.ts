import { RECORD_CHANGING_CALLS } from '../../../shared/api';
import { readOnlyRefusal, type ReadOnlyLog } from '../../../shared/engine/decision';
import { ApiFailure } from '../failure';
import type { Handlers } from '../host';

/**
 * Wraps the handlers of calls that change the release record so that, while the release log is
 * read-only (tampering found at start and not acknowledged, or the shared log unreachable), they are refused with the reason, before
 * anything runs. The list of those calls is the contract's (shared/api/record.ts).
 */
export function refuseWhileReadOnly(readOnly: () => ReadOnlyLog | null, handlers: Handlers): Handlers {
  const guarded: Handlers = { ...handlers };
  for (const call of RECORD_CHANGING_CALLS) {
    const handler = handlers[call] as (request: never, context: never) => unknown;
    (guarded as Record<string, unknown>)[call] = (request: never, context: never) => {
      const blocked = readOnly();
      if (blocked) throw new ApiFailure('conflict', readOnlyRefusal(blocked).message);
      return handler(request, context);
    };
  }
  return guarded;
}
