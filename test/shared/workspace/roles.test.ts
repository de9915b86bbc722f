// Issue 17, "Workspace roles": roles are declared once in workspace.yaml, and every other place that names a
// role must name a declared one. An unknown role is a load error at the reference's file:line:column.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMinimalWith, MINIMAL, minimalErrorsWith } from './minimal-workspace';

const RULES = `windows:
  - id: eu-after-18
    title: EU out-of-hours window
    zone: Europe/London
    start: "18:00"
    end: "24:00"
`;

describe('roles declared in workspace.yaml', () => {
  it('loads the minimal workspace, which declares PE and QA', () => {
    const result = loadMinimalWith({});
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.workspace.roles.map((r) => r.name)).toEqual(['PE', 'QA']);
  });

  it.each([
    [
      'a role declared twice, whatever its case',
      { 'workspace.yaml': 'name: m\nroles:\n  - { name: PE }\n  - { name: QA }\n  - { name: qa }\n' },
      'workspace.yaml:5:13: Role "qa" is declared twice (also roles[1]); declare each role once.',
    ],
    [
      'a role acting as one not declared',
      { 'workspace.yaml': 'name: m\nroles:\n  - { name: PE }\n  - { name: QA }\n  - { name: on-call PE, actsAs: [P E] }\n' },
      'workspace.yaml:5:34: Role "on-call PE" acts as "P E", which is not a role workspace.yaml declares (it declares: PE, QA, on-call PE).',
    ],
    [
      // Seed 001 line 64: "| **Approval Required** | Team Lead |", in a workspace that never declared the Team Lead.
      'a release type approved by an undeclared role',
      { 'releases.yaml': 'releaseTypes:\n  - { id: product, title: Product release, approvals: [{ role: Team Lead }] }\n' },
      'releases.yaml:2:64: Release type product is approved by "Team Lead", which is not a role workspace.yaml declares (it declares: PE, QA).',
    ],
    [
      // Seed 002 line 276: "Any two Governance Board members".
      'a freeze exception approved by an undeclared role',
      {
        'rules.yaml': `${RULES}freezes:\n  - id: holidays\n    title: Holidays\n    zone: Europe/London\n    periods: [{ kind: dates, from: 2026-12-24, to: 2026-12-26 }]\n    exceptions: [{ releaseType: product, approvers: [{ role: Governance Board member, count: 2 }] }]\n`,
      },
      "rules.yaml:12:62: Freeze holidays's exception for product is approved by \"Governance Board member\", which is not a role workspace.yaml declares (it declares: PE, QA).",
    ],
    [
      'a window override approved by an undeclared role',
      { 'rules.yaml': RULES.replace('    end: "24:00"\n', '    end: "24:00"\n    override: { approvers: [{ role: on-call PE }] }\n') },
      'rules.yaml:7:37: Window eu-after-18 is overridden by "on-call PE", which is not a role workspace.yaml declares (it declares: PE, QA).',
    ],
    [
      'a step owner in a workspace that declares no roles',
      { 'workspace.yaml': 'name: m\n' },
      'runbooks/rollout.yaml:10:16: Step deploy is owned by "PE", but workspace.yaml declares no roles; list each role under roles:.',
    ],
  ])('refuses %s, at the reference', (_name, replaced, message) => {
    expect(minimalErrorsWith(replaced)[0]).toBe(message);
  });

  it('spells every reference as declared: a runbook\'s "qa" is the declared "QA"', () => {
    const runbook = readFileSync(path.join(MINIMAL, 'runbooks/rollout.yaml'), 'utf8').replace('owner: QA', 'owner: qa');
    const result = loadMinimalWith({ 'runbooks/rollout.yaml': runbook });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.workspace.runbooks[0]!.gates[0]!.steps.map((s) => s.owner)).toEqual(['PE', 'QA']);
  });
});
