import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateGate } from '../../shared/rules/strictest';
import { indexWorkspace } from '../../shared/workspace/workspace';
import { describeCalendarStatus } from '../../shared/calendar/calendarStatus';
import { demoWorkspaceDir, loadWorkspace } from '../workspace/load';
import type { CalendarLoadOptions } from '../workspace/load';
import { CALENDAR_CACHE_FOLDER } from '../workspace/calendars';
import { checkStep } from './check-step';
import { parseInstant } from './instant';

export interface CheckIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = `usage: release-console check --region ID [--at ISO8601] [--workspace DIR] [--package NAME] [--release-type TYPE] [--window-only] [--json]
       release-console check --release R --step S [--region ID] [--at ISO8601] [--workspace DIR] [--data-dir D] [--rehearsal] [--json]

May a deployment step run in REGION at the given time (default: now)?
Every freeze applies whatever the flags. A flag left out means the strictest: without --release-type
every release type's windows apply and no freeze exception does; without --package every package
policy applies, with the region's own window. --window-only asks about the region's own window alone.
With --release and --step: may that step of the release (in REGION, for a per-region step) be done now,
with the release's recorded state in D (default ~/.release-console; --rehearsal reads the rehearsal with the latest start time)?
It is the answer the console gives, from the same decision.
Exit code: 0 allowed, 1 blocked, 2 bad input (with --json, a JSON {"error": …} on stdout).`;

const OPTIONS = {
  workspace: { type: 'string' },
  at: { type: 'string' },
  region: { type: 'string' },
  package: { type: 'string' },
  'release-type': { type: 'string' },
  'window-only': { type: 'boolean' },
  release: { type: 'string' },
  step: { type: 'string' },
  'data-dir': { type: 'string' },
  rehearsal: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseFlags(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false, tokens: true });
}

export function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

export function known(kind: string, value: string, ids: Iterable<string>): string {
  return `Unknown ${kind} "${value}"; the workspace has: ${[...ids].join(', ')}.`;
}

/** A repeated flag would silently keep its last value; a pipeline that passes two regions means neither. */
function repeatedFlags(tokens: ReadonlyArray<{ kind: string; name?: string; rawName?: string }>): string[] {
  const seen = new Map<string, number>();
  for (const token of tokens) if (token.kind === 'option' && token.name) seen.set(token.name, (seen.get(token.name) ?? 0) + 1);
  return [...seen].filter(([, count]) => count > 1).map(([name, count]) => `--${name} is given ${count} times; give it once.`);
}

/** `calendarOptions`: a test's local calendar server and moto keys; the CLI itself passes none. */
export async function runCheck(argv: string[], io: CheckIo, now: () => number = Date.now, calendarOptions: CalendarLoadOptions = {}): Promise<number> {
  // Decided before parsing, so a pipeline that asked for JSON gets JSON even when the flags are wrong.
  const json = argv.includes('--json');
  const badInput = (messages: string[], usage = false): number => {
    for (const message of messages) io.err(`release-console check: ${message}`);
    if (usage) io.err(USAGE);
    if (json) io.out(JSON.stringify({ error: messages.join(' ') }));
    return 2;
  };

  let values: ReturnType<typeof parseFlags>['values'];
  try {
    const parsed = parseFlags(argv);
    const repeated = repeatedFlags(parsed.tokens);
    if (repeated.length) return badInput(repeated);
    values = parsed.values;
  } catch (error) {
    return badInput([error instanceof Error ? error.message : String(error)], true);
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const forStep = values.release !== undefined || values.step !== undefined;
  if (forStep && (values.release === undefined || values.step === undefined)) return badInput(['--release and --step go together.'], true);
  if (!forStep && !values.region) return badInput(['--region is required.'], true);
  if (values['window-only'] && (values.package !== undefined || values['release-type'] !== undefined)) {
    return badInput(["--window-only asks about the region's own window alone; leave out --package and --release-type, or --window-only."]);
  }
  let at = now();
  if (values.at !== undefined) {
    const parsed = parseInstant('--at', values.at);
    if (!parsed.ok) return badInput([parsed.error]);
    at = parsed.at;
  }
  const dir = values.workspace ?? demoWorkspaceDir();
  const cacheDir = values['data-dir'] ? path.join(values['data-dir'], CALENDAR_CACHE_FOLDER) : undefined;
  const loaded = await loadWorkspace(dir, { now: at, ...(cacheDir ? { cacheDir } : {}), ...calendarOptions });
  if (!loaded.ok) {
    return badInput([`the workspace ${dir} could not be loaded:`, ...loaded.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`)]);
  }
  // A calendar that did not answer is said on stderr, with the age of the copy the answer used.
  for (const calendar of loaded.calendars) if (calendar.error) io.err(`release-console check: ${describeCalendarStatus(calendar, now())}`);
  const index = indexWorkspace(loaded.workspace);
  if (forStep) {
    return checkStep(loaded.workspace, { release: values.release!, step: values.step!, region: values.region ?? null, dataDir: values['data-dir'], workspaceDir: dir, isDemo: path.resolve(dir) === path.resolve(demoWorkspaceDir()), rehearsal: values.rehearsal === true, json, at }, io);
  }
  const region = values.region!;
  const problems = [
    !index.regions.has(region) && known('region', region, index.regions.keys()),
    values.package !== undefined && !index.packages.has(values.package) && known('package', values.package, index.packages.keys()),
    values['release-type'] !== undefined && !index.releaseTypes.has(values['release-type']) && known('release type', values['release-type'], index.releaseTypes.keys()),
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length) return badInput(problems);

  const { evaluation, assumed } = evaluateGate(loaded.workspace, { region, package: values.package, releaseType: values['release-type'], windowOnly: values['window-only'] }, at);
  // What was assumed for a missing flag comes first: a reader must see what the answer is an answer to.
  const result = evaluation.allowed
    ? { allowed: true, reasons: assumed, opensAt: null, closesAt: iso(evaluation.closesAt) }
    : { allowed: false, reasons: [...assumed, ...evaluation.reasons], opensAt: iso(evaluation.opensAt), closesAt: null };
  if (json) {
    io.out(JSON.stringify(result));
  } else {
    io.out(result.allowed
      ? `allowed: ${values.region} at ${new Date(at).toISOString()}${result.closesAt ? `; closes at ${result.closesAt}` : '; no closing time in the next week'}`
      : `blocked: ${values.region} at ${new Date(at).toISOString()}`);
    for (const reason of result.reasons) io.out(`  - ${reason}`);
    // The JSON keeps its four fields; the words also give the first instant every rule allows, when not today.
    const next = evaluation.allowed ? null : iso(evaluation.nextOpensAt);
    if (!result.allowed) io.out(result.opensAt ? `opens at ${result.opensAt}` : next ? `will not open today; next opening ${next}` : 'will not open today');
  }
  return result.allowed ? 0 : 1;
}
