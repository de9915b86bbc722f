import { z } from 'zod';

/**
 * The messages both transports carry. Electron IPC and the browser-mode WebSocket move the same
 * envelopes, so the host parses them with one piece of code. One exception: on the WebSocket, the
 * `terminalOutput` event travels as a binary frame (terminalFrame.ts), a flood's text unescaped.
 */
export const IPC_CALL_CHANNEL = 'release-console:call';
export const IPC_EVENT_CHANNEL = 'release-console:event';

/** Largest message the host accepts; a terminal paste or a runbook note fits many times over. */
export const MAX_MESSAGE_BYTES = 1_000_000;

export const CallEnvelope = z.object({
  id: z.number().int().nonnegative(),
  call: z.string().max(100),
  payload: z.unknown(),
});
export type CallEnvelope = z.infer<typeof CallEnvelope>;

export const ReplyEnvelope = z.object({
  id: z.number().int().nonnegative().nullable(),
  result: z.unknown(),
});
export type ReplyEnvelope = z.infer<typeof ReplyEnvelope>;

export const EventEnvelope = z.object({
  event: z.string(),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;
