import { HANDOVER_STATUSES } from './schema/releases';
import { EMBEDDED_PLACEHOLDER, PLACEHOLDER } from './schema/commands';
import { compilePattern } from './pattern';
import { firstControlOrHidden } from '../terminal/neutralise';
import type { SourceFile, YamlPath } from './source';
import type { WorkspaceSources } from './parse';
import type { Workspace, WorkspaceError } from './workspace';
import { checkProbes } from './probeReferences';
import { checkCommandValues } from './valueReferences';
import { strategyProblems } from '../release/strategy';
import { checkRoles, declaredRole } from './roles';
import { ROLLBACK_MOVES } from '../rollback/plan';
import { mayMoveHandoverTo } from '../engine/handoverMoves';

/** The timing ref a step uses for "the region's own timing policy" (seed 000's regional table). */
export const REGION_TIMING = 'region';

type Report = (source: SourceFile | undefined, path: YamlPath, message: string) => void;

function duplicates<T>(items: readonly T[], key: (item: T) => string, report: (index: number, id: string) => void): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const id = key(item);
    if (seen.has(id)) report(index, id);
    seen.add(id);
  });
}

function checkRulesAndRegions(ws: Workspace, sources: WorkspaceSources, report: Report): void {
  const regionsFile = sources.files.get('regions.yaml');
  const rulesFile = sources.files.get('rules.yaml');
  const regionIds = new Set(ws.regions.map((r) => r.id));
  const windowIds = new Set(ws.windows.map((w) => w.id));
  const typeIds = new Set(ws.releaseTypes.map((t) => t.id));
  duplicates(ws.regions, (r) => r.id, (i, id) => report(regionsFile, ['regions', i, 'id'], `Region id "${id}" is used twice; region ids must be unique`));
  ws.regions.forEach((region, i) => {
    if (region.sibling !== undefined && !regionIds.has(region.sibling)) report(regionsFile, ['regions', i, 'sibling'], `Region ${region.id} names sibling "${region.sibling}", which is not a region in regions.yaml`);
    if (region.sibling === region.id) report(regionsFile, ['regions', i, 'sibling'], `Region ${region.id} cannot fail over to itself during maintenance mode`);
    if (region.timing !== undefined && !windowIds.has(region.timing)) report(regionsFile, ['regions', i, 'timing'], `Region ${region.id} uses timing "${region.timing}", which is not a window in rules.yaml`);
  });
  duplicates([...ws.windows, ...ws.freezes], (r) => r.id, (i, id) => {
    const isWindow = i < ws.windows.length;
    report(rulesFile, isWindow ? ['windows', i, 'id'] : ['freezes', i - ws.windows.length, 'id'], `Rule id "${id}" is used twice; window and freeze ids must be unique`);
  });
  ws.windows.forEach((window, i) => {
    if (window.start >= window.end) report(rulesFile, ['windows', i, 'end'], `Window ${window.id} ends at ${window.end}, not after its start ${window.start}; split a window that crosses midnight in two`);
    window.override?.releaseTypes?.forEach((type, j) => {
      if (!typeIds.has(type)) report(rulesFile, ['windows', i, 'override', 'releaseTypes', j], `Window ${window.id} lets release type "${type}" override it, but releases.yaml has no such release type`);
    });
  });
  ws.freezes.forEach((freeze, i) => {
    freeze.periods.forEach((period, j) => {
      if ((period.kind === 'weekly') && period.start >= period.end) report(rulesFile, ['freezes', i, 'periods', j, 'end'], `Freeze ${freeze.id} ends at ${period.end}, not after its start ${period.start}`);
      if (period.kind === 'interval' && period.start !== null && period.end !== null && Date.parse(period.end) <= Date.parse(period.start)) report(rulesFile, ['freezes', i, 'periods', j, 'end'], `Freeze ${freeze.id} ends at ${period.end}, not after its start ${period.start}`);
      if (period.kind === 'dates' && period.from > period.to) report(rulesFile, ['freezes', i, 'periods', j, 'to'], `Freeze ${freeze.id} ends on ${period.to}, before it starts on ${period.from}`);
    });
    const ssm = freeze.calendar && 'ssm' in freeze.calendar ? freeze.calendar.ssm : null;
    if (ssm && !ssm.region && !ws.sharedStore) report(rulesFile, ['freezes', i, 'calendar', 'ssm'], `Freeze ${freeze.id} reads the SSM Change Calendar ${ssm.document} but names no AWS region; give calendar.ssm.region (or a sharedStore in workspace.yaml, whose region it then uses)`);
    freeze.exceptions.forEach((exception, j) => {
      if (!typeIds.has(exception.releaseType)) report(rulesFile, ['freezes', i, 'exceptions', j, 'releaseType'], `Freeze ${freeze.id} exempts release type "${exception.releaseType}", but releases.yaml has no such release type`);
    });
  });
}

