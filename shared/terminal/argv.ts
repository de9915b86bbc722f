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

/**
 * How a command is shown to a person: each argument quoted when needed, in a form every POSIX shell reads
 * back to the same bytes (dash, the console's shell when $SHELL is unset, as well as bash), so a line pasted
 * from History, a step card or the evidence runs what ran. It never holds a control or invisible character.
 */
export function describeArgv(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

/** printf's own escapes, which POSIX names; any other control or invisible character is written as its UTF-8 bytes in octal. */
const PRINTF_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

function octalBytes(ch: string): string {
  return Array.from(new TextEncoder().encode(ch), (byte) => '\\' + byte.toString(8).padStart(3, '0')).join('');
}

/** An argument as printf's format: its escapes for the characters that need one, `%` and `\` doubled, `'` closed and reopened. */
function printfFormat(chars: readonly string[]): string {
  return chars
    .map((ch) => {
      if (ch === '%') return '%%';
      if (ch === '\\') return '\\\\';
      if (ch === "'") return "'\\''";
      return PRINTF_ESCAPES[ch] ?? (isControlOrHidden(ch) ? octalBytes(ch) : ch);
    })
    .join('');
}

function quoteArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  const chars = Array.from(arg);
  if (!chars.some(isControlOrHidden)) return `'${arg.replace(/'/g, `'\\''`)}'`;
  // A value with control or invisible characters (ESC, U+202E, U+0085, zero-width ones) is printf's output, its
  // characters escaped: an escape sequence never reaches a terminal as one, a bidi override cannot reorder what is
  // read, and dash reads it back as bash does (bash's $'…' is a string with a "$" in front to dash).
  // A format that begins with "-" would be read as printf's option: "--" ends them.
  const shown = `"$(printf ${arg.startsWith('-') ? '-- ' : ''}'${printfFormat(chars)}')"`;
  // "$(…)" drops the newlines its output ends with, and no other one-line form keeps them: said, and a shell refuses the "(".
  return arg.endsWith('\n') ? `${shown}(not copyable: it ends in a newline)` : shown;
}
