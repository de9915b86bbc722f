// Issue 16: `check` fails closed. A flag left out never makes the answer more permissive than a real
// deployment (a package with a release type) would get, on every seed workspace.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { evaluateGate } from '../../../shared/rules/strictest';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SEEDS = readdirSync(path.join(root, 'workspaces')).sort();
const HOUR = 3_600_000;
/** Eight days every 7 hours from a Friday (weekdays, a weekend, every hour of the day in turn), plus the seeds' freezes. */
const INSTANTS = [
  ...Array.from({ length: Math.ceil((8 * 24) / 7) }, (_, i) => at('2026-11-20T00:30:00Z') + i * 7 * HOUR),
  ...['2026-11-26T18:30:00Z', '2026-11-27T12:00:00Z', '2026-12-15T15:00:00Z', '2026-12-22T10:00:00Z', '2026-12-24T18:00:00Z', '2026-03-30T15:00:00Z', '2026-05-12T15:00:00Z'].map(at),
];

const workspaces = new Map<string, Workspace>();
beforeAll(async () => {
  for (const name of SEEDS) workspaces.set(name, await loadTemplate(name));
});

function allowed(workspace: Workspace, region: string, t: number, releaseType?: string, pkg?: string): boolean {
  return evaluateGate(workspace, { region, releaseType, package: pkg }, t).evaluation.allowed;
}

describe('evaluateGate on every seed workspace', () => {
  test('covers all five seeds', () => {
    expect(SEEDS).toHaveLength(5);
  });

  test.each(SEEDS)('%s: an answer with a flag left out is allowed only when every real deployment it stands for is', (name) => {
    const workspace = workspaces.get(name) as Workspace;
    const types = workspace.releaseTypes.map((t) => t.id);
    const packages = workspace.packages.map((p) => p.name);
    let real = 0;
    for (const { id: region } of workspace.regions) {
      for (const t of INSTANTS) {
        const full = new Map<string, boolean>();
        for (const type of types) for (const pkg of packages) full.set(`${type}|${pkg}`, allowed(workspace, region, t, type, pkg));
        real += [...full.values()].filter(Boolean).length;
        const every = (keep: (key: string) => boolean) => [...full].filter(([key]) => keep(key)).every(([, ok]) => ok);
        const where = `${region} at ${new Date(t).toISOString()}`;
        if (allowed(workspace, region, t)) expect(every(() => true), `no flags, ${where}`).toBe(true);
        for (const type of types) if (allowed(workspace, region, t, type)) expect(every((k) => k.startsWith(`${type}|`)), `--release-type ${type}, ${where}`).toBe(true);
        for (const pkg of packages) if (allowed(workspace, region, t, undefined, pkg)) expect(every((k) => k.endsWith(`|${pkg}`)), `--package ${pkg}, ${where}`).toBe(true);
      }
    }
    // Not vacuous: real deployments are allowed at some of these instants.
    expect(real).toBeGreaterThan(0);
  });

  test.each([
    // seed, region, instant, flags, allowed, a reason it must give
    ['blue-green-feature-flags', 'production', '2026-11-26T18:30:00Z', {}, false, /^Holiday blackout: no deploys Thu 26 Nov – Fri 27 Nov 2026, all day in Los Angeles \(/],
    ['blue-green-feature-flags', 'production', '2026-11-28T18:30:00Z', {}, false, /^Friday afternoon and weekend blackout: no deploys on Sat, Sun, all day in Los Angeles \(/],
    ['blue-green-feature-flags', 'production', '2026-11-28T18:30:00Z', { releaseType: 'hotfix' }, true, null],
    ['blue-green-feature-flags', 'production', '2026-11-24T18:30:00Z', {}, true, null],
    ['blue-green-governed', 'production', '2026-11-27T12:00:00Z', {}, false, /^High-traffic event freeze \(Black Friday\)/],
    ['gated-release', 'production', '2026-12-22T10:00:00Z', {}, false, /^Change freeze \(year-end change freeze\)/],
    ['canary-progressive', 'prod-use1', '2026-12-15T15:00:00Z', {}, false, /^Holiday freeze \(holidays\)/],
    ['canary-progressive', 'prod-use1', '2026-12-15T15:00:00Z', { releaseType: 'security' }, true, null],
    ['canary-progressive', 'prod-use1', '2026-11-24T15:00:00Z', { releaseType: 'standard' }, true, null],
    // Seed 000: at 18:30 on a Friday EUW2's own window is open, but OMNI settings' Friday-afternoon window is not.
    ['demo', 'EUW2', '2026-11-27T18:30:00Z', {}, false, /^Deploying the "CAI-eligible, Friday afternoon only" packages \(omni-settings, avsapp-scripts, routing-policies\) opens on Fri between 12:00 and 18:00/],
    ['demo', 'EUW2', '2026-11-27T18:30:00Z', { package: 'rt-media-gateway' }, true, null],
    ['demo', 'EUW2', '2026-11-27T18:30:00Z', { windowOnly: true }, true, null],
    ['demo', 'EUW2', '2026-11-27T17:59:00Z', { windowOnly: true }, false, /^EUW2 deploys open after 18:00 London \(17:59 now\)\.$/],
  ] as const)('%s %s at %s with %j: allowed %s', async (name, region, instant, flags, ok, reason) => {
    const { evaluation } = evaluateGate(workspaces.get(name) as Workspace, { region, ...flags }, at(instant));
    expect(evaluation.allowed).toBe(ok);
    if (!evaluation.allowed && reason) expect(evaluation.reasons).toContainEqual(expect.stringMatching(reason));
  });

  test.each([
    [{}, [/^no --package: the strictest package policy applies/, /^no --release-type: the strictest applies \(every release type's deployment windows: "Standard release"; every freeze, with no exception\)\.$/]],
    [{ package: 'api-service' }, [/^no --release-type: the strictest applies/]],
    [{ releaseType: 'standard' }, [/^no --package: the strictest package policy applies \(every policy a package may have here: "Blue\/green with gradual traffic shift"\), with production's own window\.$/]],
    [{ releaseType: 'standard', package: 'api-service' }, []],
    [{ windowOnly: true }, [/^--window-only: production's own window alone; freezes, release types and package policies are not checked\.$/]],
  ])('says what it assumed for the flags left out of %j', (flags, assumed) => {
    const answer = evaluateGate(workspaces.get('blue-green-feature-flags') as Workspace, { region: 'production', ...flags }, at('2026-11-24T18:30:00Z'));
    expect(answer.assumed).toHaveLength(assumed.length);
    assumed.forEach((pattern, i) => expect(answer.assumed[i]).toMatch(pattern));
  });

  test('refuses --window-only together with a package or a release type', () => {
    expect(() => evaluateGate(workspaces.get('demo') as Workspace, { region: 'EUW2', windowOnly: true, package: 'sip-proxy' }, at('2026-11-27T18:30:00Z'))).toThrow(/--window-only/);
  });
});