function checkPackagesCommandsMetrics(ws: Workspace, sources: WorkspaceSources, report: Report): void {
  const packagesFile = sources.files.get('packages.yaml');
  const commandsFile = sources.files.get('commands.yaml');
  const metricsFile = sources.files.get('metrics.yaml');
  const windowIds = new Set(ws.windows.map((w) => w.id));
  const policyIds = new Set(ws.policies.map((p) => p.id));
  const metricIds = new Set(ws.metrics.map((m) => m.id));
  duplicates(ws.policies, (p) => p.id, (i, id) => report(packagesFile, ['policies', i, 'id'], `Package policy "${id}" is defined twice`));
  duplicates(ws.packages, (p) => p.name, (i, id) => report(packagesFile, ['packages', i, 'name'], `Package "${id}" is listed twice`));
  ws.policies.forEach((policy, i) => policy.windows.forEach((w, j) => {
    if (!windowIds.has(w)) report(packagesFile, ['policies', i, 'windows', j], `Package policy ${policy.id} uses window "${w}", which is not a window in rules.yaml`);
  }));
  ws.packages.forEach((pkg, i) => {
    if (!policyIds.has(pkg.policy)) report(packagesFile, ['packages', i, 'policy'], `Package ${pkg.name} uses policy "${pkg.policy}", which is not a policy in packages.yaml`);
  });
  Object.entries(ws.patterns).forEach(([name, pattern]) => {
    const compiled = compilePattern(pattern);
    // RE2 has no backreferences or lookaround, so such a pattern is refused here rather than when a step runs.
    if (!compiled.ok) report(commandsFile, ['patterns', name], `Pattern "${name}" is not a regular expression RE2 can match in linear time (${compiled.error}); backreferences and lookaround are not supported`);
  });
  duplicates(ws.commands, (c) => c.id, (i, id) => report(commandsFile, ['commands', i, 'id'], `Command "${id}" is defined twice`));
  ws.commands.forEach((command, i) => command.argv.forEach((entry, j) => {
    const placeholder = PLACEHOLDER.exec(entry);
    if (placeholder?.[1] !== undefined) {
      if (ws.patterns[placeholder[1]] === undefined) report(commandsFile, ['commands', i, 'argv', j], `Command ${command.id} uses {${placeholder[1]}}, but patterns has no "${placeholder[1]}" to validate its values`);
    } else if (EMBEDDED_PLACEHOLDER.test(entry)) {
      report(commandsFile, ['commands', i, 'argv', j], `Command ${command.id} argv entry "${entry}" mixes a placeholder with text; a placeholder must be a whole argv entry`);
    } else {
      // A command line must read as what runs: no control characters and no invisible ones (a U+202E reorders it).
      const hidden = firstControlOrHidden(entry);
      if (hidden !== null) report(commandsFile, ['commands', i, 'argv', j], `Command ${command.id} argv entry ${j} contains the control or invisible character ${hidden}; write it out visibly`);
    }
  }));
  duplicates(ws.metrics, (m) => m.id, (i, id) => report(metricsFile, ['metrics', i, 'id'], `Metric "${id}" is defined twice`));
  ws.metrics.forEach((metric, i) => metric.inputs?.forEach((input, j) => {
    if (!metricIds.has(input)) report(metricsFile, ['metrics', i, 'inputs', j], `Metric ${metric.id} reads "${input}", which is not a metric in metrics.yaml`);
  }));
  ws.rollbackCriteria.forEach((criterion, i) => {
    if (!metricIds.has(criterion.metric)) report(sources.files.get('rollback.yaml'), ['criteria', i, 'metric'], `Rollback criterion ${criterion.id} watches "${criterion.metric}", which is not a metric in metrics.yaml`);
  });
}

