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

/**
 * An instant main's words name, and the words that name it ("10:55 UTC"): a desk reads it again in its own zone. With
 * `zone` (a region's) the words read it there first ("07:10 New York (11:10 UTC)"), and so does the desk.
 */
export const NamedInstant = z.object({ at: z.number(), words: z.string(), zone: z.string().optional() });
export type NamedInstant = z.infer<typeof NamedInstant>;

export const ApiError = z.object({
  code: ApiErrorCode,
  message: z.string(),
  /** Where in the payload the problem is, for `invalid_request` (zod issue paths joined with dots). */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /**
   * The instants `message` names, in its order, and the words it names each by ("10:55 UTC", shared/engine/decision.ts
   * namedInstant): the engine knows no desk, so a desk reads them again in its own zone.
   */
  instants: z.array(NamedInstant).optional(),
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
