import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkArgv, describeArgv } from '../../../shared/terminal/argv';
import { isControlOrHidden } from '../../../shared/terminal/neutralise';

describe('checkArgv', () => {
  it.each([
    ['accepts hostile-looking but carriable values', ['rmht', 'a;rm -rf ~', '$(id)', '`id`', '-rf', 'x\ny'], true],
    ['refuses an empty argv', [], false],
    ['refuses an empty program name', [''], false],
    ['refuses a NUL in any argument', ['deploy', 'a\0b'], false],
  ])('%s', (_name, argv, ok) => {
    expect(checkArgv(argv).ok).toBe(ok);
  });
});

describe('describeArgv', () => {
  it.each([
    [['maintenance', 'enable', '--region', 'EUW2'], 'maintenance enable --region EUW2'],
    [['echo', 'a b', "it's", ''], "echo 'a b' 'it'\\''s' ''"],
    // Issue 16: control and invisible characters are printf's escapes, never the characters, so the line cannot
    // move a terminal or reorder what is read; printf reads them back the same in dash as in bash.
    [['echo', '\x1b]0;x\x07'], `echo "$(printf '\\033]0;x\\007')"`],
    [['echo', 'two\nlines'], `echo "$(printf 'two\\nlines')"`],
    [['deploy', 'apply', 'rt\u202egateway'], `deploy apply "$(printf 'rt\\342\\200\\256gateway')"`],
    [['deploy', 'a\u0085b'], `deploy "$(printf 'a\\302\\205b')"`],
    [['deploy', 'v1\u200b'], `deploy "$(printf 'v1\\342\\200\\213')"`],
    [['deploy', "it's 100%\u202e"], `deploy "$(printf 'it'\\''s 100%%\\342\\200\\256')"`],
    [['deploy', '-\x1b'], `deploy "$(printf -- '-\\033')"`],
    [['echo', 'line\n'], `echo "$(printf 'line\\n')"(not copyable: it ends in a newline)`],
    [['echo', 'Zürich 東京'], "echo 'Zürich 東京'"],
  ])('shows %j as %s', (argv, shown) => {
    expect(describeArgv(argv)).toBe(shown);
  });

  // The awkward values a step's argv may carry: what a PE pastes from History must run with these bytes.
  const AWKWARD = [
    "it's",
    'say "hi"',
    'a b  c',
    '$HOME $(id) ${x}',
    '`id`',
    'back\\slash',
    'two\nlines',
    '\x1b]0;pwned\x07',
    '\x1b[31mred\x1b[0m',
    'tab\there\r',
    '',
    '*',
    '-n',
    '-\x1b',
    '100%\x1bd',
    "'\u202eevil\u200b'",
    'Zürich 東京 \u0085 \u{e0041}',
    '~user',
    '#not a comment',
    'a;b|c&d>e<f',
  ];

  it.each(['/bin/sh', 'bash'])("is read back by %s as the argv's own bytes", (shell) => {
    const shown = describeArgv(['printf', '%s\\0', ...AWKWARD]);
    const read = execFileSync(shell, ['-c', shown], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent' } });
    expect(read.toString('hex')).toBe(Buffer.from(AWKWARD.map((arg) => `${arg}\0`).join('')).toString('hex'));
  });

  it('marks an argument that ends in a newline as not copyable, and a shell refuses it rather than run it changed', () => {
    const shown = describeArgv(['printf', '%s', 'line\n']);
    expect(shown).toContain('not copyable');
    expect(() => execFileSync('/bin/sh', ['-c', shown], { stdio: 'pipe' })).toThrow(/Syntax error/);
  });

  it('never shows a control or invisible character itself', () => {
    expect(Array.from(describeArgv(AWKWARD)).filter(isControlOrHidden)).toEqual([]);
  });
});
