import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stepCommands } from '../../../shared/release/stepCommands';
import { stepsOf, type Release, type Step, type Workspace } from '../../../shared/workspace/workspace';
import { loadTemplate } from '../../shared/loadTemplate';
import { createTestService } from './fixture';

/**
 * Hostile handover ids, package names and versions in a release, filled into the demo workspace's real
 * command templates: each is refused with a message naming the value and its placeholder, or arrives at
 * the program as exactly one argument, through a real pty.
 */

const HOSTILE = ['x; rm -rf /', '$(id)', '`id`', 'a\nb', 'a\rb', '-rf', '--region=EUW2', 'Zürich', '../../etc/passwd', 'HO-1 HO-2', '4.13.0 && reboot', '4.13.0\u202e', "it's"];

let workspace: Workspace;
let verifyHandovers: Step;
let deploy: Step;

beforeAll(async () => {
  workspace = await loadTemplate('demo');
  const steps = workspace.runbooks.flatMap(stepsOf);
  verifyHandovers = steps.find((s) => s.id === 'verify-handovers')!;
  deploy = steps.find((s) => s.id === 'sdc-deploy')!;
});

/** The production rollout with one handover whose id, one package name or one version is `value`. */
function releaseWith(field: 'handover' | 'package' | 'version', value: string): Release {
  const release = workspace.releases.find((r) => r.id === '2026-03-product-rollout')!;
  const [first, ...rest] = release.handovers;
  const pkg = first!.packages[0]!;
  const changed = {
    ...first!,
    id: field === 'handover' ? value : first!.id,
    packages: [{ ...pkg, name: field === 'package' ? value : pkg.name, newVersion: field === 'version' ? value : pkg.newVersion }, ...first!.packages.slice(1)],
  };
  return { ...release, handovers: [changed, ...rest] };
}

describe('hostile values in command templates', () => {
  it.each(HOSTILE)('refuses the handover id %j before anything runs, saying which value and why', (value) => {
    const result = stepCommands(workspace, releaseWith('handover', value), verifyHandovers, null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/\{handover\}|is not a valid handover/);
  });

  it.each(HOSTILE)('refuses the package name %j for a deploy in S01', (value) => {
    const result = stepCommands(workspace, releaseWith('package', value), deploy, 'S01');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Deploy — SDC\/LON .*(\{package\}|is not a valid package)/);
  });

  it.each(HOSTILE)('refuses the version %j for a deploy in S01', (value) => {
    const result = stepCommands(workspace, releaseWith('version', value), deploy, 'S01');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/\{version\}|is not a valid version/);
  });
});

describe('values a lax workspace pattern lets through', () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  it('still reach the program as exactly one argument each, never through a shell; control characters and leading "-" stay refused', async () => {
    fixture = createTestService();
    // Prints its argv as ASCII JSON, so nothing the terminal does to text blurs the comparison.
    const printArgv = path.join(fixture.dataDir, 'deploy');
    writeFileSync(printArgv, '#!/usr/bin/env node\nprocess.stdout.write("ARGV=" + JSON.stringify(process.argv.slice(2)).replace(/[\\u007f-\\uffff]/g, (c) => "\\\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) + "\\n");\n');
    chmodSync(printArgv, 0o755);
    const lax: Workspace = { ...workspace, patterns: { ...workspace.patterns, version: '.+' } };
    const marker = path.join(fixture.dataDir, 'pwned');
    const accepted = ['x; rm -rf /', '$(id)', '`id`', 'Zürich', '4.13.0 && reboot', "it's", `$(touch ${marker})`, `4.13.0; touch ${marker}`];
    for (const value of accepted) {
      const result = stepCommands(lax, releaseWith('version', value), deploy, 'S01');
      if (!result.ok) throw new Error(result.error);
      const run = result.runs.find((r) => r.values.version === value)!;
      expect(run.argv).toEqual(['deploy', 'apply', 'rt-media-gateway', value, '--region', 'S01']);
      const ran = await fixture.service.runCommand('S01', [printArgv, ...run.argv.slice(1)], { commandId: 'deploy-apply' });
      const line = ran.output.split('\n').find((l) => l.startsWith('ARGV='));
      expect(JSON.parse(line!.slice('ARGV='.length))).toEqual(run.argv.slice(1));
    }
    expect(existsSync(marker)).toBe(false);
    for (const value of ['a\nb', 'a\rb', '-rf', '--region=EUW2']) {
      expect(stepCommands(lax, releaseWith('version', value), deploy, 'S01')).toMatchObject({ ok: false, error: expect.stringMatching(/control character|starts with "-"/) });
    }
  });
});
