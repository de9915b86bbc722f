import { PLACEHOLDER } from './schema/commands';
import type { SourceFile, YamlPath } from './source';
import type { Workspace } from './workspace';

type Report = (source: SourceFile | undefined, path: YamlPath, message: string) => void;

/** The one value a probe is given: reconcile runs it for one region and nothing else. */
const PROBE_PLACEHOLDERS = new Set(['region']);

/**
 * A region's probes must name commands that only read: reconcile runs them without a step, a window or
 * an approval, so a probe that could enable maintenance or deploy would be a way around every rule.
 */
export function checkProbes(ws: Workspace, regionsFile: SourceFile | undefined, report: Report): void {
  const commands = new Map(ws.commands.map((c) => [c.id, c]));
  ws.regions.forEach((region, i) => {
    for (const kind of ['maintenance', 'versions'] as const) {
      const commandId = region.probes?.[kind];
      if (commandId === undefined) continue;
      const at = ['regions', i, 'probes', kind];
      const command = commands.get(commandId);
      if (!command) {
        report(regionsFile, at, `Region ${region.id} probes ${kind} with command "${commandId}", which is not in commands.yaml`);
        continue;
      }
      if (command.purpose !== 'check' || command.effect !== undefined) {
        report(regionsFile, at, `Region ${region.id} probes ${kind} with command ${commandId}, whose purpose is ${command.purpose}${command.effect ? ` (effect ${command.effect})` : ''}; a probe must be a read-only check command with no effect`);
        continue;
      }
      const others = command.argv.map((entry) => PLACEHOLDER.exec(entry)?.[1]).filter((name): name is string => name !== undefined && !PROBE_PLACEHOLDERS.has(name));
      if (others.length) report(regionsFile, at, `Region ${region.id} probes ${kind} with command ${commandId}, which needs {${others.join('}, {')}}; a probe is given only {region}`);
    }
  });
}
