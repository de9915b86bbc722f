import { EMBEDDED_PLACEHOLDER, PLACEHOLDER } from './schema/commands';
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
