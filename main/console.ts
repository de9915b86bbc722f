import os from 'node:os';
import path from 'node:path';
import type { ReleaseView, Session } from '../shared/api';
import { simulatedClock, systemClock, type Clock, type SimulatedClock } from '../shared/clock';
import type { Workspace } from '../shared/workspace/workspace';
import { createEventBus } from './host/events';
import { createHost, type Host } from './host/host';
import { ApiFailure } from './host/failure';
import { sessionHandlers } from './host/handlers/session';
import { bridgeMetricsEvents, metricsHandlers } from './host/handlers/metrics';
import { bridgeTerminalEvents, terminalHandlers } from './host/handlers/terminal';
import { releaseHandlers } from './host/handlers/release';
import { rollbackHandlers } from './host/handlers/rollback';
import { RollbackService } from './release/rollback';
import { defaultDataDir, terminalEnvironment } from './terminal/environment';
import { TerminalService } from './terminal/service';
import { forkPtyHost, type LaunchPtyHost } from './terminal/ptyHost/launch';
import { PtyHost } from './terminal/ptyHost/supervisor';
import { regionEnvironment } from '../shared/terminal/regionEnvironment';
import { createMetrics } from './metrics/compose';
import { demoWorkspaceDir, loadWorkspace } from './workspace/load';
import { AuditLog } from './storage/audit-log';
import { verifyAuditLog } from './storage/audit-verify';
import { StateStore } from './storage/state-store';
import { ConsoleStateFile, emptyConsoleState } from './release/state';
import { ReleaseService } from './release/service';
import { metricsFacts } from './release/metrics-facts';
import { noticesBetween } from './release/notices';
import { handoversDeployedIn } from './release/deployed';

export interface ConsoleOptions {
  /** A workspace folder; the embedded demo workspace when absent. */
  workspaceDir?: string;
  /** Runs a rehearsal: the console clock starts here (epoch ms) and moves only when told to. */
  rehearsalStart?: number;
  /** Where state, the audit log and transcripts are written; ~/.release-console when absent. */
  dataDir?: string;
  /** The operator until someone sets a name: the OS user, as a PE. */
  operator?: { name: string; role: string };
  /** How the pty host process is started: Electron passes utilityProcess.fork; browser mode forks Node. */
  launchPtyHost?: LaunchPtyHost;
}

export class WorkspaceLoadError extends Error {
  constructor(readonly lines: string[]) {
    super(`The workspace could not be loaded:\n${lines.join('\n')}`);
    this.name = 'WorkspaceLoadError';
  }
}

/** How long pushes are gathered: a command step finishing writes state, audit and view in one burst. */
const VIEW_PUSH_DEBOUNCE_MS = 30;
/** The range a rehearsal clock may be moved within (epoch ms). */
const REHEARSAL_EARLIEST = Date.UTC(2000, 0, 1);
const REHEARSAL_LATEST = Date.UTC(2100, 0, 1);
/** Countdowns tick in the renderer; main re-decides rules this often so windows open on time. */
const VIEW_REFRESH_MS = 5_000;