function checkReleases(ws: Workspace, sources: WorkspaceSources, report: Report): void {
  const file = sources.files.get('releases.yaml');
  const windowIds = new Set(ws.windows.map((w) => w.id));
  const typeIds = new Set(ws.releaseTypes.map((t) => t.id));
  const runbookIds = new Set(ws.runbooks.map((r) => r.id));
  const packageNames = new Set(ws.packages.map((p) => p.name));
  duplicates(ws.releaseTypes, (t) => t.id, (i, id) => report(file, ['releaseTypes', i, 'id'], `Release type "${id}" is defined twice`));
  ws.releaseTypes.forEach((type, i) => type.deploymentWindows?.forEach((ref, j) => {
    if (!windowIds.has(ref.window)) report(file, ['releaseTypes', i, 'deploymentWindows', j, 'window'], `Release type ${type.id} uses window "${ref.window}", which is not a window in rules.yaml`);
  }));
  duplicates(ws.releases, (r) => r.id, (i, id) => report(file, ['releases', i, 'id'], `Release "${id}" is defined twice`));
  // Two entries for one status would leave the console to pick whose word counts.
  duplicates(ws.handoverMoves ?? [], (m) => m.to, (i, to) => report(file, ['handoverMoves', i, 'to'], `Who may move a handover to "${to}" is declared twice; declare each status once`));
  const handoverIds = new Set<string>();
  ws.releases.forEach((release, i) => {
    if (!typeIds.has(release.type)) report(file, ['releases', i, 'type'], `Release ${release.id} has type "${release.type}", which is not a release type`);
    if (!runbookIds.has(release.runbook)) report(file, ['releases', i, 'runbook'], `Release ${release.id} follows runbook "${release.runbook}", which is not in runbooks/`);
    release.handovers.forEach((ho, j) => {
      if (handoverIds.has(ho.id)) report(file, ['releases', i, 'handovers', j, 'id'], `Handover ${ho.id} appears twice; an HO belongs to one release`);
      handoverIds.add(ho.id);
      ho.packages.forEach((pkg, k) => {
        if (!packageNames.has(pkg.name)) report(file, ['releases', i, 'handovers', j, 'packages', k, 'name'], `Handover ${ho.id} lists package "${pkg.name}", which is not in packages.yaml`);
      });
    });
  });
  // Issue 19: a fix forward lands through the handover it names; a typo would leave the incident waiting for a fix that never comes.
  ws.releases.forEach((release, i) => release.handovers.forEach((ho, j) => {
    if (ho.fixes === undefined) return;
    if (ho.fixes === ho.id) report(file, ['releases', i, 'handovers', j, 'fixes'], `Handover ${ho.id} cannot fix itself; name the handover whose incident it fixes`);
    else if (!handoverIds.has(ho.fixes)) report(file, ['releases', i, 'handovers', j, 'fixes'], `Handover ${ho.id} fixes "${ho.fixes}", which is not a handover in releases.yaml`);
  }));
}

