import { EMBEDDED_PLACEHOLDER, PLACEHOLDER } from './schema/commands';
import type { ValueSource } from './schema/commands';
import type { Handover, HandoverPackage, Package, Region, Release, Step, Workspace } from './workspace';
import { compilePattern } from './pattern';
import { firstControlOrHidden } from '../terminal/neutralise';

export type FilledCommand = { ok: true; argv: string[] } | { ok: false; error: string };


/**
 * Fills a command template whose placeholders are whole argv entries. Each value must match its
 * pattern; values are never spliced into a shell string and never start with "-" (they would read as options).
 */
export function fillCommandTemplate(
  template: readonly string[],
  values: Readonly<Record<string, string | undefined>>,
  patterns: Readonly<Record<string, string>>,
): FilledCommand {
  const argv: string[] = [];
  for (const entry of template) {
    const name = PLACEHOLDER.exec(entry)?.[1];
    if (name === undefined) {
      if (EMBEDDED_PLACEHOLDER.test(entry)) return { ok: false, error: `The template entry "${entry}" mixes a placeholder with text; a placeholder must be a whole argv entry.` };
      argv.push(entry);
      continue;
    }
    const value = values[name];
    const pattern = patterns[name];
    if (value === undefined || value === '') return { ok: false, error: `The command needs a value for {${name}}.` };
    if (pattern === undefined) return { ok: false, error: `There is no pattern for {${name}}, so its value cannot be checked.` };
    // Control characters, newlines and invisible ones (U+202E, U+0085) never reach a terminal, whatever a pattern says.
    const hidden = firstControlOrHidden(value);
    if (hidden !== null) return { ok: false, error: `The value for {${name}} contains a control character or newline (${hidden}).` };
    if (value.startsWith('-')) return { ok: false, error: `The value for {${name}} starts with "-" and would be read as an option.` };
    const compiled = compilePattern(pattern);
    if (!compiled.ok) return { ok: false, error: `The pattern for {${name}} cannot be used: ${compiled.error}.` };
    const matches = compiled.matchesWhole(value);
    if (!matches) return { ok: false, error: `"${value}" is not a valid ${name} (it must match ${pattern}).` };
    argv.push(value);
  }
  return { ok: true, argv };
}

/**
 * Everything a step's placeholders may be filled from: the release, the region the step runs in, the
 * step itself, and the handover or package (its packages.yaml entry and its version in the handover) it
 * runs for. Absent parts are absent for the whole step: a region-less step has no {region}.
 */
export interface ValueContext {
  release?: Release | undefined;
  region?: Region | undefined;
  step?: Step | null | undefined;
  handover?: Handover | undefined;
  package?: { definition?: Package | undefined; version?: HandoverPackage | undefined } | undefined;
}

/** The fields each source offers, by the names commands.yaml's `values` uses. */
export const VALUE_FIELDS: Readonly<Record<ValueSource['from'], readonly string[]>> = {
  package: ['name', 'title', 'deployment', 'canaryDeployment', 'container', 'newVersion', 'currentVersion', 'commit', 'image'],
  handover: ['id', 'title'],
  release: ['id', 'title', 'type'],
  region: ['id', 'name', 'awsRegion', 'environment', 'sibling', 'profile'],
  // A step's own `values`, by any name, and its traffic share.
  step: [],
};

/** The placeholders every workspace has without declaring them: today's meaning of each, kept. */
export const BUILT_IN_VALUES: Readonly<Record<string, ValueSource>> = {
  region: { from: 'region', field: 'id' },
  sibling: { from: 'region', field: 'sibling' },
  release: { from: 'release', field: 'id' },
  handover: { from: 'handover', field: 'id' },
  package: { from: 'package', field: 'name' },
  version: { from: 'package', field: 'newVersion' },
};

/** Where a placeholder's value comes from: the workspace's `values`, else the built-in meaning, else nowhere. */
export function valueSourceOf(workspace: Pick<Workspace, 'values'>, name: string): ValueSource | null {
  return workspace.values?.[name] ?? BUILT_IN_VALUES[name] ?? null;
}

export function placeholdersOf(argv: readonly string[]): string[] {
  return [...new Set(argv.flatMap((entry) => PLACEHOLDER.exec(entry)?.slice(1, 2) ?? []))];
}

/** One placeholder's value from its source in a context, prefix included; undefined when the source has none. */
export function sourceValue(source: ValueSource, name: string, context: ValueContext): string | undefined {
  const value = fieldOf(source, name, context);
  return value === undefined ? undefined : `${source.prefix ?? ''}${value}`;
}

function fieldOf(source: ValueSource, name: string, context: ValueContext): string | undefined {
  const field = source.field ?? name;
  const pick = (record: object | undefined): string | undefined => {
    const value = record ? (record as Record<string, unknown>)[field] : undefined;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  switch (source.from) {
    case 'package':
      if (!context.package) return undefined;
      // The version in the handover first (newVersion, image, commit), then the package's own entry.
      return pick(context.package.version) ?? pick(context.package.definition);
    case 'handover':
      return pick(context.handover);
    case 'release':
      return pick(context.release);
    case 'region':
      return pick(context.region);
    case 'step': {
      const step = context.step;
      if (!step || step.kind !== 'command') return undefined;
      if (field === 'traffic') return step.traffic === undefined ? undefined : String(step.traffic);
      return step.values?.[field];
    }
  }
}

/**
 * The value of each placeholder of a template in one context, as commands.yaml's `values` says; a
 * placeholder nothing fills is left undefined, and fillCommandTemplate refuses it by name.
 */
export function commandValues(workspace: Pick<Workspace, 'values'>, argv: readonly string[], context: ValueContext): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const name of placeholdersOf(argv)) {
    const source = valueSourceOf(workspace, name);
    values[name] = source ? sourceValue(source, name, context) : undefined;
  }
  return values;
}
