import { appendFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Baseline, FixForwardView, ReleaseView } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { initialState } from '../../../shared/engine/fold';
import { logEvents, rehearsalDir } from '../../release-log';
import { until } from '../until';
import { consoleOfEachTest, demoToolsAtFullSpeed } from './demo-console';
import { refusal, value } from './console-calls';

/**
 * Issue 19 item 1 through the console's API, on a copy of seed 002's workspace with a fast-track hotfix
 * (HO-2 `fixes: HO-1`): a breach in production, fixed forward by the on-call engineer; HO-2's deploy runs
 * the workspace's simulated ./scripts/deploy.sh in a real pty, the metrics recover, and the fix lands by
 * the one "service restored" rule. The incident record carries the decision.
 */
const ROOT = path.resolve(__dirname, '../../..');
const START = Date.parse('2026-03-03T09:00:00Z');
const RELEASE = 'app-v1.2.3';
demoToolsAtFullSpeed();
const opened = consoleOfEachTest();

/** Seed 002's workspace, and a fast-track release whose one step deploys the fix to production (seed 002's "Fast-Track Validation"). */
function workspaceWithHotfix(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-ff-ws-'));
  cpSync(path.join(ROOT, 'workspaces', 'blue-green-governed'), dir, { recursive: true });
  appendFileSync(
    path.join(dir, 'releases.yaml'),
    [
      '  - id: app-v1.2.4',
      '    title: app v1.2.4 hotfix',
      '    type: standard',
      '    runbook: fast-track',
      '    cycleStart: "2026-03-03"',
      '    handovers:',
      '      - id: HO-2',
      '        title: FEATURE_X off in the production config',
      '        status: Ready for Production',
      '        fixes: HO-1',
      '        packages: [{ name: app, currentVersion: v1.2.3, newVersion: v1.2.4, qaVersion: v1.2.4, image: "app=registry/app:v1.2.4" }]',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'runbooks', 'fast-track.yaml'),
    [
      'id: fast-track',
      'title: Fast-track fix to production',
      'releaseTypes: [standard]',
      'gates:',
      '  - id: fix',
      '    title: Fast-track fix',
      '    steps:',
      '      - { id: fix-deploy, title: Deploy the fix to production, kind: command, command: set-green-image, forEach: package, values: { deployment: deployment/app-green }, owner: on-call engineer, regions: { scope: one, ids: [production] }, deploys: true }',
      '',
    ].join('\n'),
  );
  return dir;
}

function baseline(metricId: string, mean: number): Baseline {
  const endMs = START - 3_600_000;
  return { regionId: 'production', metricId, startMs: endMs - 15 * 60_000, endMs, mean, p50: mean, p95: mean, max: mean, count: 15 };
}

/** HO-1 running in production with its baseline, as the rehearsal's earlier session left it. */
function deployedHo1(dataDir: string): void {
  const empty = initialState();
  const state = { ...empty, selectedRelease: RELEASE, world: { ...empty.world, deployed: { production: { app: 'v1.2.3' }, staging: { app: 'v1.2.3' } } }, releases: { [RELEASE]: { baselines: [baseline('errorRate', 0.1), baseline('latencyP95', 200)] } } };
  const dir = rehearsalDir(dataDir, START);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'state.json'), JSON.stringify(state));
}

async function minutes(h: Host, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await value(h, 'moveRehearsalClock', { advanceMs: 60_000 });
}