function checkRunbooks(ws: Workspace, sources: WorkspaceSources, report: Report): void {
  const regionIds = new Set(ws.regions.map((r) => r.id));
  const windowIds = new Set(ws.windows.map((w) => w.id));
  const commandIds = new Set(ws.commands.map((c) => c.id));
  const policyIds = new Set(ws.policies.map((p) => p.id));
  const metricIds = new Set(ws.metrics.map((m) => m.id));
  const criterionIds = new Set(ws.rollbackCriteria.map((c) => c.id));
  const typeIds = new Set(ws.releaseTypes.map((t) => t.id));
  duplicates(ws.runbooks, (r) => r.id, (i, id) => report(sources.runbooks[i], ['id'], `Runbook "${id}" is defined twice`));
  ws.runbooks.forEach((runbook, r) => {
    const source = sources.runbooks[r];
    const kinds = new Map<string, string>();
    runbook.releaseTypes.forEach((type, i) => {
      if (!typeIds.has(type)) report(source, ['releaseTypes', i], `Runbook ${runbook.id} is for release type "${type}", which is not a release type`);
    });
    runbook.gates.forEach((gate, g) => gate.steps.forEach((step, s) => {
      const at = (...rest: YamlPath) => ['gates', g, 'steps', s, ...rest];
      if (kinds.has(step.id)) report(source, at('id'), `Step id "${step.id}" is used twice in runbook ${runbook.id}; step ids must not overlap`);
      kinds.set(step.id, step.kind);
    }));
    runbook.gates.forEach((gate, g) => {
      if (gate.requiresHandoverStatus !== undefined && !(HANDOVER_STATUSES as readonly string[]).includes(gate.requiresHandoverStatus)) {
        report(source, ['gates', g, 'requiresHandoverStatus'], `Gate ${gate.id} requires status "${gate.requiresHandoverStatus}", which is not a handover status (${HANDOVER_STATUSES.join(', ')})`);
      }
      if (gate.movesHandoversTo !== undefined && !(HANDOVER_STATUSES as readonly string[]).includes(gate.movesHandoversTo)) {
        report(source, ['gates', g, 'movesHandoversTo'], `Gate ${gate.id} moves handovers to "${gate.movesHandoversTo}", which is not a handover status (${HANDOVER_STATUSES.join(', ')})`);
      }
      gate.steps.forEach((step, s) => {
        const at = (...rest: YamlPath) => ['gates', g, 'steps', s, ...rest];
        if (step.regions) {
          const ids = step.regions.ids;
          if (ids !== 'all') ids.forEach((id, i) => {
            if (!regionIds.has(id)) report(source, at('regions', 'ids', i), `Step ${step.id} runs in region "${id}", which is not a region in regions.yaml`);
          });
          if (step.regions.scope === 'one' && (ids === 'all' || ids.length !== 1)) report(source, at('regions'), `Step ${step.id} has scope "one" and must name exactly one region`);
        }
        step.after.forEach((prerequisite, i) => {
          if (!kinds.has(prerequisite)) report(source, at('after', i), `Step ${step.id} waits for "${prerequisite}", which is not a step of runbook ${runbook.id}`);
          if (prerequisite === step.id) report(source, at('after', i), `Step ${step.id} cannot wait for itself`);
        });
        step.timing.forEach((ref, i) => {
          if (ref !== REGION_TIMING && !windowIds.has(ref)) report(source, at('timing', i), `Step ${step.id} uses timing "${ref}", which is neither "region" nor a window in rules.yaml`);
        });
        step.policies?.forEach((policy, i) => {
          if (!policyIds.has(policy)) report(source, at('policies', i), `Step ${step.id} deploys packages of policy "${policy}", which is not a package policy in packages.yaml`);
        });
        if (step.kind === 'command' && !commandIds.has(step.command)) report(source, at('command'), `Step ${step.id} runs command "${step.command}", which is not in commands.yaml`);
        if (step.kind === 'baseline') step.metrics.forEach((m, i) => {
          if (!metricIds.has(m)) report(source, at('metrics', i), `Step ${step.id} captures metric "${m}", which is not in metrics.yaml`);
        });
        if (step.kind === 'metricGate') {
          if (kinds.get(step.baseline) !== 'baseline') report(source, at('baseline'), `Step ${step.id} compares against "${step.baseline}", which is not a baseline step of runbook ${runbook.id}`);
          step.criteria.forEach((c, i) => {
            if (!criterionIds.has(c)) report(source, at('criteria', i), `Step ${step.id} uses rollback criterion "${c}", which is not in rollback.yaml`);
          });
        }
        if (step.kind === 'approval' && step.notBy !== undefined && !kinds.has(step.notBy)) report(source, at('notBy'), `Step ${step.id} excludes whoever did "${step.notBy}", which is not a step of runbook ${runbook.id}`);
      });
    });
  });
}

