// Issue 14, point 4: Reconcile runs a region's probes as real processes (the demo tools), compares what
// they report with what the console believes, shows the difference on the region's tile and logs it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegionReconcileView, ReleaseView, Result } from '../../../shared/api';
import type { Workspace } from '../../../shared/workspace/workspace';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { probeRegion } from '../../../main/release/reconcile';
import { terminalEnvironment } from '../../../main/terminal/environment';
import { demoWorkspaceDir } from '../../../main/workspace/load';
import { loadTemplate } from '../../shared/loadTemplate';
import { logEntries, rehearsalDir } from '../../release-log';

describe('probeRegion with the demo tools', () => {
  let workspace: Workspace;
  let home: string;
  let env: Record<string, string>;
  beforeAll(async () => (workspace = await loadTemplate('demo')));
  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'rc-probe-'));
    env = { ...terminalEnvironment(demoWorkspaceDir(), { PATH: '/usr/bin:/bin', HOME: home }), RELEASE_CONSOLE_DEMO_STATE: path.join(home, 'state'), RELEASE_CONSOLE_DEMO_SPEED: '0' };
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const region = (id: string) => workspace.regions.find((r) => r.id === id)!;
  /** The demo workspace with EUW2's maintenance probe pointed at another command. */
  const withProbe = (argv: string[]): [Workspace, Workspace['regions'][number]] => {
    const ws = { ...workspace, commands: [...workspace.commands, { id: 'probe-under-test', title: 'Probe under test', purpose: 'check' as const, rehearsalSafe: false, argv }] };
    return [ws, { ...region('EUW2'), probes: { maintenance: 'probe-under-test' } }];
  };

  it('reads maintenance mode and the versions running in the region from the tools', async () => {
    writeFileSync(env.RELEASE_CONSOLE_DEMO_STATE!, 'maintenance EUW2 on\nversion EUW2 voicemail-service 5.2.1\nversion EUC1 portal-web 9.9.9\n');
    const probed = await probeRegion(workspace, region('EUW2'), { env });
    expect(probed.ok).toBe(true);
    if (!probed.ok) return;
    expect(probed.observed.maintenanceMode).toBe(true);
    expect(probed.observed.versions).toMatchObject({ 'voicemail-service': '5.2.1', 'portal-web': '12.4.0', 'sentiment-worker': null });
  });

  it('names the probe, its argv and the tool\'s own words when it exits non-zero', async () => {
    const probed = await probeRegion(workspace, region('EUW2'), { env: { ...env, RELEASE_CONSOLE_DEMO_FAIL: 'rmht check-versions' } });
    expect(probed).toEqual({
      ok: false,
      error: 'The versions probe of EUW2 (rmht-region-versions-json), `rmht check-versions --json --region EUW2`, failed: it exited with 1: rmht: error: version endpoint unreachable in one or more regions.',
    });
  });

  it('refuses output that is not JSON, naming the probe', async () => {
    const [ws, euw2] = withProbe(['maintenance', 'status', '--region', '{region}']);
    const probed = await probeRegion(ws, euw2, { env });
    expect(probed.ok).toBe(false);
    if (!probed.ok) expect(probed.error).toMatch(/^The maintenance probe of EUW2 \(probe-under-test\), `maintenance status --region EUW2`, gave no report: its output is not JSON .*it began "EUW2: maintenance mode off, serving its own traffic"\.$/);
  });

  it('refuses JSON that is not a report, saying which field is wrong', async () => {
    const [ws, euw2] = withProbe(['sh', '-c', 'echo \'{"region":"EUW2","maintenanceMode":"yes"}\'']);
    const probed = await probeRegion(ws, euw2, { env });
    expect(probed.ok).toBe(false);
    if (!probed.ok) expect(probed.error).toMatch(/gave no report: its JSON does not match the maintenance report: maintenanceMode: /);
  });

  it('refuses a report about another region', async () => {
    const [ws, euw2] = withProbe(['maintenance', 'status', '--region', 'EUC1', '--json']);
    expect(await probeRegion(ws, euw2, { env })).toEqual({ ok: false, error: 'The maintenance probe for EUW2 reported region EUC1.' });
  });

  it('stops a probe that does not answer in time and says so', async () => {
    const [ws, euw2] = withProbe(['sleep', '30']);
    const started = Date.now();
    const probed = await probeRegion(ws, euw2, { env, timeoutMs: 300 });
    expect(probed).toEqual({ ok: false, error: 'The maintenance probe of EUW2 (probe-under-test), `sleep 30`, failed: it did not answer within 0.3 s and was stopped.' });
    // Not a timing assertion: only that the 30 s sleep was not waited for.
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('says when the probe\'s program is not on PATH', async () => {
    const [ws, euw2] = withProbe(['no-such-probe-tool', '{region}']);
    expect(await probeRegion(ws, euw2, { env })).toEqual({ ok: false, error: 'The maintenance probe of EUW2 (probe-under-test), `no-such-probe-tool EUW2`, failed: no-such-probe-tool was not found on PATH.' });
  });

  it('passes a value as one argv entry: nothing reaches a shell', async () => {
    // A hostile region id cannot come from a loaded workspace (patterns), so the template is filled as the
    // loader would fill it and the entry is checked to arrive whole: sh -c prints $0, its first argument.
    const [ws, euw2] = withProbe(['sh', '-c', 'printf \'{"region":"%s","maintenanceMode":false}\' "$0"', '{region}']);
    expect(await probeRegion(ws, euw2, { env })).toMatchObject({ ok: true, observed: { regionId: 'EUW2', maintenanceMode: false } });
  });
});

