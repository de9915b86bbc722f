import path from 'node:path';
import { parseArgs } from 'node:util';
import { deliveryReport, periodProblem, type DeliveryReport } from '../../shared/delivery/report';
import { ENVIRONMENTS, type Environment } from '../../shared/delivery/facts';
import { indexWorkspace } from '../../shared/workspace/workspace';
import { readDeliveryFacts } from '../delivery/log-facts';
import { workspaceDataFolder } from '../workspace/data-folder';
import { demoWorkspaceDir, loadWorkspace } from '../workspace/load';
import type { CheckIo } from './check';
import { known } from './check';
import { parseInstant } from './instant';

const USAGE = `usage: release-console dora --since DATE [--until DATE] [--workspace DIR] [--data-dir D] [--package NAME] [--environment production|staging] [--json]

The delivery metrics (seed 001's table: deployment frequency, lead time for changes, deployment failure
rate, mean time to recovery, change failure rate) of the workspace's live release log over a period,
rehearsals excluded: the numbers the console's Delivery screen shows and exports.
DATE is 2026-01-01 (midnight UTC) or an ISO 8601 instant with an offset; --until defaults to now and is
exclusive. D is the workspace's data folder (default: the console's own, under ~/.release-console).
Exit code: 0 printed, 2 bad input or an unreadable log (with --json, a JSON {"error": …} on stdout).`;

const OPTIONS = {
  workspace: { type: 'string' },
  'data-dir': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  package: { type: 'string' },
  environment: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A bare date is that day's midnight UTC, so `--since 2026-01-01` means the same on every machine. */
function parseDay(flag: string, text: string): { ok: true; at: number } | { ok: false; error: string } {
  if (!DATE.test(text)) return parseInstant(flag, text);
  const parsed = parseInstant(flag, `${text}T00:00:00Z`);
  return parsed.ok ? parsed : { ok: false, error: `${flag} "${text}" is not a calendar date written YYYY-MM-DD.` };
}

export async function runDora(argv: string[], io: CheckIo, now: () => number = Date.now): Promise<number> {
  const json = argv.includes('--json');
  const badInput = (messages: string[], usage = false): number => {
    for (const message of messages) io.err(`release-console dora: ${message}`);
    if (usage) io.err(USAGE);
    if (json) io.out(JSON.stringify({ error: messages.join(' ') }));
    return 2;
  };
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true; allowPositionals: false }>>['values'];
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return badInput([error instanceof Error ? error.message : String(error)], true);
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.since === undefined) return badInput(['--since is required: the first day of the period, like 2026-01-01.'], true);
  const since = parseDay('--since', values.since);
  const until = values.until === undefined ? { ok: true as const, at: now() } : parseDay('--until', values.until);
  const problems = [!since.ok && since.error, !until.ok && until.error].filter((p): p is string => typeof p === 'string');
  if (problems.length) return badInput(problems);
  if (since.ok && until.ok && until.at <= since.at) return badInput([`--until (${new Date(until.at).toISOString()}) must be after --since (${new Date(since.at).toISOString()}).`]);
  const tooLong = since.ok && until.ok ? periodProblem(since.at, until.at) : null;
  if (tooLong) return badInput([tooLong]);
  const environment = values.environment ?? 'production';
  if (!ENVIRONMENTS.includes(environment as Environment)) return badInput([`--environment "${environment}" is not one; use ${ENVIRONMENTS.join(' or ')}.`]);

  const dir = values.workspace ?? demoWorkspaceDir();
  const loaded = await loadWorkspace(dir);
  if (!loaded.ok) return badInput([`the workspace ${dir} could not be loaded:`, ...loaded.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`)]);
  const index = indexWorkspace(loaded.workspace);
  if (values.package !== undefined && !index.packages.has(values.package)) return badInput([known('package', values.package, index.packages.keys())]);

  const dataFolder = values['data-dir'] ?? workspaceDataFolder(loaded.workspace, dir, path.resolve(dir) === path.resolve(demoWorkspaceDir()));
  const facts = await readDeliveryFacts(dataFolder);
  if ('error' in facts) return badInput([facts.error]);
  const report = deliveryReport(facts, { environment: environment as Environment, package: values.package ?? null, since: (since as { at: number }).at, until: (until as { at: number }).at }, loaded.workspace.delivery);
  if (json) io.out(JSON.stringify(report));
  else for (const line of reportLines(loaded.workspace.name, report)) io.out(line);
  return 0;
}

const STATUS_WORDS: Record<DeliveryReport['metrics'][number]['status'], string> = {
  target: 'meets its target',
  threshold: 'within its threshold',
  beyond: 'BEYOND ITS THRESHOLD',
  'no goal': 'no goal set',
  'no data': 'nothing to count',
};

function reportLines(workspace: string, report: DeliveryReport): string[] {
  const { counts } = report;
  return [
    `${workspace}, ${report.environment}${report.package ? `, package ${report.package}` : ''}: ${report.since} to ${report.until}`,
    `${counts.deployments} deployments, ${counts.failedChanges} failed changes, ${counts.failedRollouts} failed rollouts, ${counts.restores} restores`,
    ...report.metrics.map((m) => {
      const goal = m.target === null ? '' : ` (target ${m.target}, threshold ${m.threshold})`;
      return `  ${m.label}: ${m.value === null ? '-' : `${m.value} ${m.unit}`}${goal}: ${STATUS_WORDS[m.status]}`;
    }),
  ];
}
