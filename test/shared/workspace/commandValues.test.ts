import { describe, expect, test } from 'vitest';
import { parseWorkspace } from '../../../shared/workspace/parse';
import type { WorkspaceError } from '../../../shared/workspace/workspace';

/**
 * Issue 17, "Values for commands": a placeholder that nothing can fill is an error when the workspace
 * loads, with the file, line and column of the step that would wait on it, never a step that shows
 * "The command needs a value" forever. Each case is one of the four seeds' findings, made small.
 */
const REGIONS = `regions:
  - { id: production, name: Production, awsRegion: us-east-1, profile: prod, zone: UTC }
`;
const PACKAGES = `policies:
  - { id: standard, title: Standard }
packages:
  - { name: api-server, kind: app, needsMaintenanceMode: false, policy: standard, deployment: deployment/api-server }
  - { name: schema, kind: infra, needsMaintenanceMode: false, policy: standard }
`;
const RELEASES = `releaseTypes:
  - { id: standard, title: Standard }
releases:
  - id: r1
    title: Release 1
    type: standard
    runbook: rollout
    cycleStart: "2026-03-02"
    handovers:
      - id: HO-1
        title: One
        status: Ready for Production
        packages:
          - { name: api-server, currentVersion: v1.2.2, newVersion: v1.2.3 }
`;

// The roles the steps below are owned by and approved by (issue 17: roles are declared once).
const WORKSPACE = `name: values
roles:
  - { name: SRE }
  - { name: engineer }
  - { name: CAB }
`;

function load(files: Record<string, string>): WorkspaceError[] {
  const texts = Object.entries({ 'workspace.yaml': WORKSPACE, 'regions.yaml': REGIONS, 'packages.yaml': PACKAGES, 'releases.yaml': RELEASES, ...files }).map(([path, text]) => ({ path, text }));
  const result = parseWorkspace(texts);
  return result.ok ? [] : result.errors;
}

const runbook = (steps: string) => `id: rollout
title: Rollout
gates:
  - id: deploy
    title: Deploy
    steps:
${steps}`;

