import { isFailed } from '../handover/status';
import { concernsPackage } from '../engine/stepPackages';
import { compilePattern } from './pattern';
import { VALUE_FIELDS, placeholdersOf, sourceValue, valueSourceOf } from './commandTemplate';
import type { ValueContext } from './commandTemplate';
import type { WorkspaceSources } from './parse';
import type { SourceFile, YamlPath } from './source';
import type { CommandTemplate, Release, Runbook, Step, Workspace } from './workspace';

type Report = (source: SourceFile | undefined, path: YamlPath, message: string) => void;
type CommandStep = Extract<Step, { kind: 'command' }>;

/** A package's fields that live in packages.yaml; the others belong to its version in a handover. */
const DEFINITION_FIELDS = new Set(['name', 'title', 'deployment', 'canaryDeployment', 'container']);

/**
 * Issue 17: a placeholder that nothing can fill is an error when the workspace loads, at the step that
 * would wait on it, never a step that shows "The command needs a value" forever. Each command step's
 * placeholders (and those of the command that undoes it) are checked against where commands.yaml's
 * `values` says they come from, for every release that follows the runbook.
 */
export function checkCommandValues(ws: Workspace, sources: WorkspaceSources, report: Report): void {
  const commandsFile = sources.files.get('commands.yaml');
  const commands = new Map(ws.commands.map((c) => [c.id, c]));
  for (const [name, source] of Object.entries(ws.values ?? {})) {
    const fields = VALUE_FIELDS[source.from];
    const field = source.field ?? name;
    if (source.from !== 'step' && !fields.includes(field)) {
      report(commandsFile, ['values', name, source.field === undefined ? 'from' : 'field'], `{${name}} comes from the ${source.from}'s "${field}", which a ${source.from} does not have; it has ${fields.join(', ')}`);
    }
  }
  ws.commands.forEach((command, i) => {
    if (command.undo !== undefined && !commands.has(command.undo)) report(commandsFile, ['commands', i, 'undo'], `Command ${command.id} is undone by "${command.undo}", which is not in commands.yaml`);
  });
  ws.runbooks.forEach((runbook, r) => {
    const source = sources.runbooks[r];
    const releases = ws.releases.map((release, index) => ({ release, index })).filter(({ release }) => release.runbook === runbook.id);
    runbook.gates.forEach((gate, g) => gate.steps.forEach((step, s) => {
      if (step.kind !== 'command') return;
      const at = (...rest: YamlPath): YamlPath => ['gates', g, 'steps', s, ...rest];
      if (step.packageKinds && step.forEach !== 'package') report(source, at('packageKinds'), `Step ${step.id} names package kinds but does not run per package; add forEach: package`);
      const command = commands.get(step.command);
      if (!command) return;
      const undo = command.undo === undefined ? undefined : commands.get(command.undo);
      for (const template of undo ? [command, undo] : [command]) {
        checkStep(ws, sources, report, { runbook, source, step, at, template, releases });
      }
    }));
  });
}

interface StepCheck {
  runbook: Runbook;
  source: SourceFile | undefined;
  step: CommandStep;
  at: (...rest: YamlPath) => YamlPath;
  template: CommandTemplate;
  releases: { release: Release; index: number }[];
}

function checkStep(ws: Workspace, sources: WorkspaceSources, report: Report, check: StepCheck): void {
  const { runbook, source, step, at, template, releases } = check;
  const regions = new Map(ws.regions.map((r) => [r.id, r]));
  const packages = new Map(ws.packages.map((p, i) => [p.name, { definition: p, index: i }]));
  const runs = `Step ${step.id} of runbook ${runbook.id} runs ${template.id}`;
  const reported = new Set<string>();
  const once = (file: SourceFile | undefined, path: YamlPath, message: string) => {
    if (reported.has(message)) return;
    reported.add(message);
    report(file, path, message);
  };
  for (const name of placeholdersOf(template.argv)) {
    const from = valueSourceOf(ws, name);
    if (from === null) {
      once(source, at('command'), `${runs}, whose {${name}} nothing fills: say where it comes from in commands.yaml's values (from: package, handover, release, region or step)`);
      continue;
    }
    const field = from.field ?? name;
    const pattern = ws.patterns[name];
    const matches = (value: string) => {
      const compiled = pattern === undefined ? null : compilePattern(pattern);
      return !compiled?.ok || compiled.matchesWhole(value);
    };
    switch (from.from) {
      case 'release':
        break;
      case 'step': {
        const value = sourceValue(from, name, { step });
        if (value === undefined) {
          once(source, at('command'), `${runs}, whose {${name}} comes from the step's "${field}", which step ${step.id} does not give; add ${field === 'traffic' ? 'traffic: <percent>' : `values: { ${field}: … }`} to it`);
        } else if (!matches(value)) {
          once(source, at(...(field === 'traffic' ? ['traffic'] : ['values', field])), `Step ${step.id} gives {${name}} the value "${value}", which does not match its pattern ${pattern}`);
        }
        break;
      }
      case 'region': {
        const ids = step.regions ? (step.regions.ids === 'all' ? ws.regions.map((r) => r.id) : step.regions.ids) : [];
        if (ids.length === 0) {
          once(source, at('command'), `${runs}, whose {${name}} comes from the region, but the step runs in no region; give it regions`);
          break;
        }
        for (const id of ids) {
          const region = regions.get(id);
          if (region && sourceValue(from, name, { region }) === undefined) {
            once(source, at('regions'), `${runs} in ${id}, whose {${name}} comes from the region's "${field}", which region ${id} does not have in regions.yaml`);
          }
        }
        break;
      }
      case 'handover':
      case 'package': {
        if (from.from === 'package' && step.forEach !== 'package') {
          once(source, at('command'), `${runs}, whose {${name}} comes from the package, but the step does not run per package; add forEach: package`);
          break;
        }
        for (const { release, index } of releases) {
          const live = release.handovers.map((ho, j) => ({ ho, j })).filter(({ ho }) => !isFailed(ho.status));
          if (live.length === 0) {
            once(sources.files.get('releases.yaml'), ['releases', index], `Release ${release.id} has no handover, so step ${step.id} of runbook ${runbook.id} has nothing to fill {${name}} from`);
            continue;
          }
          if (from.from === 'handover') continue;
          for (const { ho, j } of live) ho.packages.forEach((version, k) => {
            const pkg = packages.get(version.name);
            if (!concernsPackage(step, pkg?.definition)) return;
            const context: ValueContext = { release, step, handover: ho, package: { definition: pkg?.definition, version } };
            const value = sourceValue(from, name, context);
            const inDefinition = DEFINITION_FIELDS.has(field);
            const file = inDefinition ? sources.files.get('packages.yaml') : sources.files.get('releases.yaml');
            const path: YamlPath = inDefinition ? ['packages', pkg?.index ?? 0] : ['releases', index, 'handovers', j, 'packages', k];
            const owner = inDefinition ? `Package ${version.name} in packages.yaml` : `${version.name} in ${ho.id} of release ${release.id}`;
            // A value that is there but fails its pattern refuses the step when it would run, naming the value
            // (stepCommands); here only a value that is not there at all, which nothing could ever fill.
            if (value === undefined) once(file, path, `${owner} has no "${field}", which ${runs.replace(/^Step/, 'step')} needs for {${name}}`);
          });
        }
        break;
      }
    }
  }
}
