import { parseArgs } from 'node:util';
import { exportCalendar } from '../../shared/calendar/ics';
import { DEFAULT_EXPORT_WEEKS, MAX_EXPORT_WEEKS } from '../../shared/calendar/lanes';
import { demoWorkspaceDir, loadWorkspace } from '../workspace/load';
import { parseInstant } from './instant';

export interface CalendarIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = `usage: release-console calendar [--workspace DIR] [--weeks N] [--at ISO8601]

Prints the workspace's deployment windows and freezes of the coming N weeks (default ${DEFAULT_EXPORT_WEEKS}, at most
${MAX_EXPORT_WEEKS}) as an iCalendar (.ics) document, the same as the Release board's "Export calendar (.ics)":
for a job that publishes it where the team's calendars subscribe. --at: from that instant's day, not today's.
Exit code: 0 printed, 2 bad input.`;

/** Issue 19: the board's .ics export for pipelines and desktops without browser mode's /calendar.ics. */
export async function runCalendar(argv: string[], io: CalendarIo, now: () => number = Date.now): Promise<number> {
  let values: { workspace?: string | undefined; weeks?: string | undefined; at?: string | undefined; help?: boolean | undefined };
  try {
    values = parseArgs({ args: argv, options: { workspace: { type: 'string' }, weeks: { type: 'string' }, at: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.err(`release-console calendar: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const weeks = values.weeks === undefined ? DEFAULT_EXPORT_WEEKS : Number(values.weeks);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_EXPORT_WEEKS) {
    io.err(`release-console calendar: --weeks "${values.weeks}" is not a whole number from 1 to ${MAX_EXPORT_WEEKS}.`);
    return 2;
  }
  let at = now();
  if (values.at !== undefined) {
    const parsed = parseInstant('--at', values.at);
    if (!parsed.ok) {
      io.err(`release-console calendar: ${parsed.error}`);
      return 2;
    }
    at = parsed.at;
  }
  const dir = values.workspace ?? demoWorkspaceDir();
  const loaded = await loadWorkspace(dir);
  if (!loaded.ok) {
    io.err(`release-console calendar: the workspace ${dir} could not be loaded:`);
    for (const error of loaded.errors) io.err(`${error.file}:${error.line}:${error.column}: ${error.message}`);
    return 2;
  }
  io.out(exportCalendar(loaded.workspace, at, weeks).content);
  return 0;
}
