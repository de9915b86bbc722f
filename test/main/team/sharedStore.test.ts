import { describe, expect, test } from 'vitest';
import { parseWorkspace } from '../../../shared/workspace/parse';
import { parseCallerArn, rolesOf } from '../../../shared/team/identity';

const regions = 'regions:\n  - { id: EUW2, name: Europe (London), awsRegion: eu-west-2, profile: test, zone: Europe/London }\n';
const releases = 'releaseTypes:\n  - { id: product, title: Product release }\n';

function load(workspaceYaml: string) {
  return parseWorkspace([
    { path: 'workspace.yaml', text: workspaceYaml },
    { path: 'regions.yaml', text: regions },
    { path: 'releases.yaml', text: releases },
  ]);
}

describe('sharedStore in workspace.yaml', () => {
  test('a workspace without one works alone', () => {
    const result = load('name: Alone\n');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.workspace.sharedStore).toBeUndefined();
  });

  test('reads the table, profile, region, endpoint and role mapping', () => {
    const result = load(
      [
        'name: Team',
        'roles: [{ name: on-call PE }, { name: QA }]',
        'sharedStore:',
        '  table: release-console-log',
        '  profile: release-store',
        '  region: us-east-1',
        '  endpoint: http://127.0.0.1:5000',
        '  roles:',
        '    - { role: on-call PE, permissionSet: OnCallPE }',
        '    - { role: QA, arn: "arn:aws:iam::123456789012:user/qa-*" }',
        '',
      ].join('\n'),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.workspace.sharedStore).toEqual({
      table: 'release-console-log',
      profile: 'release-store',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:5000',
      roles: [
        { role: 'on-call PE', permissionSet: 'OnCallPE' },
        { role: 'QA', arn: 'arn:aws:iam::123456789012:user/qa-*' },
      ],
    });
  });

  test.each([
    ['name: T\nsharedStore:\n  table: t!\n  profile: p\n  region: us-east-1\n', 3, /table name/],
    ['name: T\nsharedStore:\n  table: log\n  profile: p\n  region: London\n', 5, /AWS region such as us-east-1/],
    ['name: T\nsharedStore:\n  table: log\n  profile: p\n  region: us-east-1\n  endpoint: http://dynamo.example.com\n', 6, /plain http only for a loopback/],
    ['name: T\nsharedStore:\n  table: log\n  region: us-east-1\n', 3, /profile/],
    ['name: T\nsharedStore:\n  table: log\n  profile: p\n  region: us-east-1\n  roles:\n    - { role: QA }\n', 7, /needs an arn pattern, a permissionSet or a sessionName pattern/],
  ])('refuses %j at workspace.yaml line %i', (text, line, message) => {
    const result = load(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: 'workspace.yaml', line, message: expect.stringMatching(message) });
    expect(result.errors[0]?.column).toBeGreaterThan(0);
  });
});

describe('the identity → role mapping, checked where it is written', () => {
  const store = 'name: T\nroles: [{ name: PE }, { name: QA }]\nsharedStore:\n  table: log\n  profile: p\n  region: us-east-1\n  roles:\n';
  test.each([
    // The column points at the value: a person fixes the typo where the editor puts them.
    // Issue 17: a mapping gives one of the workspace's declared roles, validated like every other role reference.
    ['a role the workspace does not declare', '    - { role: Q A, sessionName: "*@example.com" }\n', 8, 15, /The identity mapping gives "Q A", which is not a role workspace.yaml declares \(it declares: PE, QA\)/],
    ['an ARN pattern that is not an ARN', '    - role: QA\n      arn: "qa-*"\n', 9, 12, /an ARN pattern starting "arn:aws:"/],
    ['a session name pattern with a space', '    - role: QA\n      sessionName: "priya smith"\n', 9, 20, /a session name pattern/],
  ])('refuses %s at workspace.yaml:%i:%i', (_name, lines, line, column, message) => {
    const result = load(store + lines);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.objectContaining({ file: 'workspace.yaml', line, column, message: expect.stringMatching(message) })]);
  });

  test('maps an SSO session name pattern to a role', () => {
    const result = load(`${store}    - { role: QA, sessionName: "*@qa.example.com" }\n`);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const sso = (session: string) => ({ arn: `arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Release_0123456789abcdef/${session}`, permissionSet: 'Release', sessionName: session });
    expect(rolesOf(sso('priya@qa.example.com'), result.workspace.sharedStore!.roles)).toEqual(['QA']);
    expect(rolesOf(sso('priya@example.com'), result.workspace.sharedStore!.roles)).toEqual([]);
  });
});

describe('identity → roles', () => {
  const mappings = [
    { role: 'on-call PE', permissionSet: 'OnCallPE' },
    { role: 'PE', arn: 'arn:aws:iam::123456789012:user/pe-*' },
    { role: 'QA', arn: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_QA_*/*' },
  ];

  test('an SSO session gives its session name and permission set', () => {
    const parts = parseCallerArn('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_OnCallPE_0123456789abcdef/carol@example.com');
    expect(parts).toEqual({ account: '123456789012', sessionName: 'carol@example.com', permissionSet: 'OnCallPE', displayName: 'carol@example.com' });
  });

  test('an IAM user gives its user name, with no session', () => {
    expect(parseCallerArn('arn:aws:iam::123456789012:user/team/pe-priya')).toEqual({ account: '123456789012', sessionName: null, permissionSet: null, displayName: 'pe-priya' });
  });

  test('an ARN of another shape is an error that names it', () => {
    expect(parseCallerArn('arn:aws:s3:::bucket')).toEqual({ error: expect.stringContaining('"arn:aws:s3:::bucket"') });
  });

  test.each([
    ['arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_OnCallPE_0123456789abcdef/carol', 'OnCallPE', ['on-call PE']],
    ['arn:aws:iam::123456789012:user/pe-priya', null, ['PE']],
    ['arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_QA_0123456789abcdef/priya', 'QA', ['QA']],
    ['arn:aws:iam::123456789012:user/qa-sam', null, []],
    // "." in an ARN pattern is literal: a look-alike account does not match.
    ['arn:aws:iam::999999999999:user/pe-priya', null, []],
  ])('%s (permission set %s) has roles %j', (arn, permissionSet, roles) => {
    expect(rolesOf({ arn, permissionSet }, mappings)).toEqual(roles);
  });
});
