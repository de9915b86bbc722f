import { commandValues, fillCommandTemplate } from '../workspace/commandTemplate';
import type { ValueContext } from '../workspace/commandTemplate';
import type { Handover, HandoverPackage, Release, Step, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { stepPackages } from '../engine/stepPackages';
import { needsMaintenance } from '../rules/evaluate';
import { isFailed } from '../handover/status';

export interface StepRun {
  argv: string[];
  /** The values the template was filled with: what a deploy or rollback leaves running where. */
  values: Readonly<Record<string, string | undefined>>;
}

export type StepCommands = { ok: true; commandId: string; runs: StepRun[] } | { ok: false; error: string };

/**
 * The argv lines a command step runs in one region: its template filled once, or once per package or
 * handover of the release, each placeholder from where commands.yaml's `values` says (issue 17). Every
 * value is checked against the workspace's patterns; a value that fails refuses the whole step before
 * anything runs.
 */
export function stepCommands(workspace: Workspace, release: Release, step: Step, regionId: string | null): StepCommands {
  if (step.kind !== 'command') return { ok: true, commandId: '', runs: [] };
  const index = indexWorkspace(workspace);
  const template = index.commands.get(step.command);
  if (!template) return { ok: false, error: `The step "${step.title}" names a command "${step.command}" that the workspace does not define.` };
  // Seed 000: maintenance mode only where a package in the release needs it; CAI "Not required" ones do not.
  if (step.onlyWhereMaintenanceNeeded && !stepPackages(workspace, release, step).some((name) => { const pkg = index.packages.get(name); return pkg !== undefined && needsMaintenance(pkg, workspace); })) {
    return { ok: true, commandId: template.id, runs: [] };
  }
  const region = regionId ? index.regions.get(regionId) : undefined;
  const liveHandovers = release.handovers.filter((ho) => !isFailed(ho.status));
  const contexts: ValueContext[] = [];
  const base = { release, region, step };
  if (step.forEach === 'package') {
    const versions = new Map<string, { version: HandoverPackage; handover: Handover }>();
    for (const ho of liveHandovers) for (const pkg of ho.packages) versions.set(pkg.name, { version: pkg, handover: ho });
    for (const name of stepPackages(workspace, release, step)) {
      const definition = index.packages.get(name);
      const found = versions.get(name);
      contexts.push({ ...base, handover: found?.handover, package: { definition, version: found?.version ?? { name, isNew: false } } });
    }
  } else if (step.forEach === 'handover') {
    for (const ho of liveHandovers) contexts.push({ ...base, handover: ho });
  } else {
    contexts.push({ ...base, handover: liveHandovers[0] });
  }
  const valueSets = contexts.map((context) => ({
    region: regionId ?? undefined,
    sibling: region?.sibling,
    release: release.id,
    handover: context.handover?.id,
    package: context.package?.version?.name,
    version: context.package?.version?.newVersion,
    ...commandValues(workspace, template.argv, context),
  }));
  const runs: StepRun[] = [];
  for (const values of valueSets) {
    const filled = fillCommandTemplate(template.argv, values, workspace.patterns);
    if (!filled.ok) return { ok: false, error: `${step.title}: ${filled.error}` };
    runs.push({ argv: filled.argv, values });
  }
  return { ok: true, commandId: template.id, runs };
}
