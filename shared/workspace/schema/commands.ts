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
  /**
   * The command that takes this one back (seed 004's flag enable → `disable-flag`): a rollback of a
   * handover runs it, filled with the same values, wherever this command's step ran.
   */
  undo: Id.optional(),
  /** The environments a rollback command serves (all when omitted): seed 002 switches production back to blue, and redeploys staging. */
  environments: z.array(z.enum(['production', 'staging'])).min(1).optional(),
});
export type CommandTemplate = z.infer<typeof CommandTemplate>;

/** Where a placeholder's value comes from (shared/workspace/commandTemplate.ts `VALUE_FIELDS` lists the fields). */
export const VALUE_SOURCES = ['package', 'handover', 'release', 'region', 'step'] as const;
export const ValueSource = z.strictObject({
  /** package: the package a `forEach: package` step runs for (its packages.yaml entry and its version in the handover). */
  from: z.enum(VALUE_SOURCES),
  /** Which field of it; the placeholder's own name when omitted. */
  field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'a field name such as deployment or newVersion').optional(),
  /** Text put before the value, so "rollout_percentage=10" stays one whole argv entry (seed 004's gh --field). */
  prefix: z.string().min(1).optional(),
});
export type ValueSource = z.infer<typeof ValueSource>;

export const CommandsFile = z.strictObject({
  /** Regular expressions every value of a placeholder must match before it reaches a terminal. */
  patterns: z.record(z.string(), z.string()).default({}),
  /**
   * Where each placeholder's value comes from. {region}, {sibling}, {release}, {handover}, {package} and
   * {version} (the package's new version) need no entry; any other placeholder does, or the workspace
   * does not load.
   */
  values: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'a placeholder name such as deployment'), ValueSource).default({}),
  commands: z.array(CommandTemplate).default([]),
});
