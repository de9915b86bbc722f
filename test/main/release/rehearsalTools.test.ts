import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubEnvs } from '../../stub-envs';
import type { ReleaseView, RollbackRunView, TerminalInfo, TerminalReplay } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { demoWorkspaceDir } from '../../../main/workspace/load';
import { logEvents, rehearsalDir } from '../../release-log';
import { until } from '../until';
import { consoleCalls, openConsole, PRODUCTION, REHEARSAL_START } from './console-calls';

/**
 * Issue 16: a rehearsal never runs a workspace's real tools. The demo workspace copied, with its `deploy`
 * replaced by a real script that leaves a marker file and declared not rehearsal-safe (as any real tool
 * is by default): the real console on the rehearsal Thursday, real ptys, the demo's simulated `maintenance`.
 */
const { value, deployToS01 } = consoleCalls('rehearsal-tools');
let host: Host | null = null;
let scratch = '';

beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'rc-rehearsal-tools-'));
  stubEnvs({ RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1', RELEASE_CONSOLE_DEMO_STATE: path.join(scratch, 'demo-state') });
});

afterEach(async () => {
  await host?.close();
  host = null;
  vi.unstubAllEnvs();
  rmSync(scratch, { recursive: true, force: true });
});

/** The demo workspace whose `deploy` is a real tool: it writes `marker` with its argv, and is rehearsal-safe only when told. */
function workspaceWithRealDeploy(options: { rehearsalSafe: boolean; realProbes?: boolean }): { dir: string; marker: string } {
  const dir = path.join(scratch, 'workspace');
  cpSync(demoWorkspaceDir(), dir, { recursive: true });
  const marker = path.join(scratch, 'deploy-ran');
  // It also writes down any AWS credential it was given: a rehearsal's command steps get none.
  writeFileSync(path.join(dir, 'bin', 'deploy'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${marker}'\nenv | grep -E '^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE)=' >> '${marker}'\nexit 0\n`);
  chmodSync(path.join(dir, 'bin', 'deploy'), 0o755);
  const commands = path.join(dir, 'commands.yaml');
  const yaml = readFileSync(commands, 'utf8').replace(/(id: deploy-(apply|rollback), [^\n]*?)rehearsalSafe: true, /g, options.rehearsalSafe ? '$1rehearsalSafe: true, ' : '$1');
  writeFileSync(commands, options.realProbes ? yaml.replace(/(id: (maintenance-status-json|rmht-region-versions-json), [^\n]*?)rehearsalSafe: true, /g, '$1') : yaml);
  return { dir, marker };
}

/** The console on `dir`, deployed in S01: maintenance on with the demo's simulated tool, the deploy with `dir`'s own. */
async function openAndDeployToS01(dir: string, dataDir: string): Promise<{ h: Host; view: ReleaseView }> {
  ({ host } = await openConsole('rehearsal-tools', { workspaceDir: dir, dataDir }));
  return { h: host, view: await deployToS01(host) };
}

/**
 * What S01's terminals show a window that opens them now: each attached, as the region's terminal panel
 * does, and its replay read. A session's output goes only to the windows attached to it.
 */
async function shownInS01(h: Host): Promise<string> {
  const { terminals } = await value<{ terminals: TerminalInfo[] }>(h, 'listTerminals', {});
  const shown = await Promise.all(terminals.filter((t) => t.regionId === 'S01').map((t) => value<TerminalReplay>(h, 'attachTerminal', { sessionId: t.sessionId })));
  return shown.map((t) => t.replay).join('');
}

const DEPLOYS = [
  ['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'S01'],
  ['deploy', 'apply', 'routing-engine', '2.9.0', '--region', 'S01'],
  ['deploy', 'apply', 'cdr-export-lambda', '1.0.0', '--region', 'S01'],
  ['deploy', 'apply', 'transcribed', '3.5.0', '--region', 'S01'],
  ['deploy', 'apply', 'stats-transcribed', '1.9.1', '--region', 'S01'],
];

describe('a rehearsal and the workspace\'s real tools', () => {
  it('never runs a deploy that is not rehearsal-safe: it logs "would run" with the argv, applies its effect and says so in the terminal', async () => {
    const { dir, marker } = workspaceWithRealDeploy({ rehearsalSafe: false });
    const dataDir = path.join(scratch, 'data');
    const { h, view } = await openAndDeployToS01(dir, dataDir);

    expect(existsSync(marker)).toBe(false);
    const events = logEvents(rehearsalDir(dataDir));
    const wouldRun = events.filter((e) => e.type === 'commandWouldRun');
    expect(wouldRun.map((e) => e.type === 'commandWouldRun' && [e.step, e.region, e.argv])).toEqual(DEPLOYS.map((argv) => ['sdc-deploy', 'S01', argv]));
    // Nothing ran, so no run is on record as having run: the deploy's record is its would-run events.
    expect(events.some((e) => e.type === 'commandExited' && e.step === 'sdc-deploy')).toBe(false);
    // The simulated maintenance tool is rehearsal-safe and really ran.
    expect(events.some((e) => e.type === 'commandExited' && e.step === 'sdc-maintenance-on' && e.exitCode === 0)).toBe(true);

    const s01 = view.regions.find((r) => r.id === 'S01')!;
    expect(s01.versions).toEqual(expect.arrayContaining([{ name: 'rt-media-gateway', version: '4.13.0' }, { name: 'routing-engine', version: '2.9.0' }]));
    const text = await shownInS01(h);
    expect(text).toContain('Rehearsal: would run deploy apply rt-media-gateway 4.13.0 --region S01, not run');
    expect(text).toContain('Rehearsal: would run deploy apply cdr-export-lambda 1.0.0 --region S01, not run');
  }, 90_000);

  it('withholds the rollback\'s commands too, and the rollback still walks to its end', async () => {
    const { dir, marker } = workspaceWithRealDeploy({ rehearsalSafe: false });
    const dataDir = path.join(scratch, 'data');
    const { h } = await openAndDeployToS01(dir, dataDir);
    await value(h, 'setOperator', { name: 'oscar', role: 'on-call PE' });
    await value(h, 'startRollback', { releaseId: PRODUCTION, handoverId: 'HO-1234', confirm: 'HO-1234' });
    const run = await until('the rollback to end', () => value<RollbackRunView | null>(h, 'getRollback', { releaseId: PRODUCTION, handoverId: 'HO-1234' }), (r) => r !== null && r.status !== 'running', 20_000);

    expect(run!.status).toBe('done');
    expect(existsSync(marker)).toBe(false);
    const rollbackWouldRun = logEvents(rehearsalDir(dataDir)).filter((e) => e.type === 'commandWouldRun' && e.rollback === 'HO-1234');
    expect(rollbackWouldRun.map((e) => e.type === 'commandWouldRun' && e.argv.join(' '))).toEqual(
      expect.arrayContaining(['deploy rollback rt-media-gateway 4.12.0 --region S01', 'deploy rollback cdr-export-lambda 0.0.0 --region S01']),
    );
    expect(await shownInS01(h)).toContain('Rehearsal: would run deploy rollback rt-media-gateway 4.12.0 --region S01, not run');
    const view = await value<ReleaseView>(h, 'getReleaseView', {});
    expect(view.regions.find((r) => r.id === 'S01')!.versions).toEqual(expect.arrayContaining([{ name: 'rt-media-gateway', version: '4.12.0' }]));
  }, 90_000);

  it('does not run a region\'s probes that are not rehearsal-safe: the reconcile says what would have run', async () => {
    const { dir } = workspaceWithRealDeploy({ rehearsalSafe: false, realProbes: true });
    ({ host } = await createConsole({ workspaceDir: dir, dataDir: path.join(scratch, 'data'), rehearsalStart: Date.parse(REHEARSAL_START) }));
    const reconciled = await value<{ error: string | null }>(host!, 'reconcileRegion', { regionId: 'S01' });
    expect(JSON.stringify(reconciled)).toContain('is not rehearsal-safe. Rehearsal: would run maintenance status --region S01 --json, not run.');
  }, 60_000);

  it('runs the same deploy when the workspace declares it rehearsal-safe (so the marker shows a spawn), without the console\'s AWS credentials', async () => {
    stubEnvs({ AWS_ACCESS_KEY_ID: 'AKIAOPERATORKEY00001', AWS_SECRET_ACCESS_KEY: 'operator-secret', AWS_SESSION_TOKEN: 'operator-token', AWS_PROFILE: 'operator-prod' });
    const { dir, marker } = workspaceWithRealDeploy({ rehearsalSafe: true });
    const dataDir = path.join(scratch, 'data');
    await openAndDeployToS01(dir, dataDir);

    expect(readFileSync(marker, 'utf8').trim().split('\n')).toEqual(DEPLOYS.map((argv) => argv.slice(1).join(' ')));
    expect(logEvents(rehearsalDir(dataDir)).some((e) => e.type === 'commandWouldRun')).toBe(false);
  }, 90_000);
});
