import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubEnvs } from '../../stub-envs';
import type { ReleaseView, RollbackRunView } from '../../../shared/api';
import type { Host } from '../../../main/host/host';
import { logEntries, rehearsalDir } from '../../release-log';
import { until } from '../until';
import { approveProductionCr, openConsole, PRODUCTION, runStep, stepState, value } from './console-calls';

/**
 * Issue 15, "Region leases", through the host with real terminals and the demo tools: HO-1234's deploy is
 * still running in S01 (each `deploy apply` there held 1 s on its change lock) when the on-call PE confirms
 * its rollback. Before, the rollback ran beside the deploy and reported "done" while S01 still ran the
 * handover's packages; now it waits for the deploy's lease, then undoes what the deploy actually left.
 */
const HO = { releaseId: PRODUCTION, handoverId: 'HO-1234' };
let host: Host | null = null;
let dataDir = '';

beforeAll(() => {
  stubEnvs({ RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1', RELEASE_CONSOLE_DEMO_HANG: 'deploy apply:S01@1s' });
});

afterEach(async () => {
  await host?.close();
  host = null;
  vi.unstubAllEnvs();
});

/** The last version the demo tools' own state file says each package runs in a region ("-": removed). */
function toolVersions(region: string): Record<string, string> {
  const lines = readFileSync(path.join(rehearsalDir(dataDir), 'demo-tools.state'), 'utf8').split('\n');
  const versions: Record<string, string> = {};
  for (const line of lines) {
    const [kind, where, pkg, version] = line.split(' ');
    if (kind === 'version' && where === region && pkg && version) versions[pkg] = version;
  }
  return versions;
}

describe('a rollback confirmed while its handover deploys in S01', () => {
  it('waits for the deploy to finish, then leaves S01 running none of the handover\'s versions', async () => {
    ({ host, dataDir } = await openConsole('rollback-wait'));
    const h = host;
    await approveProductionCr(h);
    await value(h, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
    // 30 s, until's default, as this test has always allowed it.
    await runStep(h, 'sdc-maintenance-on', 'S01', { timeoutMs: 30_000 });

    // The deploy starts and is still running (its first package held on the change lock).
    await value(h, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-deploy', regionId: 'S01' });
    expect(stepState(await value<ReleaseView>(h, 'getReleaseView', {}), 'sdc-deploy@S01')).toBe('running');
    await value(h, 'setOperator', { name: 'oscar', role: 'on-call PE' });
    await value(h, 'startRollback', { ...HO, confirm: 'HO-1234', reason: 'S01 error rate climbing mid-deploy' });

    const waiting = await until('the rollback to wait', () => value<RollbackRunView | null>(h, 'getRollback', HO), (run) => run?.waitingFor != null);
    expect(waiting?.waitingFor).toBe('waiting for the deploy "Deploy — SDC/LON (~11:00 London)" in S01 to finish (alice, since 10:55 UTC)');
    expect(stepState(await value<ReleaseView>(h, 'getReleaseView', {}), 'sdc-deploy@S01')).toBe('running');

    const run = await until('the rollback to end', () => value<RollbackRunView | null>(h, 'getRollback', HO), (r) => r !== null && r.status !== 'running');
    expect(run?.status).toBe('done');
    expect(run?.waitingFor).toBeNull();
    expect(stepState(await value<ReleaseView>(h, 'getReleaseView', {}), 'sdc-deploy@S01')).toBe('done');

    // S01 runs none of HO-1234's versions: the demo tools' own state and the console's view agree.
    expect(toolVersions('S01')).toMatchObject({ 'rt-media-gateway': '4.12.0', 'routing-engine': '2.8.1', 'cdr-export-lambda': '-' });
    const view = await value<ReleaseView>(h, 'getReleaseView', {});
    const versions = Object.fromEntries(view.regions.find((r) => r.id === 'S01')!.versions.map((v) => [v.name, v.version]));
    expect(versions).toMatchObject({ 'rt-media-gateway': '4.12.0', 'routing-engine': '2.8.1' });
    expect(versions).not.toHaveProperty('cdr-export-lambda');

    // The record: the deploy's last command ended before the rollback's first ran, and the leases say who held S01.
    const entries = logEntries(rehearsalDir(dataDir)) as unknown as { kind: string; data: Record<string, unknown> }[];
    const commands = entries.filter((e) => e.kind === 'command').map((e) => (e.data.argv as string[]).slice(0, 2).join(' '));
    expect(commands.lastIndexOf('deploy apply')).toBeLessThan(commands.indexOf('deploy rollback'));
    expect(entries.filter((e) => e.data.type === 'leaseTaken' || e.data.type === 'leaseReleased').map((e) => `${String(e.data.type)} ${String((e.data.lease as { run?: string } | undefined)?.run ?? e.data.run)}`)).toEqual([
      'leaseTaken sdc-maintenance-on@S01',
      'leaseReleased sdc-maintenance-on@S01',
      'leaseTaken sdc-deploy@S01',
      'leaseReleased sdc-deploy@S01',
      'leaseTaken rollback-HO-1234',
      'leaseReleased rollback-HO-1234',
    ]);
  }, 90_000);
});
