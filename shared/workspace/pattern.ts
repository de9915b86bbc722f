import { RE2JS } from 're2js';

/**
 * Workspace patterns are matched with RE2 (re2js), whose matching time is linear in the value: a pattern
 * such as `([0-9]+)+` cannot stall the event loop on a long version the way a backtracking RegExp does.
 * The price is RE2's syntax: no backreferences and no lookaround, refused when the workspace loads.
 */
export type CompiledPattern = { ok: true; matchesWhole: (value: string) => boolean } | { ok: false; error: string };

// Patterns come from a handful of workspace files and are asked for on every view: compile each once.
const compiled = new Map<string, CompiledPattern>();

export function compilePattern(pattern: string): CompiledPattern {
  const known = compiled.get(pattern);
  if (known) return known;
  let result: CompiledPattern;
  try {
    const re = RE2JS.compile(pattern);
    // RE2's matches() is anchored at both ends: the whole value must match, even when a pattern forgets its anchors.
    result = { ok: true, matchesWhole: (value) => re.matches(value) };
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error) };
  }
  compiled.set(pattern, result);
  return result;
}
