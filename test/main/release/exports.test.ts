import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetricsSnapshot, ReleaseView, RollbackRunView } from '../../../shared/api';
import { formatMetricValue } from '../../../shared/metrics/units';
import type { Host } from '../../../main/host/host';
import { stepOf, stepState } from '../release-view';
import { until } from '../until';
import { consoleOfEachTest, demoToolsAtFullSpeed } from './demo-console';
import { approveProductionCr, openConsole, PRODUCTION, runStep, value } from './console-calls';

/**
 * Issue 17, "True exports", on a real console run: the demo rehearsal, steps driven through the host as a
 * PE's window drives them, real ptys and the demo tools. HO-1242 was pulled at PE review; HO-1234 is
 * deployed to S01 and LON and then rolled back. The deployment log and the announcements are read field by field.
 */
let dataDir = '';
demoToolsAtFullSpeed();
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});
const opened = consoleOfEachTest();

const isoOf = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

async function exported(h: Host, format: string): Promise<string> {
  return (await value<{ content: string }>(h, 'exportEvidence', { releaseId: PRODUCTION, format })).content;
}

interface LogEntry {
  version: string;
  commit?: string;
  status: string;
  strategy: string;
  operator: string;
  handovers: { id: string; status: string; outcome: string; excludedBecause?: string; deployedIn: string[]; rolledBackIn: string[] }[];
  regions: { region: string; deployed: { name: string }[]; rolledBack: { name: string; to: string }[] }[];
  packages: { handover: string; name: string; from: string | null; to: string; commit?: string }[];
}

