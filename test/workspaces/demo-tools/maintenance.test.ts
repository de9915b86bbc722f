import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoTools } from './run';

describe('demo maintenance tool', () => {
  let tools: ReturnType<typeof demoTools>;
  beforeEach(() => (tools = demoTools()));
  afterEach(() => tools.dispose());

  it('redirects a region to its sibling, reports it in status, and brings it back', () => {
    const enabled = tools.run(['maintenance', 'enable', '--region', 'EUW2']);
    expect(enabled.code).toBe(0);
    expect(enabled.stdout).toContain('Maintenance mode enabled in EUW2, traffic served by EUC1');
    expect(tools.run(['maintenance', 'status', '--region', 'EUW2']).stdout).toContain('maintenance mode ON, traffic redirected to EUC1');
    expect(tools.run(['maintenance', 'disable', '--region', 'EUW2']).code).toBe(0);
    expect(tools.run(['maintenance', 'status', '--region', 'EUW2']).stdout).toContain('maintenance mode off');
  });

  it('fails when maintenance mode is enabled twice', () => {
    expect(tools.run(['maintenance', 'enable', '--region', 'USE2']).code).toBe(0);
    const again = tools.run(['maintenance', 'enable', '--region', 'USE2']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already enabled in USE2');
  });

  it('refuses to put both siblings in maintenance mode at once', () => {
    expect(tools.run(['maintenance', 'enable', '--region', 'APSE1']).code).toBe(0);
    const sibling = tools.run(['maintenance', 'enable', '--region', 'APSE2']);
    expect(sibling.code).toBe(1);
    expect(sibling.stderr).toContain('APSE1 is itself in maintenance mode');
  });

  it('fails to disable maintenance mode that is not enabled, and to send traffic to a sibling in maintenance', () => {
    expect(tools.run(['maintenance', 'disable', '--region', 'EUC1']).code).toBe(1);
    expect(tools.run(['maintenance', 'enable', '--region', 'S01']).code).toBe(0);
    const s02 = tools.run(['maintenance', 'enable', '--region', 'S02']);
    expect(s02.code).toBe(1);
    expect(s02.stderr).toContain('S01 is itself in maintenance mode');
  });

  it.each([
    [['maintenance', 'enable', '--region', 'XX']],
    [['maintenance', 'enable', '--region', 'EUW2;id']],
    [['maintenance', 'enable']],
    [['maintenance', 'reboot', '--region', 'EUW2']],
    [['maintenance', 'enable', '--region', 'EUW2', '--force']],
  ])('rejects %j as a usage error with exit code 2', (argv) => {
    expect(tools.run(argv).code).toBe(2);
  });

  it('fails on purpose when the drill hook names the command and region', () => {
    const failed = tools.run(['maintenance', 'enable', '--region', 'EUW2'], { RELEASE_CONSOLE_DEMO_FAIL: 'maintenance enable:EUW2' });
    expect(failed.code).toBe(1);
    expect(tools.run(['maintenance', 'status', '--region', 'EUW2']).stdout).toContain('off');
    expect(tools.run(['maintenance', 'enable', '--region', 'EUC1'], { RELEASE_CONSOLE_DEMO_FAIL: 'maintenance enable:EUW2' }).code).toBe(0);
  });
});
