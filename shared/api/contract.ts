import { z } from 'zod';

/**
 * The shape every API call takes: a request schema and a response schema. Declaring a call is adding
 * one entry to a concern's `calls` object; the host, both adapters and the renderer client derive
 * everything else from it.
 */
export interface CallSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

export function defineCall<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): CallSpec<Req, Res> {
  return { request, response };
}

export const ApiErrorCode = z.enum([
  'unknown_call',
  'invalid_request',
  'invalid_message',
  'message_too_large',
  'blocked',
  'not_found',
  'conflict',
  'unavailable',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiError = z.object({
  code: ApiErrorCode,
  message: z.string(),
  /** Where in the payload the problem is, for `invalid_request` (zod issue paths joined with dots). */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /**
   * The instant `message` names and the words it names it by ("10:55 UTC", shared/engine/decision.ts namedInstant):
   * the engine knows no desk, so a desk reads it again in its own zone.
   */
  instant: z.object({ at: z.number(), words: z.string() }).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Calls answer with a result rather than throwing: errors cross contextBridge and WebSocket intact. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ApiError }),
  ]);
}