function osUser(): string {
  try {
    return os.userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}

/**
 * The composition root both adapters share: loads the workspace, builds the services and binds them to
 * the contract. An adapter only moves messages between its transport and the host this returns.
 */
export async function createConsole(options: ConsoleOptions = {}): Promise<{ host: Host; workspace: Workspace }> {
  const dir = path.resolve(options.workspaceDir ?? demoWorkspaceDir());
  const rehearsal = options.rehearsalStart !== undefined;
  const clock: Clock | SimulatedClock = rehearsal ? simulatedClock(options.rehearsalStart!) : systemClock();
  const clockMode = rehearsal ? 'simulated' : 'system';
  const loaded = await loadWorkspace(dir);
  if (!loaded.ok) {
    throw new WorkspaceLoadError(loaded.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`));
  }
  const workspace = loaded.workspace;
  const isDemo = options.workspaceDir === undefined || dir === path.resolve(demoWorkspaceDir());
  // A rehearsal keeps its own state and evidence: a drill never mixes into a real release's record.
  const dataDir = path.join(options.dataDir ?? defaultDataDir(), rehearsal ? 'rehearsal' : 'live');
  const bus = createEventBus();

  const session = (transport: Session['transport']): Session => ({
    transport,
    workspace: { name: workspace.name, dir, isDemo },
    regions: workspace.regions.map((region) => ({ id: region.id, name: region.name, awsRegion: region.awsRegion, zone: region.zone, sibling: region.sibling ?? null })),
    now: clock.now(),
    clockMode,
  });

  const storageWarnings: string[] = [];
  const store = new StateStore({ file: path.join(dataDir, 'state.json'), schema: ConsoleStateFile, defaults: emptyConsoleState(), clock: systemClock() });
  const loadedState = await store.load();
  if (loadedState.recovered) {
    storageWarnings.push(
      loadedState.recovered.movedTo
        ? `The saved state could not be read (${loadedState.recovered.reason}); it was moved aside to ${loadedState.recovered.movedTo} and the console started fresh. Nothing was deleted.`
        : `The saved state could not be read (${loadedState.recovered.reason}) and could not be moved aside; the console will not overwrite it until it is fixed.`,
    );
  }
  const auditFile = path.join(dataDir, 'audit.jsonl');
  const verification = await verifyAuditLog(auditFile);
  if (verification.break) storageWarnings.push(`The audit log ${auditFile} is broken at line ${verification.break.line}: ${verification.break.message}`);
  const audit = new AuditLog({ file: auditFile, clock });

  let releases: ReleaseService | null = null;
  const metrics = createMetrics({ workspace, isDemo, clock, handoversIn: (regionId) => (releases ? handoversDeployedIn(releases, regionId) : []) });

  const terminalEnv = terminalEnvironment(dir);
  if (isDemo) terminalEnv.RELEASE_CONSOLE_DEMO_STATE = path.join(dataDir, 'demo-tools.state');
  const terminals = new TerminalService({
    clock,
    dataDir,
    env: terminalEnv,
    ptyHost: new PtyHost(options.launchPtyHost ?? forkPtyHost()),
    regionEnv: (regionId) => {
      const region = workspace.regions.find((r) => r.id === regionId);
      return region === undefined ? { RELEASE_CONSOLE_REGION: regionId } : regionEnvironment(region, rehearsal);
    },
  });
  const timeoutsMs = new Map(workspace.commands.flatMap((c) => (c.timeoutSeconds === undefined ? [] : [[c.id, c.timeoutSeconds * 1000] as const])));
  // Every command a step or a rollback runs goes through here, so a template's timeout holds for both.
  const runCommand: TerminalService['runCommand'] = (regionId, argv, opts) => {
    const timeoutMs = timeoutsMs.get(opts.commandId);
    return terminals.runCommand(regionId, argv, timeoutMs === undefined ? opts : { ...opts, timeoutMs });
  };

  let lastView: ReleaseView | null = null;
  let pushTimer: NodeJS.Timeout | null = null;
  const pushView = () => {
    if (pushTimer) return;
    pushTimer = setTimeout(() => {
      pushTimer = null;
      if (!releases) return;
      void releases.advanceMetricGates().then(() => {
        const view = releases!.view();
        for (const notice of noticesBetween(lastView, view)) bus.emit('notice', notice);
        lastView = view;
        bus.emit('releaseView', view);
      });
    }, VIEW_PUSH_DEBOUNCE_MS);
  };

  releases = new ReleaseService({
    workspace,
    clock,
    store,
    audit,
    commands: { run: runCommand },
    metrics: { ...metricsFacts(metrics.service, () => clock.now()), captureBaseline: (regionIds) => metrics.service.captureBaseline({ regionIds }) },
    defaultOperator: options.operator ?? { name: osUser(), role: 'PE' },
    storageWarnings,
    onChange: pushView,
  });
  metrics.service.restoreBaselines(Object.values(store.state.releases).flatMap((r) => r.baselines));
  await releases.markInterrupted();
  const rollbacks = new RollbackService({
    workspace,
    clock,
    releases,
    commands: { run: runCommand },
    emit: (run) => bus.emit('rollbackProgress', run),
    onChange: pushView,
    // The demo's simulated breach ends once the region runs the old versions again.
    onRegionRolledBack: metrics.simulator ? (regionId) => void metrics.simulator!.markRolledBack(regionId) : null,
  });
  await rollbacks.markInterrupted();
  // What notices compare the first push against: a window opening a minute after start is announced too.
  lastView = releases.view();
  await releases.audit({ kind: 'session', data: { started: true, workspace: workspace.name, rehearsal, auditEntries: verification.entries } });

  const stopMetricsEvents = bridgeMetricsEvents(metrics, bus);
  const stopMetricsPush = metrics.service.subscribe(() => pushView());
  metrics.service.start();
  const stopTerminalEvents = bridgeTerminalEvents(terminals, bus);
  const refresh = setInterval(pushView, VIEW_REFRESH_MS);

  const moveClock = rehearsal
    ? async (move: { to?: number; advanceMs?: number }) => {
        const simulated = clock as SimulatedClock;
        const before = simulated.now();
        const target = (move.to ?? before) + (move.advanceMs ?? 0);
        // Checked before the clock moves: a time no date can show would break every view after it.
        if (!(target >= REHEARSAL_EARLIEST && target <= REHEARSAL_LATEST)) {
          throw new ApiFailure('invalid_request', 'A rehearsal clock runs between the years 2000 and 2100; that move would take it outside.');
        }
        simulated.set(target);
        await releases!.audit({ kind: 'intent', data: { intent: 'moveRehearsalClock', from: before, to: simulated.now() } });
        await metrics.service.poll({ force: true });
        pushView();
        return simulated.now();
      }
    : null;

  const host = createHost({
    bus,
    handlers: {
      ...sessionHandlers({ session }),
      ...metricsHandlers(metrics),
      ...terminalHandlers(terminals, (regionId) => workspace.regions.some((region) => region.id === regionId)),
      ...releaseHandlers({
        releases,
        moveClock,
        evidence: (releaseId) => ({
          view: releases!.view(),
          record: releases!.record(releaseId),
          environment: 'production',
          verificationTable: (regionId) => (metrics.service.hasRegion(regionId) ? metrics.service.verificationTable(regionId).text : null),
        }),
      }),
      ...rollbackHandlers(rollbacks),
    },
    onDisconnect: (connectionId) => terminals.detachConsumer(connectionId),
    onClose: async () => {
      clearInterval(refresh);
      if (pushTimer) clearTimeout(pushTimer);
      await terminals.closeAll();
      stopTerminalEvents();
      metrics.service.stop();
      stopMetricsPush();
      stopMetricsEvents();
      await audit.close();
    },
  });
  return { host, workspace };
}
