import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadWorkspace } from '../../../main/workspace/load';
import { stepCommands } from '../../../shared/release/stepCommands';
import { buildRollbackPlan } from '../../../shared/rollback/plan';
import { strategyOf } from '../../../shared/workspace/schema/runbooks';
import type { Release, Workspace } from '../../../shared/workspace/workspace';
import { indexWorkspace, regionsOfStep, stepsOf } from '../../../shared/workspace/workspace';
import { loadTemplate } from '../loadTemplate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../workspaces');
const names = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

const workspaces = new Map<string, Workspace>();
beforeAll(async () => {
  for (const name of names) workspaces.set(name, await loadTemplate(name));
});

function defaultRelease(workspace: Workspace): Release {
  return workspace.releases.find((r) => r.id === workspace.defaultRelease) ?? workspace.releases[0]!;
}

/** The argv lines one step runs in one region of the workspace's default release, joined for reading. */
function argvOf(name: string, stepId: string, region: string | null): string[] {
  const workspace = workspaces.get(name)!;
  const release = defaultRelease(workspace);
  const step = stepsOf(indexWorkspace(workspace).runbooks.get(release.runbook)!).find((s) => s.id === stepId)!;
  const commands = stepCommands(workspace, release, step, region);
  if (!commands.ok) throw new Error(commands.error);
  return commands.runs.map((run) => run.argv.join(' '));
}

describe('every workspace in workspaces/ (issue 17, "Values for commands")', () => {
  test('the four seed workspaces and the demo are all there', () => {
    expect(names).toEqual(['blue-green-feature-flags', 'blue-green-governed', 'canary-progressive', 'demo', 'gated-release']);
  });

  test.each(names)('%s loads without issues and fills every command step of its default release in every region', async (name) => {
    const result = await loadWorkspace(path.join(root, name));
    if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
    const workspace = result.workspace;
    const release = defaultRelease(workspace);
    const unfilled: string[] = [];
    let filled = 0;
    for (const step of stepsOf(indexWorkspace(workspace).runbooks.get(release.runbook)!)) {
      if (step.kind !== 'command') continue;
      const regions = regionsOfStep(step, workspace);
      for (const region of regions.length ? regions : [null]) {
        const commands = stepCommands(workspace, release, step, region);
        if (!commands.ok) unfilled.push(`${step.id}@${region}: ${commands.error}`);
        else filled += commands.runs.length;
      }
    }
    expect(unfilled).toEqual([]);
    expect(filled).toBeGreaterThan(0);
  });
});

