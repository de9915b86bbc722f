import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { concernsPackage, stepPackages } from '../../../shared/engine/stepPackages';
import { Step } from '../../../shared/workspace/schema/runbooks';
import { Package } from '../../../shared/workspace/schema/packages';
import { loadWorkspace } from '../../../main/workspace/load';

const deploy = (narrowing: Record<string, unknown>) => Step.parse({ id: 'deploy', title: 'Deploy', owner: 'SRE', kind: 'command', command: 'deploy', forEach: 'package', ...narrowing });
const pkg = (kind: string, policy: string) => Package.parse({ name: `${kind}-pkg`, kind, needsMaintenanceMode: false, policy });

describe('which packages a step concerns: one predicate for package kinds and package policies', () => {
  test.each([
    { step: 'names neither', narrowing: {}, infra: true, app: true, undefinedPackage: true },
    { step: 'names the kinds [infra, database] (seed 003)', narrowing: { packageKinds: ['infra', 'database'] }, infra: true, app: false, undefinedPackage: false },
    { step: 'names the policy cai-any (seed 000)', narrowing: { policies: ['cai-any'] }, infra: false, app: true, undefinedPackage: false },
    { step: 'names the kind infra and the policy cai-any', narrowing: { packageKinds: ['infra'], policies: ['cai-any'] }, infra: false, app: false, undefinedPackage: false },
  ])('a step that $step: infra under standard $infra, app under cai-any $app, a package packages.yaml lacks $undefinedPackage', ({ narrowing, infra, app, undefinedPackage }) => {
    const step = deploy(narrowing);
    expect(concernsPackage(step, pkg('infra', 'standard'))).toBe(infra);
    expect(concernsPackage(step, pkg('app', 'cai-any'))).toBe(app);
    expect(concernsPackage(step, undefined)).toBe(undefinedPackage);
  });

  test('a manual step concerns every package unless it names policies', () => {
    const manual = Step.parse({ id: 'check', title: 'Check', owner: 'QA', kind: 'manual' });
    expect(concernsPackage(manual, pkg('infra', 'standard'))).toBe(true);
    expect(concernsPackage(Step.parse({ id: 'check', title: 'Check', owner: 'QA', kind: 'manual', policies: ['cai-any'] }), pkg('infra', 'standard'))).toBe(false);
  });

  test('a package kind the schema does not know is refused where it is written, never matched silently', () => {
    const parsed = Step.safeParse({ id: 'deploy', title: 'Deploy', owner: 'SRE', kind: 'command', command: 'deploy', forEach: 'package', packageKinds: ['kubernetes'] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['packageKinds', 0]]);
  });

  test("seed 003's infrastructure step deploys the infra package, its application step the app one", async () => {
    const loaded = await loadWorkspace(path.resolve(__dirname, '../../../workspaces/gated-release'));
    if (!loaded.ok) throw new Error('the gated-release workspace does not load');
    const { workspace } = loaded;
    const release = workspace.releases[0]!;
    const steps = workspace.runbooks.find((r) => r.id === release.runbook)!.gates.flatMap((g) => g.steps);
    const stepOf = (id: string) => steps.find((s) => s.id === id)!;
    expect(stepPackages(workspace, release, stepOf('infrastructure'))).toEqual(['platform-infra']);
    expect(stepPackages(workspace, release, stepOf('application'))).toEqual(['web-app']);
  });
});
