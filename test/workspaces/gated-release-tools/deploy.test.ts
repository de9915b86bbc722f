import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gatedReleaseTools } from './run';

describe('gated-release deploy tool (seed 003)', () => {
  let tools: ReturnType<typeof gatedReleaseTools>;
  beforeEach(() => (tools = gatedReleaseTools()));
  afterEach(() => tools.dispose());

  it('starts from the versions releases.yaml says production runs', () => {
    const status = tools.run(['deploy', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/production\s+platform-infra\s+3\.1\.0\s+infra/);
    expect(status.stdout).toMatch(/production\s+web-app\s+8\.4\.1\s+app/);
  });

  it('applies the infrastructure change (schemas, networking), then rolls the application out progressively', () => {
    const infra = tools.run(['deploy', 'apply', 'platform-infra', '3.2.0', '--region', 'production']);
    expect(infra.code).toBe(0);
    expect(infra.stdout).toContain('schema migration 0042_add_order_index: applied');
    expect(infra.stdout).toContain('platform-infra 3.2.0 deployed to production (was 3.1.0)');
    const app = tools.run(['deploy', 'apply', 'web-app', '8.5.0', '--region', 'production']);
    expect(app.code).toBe(0);
    expect(app.stdout).toMatch(/ 10% of traffic on 8\.5\.0[\s\S]* 50% of traffic[\s\S]*100% of traffic on 8\.5\.0/);
    expect(app.stdout).toContain('web-app 8.5.0 deployed to production (was 8.4.1)');
    expect(readFileSync(tools.state, 'utf8')).toBe('version production platform-infra 3.2.0\nversion production web-app 8.5.0\n');
    expect(tools.run(['deploy', 'status']).stdout).toMatch(/web-app\s+8\.5\.0/);
  });

  it('redeploys the last stable artifacts, application then infrastructure', () => {
    tools.run(['deploy', 'apply', 'platform-infra', '3.2.0', '--region', 'production']);
    tools.run(['deploy', 'apply', 'web-app', '8.5.0', '--region', 'production']);
    const app = tools.run(['deploy', 'rollback', 'web-app', '8.4.1', '--region', 'production']);
    expect(app.code).toBe(0);
    expect(app.stdout).toContain('web-app rolled back to 8.4.1 in production (was 8.5.0)');
    const infra = tools.run(['deploy', 'rollback', 'platform-infra', '3.1.0', '--region', 'production']);
    expect(infra.stdout).toContain('schema migration 0042_add_order_index: reverted (backup snapshot integrity verified)');
    const status = tools.run(['deploy', 'status']).stdout;
    expect(status).toMatch(/platform-infra\s+3\.1\.0/);
    expect(status).toMatch(/web-app\s+8\.4\.1/);
  });

  it('shows the version one package runs in a region, for the console\'s version check and the rollback\'s', () => {
    expect(tools.run(['deploy', 'status', 'web-app', '--region', 'production']).stdout).toMatch(/production\s+web-app\s+8\.4\.1\s+app\n$/);
    tools.run(['deploy', 'apply', 'web-app', '8.5.0', '--region', 'production']);
    const status = tools.run(['deploy', 'status', 'web-app', '--region', 'production']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/production\s+web-app\s+8\.5\.0\s+app\n$/);
    expect(status.stdout).not.toContain('platform-infra');
  });

  it('refuses to deploy what already runs, and to roll back to the version running', () => {
    const again = tools.run(['deploy', 'apply', 'web-app', '8.4.1', '--region', 'production']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('web-app 8.4.1 is already running in production');
    const rollback = tools.run(['deploy', 'rollback', 'web-app', '8.4.1', '--region', 'production']);
    expect(rollback.code).toBe(1);
    expect(rollback.stderr).toContain('nothing to roll back');
  });

  it('refuses bad arguments with exit 2, saying what is wrong, and changes nothing', () => {
    const cases: [string[], string][] = [
      [['deploy'], 'usage: deploy apply|rollback PACKAGE VERSION --region REGION | deploy status [PACKAGE --region REGION]'],
      [['deploy', 'apply', 'web-app'], 'usage:'],
      [['deploy', 'apply', 'mobile-app', '1.0.0', '--region', 'production'], "unknown package 'mobile-app' (known: platform-infra web-app)"],
      [['deploy', 'apply', 'web-app', '8.5.0', '--region', 'staging'], "unknown region 'staging' (known: production)"],
      [['deploy', 'apply', 'web-app', '8.5.0'], '--region is required'],
      [['deploy', 'apply', 'web-app', '8.5.0;rm', '--region', 'production'], "'8.5.0;rm' is not a version"],
      [['deploy', 'apply', 'web-app', '8.5.0', '--region', 'production', '--force'], "unexpected argument '--force'"],
      [['deploy', 'status', 'web-app'], '--region is required'],
      [['deploy', 'status', 'mobile-app', '--region', 'production'], "unknown package 'mobile-app'"],
      [['deploy', 'status', 'web-app', '--region', 'production', 'now'], "unexpected argument 'now'"],
    ];
    for (const [argv, message] of cases) {
      const refused = tools.run(argv);
      expect(refused.code, argv.join(' ')).toBe(2);
      expect(refused.stderr, argv.join(' ')).toContain(message);
    }
    expect(() => readFileSync(tools.state)).toThrow();
  });

  it('fails on purpose for a drill, and leaves the version in place', () => {
    const failed = tools.run(['deploy', 'apply', 'web-app', '8.5.0', '--region', 'production'], { RELEASE_CONSOLE_DEMO_FAIL: 'deploy apply' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('automated health verification failed');
    expect(tools.run(['deploy', 'status']).stdout).toMatch(/web-app\s+8\.4\.1/);
  });
});
