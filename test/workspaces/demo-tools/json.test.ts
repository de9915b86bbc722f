// Issue 14, point 4: the demo tools' --json output is what the console's reconcile probes read, so each
// is parsed with the probe report schemas in shared/world.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProbeOutput } from '../../../shared/world/probeReport';
import { demoTools } from './run';

describe('demo tools --json', () => {
  let tools: ReturnType<typeof demoTools>;
  beforeEach(() => (tools = demoTools({ colour: true })));
  afterEach(() => tools.dispose());

  function report<K extends 'maintenance' | 'versions'>(kind: K, argv: string[]) {
    const run = tools.run(argv);
    expect(run.code, run.stderr).toBe(0);
    // Colour is on: JSON output must carry none, and nothing but the document.
    expect(run.stdout).not.toContain('\x1b');
    const parsed = parseProbeOutput(kind, run.stdout);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.report;
  }

  it('maintenance status --json says off, then on with the sibling taking the traffic', () => {
    expect(report('maintenance', ['maintenance', 'status', '--region', 'EUW2', '--json'])).toEqual({ region: 'EUW2', maintenanceMode: false, redirectedTo: null });
    expect(tools.run(['maintenance', 'enable', '--region', 'EUW2']).code).toBe(0);
    expect(report('maintenance', ['maintenance', 'status', '--json', '--region', 'EUW2'])).toEqual({ region: 'EUW2', maintenanceMode: true, redirectedTo: 'EUC1' });
  });

  it('rmht check-versions --json --region lists every package in the region, null where it does not run', () => {
    expect(tools.run(['deploy', 'apply', 'routing-engine', '2.9.0', '--region', 'EUW2']).code).toBe(0);
    const rows = report('versions', ['rmht', 'check-versions', '--json', '--region', 'EUW2']).versions;
    expect(rows.every((r) => r.region === 'EUW2')).toBe(true);
    expect(rows).toContainEqual(expect.objectContaining({ package: 'routing-engine', version: '2.9.0' }));
    expect(rows).toContainEqual(expect.objectContaining({ package: 'voicemail-service', version: '5.2.0' }));
    expect(rows).toContainEqual(expect.objectContaining({ package: 'sentiment-worker', version: null }));
    expect(rows).toHaveLength(22);
  });

  it('rmht check-versions --json PACKAGE lists the package in every region', () => {
    const rows = report('versions', ['rmht', 'check-versions', '--json', 'transcribed']).versions;
    expect(rows).toHaveLength(11);
    expect(rows.every((r) => r.package === 'transcribed' && r.version === '3.4.2')).toBe(true);
  });

  it('escapes a hand-edited state line rather than printing broken JSON', () => {
    writeFileSync(tools.env.RELEASE_CONSOLE_DEMO_STATE!, 'version EUW2 portal-web 1"2\\3\n');
    const rows = report('versions', ['rmht', 'check-versions', '--json', '--region', 'EUW2']).versions;
    expect(rows).toContainEqual(expect.objectContaining({ package: 'portal-web', version: '1"2\\3' }));
  });

  it.each([
    [['maintenance', 'enable', '--region', 'EUW2', '--json']],
    [['maintenance', 'status', '--json']],
    [['rmht', 'check-versions', '--json']],
    [['rmht', 'check-versions', '--json', 'transcribed', '--region', 'EUW2']],
    [['rmht', 'check-versions', '--json', '--region', 'XX']],
    [['rmht', 'check-versions', 'transcribed', '--region', 'EUW2']],
    [['rmht', 'check-versions', '--yaml', 'transcribed']],
  ])('rejects %j as a usage error with exit code 2 and nothing on stdout', (argv) => {
    const run = tools.run(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });

  it('fails with exit code 1 and no JSON when the drill hook fails the versions endpoint', () => {
    const run = tools.run(['rmht', 'check-versions', '--json', '--region', 'EUW2'], { RELEASE_CONSOLE_DEMO_FAIL: 'rmht check-versions' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });
});
