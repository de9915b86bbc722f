import type { z } from 'zod';
import { WorkspaceMeta } from './schema/workspaceMeta';
import { RegionsFile } from './schema/regions';
import { PackagesFile } from './schema/packages';
import { RulesFile } from './schema/rules';
import { CommandsFile } from './schema/commands';
import { MetricsFile } from './schema/metrics';
import { RollbackFile } from './schema/rollback';
import { ReleasesFile } from './schema/releases';
import { Runbook } from './schema/runbooks';
import { parseSource } from './source';
import type { SourceFile } from './source';
import { schemaErrors } from './issues';
import { crossReferenceErrors } from './references';
import { spellRolesAsDeclared } from './roles';
import type { Workspace, WorkspaceError, WorkspaceLoadResult } from './workspace';

export interface WorkspaceFileText {
  /** Relative to the workspace folder, with "/" separators. */
  path: string;
  text: string;
}

const TOP_LEVEL = ['workspace.yaml', 'regions.yaml', 'packages.yaml', 'rules.yaml', 'commands.yaml', 'metrics.yaml', 'rollback.yaml', 'releases.yaml'] as const;
type TopLevelFile = (typeof TOP_LEVEL)[number];
const REQUIRED: TopLevelFile[] = ['regions.yaml', 'releases.yaml'];

export interface WorkspaceSources {
  files: Map<TopLevelFile, SourceFile>;
  runbooks: SourceFile[];
}

function isTopLevel(path: string): path is TopLevelFile {
  return (TOP_LEVEL as readonly string[]).includes(path);
}

function validated<S extends z.ZodType>(schema: S, source: SourceFile | undefined, errors: WorkspaceError[]): z.output<S> | null {
  const parsed = schema.safeParse(source?.data ?? {});
  if (parsed.success) return parsed.data;
  if (source) errors.push(...schemaErrors(source, parsed.error));
  return null;
}

/** Pure: parses and validates every file of a workspace; main reads the files, this decides. */
export function parseWorkspace(texts: readonly WorkspaceFileText[], fallbackName = 'workspace'): WorkspaceLoadResult {
  const errors: WorkspaceError[] = [];
  const sources: WorkspaceSources = { files: new Map(), runbooks: [] };
  for (const { path, text } of [...texts].sort((a, b) => a.path.localeCompare(b.path))) {
    const { source, errors: yamlErrors } = parseSource(path, text);
    errors.push(...yamlErrors);
    if (isTopLevel(path)) sources.files.set(path, source);
    else if (/^runbooks\/[^/]+\.yaml$/.test(path)) sources.runbooks.push(source);
    else errors.push({ file: path, line: 1, column: 1, message: `${path} is not a workspace file; expected one of ${TOP_LEVEL.join(', ')} or runbooks/*.yaml.` });
  }
  for (const required of REQUIRED) {
    if (!sources.files.has(required)) errors.push({ file: required, line: 1, column: 1, message: `The workspace has no ${required}; every workspace needs one.` });
  }
  if (errors.length) return { ok: false, errors };

  const file = (name: TopLevelFile) => sources.files.get(name);
  const meta = file('workspace.yaml') ? validated(WorkspaceMeta, file('workspace.yaml'), errors) : { name: fallbackName, roles: [] };
  const regions = validated(RegionsFile, file('regions.yaml'), errors);
  const packages = validated(PackagesFile, file('packages.yaml'), errors);
  const rules = validated(RulesFile, file('rules.yaml'), errors);
  const commands = validated(CommandsFile, file('commands.yaml'), errors);
  const metrics = validated(MetricsFile, file('metrics.yaml'), errors);
  const rollback = validated(RollbackFile, file('rollback.yaml'), errors);
  const releases = validated(ReleasesFile, file('releases.yaml'), errors);
  const runbooks = sources.runbooks.map((source) => validated(Runbook, source, errors));
  if (!meta || !regions || !packages || !rules || !commands || !metrics || !rollback || !releases || errors.length) {
    return { ok: false, errors };
  }

  const workspace: Workspace = {
    ...meta,
    regions: regions.regions,
    policies: packages.policies,
    packages: packages.packages,
    windows: rules.windows,
    freezes: rules.freezes,
    patterns: commands.patterns,
    values: commands.values,
    commands: commands.commands,
    metrics: metrics.metrics,
    baselineMaxAgeMinutes: metrics.baselineMaxAgeMinutes,
    rollbackCriteria: rollback.criteria,
    rollbackRoles: rollback.roles ?? null,
    recoveryMinutes: rollback.recoveryMinutes,
    ...(rollback.fixForward ? { fixForward: rollback.fixForward } : {}),
    releaseTypes: releases.releaseTypes,
    releases: releases.releases,
    handoverMoves: releases.handoverMoves,
    runbooks: runbooks.filter((runbook) => runbook !== null),
  };
  const referenceErrors = crossReferenceErrors(workspace, sources);
  if (referenceErrors.length) return { ok: false, errors: referenceErrors };
  spellRolesAsDeclared(workspace);
  return { ok: true, workspace };
}
