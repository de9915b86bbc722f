import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadWorkspace } from '../../../main/workspace/load';
import { terminalEnvironment } from '../../../main/terminal/environment';
import { resolveProgram } from '../../../main/terminal/program';
import { guardedTools } from '../../../main/terminal/shell-guard';
import { BIN, WORKSPACE, seedTools } from './run';

// The seed's own lines, as commands.yaml fills them for release v1.2.3.
const DEPLOY_10 = ['gh', 'workflow', 'run', 'deploy-production.yml', '--ref', 'v1.2.3', '--field', 'environment=production', '--field', 'rollout_percentage=10'];
const shift = (percentage: number) => ['gh', 'workflow', 'run', 'deploy-production.yml', '--ref', 'v1.2.3', '--field', `rollout_percentage=${percentage}`];
const ENABLE_FLAG = ['npm', 'run', 'flags:update', '--', '--flag', 'new_feature_enabled', '--city', 'los-angeles', '--percentage', '0.1'];
const KILL_SWITCH = ['npm', 'run', 'flags:disable', '--', '--flag', 'new_feature_enabled', '--all-cities'];
const ROLLBACK = ['npm', 'run', 'deploy:rollback', '--', '--to-version', 'v1.2.2'];

describe('seed 004 simulated tools (npm, gh)', () => {
  let tools: ReturnType<typeof seedTools>;
  beforeEach(() => (tools = seedTools()));
  afterEach(() => tools.dispose());

  it('runs the staging checks as the runbook writes them', () => {
    const smoke = tools.run(['npm', 'run', 'test:smoke', '--', '--env=staging']);
    expect(smoke.code).toBe(0);
    expect(smoke.stdout).toContain('> rastup@1.2.3 test:smoke');
    expect(smoke.stdout).toContain('Smoke tests against staging (v1.2.3)');
    expect(smoke.stdout).toContain('5 passed (staging)');
    const e2e = tools.run(['npm', 'run', 'test:e2e', '--', '--env=staging', '--suite=critical']);
    expect(e2e.code).toBe(0);
    expect(e2e.stdout).toContain('4 critical flows passed (staging)');
  });

  it('shifts traffic 10% → 50% → 100%, completes the cutover, and keeps each step in the state file', () => {
    const first = tools.run(DEPLOY_10);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('green: deploying v1.2.3 beside blue v1.2.2');
    expect(first.stdout).toContain('production: 10% of traffic on green v1.2.3 (was 0%)');
    expect(tools.run(shift(50)).stdout).toContain('target group weights: blue v1.2.2 50% · green v1.2.3 50%');
    expect(tools.run(shift(100)).stdout).toContain('production: 100% of traffic on green v1.2.3 (was 50%)');
    expect(tools.state()).toEqual(['green v1.2.3', 'traffic 10', 'traffic 50', 'traffic 100']);
    const complete = tools.run(['npm', 'run', 'deploy:complete', '--', '--version', 'v1.2.3']);
    expect(complete.code).toBe(0);
    expect(complete.stdout).toContain('production is on v1.2.3 (was v1.2.2)');
    expect(tools.run(['npm', 'run', 'test:smoke', '--', '--env=production']).stdout).toContain('Smoke tests against production (v1.2.3)');
    const validated = tools.run(['npm', 'run', 'metrics:validate', '--', '--baseline', 'v1.2.2', '--current', 'v1.2.3']);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toMatch(/error rate\s+0\.21%\s+0\.19%\s+ok/);
    // After the cutover, the rollback switches production back to the version it replaced.
    expect(tools.run(ROLLBACK).stdout).toContain('production is on v1.2.2 (was v1.2.3)');
    expect(tools.state().slice(-2)).toEqual(['blue v1.2.2', 'previous -']);
  });

  it('refuses to complete a cutover before green has all the traffic', () => {
    tools.run(DEPLOY_10);
    const refused = tools.run(['npm', 'run', 'deploy:complete', '--', '--version=v1.2.3']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('green v1.2.3 has 10% of production traffic; shift it to 100% before completing the cutover');
  });

  it('enables the flag, the kill switch turns it off everywhere, then the traffic goes back to blue', () => {
    tools.run(DEPLOY_10);
    tools.run(shift(50));
    const enabled = tools.run(ENABLE_FLAG);
    expect(enabled.code).toBe(0);
    expect(enabled.stdout).toContain('new_feature_enabled on for 0.1% of los-angeles (was never set)');
    expect(tools.run(['npm', 'run', 'flags:validate', '--', '--env=production']).stdout).toMatch(/new_feature_enabled\s+on for 0\.1% of los-angeles/);
    const killed = tools.run(KILL_SWITCH);
    expect(killed.code).toBe(0);
    expect(killed.stdout).toContain('new_feature_enabled is off everywhere (was los-angeles:0.1)');
    expect(tools.run(['npm', 'run', 'flags:validate', '--', '--env=production']).stdout).toMatch(/new_feature_enabled\s+off/);
    const back = tools.run(ROLLBACK);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('target group weights: blue v1.2.2 100% · green v1.2.3 0%');
    expect(tools.state().slice(-2)).toEqual(['traffic 0', 'green -']);
    // Nothing is left to roll back.
    expect(tools.run(ROLLBACK).stderr).toContain('production already runs only v1.2.2; there is nothing to roll back');
  });

  it('refuses bad arguments with a usage line and exit 2, and changes nothing', () => {
    const cases: [string[], string][] = [
      [['npm', 'install'], "only 'npm run' is simulated here"],
      [['npm', 'run', 'migrate:production'], 'Missing script: "migrate:production"'],
      [['npm', 'run', 'test:smoke', '--env=staging'], "the script's options go after '--'"],
      [['npm', 'run', 'test:smoke', '--', '--env=prod'], "unknown environment 'prod'"],
      [['npm', 'run', 'test:e2e', '--', '--env=staging'], 'test:e2e needs --suite=critical'],
      [['npm', 'run', 'flags:update', '--', '--flag', 'new_feature_enabled', '--city', 'los-angeles', '--percentage', '5'], "--percentage must be 0.1, 10, 50 or 100, not '5'"],
      [['npm', 'run', 'flags:disable', '--', '--flag', 'new_feature_enabled'], 'flags:disable needs --all-cities'],
      [['npm', 'run', 'deploy:rollback', '--', '--to-version', 'latest'], "'latest' is not a version"],
      [['npm', 'run', 'deploy:rollback', '--', '--version', 'v1.2.2'], 'deploy:rollback does not take --version'],
      [['gh', 'pr', 'merge'], "only 'gh workflow run' is simulated here"],
      [['gh', 'workflow', 'run', 'deploy-production.yml', '--ref', 'v1.2.3', '--field', 'rollout_percentage=20'], "rollout_percentage must be 10, 50 or 100, not '20'"],
      [['gh', 'workflow', 'run', 'deploy-production.yml', '--ref', 'v1.2.3', '--field', 'environment=staging', '--field', 'rollout_percentage=10'], "only deploys to production, not 'staging'"],
      [['gh', 'workflow', 'run', 'deploy-production.yml', '--field', 'rollout_percentage=10'], '--ref is required'],
    ];
    for (const [argv, error] of cases) {
      const refused = tools.run(argv);
      expect(refused.code, argv.join(' ')).toBe(2);
      expect(refused.stderr, argv.join(' ')).toContain('usage:');
      expect(refused.stderr, argv.join(' ')).toContain(error);
    }
    expect(tools.state()).toEqual([]);
  });

  it('are the only npm and gh on a workspace terminal, behind the console shells\' shims, and nowhere else', async () => {
    const loaded = await loadWorkspace(WORKSPACE);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    // The shell guard puts a shim for each tool first; the shim runs what PATH finds without its folder.
    expect(guardedTools(loaded.workspace.commands.map((c) => c.argv[0] ?? ''))).toEqual(['gh', 'npm']);
    const terminalPath = terminalEnvironment(WORKSPACE, { PATH: '/usr/bin:/bin' }).PATH;
    expect(resolveProgram('npm', terminalPath, WORKSPACE)).toBe(path.join(BIN, 'npm'));
    expect(resolveProgram('gh', terminalPath, WORKSPACE)).toBe(path.join(BIN, 'gh'));
    // Every command the runbook runs is marked safe to run in a rehearsal: the tools reach nothing.
    expect(loaded.workspace.commands.filter((c) => !c.rehearsalSafe).map((c) => c.id)).toEqual([]);
    // The console's own scripts (build, tests) keep the real npm: the test process's PATH has no workspace bin.
    expect(resolveProgram('npm', process.env.PATH, process.cwd()) ?? '').not.toContain(`${path.sep}workspaces${path.sep}`);
  });
});