describe('fixing a breach forward through the console', () => {
  it('decides it with a reason and SEV-2, lands it once HO-2 runs in production and the metrics stayed back, and the incident record says so', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-ff-'));
    deployedHo1(dataDir);
    const h = opened.closeAfter((await createConsole({ dataDir, workspaceDir: workspaceWithHotfix(), rehearsalStart: START, operator: { name: 'oren', role: 'on-call engineer' } })).host);

    await value(h, 'setScenario', { regionId: 'production', scenario: 'errorSpike' });
    await minutes(h, 8);
    const view = await value<ReleaseView>(h, 'getReleaseView', {});
    const alert = view.alerts.find((a) => a.id === 'metrics:production/error-rate-over-baseline');
    expect(alert?.actions.map((a) => a.label)).toEqual(['Roll back HO-1', 'Fix forward HO-1']);
    expect(alert?.actions[1]?.fixForward).toEqual({ severities: ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'], deadline: START + 68 * 60_000 });

    const ho1 = { releaseId: RELEASE, handoverId: 'HO-1' };
    expect(await refusal(h, 'fixForward', { ...ho1, reason: 'config', severity: 'SEV2' })).toBe('Severity "SEV2" is not on this workspace\'s scale: SEV-1, SEV-2, SEV-3, SEV-4.');
    const decided = await value<FixForwardView>(h, 'fixForward', { ...ho1, reason: 'FEATURE_X left on in the production config', severity: 'SEV-2' });
    expect(decided.line).toBe('Fixing forward (SEV-2) — decided by oren, deadline 10:08 UTC');
    expect(decided.values).toEqual([expect.objectContaining({ region: 'production', criterion: 'error-rate-over-baseline', metric: 'errorRate' })]);
    expect(await refusal(h, 'fixForward', { ...ho1, reason: 'again', severity: 'SEV-1' })).toBe('HO-1 is already being fixed forward (SEV-2), decided by oren; deadline 10:08 UTC.');

    // The config fix: HO-2 deployed to production by its fast-track step, then the error rate back to normal.
    await value(h, 'startStep', { releaseId: 'app-v1.2.4', stepId: 'fix-deploy', regionId: 'production' });
    await value(h, 'selectRelease', { releaseId: 'app-v1.2.4' });
    await until('the fix deployed', () => value<ReleaseView>(h, 'getReleaseView', {}), (v) => v.gates.flatMap((g) => g.steps).some((s) => s.key === 'fix-deploy@production' && s.state === 'done'), 20_000);
    await value(h, 'selectRelease', { releaseId: RELEASE });
    await value(h, 'setScenario', { regionId: 'production', scenario: 'healthy' });
    await minutes(h, 4);
    expect(logEvents(rehearsalDir(dataDir, START)).some((e) => e.type === 'fixForwardLanded')).toBe(false);
    await minutes(h, 4);
    const events = logEvents(rehearsalDir(dataDir, START));
    expect(events.filter((e) => e.type === 'fixForwardLanded')).toEqual([expect.objectContaining({ handover: 'HO-1', fixHandover: 'HO-2', regions: ['production'] })]);
    expect(events.some((e) => e.type === 'fixForwardExpired')).toBe(false);

    const incident = await value<{ content: string }>(h, 'getIncident', ho1);
    expect(incident.content).toContain('# Incident Timeline: Deployment Fixed Forward');
    expect(incident.content).toContain('**Severity:** SEV-2');
    expect(incident.content).toContain('- 2026-03-03T09:08:00Z - Fix forward decided by oren (on-call engineer), SEV-2: FEATURE_X left on in the production config; deadline 2026-03-03T10:08:00Z');
    expect(incident.content).toMatch(/- 2026-03-03T09:\d\d:00Z - Fix landed: HO-2 deployed in production and the metrics back under the rollback criteria/);

    const cr = await value<{ content: string }>(h, 'exportEvidence', { releaseId: RELEASE, format: 'cr-markdown' });
    expect(cr.content).toContain('## Fix forwards');
    expect(cr.content).toMatch(/\| HO-1 \| SEV-2 \| oren \(on-call engineer\) \| 2026-03-03T09:08:00Z \| FEATURE_X left on in the production config \| production: Error rate 8% now against a baseline of 0\.1% \(a baseline this low is judged against the workspace's floor of 0\.5%\) \| 2026-03-03T10:08:00Z \| landed: HO-2 at 2026-03-03T09:\d\d:00Z \|/);
    const deployLog = JSON.parse((await value<{ content: string }>(h, 'exportEvidence', { releaseId: RELEASE, format: 'deployment-log' })).content) as { fixForwards?: unknown[] };
    expect(deployLog.fixForwards).toEqual([expect.objectContaining({ handover: 'HO-1', severity: 'SEV-2', decidedBy: 'oren', status: 'landed', fixHandover: 'HO-2' })]);
  });
});