describe('the reconcileRegion call', () => {
  const context = { transport: 'browser' as const, connectionId: 'test' };
  let host: Host | null = null;
  let dataDir: string;

  async function open(): Promise<Host> {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-reconcile-'));
    ({ host } = await createConsole({ dataDir, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' } }));
    return host!;
  }
  const call = async <T>(h: Host, name: string, payload: unknown) => (await h.invoke(name, payload, context)) as Result<T>;
  const toolsState = () => path.join(rehearsalDir(dataDir), 'demo-tools.state');
  const tile = async (h: Host, regionId: string) => {
    const view = await call<ReleaseView>(h, 'getReleaseView', {});
    if (!view.ok) throw new Error(view.error.message);
    return view.value.regions.find((r) => r.id === regionId)!.reconcile;
  };
  const auditEntries = () =>
    (logEntries(rehearsalDir(dataDir)) as unknown as { kind: string; region: string | null; data: Record<string, unknown> }[]);

  afterEach(async () => {
    await host?.close();
    host = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows "not reconciled" until the first reconcile, then that the tools agree', async () => {
    const h = await open();
    expect(await tile(h, 'EUW2')).toEqual({ status: 'not-reconciled', at: null, differences: [], error: null });
    const result = await call<RegionReconcileView>(h, 'reconcileRegion', { regionId: 'EUW2' });
    expect(result).toEqual({ ok: true, value: { status: 'agrees', at: Date.parse('2026-03-19T10:55:00Z'), differences: [], error: null } });
    expect(await tile(h, 'EUW2')).toMatchObject({ status: 'agrees' });
  }, 30_000);

  it('finds maintenance and a version changed behind the console\'s back, shows them on the tile and logs them', async () => {
    const h = await open();
    writeFileSync(toolsState(), 'maintenance EUW2 on\nversion EUW2 voicemail-service 5.2.1\n');
    const result = await call<RegionReconcileView>(h, 'reconcileRegion', { regionId: 'EUW2' });
    const differences = ['tools say EUW2 is in maintenance; the console did not put it there', 'tools say EUW2 runs voicemail-service 5.2.1; the console expected 5.2.0'];
    expect(result).toMatchObject({ ok: true, value: { status: 'differs', differences } });
    expect(await tile(h, 'EUW2')).toMatchObject({ status: 'differs', differences });
    // Other regions were not probed.
    expect(await tile(h, 'EUC1')).toMatchObject({ status: 'not-reconciled' });

    const logged = auditEntries().filter((e) => e.region === 'EUW2');
    // One observation event: what the tools reported and, decided against the world the log holds, the differences.
    expect(logged.map((e) => e.kind)).toEqual(['decision']);
    expect(logged[0]!.data).toMatchObject({ type: 'reconciled', error: null, differences, reported: { maintenance: true, deployed: { 'voicemail-service': '5.2.1' } } });

    // Resolved: the region is put back as the console believes it, and the next reconcile agrees.
    writeFileSync(toolsState(), 'maintenance EUW2 off\n');
    expect(await call(h, 'reconcileRegion', { regionId: 'EUW2' })).toMatchObject({ ok: true, value: { status: 'agrees', differences: [] } });
    expect(await tile(h, 'EUW2')).toMatchObject({ status: 'agrees', differences: [] });
  }, 30_000);

  it('runs the probes once when Reconcile is pressed twice at once', async () => {
    const h = await open();
    const [first, second] = await Promise.all([call(h, 'reconcileRegion', { regionId: 'EUW2' }), call(h, 'reconcileRegion', { regionId: 'EUW2' })]);
    expect(first).toMatchObject({ ok: true, value: { status: 'agrees' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict', message: 'EUW2 is being reconciled already.' } });
    expect(auditEntries().filter((e) => e.region === 'EUW2').map((e) => e.data.type)).toEqual(['reconciled']);
  }, 30_000);

  it('shows and logs a probe that fails, naming it, and refuses a region that does not exist', async () => {
    // The console's tools inherit its environment: the drill hook fails the versions endpoint.
    vi.stubEnv('RELEASE_CONSOLE_DEMO_FAIL', 'rmht check-versions');
    let h: Host;
    try {
      h = await open();
    } finally {
      vi.unstubAllEnvs();
    }
    const error = 'The versions probe of EUW2 (rmht-region-versions-json), `rmht check-versions --json --region EUW2`, failed: it exited with 1: rmht: error: version endpoint unreachable in one or more regions.';
    expect(await call(h, 'reconcileRegion', { regionId: 'EUW2' })).toMatchObject({ ok: true, value: { status: 'failed', error } });
    expect(await tile(h, 'EUW2')).toMatchObject({ status: 'failed', differences: [], error });
    expect(auditEntries().filter((e) => e.region === 'EUW2').at(-1)!.data).toMatchObject({ type: 'reconciled', error, differences: [] });
    expect(await call(h, 'reconcileRegion', { regionId: 'NO-SUCH' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'There is no region NO-SUCH.' } });
  }, 30_000);

  it('says a region without probes is not reconciled, and refuses to reconcile it', async () => {
    const workspaceDir = mkdtempSync(path.join(os.tmpdir(), 'rc-reconcile-ws-'));
    cpSync(demoWorkspaceDir(), workspaceDir, { recursive: true });
    const regionsFile = path.join(workspaceDir, 'regions.yaml');
    const regions = readFileSync(regionsFile, 'utf8');
    // NEXUS is the last region: drop its probes line.
    const last = regions.lastIndexOf('    probes:');
    writeFileSync(regionsFile, regions.slice(0, last) + regions.slice(regions.indexOf('\n', last) + 1));
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-reconcile-'));
    try {
      ({ host } = await createConsole({ workspaceDir, dataDir, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' } }));
      expect(await tile(host!, 'NEXUS')).toEqual({ status: 'no-probes', at: null, differences: [], error: null });
      expect(await call(host!, 'reconcileRegion', { regionId: 'NEXUS' })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'NEXUS is not reconciled: regions.yaml declares no probes for it.' } });
      expect(await tile(host!, 'GLOBAL')).toMatchObject({ status: 'not-reconciled' });
    } finally {
      rmSync(workspaceDir, { recursive: true, force: true });
    }
  }, 30_000);
});