/**
 * A rollback moves its handover along its path as whoever started it (decideRollback.ts), so each role
 * rollback.yaml lets run one must be let make those moves by releases.yaml's handoverMoves. Otherwise the
 * dialog offers "Roll back" to someone the console refuses only once they press it.
 */
function checkRollbackMoves(ws: Workspace, sources: WorkspaceSources, report: Report): void {
  const releasesFile = sources.files.get('releases.yaml');
  const rollbackFile = sources.files.get('rollback.yaml');
  const moves = ws.handoverMoves ?? [];
  moves.forEach((move, i) => {
    // A status declared twice is already an error; the first entry is the one decide reads.
    if (!ROLLBACK_MOVES.includes(move.to) || moves.findIndex((other) => other.to === move.to) !== i) return;
    const only = move.by.join(' or ');
    if (ws.rollbackRoles === null) {
      report(releasesFile, ['handoverMoves', i, 'by'], `A rollback moves a handover to "${move.to}", which releases.yaml gives only to ${only}, but rollback.yaml names no roles, so anyone may start one; list who may roll back in rollback.yaml (roles: [${move.by.join(', ')}])`);
      return;
    }
    ws.rollbackRoles.forEach((role, j) => {
      // An undeclared role is checkRoles' error, said at its own line.
      if (!declaredRole(ws, role) || mayMoveHandoverTo(ws, move.to, role)) return;
      const where = rollbackFile ? positionOf(rollbackFile, ['roles', j]) : 'rollback.yaml';
      report(releasesFile, ['handoverMoves', i, 'by'], `A rollback moves a handover to "${move.to}", which releases.yaml gives only to ${only}, but ${where} lets "${role}" run a rollback; add "${role}" to this move or take it out of rollback.yaml's roles`);
    });
  });
}

/** `file:line:column` of a path, for an error said at another file that must point here too. */
function positionOf(source: SourceFile, path: YamlPath): string {
  const at = source.errorAt(path, '');
  return `${at.file}:${at.line}:${at.column}`;
}

export function crossReferenceErrors(workspace: Workspace, sources: WorkspaceSources): WorkspaceError[] {
  const errors: WorkspaceError[] = [];
  const report: Report = (source, path, message) => {
    if (source) errors.push(source.errorAt(path, message));
  };
  checkRulesAndRegions(workspace, sources, report);
  checkProbes(workspace, sources.files.get('regions.yaml'), report);
  checkPackagesCommandsMetrics(workspace, sources, report);
  checkReleases(workspace, sources, report);
  checkRunbooks(workspace, sources, report);
  checkCommandValues(workspace, sources, report);
  workspace.runbooks.forEach((runbook, r) => {
    for (const problem of strategyProblems(runbook, workspace)) report(sources.runbooks[r], problem.path, problem.message);
  });
  checkRoles(workspace, sources, report);
  checkRollbackMoves(workspace, sources, report);
  return errors;
}
