import { describe, expect, test } from 'vitest';
import { fillCommandTemplate } from '../../../shared/workspace/commandTemplate';

const patterns = {
  note: '.+',
  handover: '^HO-[0-9]+$',
  region: '^(USE2|USW2|EUW2)$',
  package: '^[a-z0-9][a-z0-9._-]*$',
  version: '^[0-9A-Za-z][0-9A-Za-z.+_-]*$',
};
const deploy = ['deploy', 'apply', '{package}', '{version}', '--region', '{region}'];

describe('fillCommandTemplate', () => {
  test.each([
    [deploy, { package: 'rt-media-gateway', version: '4.13.0', region: 'EUW2' }, ['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'EUW2']],
    [['rmht', 'verify-handover', '{handover}'], { handover: 'HO-1234' }, ['rmht', 'verify-handover', 'HO-1234']],
    [['kubectl', 'patch', '-p', '{"spec":{"selector":{"version":"green"}}}'], {}, ['kubectl', 'patch', '-p', '{"spec":{"selector":{"version":"green"}}}']],
  ])('fills %j with %j', (template, values, argv) => {
    expect(fillCommandTemplate(template, values, patterns)).toEqual({ ok: true, argv });
  });

  test.each([
    [deploy, { package: 'rt-media-gateway', version: '4.13.0', region: 'EUW2; rm -rf /' }, /is not a valid region/],
    [deploy, { package: 'rt-media-gateway', version: '4.13.0', region: 'EUW2\nUSE2' }, /control character or newline \(U\+000A\)/],
    [['deploy', '{note}'], { note: 'EUW2\u202e2WUE' }, /control character or newline \(U\+202E\)/],
    [['deploy', '{note}'], { note: 'line\u0085break' }, /control character or newline \(U\+0085\)/],
    [['deploy', '{note}'], { note: 'zero\u200bwidth' }, /control character or newline \(U\+200B\)/],
    [deploy, { package: '--force', version: '4.13.0', region: 'EUW2' }, /starts with "-"/],
    [deploy, { package: 'rt-media-gateway', version: '$(reboot)', region: 'EUW2' }, /is not a valid version/],
    [deploy, { package: 'rt-media-gateway', region: 'EUW2' }, /needs a value for \{version\}/],
    [['rmht', 'check-versions', '{package}'], { package: 'a`b`' }, /is not a valid package/],
    [['deploy', '--region={region}'], { region: 'EUW2' }, /must be a whole argv entry/],
    [['deploy', '{zone}'], { zone: 'x' }, /no pattern for \{zone\}/],
  ])('refuses %j with %j', (template, values, error) => {
    expect(fillCommandTemplate(template, values, patterns)).toEqual({ ok: false, error: expect.stringMatching(error) });
  });

  test('matches the whole value even when a pattern forgets its anchors', () => {
    expect(fillCommandTemplate(['x', '{package}'], { package: 'abc def' }, { package: '[a-z]+' }).ok).toBe(false);
  });

  test('answers a nested-quantifier pattern on a 10,000-character version without backtracking (RE2 is linear)', () => {
    // With RegExp, ([0-9]+)+ against a 25-digit value that does not match took seconds; at 10,000 it never returns.
    const version = `${'1'.repeat(10_000)}x`;
    expect(fillCommandTemplate(['deploy', '{version}'], { version }, { version: '([0-9]+)+' })).toEqual({ ok: false, error: expect.stringMatching(/is not a valid version/) });
    expect(fillCommandTemplate(['deploy', '{version}'], { version: '1'.repeat(10_000) }, { version: '([0-9]+)+' })).toEqual({ ok: true, argv: ['deploy', '1'.repeat(10_000)] });
  });

  test.each([
    ['a backreference', '([0-9]+)\\.\\1', '4.4', /cannot be used: invalid escape sequence/],
    ['a lookahead', '(?!0)[0-9]+', '12', /cannot be used: invalid or unsupported Perl syntax/],
    ['a lookbehind', '(?<=v)[0-9]+', '12', /cannot be used/],
  ])('refuses a value whose pattern uses %s, which RE2 cannot compile', (_what, pattern, version, error) => {
    expect(fillCommandTemplate(['deploy', '{version}'], { version }, { version: pattern })).toEqual({ ok: false, error: expect.stringMatching(error) });
  });
});
