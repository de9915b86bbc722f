import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { LogRecordView, RollbackRunView } from '../../../shared/api';
import { logEntries, logEvents } from '../../release-log';
import { teamWorkspace } from './console-desks';
import { deskValue, releaseViewOf, stepState, until } from './desk-calls';
import { s01ReadyToDeploy, teamOfDesks } from './team-of-desks';

/**
 * Issue 15, "A deploy running in S01 when a rollback of its handover is confirmed … Test it across two
 * desks": the PE's console deploys HO-1234 to S01 (each `deploy apply` there held 1 s on its change lock),
 * and the on-call engineer's console, another process's worth of state on the same DynamoDB table,
 * confirms the rollback meanwhile. The rule that makes it wait is the one-process rule; what is proved
 * here is that the lease it waits on travels through the shared log. Live desks: each actor is its STS
 * identity, and the region's tools keep one state file, as one real region is one.
 */
const PRODUCTION = '2026-03-product-rollout';
const HO = { releaseId: PRODUCTION, handoverId: 'HO-1234' };
// Each `deploy apply` in S01 held 1 s on its change lock.
const team = teamOfDesks({ liveRegion: { hang: 'deploy apply:S01@1s' } });

/** The last version the region's tools say each package runs in S01 ("-": removed). */
function toolVersions(region: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const line of readFileSync(team.regionState, 'utf8').split('\n')) {
    const [kind, where, pkg, version] = line.split(' ');
    if (kind === 'version' && where === region && pkg && version) versions[pkg] = version;
  }
  return versions;
}

const runOf = (data: Record<string, unknown>) => String((data.lease as { run?: string } | undefined)?.run ?? data.run);

describe('a rollback on one desk while the handover deploys on another', () => {
  test('the on-call desk waits for the PE desk\'s deploy in S01, then leaves S01 running none of HO-1234\'s versions; the record shows the wait', async () => {
    const { dir } = await teamWorkspace(team.admin, { liveRollout: true });
    const [pe, secondPe, onCall] = [await team.open(dir, 'pe-priya', { live: true }), await team.open(dir, 'pe-bob', { live: true }), await team.open(dir, 'oncall-carol', { live: true })];
    await s01ReadyToDeploy(pe, secondPe, PRODUCTION);

    // The PE's deploy starts and holds S01 (its first package on the change lock); the on-call desk sees it running.
    await deskValue(pe, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-deploy', regionId: 'S01' });
    await until('the on-call desk sees the deploy running', () => releaseViewOf(onCall), (v) => stepState(v, 'sdc-deploy@S01') === 'running');
    await deskValue(onCall, 'startRollback', { ...HO, confirm: 'HO-1234', reason: 'S01 error rate climbing mid-deploy' });

    const waiting = await until('the rollback to wait', () => deskValue<RollbackRunView | null>(onCall, 'getRollback', HO), (run) => run?.waitingFor != null);
    expect(waiting?.waitingFor).toMatch(/^waiting for the deploy "Deploy — SDC\/LON \(~11:00 London\)" in S01 to finish \(pe-priya-[0-9a-f]{6}, since \d\d:\d\d UTC\)$/);
    expect(stepState(await releaseViewOf(pe), 'sdc-deploy@S01')).toBe('running');

    const run = await until('the rollback to end', () => deskValue<RollbackRunView | null>(onCall, 'getRollback', HO), (r) => r !== null && r.status !== 'running', 60_000);
    expect(run?.status).toBe('done');
    expect(stepState(await releaseViewOf(pe), 'sdc-deploy@S01')).toBe('done');
    expect(toolVersions('S01')).toMatchObject({ 'rt-media-gateway': '4.12.0', 'routing-engine': '2.8.1', 'cdr-export-lambda': '-' });
    for (const desk of [pe, onCall]) {
      const versions = await until('the rollback reaches every desk', async () => Object.fromEntries((await releaseViewOf(desk)).regions.find((r) => r.id === 'S01')!.versions.map((v) => [v.name, v.version])), (v) => v['rt-media-gateway'] === '4.12.0' && !Object.hasOwn(v, 'cdr-export-lambda'));
      expect(versions).toMatchObject({ 'rt-media-gateway': '4.12.0', 'routing-engine': '2.8.1' });
      expect(versions).not.toHaveProperty('cdr-export-lambda');
    }

    // The shared record, as every desk holds it: the deploy's lease was released before the rollback took S01.
    await until('all three desks on one head', async () => Promise.all(team.desks.map(async (d) => JSON.stringify((await deskValue<LogRecordView>(d, 'getLogRecord', {})).head))), (heads) => new Set(heads).size === 1);
    const entries = logEntries(onCall.dataDir) as unknown as { kind: string; actor: unknown; data: Record<string, unknown> }[];
    const leases = entries.filter((e) => e.data.type === 'leaseTaken' || e.data.type === 'leaseReleased').map((e) => `${String(e.data.type)} ${runOf(e.data)}`);
    expect(leases.slice(leases.indexOf('leaseTaken sdc-deploy@S01'))).toEqual(['leaseTaken sdc-deploy@S01', 'leaseReleased sdc-deploy@S01', 'leaseTaken rollback-HO-1234', 'leaseReleased rollback-HO-1234']);
    const isStart = (e: { data: Record<string, unknown> }) => e.data.type === 'rollbackChanged' && e.data.intent === 'startRollback';
    expect(entries.filter(isStart)).toHaveLength(1);
    const started = entries.find(isStart);
    expect(started).toMatchObject({ actor: expect.stringMatching(/^oncall-carol-/), role: 'on-call PE' });
    // The actor is the desk's STS identity, not a typed name.
    expect(logEvents(onCall.dataDir).find((e) => e.type === 'rollbackChanged')?.actor.arn).toMatch(/^arn:aws:iam::\d{12}:user\/oncall-carol-/);
    // The wait is in the record: the rollback started (logged) before the deploy's lease was released.
    const deployReleased = entries.findIndex((e) => e.data.type === 'leaseReleased' && runOf(e.data) === 'sdc-deploy@S01');
    expect(entries.findIndex(isStart)).toBeLessThan(deployReleased);
  }, 150_000);
});