describe('a placeholder nothing fills is refused at load, where it is written', () => {
  test("seed 001's {deployment} with no values entry: the error points at the step's command", () => {
    const errors = load({
      'commands.yaml': `patterns:\n  deployment: "^deployment/[a-z-]+$"\ncommands:\n  - { id: undo, title: Undo, purpose: rollback, argv: [kubectl, rollout, undo, "{deployment}"] }\n`,
      'runbooks/rollout.yaml': runbook(`      - { id: undo-it, title: Undo, kind: command, command: undo, forEach: package, owner: SRE, regions: { scope: one, ids: [production] } }\n`),
    });
    expect(errors).toEqual([
      {
        file: 'runbooks/rollout.yaml',
        line: 7,
        column: 61,
        message: "Step undo-it of runbook rollout runs undo, whose {deployment} nothing fills: say where it comes from in commands.yaml's values (from: package, handover, release, region or step).",
      },
    ]);
  });

  test("seed 001's {deployment} from the package, on a step that does not run per package", () => {
    const errors = load({
      'commands.yaml': `patterns:\n  deployment: "^deployment/[a-z-]+$"\nvalues:\n  deployment: { from: package, field: deployment }\ncommands:\n  - { id: undo, title: Undo, purpose: rollback, argv: [kubectl, rollout, undo, "{deployment}"] }\n`,
      'runbooks/rollout.yaml': runbook(`      - { id: undo-it, title: Undo, kind: command, command: undo, owner: SRE, regions: { scope: one, ids: [production] } }\n`),
    });
    expect(errors).toMatchObject([{ file: 'runbooks/rollout.yaml', line: 7, message: expect.stringMatching(/\{deployment\} comes from the package, but the step does not run per package; add forEach: package\.$/) }]);
  });

  test("a package version without the field a step needs is named in releases.yaml (seed 001's image)", () => {
    const errors = load({
      'commands.yaml': `patterns:\n  image: "^[a-z-]+=[a-z./-]+:[a-z0-9.]+$"\nvalues:\n  image: { from: package, field: image }\ncommands:\n  - { id: set-image, title: Set image, purpose: deploy, argv: [kubectl, set, image, deployment/api-server, "{image}"] }\n`,
      'runbooks/rollout.yaml': runbook(`      - { id: canary, title: Canary, kind: command, command: set-image, forEach: package, owner: SRE, regions: { scope: one, ids: [production] } }\n`),
    });
    expect(errors).toEqual([{ file: 'releases.yaml', line: 14, column: 13, message: 'api-server in HO-1 of release r1 has no "image", which step canary of runbook rollout runs set-image needs for {image}.' }]);
  });

  test("seed 002's {environment} from a region field the region lacks, and {target} the step does not give", () => {
    const errors = load({
      'commands.yaml': `patterns:\n  environment: "^(staging|production)$"\n  target: "^[a-z-]+$"\nvalues:\n  environment: { from: region, field: sibling }\n  target: { from: step }\ncommands:\n  - { id: smoke, title: Smoke, purpose: check, argv: [pytest, "{environment}", "--env", "{target}"] }\n`,
      'runbooks/rollout.yaml': runbook(`      - { id: smoke, title: Smoke, kind: command, command: smoke, owner: SRE, regions: { scope: one, ids: [production] } }\n`),
    });
    expect(errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([
      'runbooks/rollout.yaml:7: Step smoke of runbook rollout runs smoke in production, whose {environment} comes from the region\'s "sibling", which region production does not have in regions.yaml.',
      'runbooks/rollout.yaml:7: Step smoke of runbook rollout runs smoke, whose {target} comes from the step\'s "target", which step smoke does not give; add values: { target: … } to it.',
    ]);
  });

  test("a step's own value that its pattern refuses is refused at load, at the value (seed 004's traffic share)", () => {
    const errors = load({
      'commands.yaml': `patterns:\n  rolloutPercentage: "^rollout_percentage=(10|50|100)$"\nvalues:\n  rolloutPercentage: { from: step, field: traffic, prefix: "rollout_percentage=" }\ncommands:\n  - { id: shift, title: Shift, purpose: deploy, argv: [gh, workflow, run, deploy.yml, --field, "{rolloutPercentage}"] }\n`,
      'runbooks/rollout.yaml': runbook(`      - { id: shift-25, title: Shift, kind: command, command: shift, traffic: 25, owner: SRE, regions: { scope: one, ids: [production] } }\n`),
    });
    expect(errors).toMatchObject([{ file: 'runbooks/rollout.yaml', line: 7, message: 'Step shift-25 gives {rolloutPercentage} the value "rollout_percentage=25", which does not match its pattern ^rollout_percentage=(10|50|100)$.' }]);
  });

  test('a values entry naming a field its source does not have is refused in commands.yaml', () => {
    const errors = load({
      'commands.yaml': `patterns:\n  deployment: "^deployment/[a-z-]+$"\nvalues:\n  deployment: { from: release, field: deployment }\ncommands: []\n`,
      'runbooks/rollout.yaml': runbook(`      - { id: note, title: Note, kind: manual, owner: SRE }\n`),
    });
    expect(errors).toMatchObject([{ file: 'commands.yaml', line: 4, column: 39, message: expect.stringMatching(/^\{deployment\} comes from the release's "deployment", which a release does not have; it has id, title, type\.$/) }]);
  });

  test("seed 003's per-kind deploy fills only the kinds it names, and those need their fields", () => {
    const errors = load({
      'commands.yaml': `patterns:\n  package: "^[a-z-]+$"\n  version: "^v[0-9.]+$"\ncommands:\n  - { id: deploy, title: Deploy, purpose: deploy, argv: [deploy, apply, "{package}", "{version}"] }\n`,
      'runbooks/rollout.yaml': runbook(`      - { id: infra, title: Infra, kind: command, command: deploy, forEach: package, packageKinds: [infra], owner: SRE, regions: { scope: one, ids: [production] } }\n      - { id: app, title: App, kind: command, command: deploy, packageKinds: [app], owner: SRE, regions: { scope: one, ids: [production] } }\n`),
    });
    expect(errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([
      'runbooks/rollout.yaml:8: Step app names package kinds but does not run per package; add forEach: package.',
      'runbooks/rollout.yaml:8: Step app of runbook rollout runs deploy, whose {package} comes from the package, but the step does not run per package; add forEach: package.',
      'runbooks/rollout.yaml:8: Step app of runbook rollout runs deploy, whose {version} comes from the package, but the step does not run per package; add forEach: package.',
    ]);
  });
});

describe("a runbook's strategy is checked at load", () => {
  const COMMANDS = `patterns:\n  rolloutPercentage: "^rollout_percentage=[0-9]+$"\nvalues:\n  rolloutPercentage: { from: step, field: traffic, prefix: "rollout_percentage=" }\ncommands:\n  - { id: shift, title: Shift, purpose: deploy, argv: [gh, workflow, run, deploy.yml, --field, "{rolloutPercentage}"] }\n`;
  const on = `owner: SRE, regions: { scope: one, ids: [production] }`;

  test("seed 004: a 10% → 50% shift with no metric gate between them is refused at the later step's after", () => {
    const errors = load({
      'commands.yaml': COMMANDS,
      'runbooks/rollout.yaml': `id: rollout
title: Rollout
strategy: blue-green
gates:
  - id: deploy
    title: Deploy
    steps:
      - { id: approve, title: Approve, kind: approval, owner: SRE, approvers: [{ role: engineer, count: 2 }] }
      - { id: baseline, title: Baseline, kind: baseline, ${on}, after: [approve] }
      - { id: shift-10, title: Shift 10, kind: command, command: shift, traffic: 10, ${on}, after: [baseline] }
      - { id: shift-50, title: Shift 50, kind: command, command: shift, traffic: 50, ${on}, after: [shift-10] }
      - { id: watch-50, title: Watch 50, kind: metricGate, baseline: baseline, minutes: 15, ${on}, after: [shift-50] }
      - { id: shift-100, title: Shift 100, kind: command, command: shift, traffic: 100, ${on}, after: [watch-50] }
      - { id: watch-100, title: Watch 100, kind: metricGate, baseline: baseline, minutes: 15, ${on}, after: [shift-100] }
`,
    });
    expect(errors).toEqual([
      { file: 'runbooks/rollout.yaml', line: 11, column: 149, message: 'Runbook rollout follows the blue-green strategy: between shift-10 (10%) and shift-50 (50%) there must be a metric gate that holds until its criteria have held for its minutes.' },
    ]);
  });

  test('seed 001: a canary that stops short of 100% is refused at its last traffic step', () => {
    const errors = load({
      'commands.yaml': COMMANDS,
      'runbooks/rollout.yaml': `id: rollout
title: Rollout
strategy: canary
gates:
  - id: deploy
    title: Deploy
    steps:
      - { id: baseline, title: Baseline, kind: baseline, ${on} }
      - { id: canary-1, title: Canary, kind: command, command: shift, traffic: 1, ${on}, after: [baseline] }
      - { id: watch-1, title: Watch 1, kind: metricGate, baseline: baseline, minutes: 5, ${on}, after: [canary-1] }
      - { id: canary-10, title: Ten, kind: command, command: shift, traffic: 10, ${on}, after: [watch-1] }
      - { id: watch-10, title: Watch 10, kind: metricGate, baseline: baseline, minutes: 15, ${on}, after: [canary-10] }
      - { id: canary-50, title: Fifty, kind: command, command: shift, traffic: 50, ${on}, after: [watch-10] }
`,
    });
    expect(errors).toMatchObject([{ file: 'runbooks/rollout.yaml', line: 13, message: 'Runbook rollout follows the canary strategy: its last traffic step canary-50 must take 100% of the traffic, not 50%.' }]);
  });

  test('seed 003: a deploy before the CAB approval is refused', () => {
    const errors = load({
      'commands.yaml': COMMANDS,
      'runbooks/rollout.yaml': `id: rollout
title: Rollout
strategy: phased-gates
gates:
  - id: deploy
    title: Deploy
    steps:
      - { id: readiness, title: Readiness, kind: manual, owner: SRE }
      - { id: baseline, title: Baseline, kind: baseline, ${on}, after: [readiness] }
      - { id: ship, title: Ship, kind: command, command: shift, traffic: 100, deploys: true, ${on}, after: [baseline] }
      - { id: watch, title: Watch, kind: metricGate, baseline: baseline, minutes: 30, ${on}, after: [ship] }
`,
    });
    expect(errors).toMatchObject([{ file: 'runbooks/rollout.yaml', line: 10, message: 'Runbook rollout follows the phased-gates strategy: ship must wait for CAB or Release Manager approval.' }]);
  });
});
