import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN } from './run';

const WORKSPACE = path.join(BIN, '..');
const yamlOf = (file: string) => parse(readFileSync(path.join(WORKSPACE, file), 'utf8')) as Record<string, unknown>;
const facts = readFileSync(path.join(BIN, 'lib', 'facts'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => l.split(' '));
const factsOf = (kind: string) => facts.filter((f) => f[0] === kind).map((f) => f.slice(1));

describe('gated-release tool facts', () => {
  it('name the regions of regions.yaml', () => {
    expect(factsOf('region')).toEqual((yamlOf('regions.yaml').regions as { id: string }[]).map((r) => [r.id]));
  });

  it('hold the packages, their kinds and the versions production runs before the default release', () => {
    const packages = yamlOf('packages.yaml').packages as { name: string; kind: string }[];
    const releases = yamlOf('releases.yaml').releases as { id: string; handovers: { packages: { name: string; currentVersion: string }[] }[] }[];
    const release = releases.find((r) => r.id === yamlOf('workspace.yaml').defaultRelease)!;
    const current = new Map(release.handovers.flatMap((h) => h.packages.map((p) => [p.name, p.currentVersion] as const)));
    expect(factsOf('package')).toEqual(packages.map((p) => [p.name, p.kind, current.get(p.name)]));
  });

  it('serve a tool that is a POSIX shell script, parsed cleanly by dash and by bash in POSIX mode', () => {
    for (const file of [path.join(BIN, 'deploy'), path.join(BIN, 'lib', 'common.sh')]) {
      for (const [program, ...flags] of [['dash', '-n'], ['bash', '--posix', '-n']] as const) {
        const check = spawnSync(program, [...flags, file], { encoding: 'utf8' });
        if (check.error) continue; // that shell is not installed here
        expect(check.status, `${program} ${file}: ${check.stderr}`).toBe(0);
      }
    }
    expect(readFileSync(path.join(BIN, 'deploy'), 'utf8').startsWith('#!/bin/sh\n')).toBe(true);
  });
});
