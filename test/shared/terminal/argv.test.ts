import { describe, expect, it } from 'vitest';
import { checkArgv, describeArgv } from '../../../shared/terminal/argv';

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
    [['echo', 'a b', "it's"], "echo 'a b' 'it'\\''s'"],
    [['echo', '\x1b]0;x\x07'], "echo $'\\x1b]0;x\\x07'"],
    [['echo', 'two\nlines'], "echo $'two\\nlines'"],
  ])('shows %j as %s', (argv, shown) => {
    expect(describeArgv(argv)).toBe(shown);
  });
});
