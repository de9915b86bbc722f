import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardedTools } from '../../../main/terminal/shell-guard';
import { seed002Tools, WORKSPACE } from './run';

const GREEN = ['kubectl', 'patch', 'service', 'app-service', '-n', 'production', '-p', '{"spec":{"selector":{"version":"green"}}}'];
const BLUE = ['kubectl', 'patch', 'service', 'app-service', '-n', 'production', '-p', '{"spec":{"selector":{"version":"blue"}}}'];
const SET_GREEN = ['kubectl', 'set', 'image', 'deployment/app-green', 'app=registry/app:v1.2.3', '-n', 'production'];
const ROLLOUT_GREEN = ['kubectl', 'rollout', 'status', 'deployment/app-green', '-n', 'production', '--timeout=15m'];

describe("seed 002's simulated tools", () => {
  let tools: ReturnType<typeof seed002Tools>;
  beforeEach(() => (tools = seed002Tools()));
  afterEach(() => tools.dispose());

  it('deploys staging with ./scripts/deploy.sh, and the smoke tests and health check see the new version', () => {
    expect(tools.run(['./scripts/health_check.sh', 'staging']).stdout).toContain('Health of staging, serving registry/app:v1.2.2');
    const deployed = tools.run(['./scripts/deploy.sh', 'staging', 'v1.2.3']);
    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toContain('✔ registry/app:v1.2.3 deployed to staging (was v1.2.2)');
    expect(tools.state()).toEqual(['version staging v1.2.3']);
    const smoke = tools.run(['pytest', 'tests/smoke/', '--env', 'staging']);
    expect(smoke.code).toBe(0);
    expect(smoke.stdout).toContain('smoke target: staging (registry/app:v1.2.3)');
    expect(smoke.stdout).toContain('6 passed');
    const again = tools.run(['./scripts/deploy.sh', 'staging', 'v1.2.3']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already running in staging');
  });

  it('redeploys staging\'s previous version for the staging rollback', () => {
    tools.run(['./scripts/deploy.sh', 'staging', 'v1.2.3']);
    expect(tools.run(['./scripts/deploy.sh', 'staging', 'v1.2.2']).stdout).toContain('deployed to staging (was v1.2.3)');
    expect(tools.state()).toEqual(['version staging v1.2.3', 'version staging v1.2.2']);
  });

  it('walks the blue-green switch: green image, rollout, smoke on green, switch, and the switch back to blue', () => {
    expect(tools.run(SET_GREEN).stdout).toBe('deployment.apps/app-green image updated\n');
    // Green's pods are not ready until its rollout has finished: no smoke tests, no traffic.
    const early = tools.run(GREEN);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('has not finished rolling out registry/app:v1.2.3');
    expect(tools.run(['pytest', 'tests/smoke/', '--env', 'production-green']).code).toBe(1);
    const rollout = tools.run(ROLLOUT_GREEN);
    expect(rollout.code).toBe(0);
    expect(rollout.stdout).toContain('deployment "app-green" successfully rolled out (registry/app:v1.2.3)');
    expect(tools.run(['pytest', 'tests/smoke/', '--env', 'production-green']).stdout).toContain('smoke target: production-green (registry/app:v1.2.3)');
    expect(tools.run(['./scripts/health_check.sh', 'production']).stdout).toContain('Health of production (blue), serving registry/app:v1.2.2');

    const switched = tools.run(GREEN);
    expect(switched.code).toBe(0);
    expect(switched.stdout).toContain('service/app-service patched\n');
    expect(switched.stdout).toContain('production traffic: green (registry/app:v1.2.3), was blue');
    expect(tools.run(['kubectl', 'get', 'service', 'app-service', '-n', 'production']).stdout).toMatch(/app-service\s+ClusterIP.*version=green/);
    expect(tools.run(['pytest', 'tests/smoke/', '--env', 'production']).stdout).toContain('smoke target: production (registry/app:v1.2.3)');

    const back = tools.run(BLUE);
    expect(back.stdout).toContain('production traffic: blue (registry/app:v1.2.2), was green');
    expect(tools.run(BLUE).stdout).toBe('service/app-service patched (no change)\n');
    expect(tools.run(['kubectl', 'get', 'deployments', '-n', 'production']).stdout).toMatch(/app\s+3\/3\s+3\s+registry\/app:v1\.2\.2\napp-green\s+3\/3\s+3\s+registry\/app:v1\.2\.3/);
    expect(tools.state()).toEqual(['image app-green v1.2.3', 'rollout app-green v1.2.3', 'selector app-service green', 'selector app-service blue']);
  });

  it('verifies the production backup against --max-age, and fails a backup older than it', () => {
    const fresh = tools.run(['./scripts/verify_backup.sh', 'production', '--max-age=24h']);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('3h 12m old');
    const strict = tools.run(['./scripts/verify_backup.sh', 'production', '--max-age=90m']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('older than --max-age=90m');
  });

  it('fails on purpose what a rehearsal names in RELEASE_CONSOLE_DEMO_FAIL, leaving the state as it was', () => {
    tools.run(SET_GREEN);
    tools.run(ROLLOUT_GREEN);
    const smoke = tools.run(['pytest', 'tests/smoke/', '--env', 'production-green'], { RELEASE_CONSOLE_DEMO_FAIL: 'pytest:production-green' });
    expect(smoke.code).toBe(1);
    expect(smoke.stdout).toContain('1 failed, 6 passed');
    const patch = tools.run(GREEN, { RELEASE_CONSOLE_DEMO_FAIL: 'kubectl patch:green' });
    expect(patch.code).toBe(1);
    expect(tools.run(['kubectl', 'get', 'service', 'app-service', '-n', 'production']).stdout).toContain('version=blue');
  });

  it.each([
    [['./scripts/deploy.sh', 'staging']],
    [['./scripts/deploy.sh', 'production', 'v1.2.3']],
    [['./scripts/deploy.sh', 'staging', '$(id)']],
    [['./scripts/deploy.sh', 'staging', '-rf']],
    [['./scripts/health_check.sh', 'qa']],
    [['./scripts/verify_backup.sh', 'production', '--max-age=soon']],
    [['./scripts/verify_backup.sh', 'production']],
    [['pytest', 'tests/unit/', '--env', 'staging']],
    [['pytest', 'tests/smoke/', '--env', 'prod']],
    [['kubectl', 'delete', 'namespace', 'production']],
    [['kubectl', 'set', 'image', 'deployment/app-green', 'app=registry/app:latest', '-n', 'production']],
    [['kubectl', 'set', 'image', 'deployment/app-green', 'app=registry/app:v1.2.3', '-n', 'staging']],
    [['kubectl', 'set', 'image', 'deployment/app-red', 'app=registry/app:v1.2.3', '-n', 'production']],
    [['kubectl', 'rollout', 'status', 'deployment/app-green', '-n', 'production', '--timeout=forever']],
    [['kubectl', 'patch', 'service', 'app-service', '-n', 'production', '-p', '{"spec":{"selector":{"version":"red"}}}']],
    [['kubectl', 'patch', 'service', 'app-service', '-n', 'production']],
  ])('refuses %j with a usage error, exit code 2, and no change', (argv) => {
    const refused = tools.run(argv);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/error: /);
    expect(tools.state()).toEqual([]);
  });

  it('runs every command of commands.yaml, each marked rehearsal-safe, with the runbook\'s own argv', () => {
    const file = parse(readFileSync(path.join(WORKSPACE, 'commands.yaml'), 'utf8')) as { commands: { id: string; rehearsalSafe?: boolean; argv: string[] }[] };
    const values: Record<string, string> = { environment: 'staging', version: 'v1.2.3', target: 'staging', deployment: 'deployment/app-green', image: 'app=registry/app:v1.2.3' };
    const order = ['health-check', 'deploy', 'smoke-tests', 'verify-backup', 'set-green-image', 'rollout-status', 'switch-to-green', 'switch-to-blue'];
    expect(file.commands.map((c) => c.id).sort()).toEqual([...order, 'redeploy-previous'].sort());
    for (const id of order) {
      const command = file.commands.find((c) => c.id === id)!;
      expect(command.rehearsalSafe, id).toBe(true);
      const argv = command.argv.map((a) => a.replace(/^\{(\w+)\}$/, (_, name: string) => values[name] ?? a));
      const ran = tools.run(argv);
      expect(ran.code, `${id}: ${ran.stderr}`).toBe(0);
    }
    expect(file.commands.find((c) => c.id === 'redeploy-previous')!.rehearsalSafe).toBe(true);
    expect(tools.run(['./scripts/deploy.sh', 'staging', 'v1.2.2']).code).toBe(0);
  });

  it('puts the shell guard\'s shims in front of kubectl and pytest only: the same names as the simulated tools, which the shims run once allowed', () => {
    const file = parse(readFileSync(path.join(WORKSPACE, 'commands.yaml'), 'utf8')) as { commands: { argv: string[] }[] };
    // ./scripts/*.sh are paths, which no PATH shim can stand in front of (reported: a console shell that cd's into the workspace runs them unguarded).
    expect(guardedTools(file.commands.map((c) => c.argv[0] ?? ''))).toEqual(['kubectl', 'pytest']);
  });
});
