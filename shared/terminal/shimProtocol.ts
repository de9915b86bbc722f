import { z } from 'zod';

/**
 * What a console shell's tool shim (main/terminal/shim/client.ts) and the console's shell guard
 * (main/terminal/shell-guard.ts) say to each other over the guard's Unix socket: one JSON object per
 * line, one tool run per connection. Bounded, so a hostile local client cannot make the console buffer much.
 */

/** The longest line either side reads; an argv longer than this is not a tool typed at a prompt. */
export const MAX_SHIM_LINE_BYTES = 256 * 1024;
const MAX_SHIM_ARGS = 256;
const MAX_SHIM_ARG_CHARS = 8 * 1024;

const Argv = z.array(z.string().max(MAX_SHIM_ARG_CHARS)).min(1).max(MAX_SHIM_ARGS);

export const ShimRequest = z.discriminatedUnion('type', [
  /** First: the shell's token (from its environment) and the argv typed. */
  z.object({ type: z.literal('ask'), token: z.string().max(200), argv: Argv }),
  /** After a `blocked` verdict: the person's answer to "run anyway?". */
  z.object({ type: z.literal('answer'), runAnyway: z.boolean() }),
  /** After the real tool ran: how it ended. */
  z.object({ type: z.literal('exited'), exitCode: z.number().int().nullable(), signal: z.string().max(20).nullable() }),
]);
export type ShimRequest = z.infer<typeof ShimRequest>;

export type ShimReply =
  /** Run the real tool. */
  | { verdict: 'allowed' }
  /** A rehearsal: print what would run, run nothing. */
  | { verdict: 'rehearsal' }
  /** Refused by `decide`: show the message and reasons, then ask "run anyway?". */
  | { verdict: 'blocked'; message: string; reasons: string[] }
  /** The answer or exit was logged (`runAnyway` echoes what to do next). */
  | { verdict: 'recorded'; runAnyway: boolean }
  /** Not asked properly (a wrong token, a bad line) or the log could not be written: do not run. */
  | { verdict: 'refused'; message: string };
