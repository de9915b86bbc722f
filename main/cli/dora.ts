import path from 'node:path';
import { parseArgs } from 'node:util';
import { deliveryReport, periodProblem, type DeliveryReport } from '../../shared/delivery/report';
import { ENVIRONMENTS, type DeliveryFacts, type Environment } from '../../shared/delivery/facts';
import { systemClock } from '../../shared/clock';
import { logPartitionKey, sharedChainId } from '../../shared/team/sharing';
import { indexWorkspace } from '../../shared/workspace/workspace';
import { liveLogFile, readDeliveryFacts, readSharedDeliveryFacts } from '../delivery/log-facts';
import { openTeamLog } from '../team/shared-store';
import type { LogHead } from '../team/dynamo-log';
import { workspaceDataFolder } from '../workspace/data-folder';
import { demoWorkspaceDir, loadWorkspace } from '../workspace/load';
import type { CheckIo } from './check';
import { known } from './check';
import { parseInstant } from './instant';

const USAGE = `usage: release-console dora --since DATE [--until DATE] [--workspace DIR] [--data-dir D] [--local] [--package NAME] [--environment production|staging] [--json]

The delivery metrics (seed 001's table: deployment frequency, lead time for changes, deployment failure
rate, mean time to recovery, change failure rate) of the workspace's live release log over a period,
rehearsals excluded: the numbers the console's Delivery screen shows and exports.
DATE is 2026-01-01 (midnight UTC) or an ISO 8601 instant with an offset; --until defaults to now and is
exclusive. When the workspace names a sharedStore, the team's shared log is read from DynamoDB with the
store's profile (its chain checked); --local reads this desk's copy in D instead. D is the workspace's
data folder (default: the console's own, under ~/.release-console). Which log was read goes to stderr,
and to "source" in the JSON.
Exit code: 0 printed, 1 the shared store refused or could not be reached, 2 bad input or an unreadable
log (with --json, a JSON {"error": …} on stdout).`;

const OPTIONS = {
  workspace: { type: 'string' },
  'data-dir': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  package: { type: 'string' },
  environment: { type: 'string' },
  local: { type: 'boolean' },
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
  const badInput = (messages: string[], usage = false, code = 2): number => {
    for (const message of messages) io.err(`release-console dora: ${message}`);
    if (usage) io.err(USAGE);
    if (json) io.out(JSON.stringify({ error: messages.join(' ') }));
    return code;
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

  const store = values.local ? undefined : loaded.workspace.sharedStore;
  let facts: DeliveryFacts;
  let source: DoraSource;
  if (store) {
    // The live chain only: a rehearsal shares a chain of its own (sharedChainId), so drills never count.
    const chain = sharedChainId(loaded.workspace, false);
    const team = openTeamLog(store, chain, systemClock());
    const where = `table ${store.table} (${store.region}, chain ${logPartitionKey(chain)})`;
    try {
      const read = await readSharedDeliveryFacts(team.log, where);
      if ('error' in read) return badInput([read.error]);
      facts = read.facts;
      source = { kind: 'shared store', table: store.table, region: store.region, chain: logPartitionKey(chain), head: read.head };
    } catch (error) {
      return badInput([`the shared store's ${where} could not be read with profile ${store.profile}: ${error instanceof Error ? error.message : String(error)}`], false, 1);
    } finally {
      team.close();
    }
  } else {
    const dataFolder = values['data-dir'] ?? workspaceDataFolder(loaded.workspace, dir, path.resolve(dir) === path.resolve(demoWorkspaceDir()));
    const read = await readDeliveryFacts(dataFolder);
    if ('error' in read) return badInput([read.error]);
    facts = read;
    source = { kind: 'local log', file: liveLogFile(dataFolder) };
  }
  io.err(`release-console dora: read ${sourceLine(source)}`);
  const report = deliveryReport(facts, { environment: environment as Environment, package: values.package ?? null, since: (since as { at: number }).at, until: (until as { at: number }).at }, loaded.workspace.delivery);
  if (json) io.out(JSON.stringify({ ...report, source }));
  else for (const line of reportLines(loaded.workspace.name, report)) io.out(line);
  return 0;
}

/** Which log the numbers were counted from: the team's shared chain, or one desk's copy of it. */
export type DoraSource = { kind: 'shared store'; table: string; region: string; chain: string; head: LogHead } | { kind: 'local log'; file: string };

function sourceLine(source: DoraSource): string {
  return source.kind === 'local log' ? `the local log ${source.file}` : `the shared store's table ${source.table} (${source.region}), chain ${source.chain}, up to seq ${source.head.seq}`;
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