describe('the deployment log and announcements of a real run', () => {
  it('list what was deployed region by region, leave the pulled HO-1242 out, and say a rolled-back HO-1234 was rolled back', async () => {
    let host: Host;
    ({ host, dataDir } = await openConsole('exports'));
    const h = opened.closeAfter(host);
    await approveProductionCr(h);
    for (const region of ['S01', 'LON']) {
      await value(h, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: region });
      await runStep(h, 'sdc-maintenance-on', region);
      await runStep(h, 'sdc-deploy', region);
    }

    // The CR evidence: the 2nd-PE review row names who and when; S01's "Current" values are the ones its
    // metric gate passed on, not the graphs' at export time.
    await runStep(h, 'sdc-check-versions', 'S01');
    // A window watching the release: metric gates are observed as time passes, as on a PE's screen.
    await value(h, 'watchReleaseView', {});
    await value(h, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-metric-gate', regionId: 'S01' });
    await value(h, 'moveRehearsalClock', { advanceMs: 15 * 60_000 });
    const gated = await until(
      'the S01 metric gate',
      () => value<ReleaseView>(h, 'getReleaseView', {}),
      (v) => stepState(v, 'sdc-metric-gate@S01') === 'done',
      20_000,
    );
    const gateDoneAt = stepOf(gated, 'sdc-metric-gate@S01')!.doneAt!;
    const reviewedAt = gated.gates.flatMap((g) => g.steps).find((s) => s.key === 'review-prod-cr@*' || s.stepId === 'review-prod-cr')!.approvals!.given[0]!.at;
    await value(h, 'moveRehearsalClock', { advanceMs: 30 * 60_000 });
    const cr = await exported(h, 'cr-markdown');
    expect(cr).toContain(`| rollout-complete | 2nd PE reviews Production instructions | all | done | bob (PE) | ${isoOf(reviewedAt)} |  |`);
    const s01 = cr.slice(cr.indexOf('### S01'), cr.indexOf('\n### ', cr.indexOf('### S01')));
    expect(s01).toContain(`Current values at ${isoOf(gateDoneAt)}, when "Healthy against baseline for 10 minutes — SDC/LON (~11:00 London)" completed.`);
    const metrics = await value<MetricsSnapshot>(h, 'getMetrics', { regionIds: ['S01'] });
    const requests = metrics.series.find((x) => x.regionId === 'S01' && x.metricId === 'requests')!;
    const at = (limit: number) => requests.v[requests.t.findLastIndex((t) => t <= limit)]!;
    const row = s01.split('\n').find((l) => l.startsWith('Requests'))!;
    // A count says what it is per, as the screen does; a percentage's change is in points.
    expect(row).toMatch(/^Requests per minute +\| /);
    expect(s01.split('\n').find((l) => l.startsWith('Active calls'))).toMatch(/^Active calls peak per minute +\| /);
    expect(s01.split('\n').find((l) => l.startsWith('Error rate'))).toMatch(/^Error rate +\| [^|]+%\s+\| [^|]+%\s+\| [+-]\d+(\.\d+)? pp +\| /);
    expect(row.split('|')[2]!.trim()).toBe(formatMetricValue(at(gateDoneAt), 'Count'));
    // The value the graphs show at export is a different one: the table is not taken now.
    expect(at(metrics.now)).not.toBe(at(gateDoneAt));
    // LON has no completed gate: its table says its values are the export's.
    expect(cr).toContain(`No metric gate has completed in LON: current values at the export, ${isoOf(metrics.now)}.`);

    const before = JSON.parse(await exported(h, 'deployment-log')) as LogEntry;
    expect(before.status).toBe('in-progress');
    expect(before.version).toBe('rt-media-gateway 4.13.0, routing-engine 2.9.0, cdr-export-lambda 1.0.0, transcribed 3.5.0, stats-transcribed 1.9.1');
    // Seed 002's commit, from the packages that give one; cdr-export-lambda gives none and is not named.
    expect(before.commit).toBe('rt-media-gateway 9f3c2a1, routing-engine 4be81d0');
    expect(before.strategy).toBe('region-by-region');
    expect(before.handovers.map((ho) => [ho.id, ho.outcome, ho.deployedIn.join(' ')])).toEqual([
      ['HO-1234', 'deployed', 'S01 LON'],
      ['HO-1240', 'deployed', 'S01 LON'],
      ['HO-1242', 'pulled', ''],
    ]);
    expect(before.handovers[2]?.excludedBecause).toBe('pulled at PE review: Failed P.E Review');
    expect(before.regions.map((r) => [r.region, r.deployed.map((p) => p.name).join(' ')])).toEqual([
      ['S01', 'rt-media-gateway routing-engine cdr-export-lambda transcribed stats-transcribed'],
      ['LON', 'rt-media-gateway routing-engine cdr-export-lambda transcribed stats-transcribed'],
    ]);
    expect(before.packages.find((p) => p.name === 'rt-media-gateway')).toEqual({ handover: 'HO-1234', name: 'rt-media-gateway', from: '4.12.0', to: '4.13.0', commit: '9f3c2a1' });
    expect(before.packages.find((p) => p.name === 'cdr-export-lambda')).toEqual({ handover: 'HO-1234', name: 'cdr-export-lambda', from: null, to: '1.0.0' });
    const everything = JSON.stringify(before);
    for (const pulled of ['voicemail-service', 'sentiment-worker', 'portal-web']) expect(everything).not.toContain(pulled);

    const start = (await exported(h, 'announcement-start')).split('\n');
    expect(start).toEqual([
      'DEPLOYMENT STARTING',
      '--------------------',
      'Service: HO-1234, HO-1240',
      'Version: rt-media-gateway 4.13.0, routing-engine 2.9.0, cdr-export-lambda 1.0.0, transcribed 3.5.0, stats-transcribed 1.9.1',
      'Time: 10:55 UTC',
      'Owner: @alice',
      // Named with what is known, never "voicemail-service ?".
      'Not in this release: HO-1242, pulled at PE review: Failed P.E Review (voicemail-service 5.2.0 (no new version given), sentiment-worker 0.3.0, portal-web 12.5.0)',
      '',
    ]);

    await value(h, 'setOperator', { name: 'oscar', role: 'on-call PE' });
    await value(h, 'startRollback', { releaseId: PRODUCTION, handoverId: 'HO-1234', confirm: 'HO-1234', reason: 'LON error rate at 8% after the deploy' });
    const run = await until('the rollback to end', () => value<RollbackRunView | null>(h, 'getRollback', { releaseId: PRODUCTION, handoverId: 'HO-1234' }), (r) => r !== null && r.status !== 'running', 20_000);
    expect(run?.status).toBe('done');

    const after = JSON.parse(await exported(h, 'deployment-log')) as LogEntry;
    expect(after.status).toBe('partially-rolled-back');
    // What still runs: HO-1240's packages alone, so HO-1234's commits are gone with them.
    expect(after.version).toBe('transcribed 3.5.0, stats-transcribed 1.9.1');
    expect(after).not.toHaveProperty('commit');
    expect(after.handovers.map((ho) => [ho.id, ho.status, ho.outcome, ho.deployedIn.join(' '), ho.rolledBackIn.join(' ')])).toEqual([
      ['HO-1234', 'Failed Production Rollout', 'rolled back', '', 'S01 LON'],
      ['HO-1240', 'Ready for Production', 'deployed', 'S01 LON', ''],
      ['HO-1242', 'Failed P.E Review', 'pulled', '', ''],
    ]);
    for (const region of after.regions) {
      expect(region.deployed.map((p) => p.name), region.region).toEqual(['transcribed', 'stats-transcribed']);
      expect(region.rolledBack, region.region).toEqual([
        { handover: 'HO-1234', name: 'rt-media-gateway', deployed: '4.13.0', now: '4.12.0' },
        { handover: 'HO-1234', name: 'routing-engine', deployed: '2.9.0', now: '2.8.1' },
        { handover: 'HO-1234', name: 'cdr-export-lambda', deployed: '1.0.0', now: null },
      ]);
    }

    const complete = (await exported(h, 'announcement-complete')).split('\n');
    expect(complete).toEqual([
      'DEPLOYMENT COMPLETE',
      '--------------------',
      'Service: HO-1234, HO-1240',
      'Version: transcribed 3.5.0, stats-transcribed 1.9.1',
      // From the first step on record (10:55) to the rollback's end (11:40): the rehearsal clock moved 45 minutes.
      'Duration: 45 minutes',
      'Status: PARTIALLY ROLLED BACK',
      'Regions:',
      '  S01: HO-1234 rolled back; HO-1240 deployed',
      '  LON: HO-1234 rolled back; HO-1240 deployed',
      'Not in this release: HO-1242, pulled at PE review: Failed P.E Review (voicemail-service 5.2.0 (no new version given), sentiment-worker 0.3.0, portal-web 12.5.0)',
      '',
    ]);
    expect(complete).not.toContain('Status: SUCCESS');

    const rollback = (await exported(h, 'announcement-rollback')).split('\n');
    // The rollback ended: its post says so in its heading as in its status, not "INITIATED" over "COMPLETE".
    expect(rollback.slice(0, 3)).toEqual(['ROLLBACK COMPLETE', '--------------------', 'Service: HO-1234']);
    expect(rollback).toContain('From: LON rt-media-gateway 4.13.0, LON routing-engine 2.9.0, LON cdr-export-lambda 1.0.0, S01 rt-media-gateway 4.13.0, S01 routing-engine 2.9.0, S01 cdr-export-lambda 1.0.0');
    expect(rollback).toContain('To: LON rt-media-gateway 4.12.0, LON routing-engine 2.8.1, LON cdr-export-lambda (removed), S01 rt-media-gateway 4.12.0, S01 routing-engine 2.8.1, S01 cdr-export-lambda (removed)');
    expect(rollback).toContain('Reason: LON error rate at 8% after the deploy');
    expect(rollback).toContain('Owner: @oscar');
    expect(rollback).toContain('Status: COMPLETE');
  }, 60_000);
});
