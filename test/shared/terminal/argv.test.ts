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
    // Issue 16: invisible characters are shown escaped in bash's $'…' form, so the line reads (and pastes) as what ran.
    [['deploy', 'apply', 'rt\u202egateway'], "deploy apply $'rt\\u202egateway'"],
    [['deploy', 'a\u0085b'], "deploy $'a\\u0085b'"],
    [['deploy', 'a\u009bb'], "deploy $'a\\u009bb'"],
    [['deploy', 'v1\u200b'], "deploy $'v1\\u200b'"],
    [['deploy', '\ufeffEUW2'], "deploy $'\\ufeffEUW2'"],
    [['deploy', 'EUW2\u2066\u2069'], "deploy $'EUW2\\u2066\\u2069'"],
    [['deploy', 'tag\u{e0041}'], "deploy $'tag\\U000e0041'"],
    [['deploy', "it's\u202e"], "deploy $'it\\'s\\u202e'"],
    [['echo', 'Zürich 東京'], "echo 'Zürich 東京'"],
  ])('shows %j as %s', (argv, shown) => {
    expect(describeArgv(argv)).toBe(shown);
  });
});