describe('each seed command filled as its seed writes it', () => {
  test.each([
    // Seed 001, "Step 2: Deploy Canary": kubectl set image deployment/api-server-canary api-server=$NEW_IMAGE -n production
    ['canary-progressive', 'canary-1', 'prod-use1', ['kubectl set image deployment/api-server-canary api-server=registry.example.com/api-server:v1.2.3 -n production']],
    // Seed 001, "Step 3": kubectl scale deployment/api-server-canary -n production --replicas=3
    ['canary-progressive', 'progressive-10', 'prod-euw1', ['kubectl scale deployment/api-server-canary -n production --replicas 3']],
    // Seed 001, "If healthy, proceed to 50%": kubectl set image deployment/api-server api-server=$NEW_IMAGE -n production
    ['canary-progressive', 'progressive-50', 'prod-use1', ['kubectl set image deployment/api-server api-server=registry.example.com/api-server:v1.2.3 -n production']],
    // Seed 001, "Step 4": kubectl scale deployment/api-server-canary -n production --replicas=0
    ['canary-progressive', 'complete-100', 'prod-use1', ['kubectl scale deployment/api-server-canary -n production --replicas 0']],
    // Seed 002, "Staging Deployment": ./scripts/health_check.sh staging; ./scripts/deploy.sh staging ${DEPLOY_VERSION}
    ['blue-green-governed', 'staging-health', 'staging', ['./scripts/health_check.sh staging']],
    ['blue-green-governed', 'staging-deploy', 'staging', ['./scripts/deploy.sh staging v1.2.3']],
    // Seed 002: pytest tests/smoke/ --env=staging
    ['blue-green-governed', 'staging-smoke', 'staging', ['pytest tests/smoke/ --env staging']],
    // Seed 002, "Blue-Green Strategy": kubectl set image deployment/app-green app=registry/app:${DEPLOY_VERSION} -n production
    ['blue-green-governed', 'deploy-green', 'production', ['kubectl set image deployment/app-green app=registry/app:v1.2.3 -n production']],
    ['blue-green-governed', 'smoke-green', 'production', ['pytest tests/smoke/ --env production-green']],
    // Seed 003: "Execute infrastructure changes first (schemas, networking) followed by application rollouts."
    ['gated-release', 'infrastructure', 'production', ['deploy apply platform-infra 3.2.0 --region production']],
    ['gated-release', 'application', 'production', ['deploy apply web-app 8.5.0 --region production']],
    // Seed 003: "Confirm … synthetic checks reflect the deployed version".
    ['gated-release', 'confirm-versions', 'production', ['deploy status platform-infra --region production', 'deploy status web-app --region production']],
    // Seed 004, "Deploy to Production": gh workflow run deploy-production.yml --ref v1.2.3 --field environment=production --field rollout_percentage=10
    ['blue-green-feature-flags', 'deploy-10', 'production', ['gh workflow run deploy-production.yml --ref v1.2.3 --field environment=production --field rollout_percentage=10']],
    // Seed 004, "Gradual Traffic Shift": --field rollout_percentage=50, then 100
    ['blue-green-feature-flags', 'shift-50', 'production', ['gh workflow run deploy-production.yml --ref v1.2.3 --field rollout_percentage=50']],
    ['blue-green-feature-flags', 'shift-100', 'production', ['gh workflow run deploy-production.yml --ref v1.2.3 --field rollout_percentage=100']],
    // Seed 004: npm run metrics:validate -- --baseline=v1.2.2 --current=v1.2.3
    ['blue-green-feature-flags', 'metrics-validate', 'production', ['npm run metrics:validate -- --baseline v1.2.2 --current v1.2.3']],
    // Seed 004, "Feature Flag Rollout": npm run flags:update -- --flag=new_feature_enabled --city=los-angeles --percentage=0.1
    ['blue-green-feature-flags', 'enable-flag', 'production', ['npm run flags:update -- --flag new_feature_enabled --city los-angeles --percentage 0.1']],
  ] as const)('%s %s in %s', (name, step, region, expected) => {
    expect(argvOf(name, step, region)).toEqual(expected);
  });
});

describe('the strategy each workspace follows, as every export names it', () => {
  test.each([
    ['demo', 'region-by-region'],
    ['canary-progressive', 'canary'],
    // Seed 002's own deployment log: "strategy": "blue-green".
    ['blue-green-governed', 'blue-green'],
    ['gated-release', 'phased-gates'],
    ['blue-green-feature-flags', 'blue-green'],
  ] as const)('%s: %s', (name, strategy) => {
    const workspace = workspaces.get(name)!;
    expect(strategyOf(indexWorkspace(workspace).runbooks.get(defaultRelease(workspace).runbook))).toBe(strategy);
  });

  test("seed 001's traffic steps are 1 → 10 → 50 → 100, its 10% stage monitored 15 minutes (the diagram's figure)", () => {
    const workspace = workspaces.get('canary-progressive')!;
    const steps = stepsOf(indexWorkspace(workspace).runbooks.get('canary-progressive')!);
    expect(steps.flatMap((s) => (s.kind === 'command' && s.traffic !== undefined ? [s.traffic] : []))).toEqual([1, 10, 50, 100]);
    expect(steps.flatMap((s) => (s.kind === 'metricGate' ? [`${s.id} ${s.minutes}`] : []))).toEqual(['canary-1-monitor 5', 'progressive-10-monitor 15', 'progressive-50-monitor 15']);
  });
});

