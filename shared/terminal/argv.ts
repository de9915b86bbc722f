/**
 * What any argv must satisfy before it is handed to execve. Values are never spliced into a shell
 * string, so quotes, `;`, `$(…)` and newlines are harmless data here; only what the kernel cannot carry
 * is refused. Whether a value is acceptable for a step is the workspace pattern's decision, not this one.
 */

/** Linux's MAX_ARG_STRLEN: execve refuses a longer single argument. */
export const MAX_ARG_CHARS = 128 * 1024;

export type ArgvCheck = { ok: true } | { ok: false; reason: string };

export function checkArgv(argv: readonly string[]): ArgvCheck {
  const program = argv[0];
  if (program === undefined || program.length === 0) return { ok: false, reason: 'A command needs a program name as its first argument.' };
  for (const [index, arg] of argv.entries()) {
    // execve carries C strings: a NUL would silently cut the argument short.
    if (arg.includes('\0')) return { ok: false, reason: `Argument ${index} contains a NUL character, which a program cannot receive.` };
    if (arg.length > MAX_ARG_CHARS) return { ok: false, reason: `Argument ${index} is longer than ${MAX_ARG_CHARS} characters.` };
  }
  return { ok: true };
}

/** How a command is shown to a person: each argument quoted when needed, so what ran is unambiguous. */
export function describeArgv(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what must not be shown raw
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

function quoteArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  // A value with control characters is shown in $'…' form, so an escape sequence in a value can never
  // reach a terminal as one when the command line is echoed.
  if (CONTROL.test(arg)) {
    const escaped = Array.from(arg, (ch) => {
      if (ch === '\\' || ch === "'") return '\\' + ch;
      if (ch === '\n') return '\\n';
      if (ch === '\t') return '\\t';
      if (CONTROL.test(ch)) return '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
      return ch;
    }).join('');
    return `$'${escaped}'`;
  }
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
