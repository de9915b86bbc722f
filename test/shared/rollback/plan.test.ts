import { beforeAll, describe, expect, test } from 'vitest';
import { buildRollbackPlan, handoverPackageArgs, removalFromInstructions, type RollbackState } from '../../../shared/rollback/plan';
import type { Release, Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

let demo: Workspace;
let release: Release;

beforeAll(async () => {
  demo = await loadTemplate('demo');
  release = demo.releases.find((r) => r.id === '2026-03-product-rollout')!;
});

const HO_1234_NEW = { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' };
const HO_1240_NEW = { transcribed: '3.5.0', 'stats-transcribed': '1.9.1' };

function deployRun(regionId: string, pkg: string, version: string, iso: string) {
  return { commandId: 'deploy-apply', argv: ['deploy', 'apply', pkg, version, '--region', regionId], regionId, exitCode: 0, startedAt: at(iso) };
}

/** The demo's rollout so far: SDC/LON around 11:00 (S01, S02, LON in that order), EUW2 after 18:00. */
function rolledOut(regions: Record<string, string>, extra: Partial<RollbackState> = {}): RollbackState {
  const deployed: Record<string, Record<string, string>> = {};
  const runs: Record<string, ReturnType<typeof deployRun>[]> = {};
  for (const [regionId, iso] of Object.entries(regions)) {
    deployed[regionId] = { ...HO_1234_NEW, ...HO_1240_NEW };
    runs[`deploy@${regionId}`] = Object.entries(deployed[regionId]).map(([pkg, version]) => deployRun(regionId, pkg, version, iso));
  }
  return { deployed, maintenance: {}, handovers: {}, runs, ...extra };
}

describe('buildRollbackPlan on the demo workspace (seed 000, HO-1234)', () => {
  test.each([
    ['newest deploy first', { S01: '2026-03-19T11:00:00Z', S02: '2026-03-19T11:05:00Z', LON: '2026-03-19T11:10:00Z', EUW2: '2026-03-19T18:10:00Z' }, ['EUW2', 'LON', 'S02', 'S01']],
    ['deploy times decide, not the workspace order', { LON: '2026-03-19T11:00:00Z', S01: '2026-03-19T11:20:00Z' }, ['S01', 'LON']],
    ['only regions the HO reached', { S01: '2026-03-19T11:00:00Z' }, ['S01']],
  ])('orders regions in reverse of the rollout: %s', (_name, regions, order) => {
    const plan = buildRollbackPlan(demo, release, rolledOut(regions), 'HO-1234');
    expect(plan.regions.map((r) => r.regionId)).toEqual(order);
    expect(plan.canStart).toBe(true);
  });

  test('falls back to the reverse runbook order when no deploy run is known', () => {
    const state = rolledOut({ S01: '2026-03-19T11:00:00Z', EUW2: '2026-03-19T18:00:00Z', USE2: '2026-03-19T13:00:00Z' });
    const plan = buildRollbackPlan(demo, release, { ...state, runs: {} }, 'HO-1234');
    // Runbook: SDC/LON steps, then US/APAC/global, then EUW2.
    expect(plan.regions.map((r) => r.regionId)).toEqual(['EUW2', 'USE2', 'S01']);
  });

  test('a region runs maintenance on, every rollback, every verification, maintenance off', () => {
    const plan = buildRollbackPlan(demo, release, rolledOut({ EUW2: '2026-03-19T18:10:00Z' }), 'HO-1234');
    const euw2 = plan.regions[0]!;
    expect(euw2.maintenance).toBe('enable');
    expect(euw2.steps.map((s) => s.argv.join(' '))).toEqual([
      'maintenance enable --region EUW2',
      'deploy rollback rt-media-gateway 4.12.0 --region EUW2',
      'deploy rollback routing-engine 2.8.1 --region EUW2',
      'deploy rollback cdr-export-lambda 0.0.0 --region EUW2',
      'rmht check-versions rt-media-gateway',
      'rmht check-versions routing-engine',
      'rmht check-versions cdr-export-lambda',
      'maintenance disable --region EUW2',
    ]);
    expect(euw2.steps.map((s) => s.kind)).toEqual(['maintenance-on', 'rollback', 'rollback', 'remove', 'verify', 'verify', 'verify', 'maintenance-off']);
    expect(euw2.steps[0]!.note).toMatch(/rt-media-gateway needs maintenance mode: the rollback enables it \(traffic moves to EUC1\)/);
    expect(euw2.packages).toEqual([
      { name: 'rt-media-gateway', from: '4.13.0', to: '4.12.0' },
      { name: 'routing-engine', from: '2.9.0', to: '2.8.1' },
      { name: 'cdr-export-lambda', from: '1.0.0', to: null },
    ]);
    // HO-1240's packages in the same region are another handover's and stay.
    expect(euw2.steps.some((s) => s.package === 'transcribed')).toBe(false);
  });

  test.each([
    ['already on: no maintenance steps, and it is left on', { EUW2: true }, 'already-on', 6],
    ['off: enabled first and disabled last', {}, 'enable', 8],
  ] as const)('maintenance mode %s', (_name, maintenance, expected, steps) => {
    const plan = buildRollbackPlan(demo, release, { ...rolledOut({ EUW2: '2026-03-19T18:10:00Z' }), maintenance }, 'HO-1234');
    expect(plan.regions[0]!.maintenance).toBe(expected);
    expect(plan.regions[0]!.steps).toHaveLength(steps);
  });

  test('a region with no package needing maintenance mode gets no maintenance steps', () => {
    const state: RollbackState = { deployed: { S01: { 'routing-engine': '2.9.0' } }, maintenance: {}, handovers: {} };
    const plan = buildRollbackPlan(demo, release, state, 'HO-1234');
    expect(plan.regions[0]!.maintenance).toBe('not-needed');
    expect(plan.regions[0]!.steps.map((s) => s.kind)).toEqual(['rollback', 'verify']);
  });

  test('a package not on the HO’s new version in a region is not touched there', () => {
    const state: RollbackState = { deployed: { S01: { 'routing-engine': '2.9.0', 'rt-media-gateway': '4.12.0' } }, maintenance: {}, handovers: {} };
    expect(buildRollbackPlan(demo, release, state, 'HO-1234').regions[0]!.packages.map((p) => p.name)).toEqual(['routing-engine']);
  });

  test.each([
    ['Ready for Production', { start: 'Production Rollback Required', afterProduction: 'Stage Rollback Required', end: 'Failed Production Rollout' }],
    ['Rollout Complete', { start: 'Production Rollback Required', afterProduction: 'Stage Rollback Required', end: 'Failed Production Rollout' }],
    ['Released to Stage', { start: 'Stage Rollback Required', afterProduction: null, end: 'Failed Stage Rollout' }],
    ['Failed P.E Review', null],
    ['Failed Production Rollout', null],
  ] as const)('an HO at "%s" follows seed 000\'s path %j', (status, path) => {
    const plan = buildRollbackPlan(demo, release, { ...rolledOut({ S01: '2026-03-19T11:00:00Z' }), handovers: { 'HO-1234': { status } } }, 'HO-1234');
    expect(plan.path).toEqual(path);
    // The stage-only path rolls back staging regions, and the demo has none: that HO is deployed in no staging region.
    expect(plan.canStart).toBe(path !== null && path.afterProduction !== null);
    if (path?.afterProduction === null) expect(plan.flags.map((f) => f.reason)).toEqual([expect.stringMatching(/^HO-1234 is deployed in no staging region: there is nothing to roll back/)]);
  });

  test('notes that the demo has no staging region to roll back', () => {
    const plan = buildRollbackPlan(demo, release, rolledOut({ S01: '2026-03-19T11:00:00Z' }), 'HO-1234');
    expect(plan.notes.join(' ')).toMatch(/no staging region/);
  });

  // Issue 16: a rollback that runs nothing must not mark the HO "Failed Production Rollout".
  test.each([
    ['nothing deployed and nothing running', {}],
    ['a deploy that finished in another step only', { 'sdc-maintenance-on@S01': { status: 'done' } }],
    ['a non-deploying step running', { 'sdc-maintenance-on@S01': { status: 'running' } }],
    ['a deploying step that failed', { 'sdc-deploy@S01': { status: 'failed' } }],
  ])('refuses the rollback of an HO deployed in no region (%s), saying so', (_name, steps) => {
    const plan = buildRollbackPlan(demo, release, { deployed: {}, maintenance: {}, handovers: {}, steps }, 'HO-1234');
    expect(plan.regions).toEqual([]);
    expect(plan.canStart).toBe(false);
    expect(plan.flags).toEqual([{ package: null, regionId: null, reason: 'HO-1234 is deployed in no region: there is nothing to roll back, and its status stays "Ready for Production". A rollback can start once one of its packages runs at its new version in a region, or while a deploy of it runs.' }]);
  });

  test('counts a deploy still running as reached: the region is rolled back and the plan may start', () => {
    const plan = buildRollbackPlan(demo, release, { deployed: {}, maintenance: {}, handovers: {}, steps: { 'sdc-deploy@S02': { status: 'running' } } }, 'HO-1234');
    expect(plan.canStart).toBe(true);
    expect(plan.regions.map((r) => r.regionId)).toEqual(['S02']);
    expect(plan.regions[0]!.steps.filter((s) => s.kind === 'rollback').map((s) => s.argv.join(' '))).toEqual([
      'deploy rollback rt-media-gateway 4.12.0 --region S02',
      'deploy rollback routing-engine 2.8.1 --region S02',
    ]);
    expect(plan.notes).toContain("A deploy is still running in S02: it counts as reached, so the rollback undoes HO-1234's packages there too.");
  });

  test('a running deploy in one region adds it beside the regions already deployed', () => {
    const plan = buildRollbackPlan(demo, release, { ...rolledOut({ S01: '2026-03-19T11:00:00Z' }), steps: { 'sdc-deploy@LON': { status: 'running' } } }, 'HO-1234');
    expect(plan.regions.map((r) => r.regionId).sort()).toEqual(['LON', 'S01']);
    expect(plan.canStart).toBe(true);
  });
});

describe('flags that refuse the plan before anything runs', () => {
  test.each([
    ['no rollback instructions at all', [], /cdr-export-lambda is a new package \(no previous version\) and HO-1234 has no rollback instructions/],
    ['instructions that do not mention the new package', ['Roll rt-media-gateway back to 4.12.0.'], /HO-1234's rollback instructions do not mention it/],
    ['instructions that name it without a version', ['Delete cdr-export-lambda by hand.'], /name cdr-export-lambda but not the command that removes it/],
  ])('a new package with %s', (_name, rollback, reason) => {
    const changed: Release = { ...release, handovers: release.handovers.map((h) => (h.id === 'HO-1234' ? { ...h, rollback } : h)) };
    const plan = buildRollbackPlan(demo, changed, rolledOut({ S01: '2026-03-19T11:00:00Z', LON: '2026-03-19T11:10:00Z' }), 'HO-1234');
    expect(plan.canStart).toBe(false);
    expect(plan.flags.map((f) => f.reason)).toEqual([expect.stringMatching(reason), expect.stringMatching(reason)]);
    expect(plan.flags.map((f) => [f.package, f.regionId])).toEqual([['cdr-export-lambda', 'LON'], ['cdr-export-lambda', 'S01']]);
  });

  test('a workspace without a rollback command', () => {
    const bare: Workspace = { ...demo, commands: demo.commands.filter((c) => c.purpose !== 'rollback') };
    const plan = buildRollbackPlan(bare, release, rolledOut({ S01: '2026-03-19T11:00:00Z' }), 'HO-1234');
    expect(plan.canStart).toBe(false);
    expect(plan.flags[0]!.reason).toMatch(/no rollback command/);
  });

  test('an unknown handover', () => {
    expect(buildRollbackPlan(demo, release, rolledOut({}), 'HO-9').flags[0]!.reason).toBe('There is no handover HO-9 in 2026-03-product-rollout.');
  });
});

describe('stage regions come after production (seed 000: rolled back on both)', () => {
  test('a staging region is rolled back last, whatever its deploy time', () => {
    const withStage: Workspace = { ...demo, regions: demo.regions.map((r) => (r.id === 'S02' ? { ...r, environment: 'staging' as const } : r)) };
    const plan = buildRollbackPlan(withStage, release, rolledOut({ S02: '2026-03-19T19:00:00Z', S01: '2026-03-19T11:00:00Z', EUW2: '2026-03-19T18:10:00Z' }), 'HO-1234');
    expect(plan.regions.map((r) => [r.regionId, r.environment])).toEqual([['EUW2', 'production'], ['S01', 'production'], ['S02', 'staging']]);
    expect(plan.notes.join(' ')).not.toMatch(/no staging region/);
  });

  test('a stage-only rollback (HO Released to Stage) touches only staging regions', () => {
    const withStage: Workspace = { ...demo, regions: demo.regions.map((r) => (r.id === 'S02' ? { ...r, environment: 'staging' as const } : r)) };
    const state = { ...rolledOut({ S02: '2026-03-19T11:00:00Z', S01: '2026-03-19T11:00:00Z' }), handovers: { 'HO-1234': { status: 'Released to Stage' as const } } };
    expect(buildRollbackPlan(withStage, release, state, 'HO-1234').regions.map((r) => r.regionId)).toEqual(['S02']);
  });
});

describe('removalFromInstructions', () => {
  test.each([
    [['Disable the cdr-export-lambda trigger: deploy rollback cdr-export-lambda 0.0.0 --region <region> removes the function.'], { version: '0.0.0' }],
    [['Remove it: deploy rollback cdr-export-lambda v0.'], { version: 'v0' }],
    [['Disable the cdr-export-lambda trigger.'], { version: null }],
    [['Roll my-cdr-export-lambda-v2 back to 1.2.3.'], null],
  ])('%j gives %j', (rollback, expected) => {
    const ho = { ...release.handovers[0]!, rollback };
    const found = removalFromInstructions(ho, 'cdr-export-lambda');
    expect(found === null ? null : { version: found.version }).toEqual(expected);
  });
});

describe("handoverPackageArgs: the argv entries that name a handover's package", () => {
  test.each([
    ['canary-progressive', 'HO-101', ['api-server', 'deployment/api-server', 'deployment/api-server-canary', 'api-server=registry.example.com/api-server:v1.2.3'], ['v1.2.3', 'v1.2.2']],
    ['demo', 'HO-1234', ['rt-media-gateway', 'cdr-export-lambda'], ['4.13.0']],
  ])('%s %s: names %j, never a bare version %j', async (name, handoverId, named, notNamed) => {
    const workspace = await loadTemplate(name);
    const ho = workspace.releases.flatMap((r) => r.handovers).find((h) => h.id === handoverId)!;
    const args = handoverPackageArgs(workspace, ho);
    for (const arg of named) expect(args.has(arg), arg).toBe(true);
    for (const arg of notNamed) expect(args.has(arg), arg).toBe(false);
  });

  test("seed 001: a rollback's plan dates the deploy by its kubectl runs, which never name the bare package", async () => {
    const workspace = await loadTemplate('canary-progressive');
    const release = workspace.releases[0]!;
    const run = (argv: string[], commandId: string, endedAt: string) => ({ commandId, argv, regionId: 'prod-use1', exitCode: 0, startedAt: at(endedAt), endedAt: at(endedAt), transcriptFile: null, outputTail: '' });
    const state: RollbackState = {
      deployed: { 'prod-use1': { 'api-server': 'v1.2.3' } },
      maintenance: {},
      handovers: {},
      runs: {
        'canary-1@prod-use1': [run(['kubectl', 'set', 'image', 'deployment/api-server-canary', 'api-server=registry.example.com/api-server:v1.2.3', '-n', 'production'], 'set-canary-image', '2026-03-03T14:05:00Z')],
        'complete-100@prod-use1': [run(['kubectl', 'scale', 'deployment/api-server-canary', '-n', 'production', '--replicas', '0'], 'scale-canary', '2026-03-03T14:40:00Z')],
      },
    };
    const plan = buildRollbackPlan(workspace, release, state, 'HO-101');
    expect(plan.regions.map((r) => [r.regionId, r.deployedAt])).toEqual([['prod-use1', at('2026-03-03T14:40:00Z')]]);
  });
});
