import { z } from 'zod';
import { Id } from './common';

/** A placeholder is a whole argv entry such as "{region}": values are never spliced into a shell string. */
export const PLACEHOLDER = /^\{([a-zA-Z][a-zA-Z0-9]*)\}$/;
/** "--region={region}": a placeholder inside other text, which templates refuse (JSON braces are fine). */
export const EMBEDDED_PLACEHOLDER = /\{[a-zA-Z][a-zA-Z0-9]*\}/;

export const CommandTemplate = z.strictObject({
  id: Id,
  title: z.string().min(1),
  argv: z.array(z.string().min(1)).min(1, 'at least the program name'),
  /** Rollbacks are the way out: they ignore deployment windows and freezes. */
  purpose: z.enum(['deploy', 'rollback', 'maintenance', 'check']).default('check'),
  /**
   * What a successful run changes, so the console can show it: seed 000's maintenance mode (traffic to
   * the sibling region), or the {package} now running {version} in the region.
   */
  effect: z.enum(['maintenance-on', 'maintenance-off', 'version']).optional(),
  /**
   * Wall-clock limit of one run, in rehearsals too: past it the run is stopped as a person's Stop would
   * (SIGINT, SIGTERM, SIGKILL) and fails as timed out. Seconds, like the workspace's other durations.
   */
  timeoutSeconds: z.number().int().min(1).max(24 * 60 * 60).optional(),
  /**
   * Whether a rehearsal may really run it: only a simulated tool that reaches nothing (the demo's). Any
   * other command is shown as "would run" in a rehearsal and its effect applied without it (issue 16).
   */
  rehearsalSafe: z.boolean().default(false),
});
export type CommandTemplate = z.infer<typeof CommandTemplate>;

export const CommandsFile = z.strictObject({
  /** Regular expressions every value of a placeholder must match before it reaches a terminal. */
  patterns: z.record(z.string(), z.string()).default({}),
  commands: z.array(CommandTemplate).default([]),
});
