import { isControlOrHidden } from './neutralise';

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

/** bash's $'…' escapes: \xHH below U+0080, \uHHHH and \UHHHHHHHH above, so the line can be pasted back as it ran. */
function escapedCodePoint(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return '\\x' + code.toString(16).padStart(2, '0');
  if (code <= 0xffff) return '\\u' + code.toString(16).padStart(4, '0');
  return '\\U' + code.toString(16).padStart(8, '0');
}

function quoteArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  // A value with control or invisible characters (U+202E, U+0085, zero-width ones) is shown in $'…' form,
  // so an escape sequence can never reach a terminal as one and a bidi override cannot reorder what is read.
  const chars = Array.from(arg);
  if (chars.some(isControlOrHidden)) {
    const escaped = chars.map((ch) => {
      if (ch === '\\' || ch === "'") return '\\' + ch;
      if (ch === '\n') return '\\n';
      if (ch === '\t') return '\\t';
      if (isControlOrHidden(ch)) return escapedCodePoint(ch);
      return ch;
    }).join('');
    return `$'${escaped}'`;
  }
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
