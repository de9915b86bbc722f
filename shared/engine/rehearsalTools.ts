import { describeArgv } from '../terminal/argv';
import type { CommandTemplate } from '../workspace/workspace';

/**
 * Issue 16: a rehearsal never touches production. Its clock is simulated, but a workspace's `deploy` and
 * `maintenance` are real; so in a rehearsal only a command the workspace declares rehearsal-safe (a
 * simulated tool, like the demo's) runs. Any other is withheld: logged as "would run" with its argv, and
 * its declared effect applied so the walk goes on. An unknown command is withheld too: nothing runs by
 * default.
 */
export function isWithheldInRehearsal(template: Pick<CommandTemplate, 'rehearsalSafe'> | undefined, rehearsal: boolean): boolean {
  return rehearsal && template?.rehearsalSafe !== true;
}

/** What the step's terminal and its record say instead of running the command. */
export function wouldRunLine(argv: readonly string[]): string {
  return `Rehearsal: would run ${describeArgv(argv)}, not run`;
}
