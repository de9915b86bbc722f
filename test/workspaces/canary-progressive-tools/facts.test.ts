import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { WORKSPACE } from './run';

const yamlOf = (file: string) => parse(readFileSync(path.join(WORKSPACE, file), 'utf8')) as Record<string, unknown>;
const facts = readFileSync(path.join(WORKSPACE, 'bin', 'lib', 'facts'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => l.split(' '));
const factsOf = (kind: string) => facts.filter((f) => f[0] === kind).map((f) => f.slice(1));

describe("seed 001's simulated cluster facts", () => {
  it('have one kube context per region of regions.yaml', () => {
    const regions = yamlOf('regions.yaml').regions as { id: string }[];
    expect(factsOf('context')).toEqual(regions.map((r) => [r.id]));
  });

  it("hold each package's deployment and canary, with the container packages.yaml names", () => {
    const packages = (yamlOf('packages.yaml').packages as { deployment?: string; canaryDeployment?: string; container?: string }[]).filter((p) => p.deployment);
    const deployments = factsOf('deployment').map(([name, container]) => [name, container]);
    expect(deployments).toEqual(packages.flatMap((p) => [[p.deployment!.replace('deployment/', ''), p.container], [p.canaryDeployment!.replace('deployment/', ''), p.container]]));
  });

  it("run each handover package's current version before the rehearsal, in the registry its new image names", () => {
    type Pkg = { name: string; currentVersion: string; image: string };
    const releases = yamlOf('releases.yaml').releases as { handovers: { packages: Pkg[] }[] }[];
    for (const p of releases.flatMap((r) => r.handovers.flatMap((h) => h.packages))) {
      const image = p.image.split('=')[1]!;
      const before = `${image.slice(0, image.lastIndexOf(':'))}:${p.currentVersion}`;
      expect(factsOf('deployment').filter(([name]) => name === p.name || name === `${p.name}-canary`).map((f) => f[3])).toEqual([before, before]);
    }
  });

  it('serve tools that are POSIX shell scripts, parsed cleanly by dash and by bash in POSIX mode', () => {
    for (const tool of ['bin/kubectl', 'bin/lib/cluster.sh', 'scripts/verify-deployment.sh', 'scripts/smoke-tests.sh']) {
      for (const shell of [['dash', '-n'], ['bash', '--posix', '-n']]) {
        const checked = spawnSync(shell[0]!, [...shell.slice(1), path.join(WORKSPACE, tool)], { encoding: 'utf8' });
        expect({ tool, shell: shell[0], code: checked.status, stderr: checked.stderr }).toEqual({ tool, shell: shell[0], code: 0, stderr: '' });
      }
    }
  });
});
