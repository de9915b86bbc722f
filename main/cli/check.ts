import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { evaluateDeployment } from '../../shared/rules/evaluate';
import { indexWorkspace } from '../../shared/workspace/workspace';
import { demoWorkspaceDir, loadWorkspace } from '../workspace/load';

export interface CheckIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = `usage: release-console check --region ID [--at ISO8601] [--workspace DIR] [--package NAME] [--release-type TYPE] [--json]

May a deployment step run in REGION at the given time (default: now)?
Without --package and --release-type the region's own window applies alone; with them, the package's
policy, the release type's deployment windows and the freezes as well.
Exit code: 0 allowed, 1 blocked, 2 bad input.`;

/** Pipelines need an unambiguous instant: a time without an offset means different things on different runners. */
const HAS_OFFSET = /(Z|[+-][0-9]{2}(:?[0-9]{2})?)$/i;

function parseInstant(text: string): number | string {
  if (!HAS_OFFSET.test(text)) return `--at "${text}" has no time zone offset; write it like 2026-03-20T17:59:00Z or 2026-03-20T17:59:00+00:00.`;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : `--at "${text}" is not an ISO 8601 date and time (${parsed.invalidExplanation ?? parsed.invalidReason ?? 'unreadable'}).`;
}

function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

function known(kind: string, value: string, ids: Iterable<string>): string {
  return `Unknown ${kind} "${value}"; the workspace has: ${[...ids].join(', ')}.`;
}

export async function runCheck(argv: string[], io: CheckIo, now: () => number = Date.now): Promise<number> {
  let values: { workspace?: string | undefined; at?: string | undefined; region?: string | undefined; package?: string | undefined; 'release-type'?: string | undefined; json?: boolean | undefined; help?: boolean | undefined };
  try {
    values = parseArgs({
      args: argv,
      options: {
        workspace: { type: 'string' },
        at: { type: 'string' },
        region: { type: 'string' },
        package: { type: 'string' },
        'release-type': { type: 'string' },
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
  if (!values.region) {
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
  const problems = [
    !index.regions.has(values.region) && known('region', values.region, index.regions.keys()),
    values.package !== undefined && !index.packages.has(values.package) && known('package', values.package, index.packages.keys()),
    values['release-type'] !== undefined && !index.releaseTypes.has(values['release-type']) && known('release type', values['release-type'], index.releaseTypes.keys()),
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length) {
    for (const problem of problems) io.err(`release-console check: ${problem}`);
    return 2;
  }

  const evaluation = evaluateDeployment(loaded.workspace, { region: values.region, package: values.package, releaseType: values['release-type'] }, at);
  const result = evaluation.allowed
    ? { allowed: true, reasons: [] as string[], opensAt: null, closesAt: iso(evaluation.closesAt) }
    : { allowed: false, reasons: evaluation.reasons, opensAt: iso(evaluation.opensAt), closesAt: null };
  if (values.json) {
    io.out(JSON.stringify(result));
  } else if (result.allowed) {
    io.out(`allowed: ${values.region} at ${new Date(at).toISOString()}${result.closesAt ? `; closes at ${result.closesAt}` : '; no closing time in the next week'}`);
  } else {
    io.out(`blocked: ${values.region} at ${new Date(at).toISOString()}`);
    for (const reason of result.reasons) io.out(`  - ${reason}`);
    io.out(result.opensAt ? `opens at ${result.opensAt}` : 'will not open today');
  }
  return result.allowed ? 0 : 1;
}
