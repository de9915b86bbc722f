import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoTools } from './run';

describe('demo deploy tool', () => {
  let tools: ReturnType<typeof demoTools>;
  beforeEach(() => (tools = demoTools()));
  afterEach(() => tools.dispose());

  it('refuses an RT package while the region is not in maintenance mode (seed 000)', () => {
    const refused = tools.run(['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'EUW2']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('needs maintenance mode in EUW2');
  });

  it('deploys an RT package under maintenance mode, and check-versions shows it in that region only', () => {
    tools.run(['maintenance', 'enable', '--region', 'EUW2']);
    const applied = tools.run(['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'EUW2']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('rt-media-gateway 4.13.0 deployed to EUW2 (was 4.12.0)');
    const versions = tools.run(['rmht', 'check-versions', 'rt-media-gateway']).stdout;
    expect(versions).toMatch(/EUW2\s+4\.13\.0\s+on/);
    expect(versions).toMatch(/EUC1\s+4\.12\.0\s+off/);
  });

  it('deploys a package that needs no maintenance mode at any time', () => {
    expect(tools.run(['deploy', 'apply', 'routing-engine', '2.9.0', '--region', 'USE2']).code).toBe(0);
    expect(tools.run(['deploy', 'status']).stdout).toMatch(/USE2\s+routing-engine\s+2\.9\.0/);
  });

  it('rolls a package back, and removes a new package with version 0.0.0', () => {
    expect(tools.run(['deploy', 'apply', 'cdr-export-lambda', '1.0.0', '--region', 'S01']).code).toBe(0);
    const removed = tools.run(['deploy', 'rollback', 'cdr-export-lambda', '0.0.0', '--region', 'S01']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('cdr-export-lambda removed from S01');
    expect(tools.run(['rmht', 'check-versions', 'cdr-export-lambda']).stdout).toMatch(/S01\s+not deployed/);
  });

  it('fails to roll back a package that is not deployed in the region', () => {
    const failed = tools.run(['deploy', 'rollback', 'cdr-export-lambda', '0.0.0', '--region', 'S01']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('nothing to roll back');
  });

  it('fails a rollback on purpose for the rollback drill, and leaves the version in place', () => {
    tools.run(['maintenance', 'enable', '--region', 'USE2']);
    tools.run(['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'USE2']);
    const failed = tools.run(['deploy', 'rollback', 'rt-media-gateway', '4.12.0', '--region', 'USE2'], { RELEASE_CONSOLE_DEMO_FAIL: 'deploy rollback:USE2' });
    expect(failed.code).toBe(1);
    expect(tools.run(['rmht', 'check-versions', 'rt-media-gateway']).stdout).toMatch(/USE2\s+4\.13\.0/);
    expect(tools.run(['deploy', 'rollback', 'rt-media-gateway', '4.12.0', '--region', 'USE2']).code).toBe(0);
  });

  it('fails a rollback only once with an @once rule, so the drill can see a retry succeed', () => {
    const fail = { RELEASE_CONSOLE_DEMO_FAIL: 'deploy rollback:USE2@once' };
    tools.run(['maintenance', 'enable', '--region', 'USE2']);
    tools.run(['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'USE2']);
    expect(tools.run(['deploy', 'rollback', 'rt-media-gateway', '4.12.0', '--region', 'EUW2'], fail).stderr).not.toContain('state lock held');
    const first = tools.run(['deploy', 'rollback', 'rt-media-gateway', '4.12.0', '--region', 'USE2'], fail);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('state lock held');
    expect(tools.run(['rmht', 'check-versions', 'rt-media-gateway']).stdout).toMatch(/USE2\s+4\.13\.0/);
    expect(tools.run(['deploy', 'rollback', 'rt-media-gateway', '4.12.0', '--region', 'USE2'], fail).code).toBe(0);
    expect(tools.run(['rmht', 'check-versions', 'rt-media-gateway']).stdout).toMatch(/USE2\s+4\.12\.0/);
  });

  it('holds only the first matching run with an @Ns@once rule, so a back-out after an aborted rollback runs at once', () => {
    const hold = { RELEASE_CONSOLE_DEMO_HANG: 'deploy apply:USE2@1s@once' };
    const timed = (argv: string[]) => {
      const started = Date.now();
      return { ...tools.run(argv, hold), ms: Date.now() - started };
    };
    const first = timed(['deploy', 'apply', 'routing-engine', '2.9.0', '--region', 'USE2']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('waiting 1s for the change lock on USE2');
    expect(first.ms).toBeGreaterThanOrEqual(1_000);
    const second = timed(['deploy', 'apply', 'cdr-export-lambda', '1.0.0', '--region', 'USE2']);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('waiting');
    expect(second.ms).toBeLessThan(1_000);
    // Without @once every run is held, as before.
    expect(tools.run(['deploy', 'apply', 'routing-engine', '2.9.1', '--region', 'USE2'], { RELEASE_CONSOLE_DEMO_HANG: 'deploy apply:USE2@1s' }).stdout).toContain('waiting 1s for the change lock on USE2');
  });

  it.each([
    [['deploy', 'apply', 'no-such-package', '1.0.0', '--region', 'EUW2']],
    [['deploy', 'apply', 'routing-engine', '$(id)', '--region', 'EUW2']],
    [['deploy', 'apply', 'routing-engine', '-rf', '--region', 'EUW2']],
    [['deploy', 'apply', 'routing-engine', '2.9.0', '--region', 'MARS']],
    [['deploy', 'apply', 'routing-engine', '2.9.0']],
    [['deploy', 'launch']],
  ])('rejects %j as a usage error with exit code 2', (argv) => {
    expect(tools.run(argv).code).toBe(2);
  });
});
