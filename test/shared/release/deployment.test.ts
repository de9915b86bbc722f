import { beforeAll, describe, expect, it } from 'vitest';
import { computeStepStates } from '../../../shared/engine/stepStates';
import { emptyReleaseRecord, type ReleaseRecord, type VersionChange } from '../../../shared/engine/state';
import { commitLine, releaseDeployment } from '../../../shared/release/deployment';
import { deploymentLog } from '../../../shared/release/exports';
import { strategyOf } from '../../../shared/workspace/schema/runbooks';
import type { Release, Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

const PRODUCTION = '2026-03-product-rollout';
const NOW = at('2026-03-20T18:00:00Z');
let workspace: Workspace;
let release: Release;

beforeAll(async () => {
  workspace = await loadTemplate('demo');
  release = workspace.releases.find((r) => r.id === PRODUCTION)!;
});

/** Every step of the runbook done, as the log would have them after a whole rollout. */
function allStepsDone(): ReleaseRecord['steps'] {
  const instances = computeStepStates({ workspace, release, progress: { steps: {}, approvals: {}, overrides: [], maintenance: {} }, now: NOW });
  return Object.fromEntries(instances.map((s) => [s.key, { status: 'done' as const, at: NOW - 60_000, by: 'alice' }]));
}

function deployedEverywhere(regions: readonly string[]): VersionChange[] {
  return regions.flatMap((region) =>
    release.handovers
      .filter((ho) => ho.status !== 'Failed P.E Review')
      .flatMap((ho) => ho.packages.flatMap((p) => (p.newVersion ? [{ region, package: p.name, version: p.newVersion, at: NOW - 120_000, rollback: null }] : []))),
  );
}

describe('what a release did, for its deployment log (issue 17)', () => {
  it('is a success with all 72 steps done, HO-1242 pulled at PE review left out and its packages not listed', () => {
    const steps = allStepsDone();
    expect(Object.keys(steps)).toHaveLength(72);
    const record = { ...emptyReleaseRecord(), steps, versionChanges: deployedEverywhere(['S01', 'LON']) };
    const deployment = releaseDeployment({ workspace, release, record, world: { maintenance: {}, deployed: {} }, now: NOW });
    expect(deployment.status).toBe('success');
    expect(deployment.steps).toEqual({ total: 72, done: 72, failed: 0 });
    expect(deployment.handovers.find((h) => h.id === 'HO-1242')).toMatchObject({ outcome: 'pulled', deployedIn: [] });
    expect(deployment.packages.map((p) => p.handover)).not.toContain('HO-1242');
    expect(deployment.regions.flatMap((r) => r.deployed.map((p) => p.name))).not.toContain('portal-web');
  });

  it.each([
    ['a failed step nothing rolled back', 'failed', { 'sdc-deploy@S01': { status: 'failed' as const, at: NOW } }, [] as VersionChange[]],
    ['steps still to do', 'in-progress', {}, []],
    [
      'HO-1234 rolled back in S01 only',
      'partially-rolled-back',
      {},
      ['rt-media-gateway', 'routing-engine'].map((name, i) => ({ region: 'S01', package: name, version: ['4.12.0', '2.8.1'][i]!, at: NOW, rollback: 'HO-1234' })),
    ],
  ])('says %s as %s', (_what, status, steps, rollbacks) => {
    const record = { ...emptyReleaseRecord(), steps: { ...allStepsDone(), ...steps }, versionChanges: [...deployedEverywhere(['S01']), ...rollbacks] };
    if (status === 'in-progress') record.steps = {};
    expect(releaseDeployment({ workspace, release, record, world: { maintenance: {}, deployed: {} }, now: NOW }).status).toBe(status);
  });

  it('rolls HO-1234 back region by region: a package rolled back in one region still runs in the other', () => {
    const rollback: VersionChange[] = [{ region: 'S01', package: 'rt-media-gateway', version: '4.12.0', at: NOW, rollback: 'HO-1234' }];
    const record = { ...emptyReleaseRecord(), versionChanges: [...deployedEverywhere(['S01', 'LON']), ...rollback] };
    const deployment = releaseDeployment({ workspace, release, record, world: { maintenance: {}, deployed: {} }, now: NOW });
    const ho = deployment.handovers.find((h) => h.id === 'HO-1234');
    expect(ho).toMatchObject({ outcome: 'partly rolled back', deployedIn: ['S01', 'LON'], rolledBackIn: ['S01'] });
    expect(deployment.regions.find((r) => r.regionId === 'S01')?.rolledBack).toEqual([{ handover: 'HO-1234', name: 'rt-media-gateway', from: '4.12.0', to: '4.13.0', commit: '9f3c2a1', now: '4.12.0' }]);
    expect(deployment.packages.map((p) => p.name)).toContain('rt-media-gateway');
  });

  it('takes `version` and `commit` from the packages, and leaves `commit` out where none is given', () => {
    const one = { handover: 'HO-1', name: 'api-server', from: '1.2.2', to: '1.2.3' };
    expect(commitLine([{ ...one, commit: 'a1b2c3d' }])).toBe('a1b2c3d');
    expect(commitLine([one])).toBeNull();
    const deployment = releaseDeployment({ workspace, release, record: { ...emptyReleaseRecord(), versionChanges: [{ region: 'S01', package: 'cdr-export-lambda', version: '1.0.0', at: NOW, rollback: null }] }, world: { maintenance: {}, deployed: {} }, now: NOW });
    const log = deploymentLog({ deployment, at: NOW, environment: 'production', operator: { name: 'alice', role: 'PE' }, strategy: strategyOf(workspace.runbooks[0]), approvals: [], verification: 'x.md' });
    expect(log.version).toBe('cdr-export-lambda 1.0.0');
    expect(log).not.toHaveProperty('commit');
    expect(log.version).not.toBe(PRODUCTION);
  });

  it("reads a strategy's name from the release or runbook when given, else region-by-region", () => {
    expect(strategyOf(workspace.runbooks[0])).toBe('region-by-region');
    expect(strategyOf({ strategy: 'blue-green' })).toBe('blue-green');
  });
});

describe('a release read from its logged definition (issue 19, History)', () => {
  const world = { maintenance: {}, deployed: {} };
  const included = () => release.handovers.filter((ho) => ho.status !== 'Failed P.E Review');
  const targetsIn = (regions: string[]) => Object.fromEntries(included().map((ho) => [ho.id, { production: regions, staging: [] }]));

  it('is complete when every included handover runs its new version in all its targets, though no step is on record', () => {
    const record = { ...emptyReleaseRecord(), versionChanges: deployedEverywhere(['S01', 'LON']) };
    expect(releaseDeployment({ workspace, release, record, world, now: NOW, targets: targetsIn(['S01', 'LON']) }).status).toBe('success');
    // The same record without targets is judged by today's steps: none done.
    expect(releaseDeployment({ workspace, release, record, world, now: NOW }).status).toBe('in-progress');
  });

  it('is still in progress while a target region has not been reached', () => {
    const record = { ...emptyReleaseRecord(), versionChanges: deployedEverywhere(['S01']) };
    expect(releaseDeployment({ workspace, release, record, world, now: NOW, targets: targetsIn(['S01', 'LON']) }).status).toBe('in-progress');
  });
});
