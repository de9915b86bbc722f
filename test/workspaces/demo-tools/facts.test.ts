import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN } from './run';

const DEMO = path.join(BIN, '..');
const yamlOf = (file: string) => parse(readFileSync(path.join(DEMO, file), 'utf8')) as Record<string, unknown>;
const facts = readFileSync(path.join(BIN, 'lib', 'facts'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => l.split(' '));
const factsOf = (kind: string) => facts.filter((f) => f[0] === kind).map((f) => f.slice(1));

describe('demo tool facts', () => {
  it('name the same regions and siblings as regions.yaml', () => {
    const regions = yamlOf('regions.yaml').regions as { id: string; sibling?: string }[];
    expect(factsOf('region')).toEqual(regions.map((r) => [r.id, r.sibling ?? '-']));
  });

  it('say which packages need maintenance mode as packages.yaml does', () => {
    const packages = yamlOf('packages.yaml').packages as { name: string; needsMaintenanceMode: boolean }[];
    expect(factsOf('package')).toEqual(packages.map((p) => [p.name, p.needsMaintenanceMode ? 'yes' : 'no']));
  });

  it('hold the handovers, current and QA versions of releases.yaml', () => {
    type Pkg = { name: string; currentVersion?: string; newVersion?: string; qaVersion?: string };
    const releases = yamlOf('releases.yaml').releases as { handovers: { id: string; packages: Pkg[] }[] }[];
    const handovers = releases.flatMap((r) => r.handovers);
    expect(factsOf('handover')).toEqual(handovers.flatMap((h) => h.packages.map((p) => [h.id, p.name, p.newVersion ?? '-'])));
    const packages = handovers.flatMap((h) => h.packages);
    for (const p of packages) {
      if (p.currentVersion) expect(factsOf('current')).toContainEqual([p.name, p.currentVersion]);
      if (p.qaVersion) expect(factsOf('qa')).toContainEqual([p.name, p.qaVersion]);
    }
  });

  it('serve tools that are POSIX shell scripts, parsed cleanly by dash and by bash in POSIX mode', () => {
    for (const tool of ['rmht', 'maintenance', 'deploy']) {
      const file = path.join(BIN, tool);
      expect(readFileSync(file, 'utf8').startsWith('#!/bin/sh\n')).toBe(true);
      for (const shell of [['dash', '-n'], ['bash', '--posix', '-n']]) {
        const [program, ...flags] = shell as [string, ...string[]];
        const check = spawnSync(program, [...flags, file], { encoding: 'utf8' });
        if (check.error) continue; // that shell is not installed here
        expect(check.status, `${program} ${tool}: ${check.stderr}`).toBe(0);
      }
    }
  });
});
