import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { evaluateDeployment } from '../../shared/rules/evaluate';
import { indexWorkspace } from '../../shared/workspace/workspace';
import { demoWorkspaceDir, loadWorkspace } from '../workspace/load';
import { checkStep } from './check-step';

export interface CheckIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = `usage: release-console check --region ID [--at ISO8601] [--workspace DIR] [--package NAME] [--release-type TYPE] [--json]
       release-console check --release R --step S [--region ID] [--at ISO8601] [--workspace DIR] [--data-dir D] [--rehearsal] [--json]

May a deployment step run in REGION at the given time (default: now)?
Without --package and --release-type the region's own window applies alone; with them, the package's
policy, the release type's deployment windows and the freezes as well.
With --release and --step: may that step of the release (in REGION, for a per-region step) be done now,
with the release's recorded state in D (default ~/.release-console; --rehearsal reads the rehearsal's)?
It is the answer the console gives, from the same decision.
Exit code: 0 allowed, 1 blocked, 2 bad input.`;

/** Pipelines need an unambiguous instant: a time without an offset means different things on different runners. */
const HAS_OFFSET = /(Z|[+-][0-9]{2}(:?[0-9]{2})?)$/i;

function parseInstant(text: string): number | string {
  if (!HAS_OFFSET.test(text)) return `--at "${text}" has no time zone offset; write it like 2026-03-20T17:59:00Z or 2026-03-20T17:59:00+00:00.`;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : `--at "${text}" is not an ISO 8601 date and time (${parsed.invalidExplanation ?? parsed.invalidReason ?? 'unreadable'}).`;
}

export function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

export function known(kind: string, value: string, ids: Iterable<string>): string {
  return `Unknown ${kind} "${value}"; the workspace has: ${[...ids].join(', ')}.`;
}

export async function runCheck(argv: string[], io: CheckIo, now: () => number = Date.now): Promise<number> {
  let values: {
    workspace?: string | undefined;
    at?: string | undefined;
    region?: string | undefined;
    package?: string | undefined;
    'release-type'?: string | undefined;
    release?: string | undefined;
    step?: string | undefined;
    'data-dir'?: string | undefined;
    rehearsal?: boolean | undefined;
    json?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    values = parseArgs({
      args: argv,
      options: {
        workspace: { type: 'string' },
        at: { type: 'string' },
        region: { type: 'string' },
        package: { type: 'string' },
        'release-type': { type: 'string' },
        release: { type: 'string' },
        step: { type: 'string' },
        'data-dir': { type: 'string' },
        rehearsal: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    io.err(`release-console check: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const forStep = values.release !== undefined || values.step !== undefined;
  if (forStep && (values.release === undefined || values.step === undefined)) {
    io.err(`release-console check: --release and --step go together.\n${USAGE}`);
    return 2;
  }
  if (!forStep && !values.region) {
    io.err(`release-console check: --region is required.\n${USAGE}`);
    return 2;
  }
  const at = values.at === undefined ? now() : parseInstant(values.at);
  if (typeof at === 'string') {
    io.err(`release-console check: ${at}`);
    return 2;
  }
  const dir = values.workspace ?? demoWorkspaceDir();
  const loaded = await loadWorkspace(dir);
  if (!loaded.ok) {
    io.err(`release-console check: the workspace ${dir} could not be loaded:`);
    for (const e of loaded.errors) io.err(`${e.file}:${e.line}:${e.column}: ${e.message}`);
    return 2;
  }
  const index = indexWorkspace(loaded.workspace);
  if (forStep) {
    return checkStep(loaded.workspace, { release: values.release!, step: values.step!, region: values.region ?? null, dataDir: values['data-dir'], rehearsal: values.rehearsal === true, json: values.json === true, at }, io);
  }
  const region = values.region!;
  const problems = [
    !index.regions.has(region) && known('region', region, index.regions.keys()),
    values.package !== undefined && !index.packages.has(values.package) && known('package', values.package, index.packages.keys()),
    values['release-type'] !== undefined && !index.releaseTypes.has(values['release-type']) && known('release type', values['release-type'], index.releaseTypes.keys()),
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length) {
    for (const problem of problems) io.err(`release-console check: ${problem}`);
    return 2;
  }

  const evaluation = evaluateDeployment(loaded.workspace, { region, package: values.package, releaseType: values['release-type'] }, at);
  const result = evaluation.allowed
    ? { allowed: true, reasons: [] as string[], opensAt: null, closesAt: iso(evaluation.closesAt) }
    : { allowed: false, reasons: evaluation.reasons, opensAt: iso(evaluation.opensAt), closesAt: null };
  if (values.json) {
    io.out(JSON.stringify(result));
  } else if (result.allowed) {
    io.out(`allowed: ${region} at ${new Date(at).toISOString()}${result.closesAt ? `; closes at ${result.closesAt}` : '; no closing time in the next week'}`);
  } else {
    io.out(`blocked: ${region} at ${new Date(at).toISOString()}`);
    for (const reason of result.reasons) io.out(`  - ${reason}`);
    io.out(result.opensAt ? `opens at ${result.opensAt}` : 'will not open today');
  }
  return result.allowed ? 0 : 1;
}