describe("seed 004's feature flag: a step with its own rollback", () => {
  const deployed = { production: { 'api-service': 'v1.2.3' } };

  test('a rollback after the flag was enabled runs the kill switch first, then shifts traffic back', () => {
    const workspace = workspaces.get('blue-green-feature-flags')!;
    const plan = buildRollbackPlan(workspace, defaultRelease(workspace), { deployed, maintenance: {}, handovers: {}, steps: { 'enable-flag@production': { status: 'done' } } }, 'HO-123');
    expect(plan.flags).toEqual([]);
    // Seed 004, "Immediate Rollback": npm run deploy:rollback -- --to-version=v1.2.2; "Or use feature flag kill switch":
    // npm run flags:disable -- --flag=new_feature_enabled --all-cities
    expect(plan.regions.map((r) => r.steps.map((s) => `${s.kind}: ${s.argv.join(' ')}`))).toEqual([
      ['undo: npm run flags:disable -- --flag new_feature_enabled --all-cities', 'rollback: npm run deploy:rollback -- --to-version v1.2.2'],
    ]);
  });

  test('before the flag step ran, the rollback has no kill switch to run', () => {
    const workspace = workspaces.get('blue-green-feature-flags')!;
    const plan = buildRollbackPlan(workspace, defaultRelease(workspace), { deployed, maintenance: {}, handovers: {}, steps: {} }, 'HO-123');
    expect(plan.regions.flatMap((r) => r.steps.map((s) => s.kind))).toEqual(['rollback']);
  });

  test("seed 003's rollback redeploys the application before the infrastructure it was rolled out after", () => {
    const workspace = workspaces.get('gated-release')!;
    const run = (pkg: string, version: string, startedAt: number) => ({ commandId: 'deploy', argv: ['deploy', 'apply', pkg, version, '--region', 'production'], regionId: 'production', exitCode: 0, startedAt });
    // Both deploys in one rehearsal minute: the runbook's order (infrastructure, then application) decides, not the clock.
    const runs = { 'infrastructure@production': [run('platform-infra', '3.2.0', 0)], 'application@production': [run('web-app', '8.5.0', 0)] };
    const plan = buildRollbackPlan(workspace, defaultRelease(workspace), { deployed: { production: { 'platform-infra': '3.2.0', 'web-app': '8.5.0' } }, maintenance: {}, handovers: {}, runs }, 'HO-40');
    expect(plan.flags).toEqual([]);
    // Seed 003 "Rollback Procedure": redeploy the last stable artifact; releases.yaml: "Redeploy web-app 8.4.1, then platform-infra 3.1.0".
    expect(plan.regions.flatMap((r) => r.steps.map((s) => s.argv.join(' ')))).toEqual([
      'deploy rollback web-app 8.4.1 --region production',
      'deploy rollback platform-infra 3.1.0 --region production',
      'deploy status web-app --region production',
      'deploy status platform-infra --region production',
    ]);
  });

  test("seed 001's rollback fills {deployment} from the package: kubectl rollout undo deployment/api-server -n production", () => {
    const workspace = workspaces.get('canary-progressive')!;
    const plan = buildRollbackPlan(workspace, defaultRelease(workspace), { deployed: { 'prod-use1': { 'api-server': 'v1.2.3' } }, maintenance: {}, handovers: {} }, 'HO-101');
    expect(plan.flags).toEqual([]);
    expect(plan.regions.flatMap((r) => r.steps.map((s) => s.argv.join(' ')))).toEqual(['kubectl rollout undo deployment/api-server -n production']);
  });

  test("seed 002's rollback switches production back to blue and redeploys staging's previous version", () => {
    const workspace = workspaces.get('blue-green-governed')!;
    const plan = buildRollbackPlan(workspace, defaultRelease(workspace), { deployed: { staging: { app: 'v1.2.3' }, production: { app: 'v1.2.3' } }, maintenance: {}, handovers: {} }, 'HO-1');
    expect(plan.flags).toEqual([]);
    // Seed 002, "Blue-Green Rollback": kubectl patch service app-service -n production -p '{"spec":{"selector":{"version":"blue"}}}'
    expect(plan.regions.map((r) => `${r.regionId}: ${r.steps.map((step) => step.argv.join(' ')).join(' ; ')}`)).toEqual([
      'production: kubectl patch service app-service -n production -p {"spec":{"selector":{"version":"blue"}}}',
      'staging: ./scripts/deploy.sh staging v1.2.2',
    ]);
  });
});
