import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Session } from '../shared/api';
import { simulatedClock, systemClock, type Clock, type SimulatedClock } from '../shared/clock';
import type { Workspace } from '../shared/workspace/workspace';
import { shiftWorkspaceWeeks } from '../shared/workspace/demoWeek';
import { createEventBus } from './host/events';
import { createHost, type Host } from './host/host';
import { sessionHandlers } from './host/handlers/session';
import { bridgeMetricsEvents, metricsHandlers } from './host/handlers/metrics';
import { bridgeTerminalEvents, terminalHandlers } from './host/handlers/terminal';
import { ShellTranscripts } from './terminal/shell-transcript';
import { TranscriptIndex } from './terminal/transcript-index';
import { releaseHandlers } from './host/handlers/release';
import { windowHandlers } from './host/handlers/window';
import { ViewPush } from './host/view-push';
import { WindowSessions } from './host/window-session';
import { rollbackHandlers } from './host/handlers/rollback';
import { worldHandlers } from './host/handlers/world';
import { recordHandlers } from './host/handlers/record';
import { refuseWhileReadOnly } from './host/handlers/read-only';
import { RollbackService } from './release/rollback';
import { terminalEnvironment } from './terminal/environment';
import { TerminalService } from './terminal/service';
import { forkPtyHost, type LaunchPtyHost } from './terminal/ptyHost/launch';
import { PtyHost } from './terminal/ptyHost/supervisor';
import { regionEnvironment } from '../shared/terminal/regionEnvironment';
import { createMetrics } from './metrics/compose';
import { demoWorkspaceDir, loadWorkspace } from './workspace/load';
import { workspaceDataFolder } from './workspace/data-folder';
import { LEGACY_STATE_FILE } from './storage/legacy-migration';
import { LOG_FILE } from './storage/repository';
import { StateStore } from './storage/state-store';
import { ConsoleStateFile, emptyConsoleState } from '../shared/engine/state';
import { ReleaseService } from './release/service';
import { MetricFactsSlice } from './release/metrics-facts';
import { InProcessLeaseHeartbeat } from './team/lease-heartbeat';
import { openReleaseRepository } from './release/repository';
import { IntentLoop } from './release/loop';
import { StepRunner } from './release/step-runner';
import { noticesBetween } from './release/notices';
import { handoversDeployedIn } from './release/deployed';
import { believedWorld, reconcileObservation, RegionReconciler } from './release/reconcile';
import { evidenceFor } from './release/evidence';

export interface ConsoleOptions {
  /** A workspace folder; the embedded demo workspace when absent. */
  workspaceDir?: string;
  /** Runs a rehearsal: the console clock starts here (epoch ms) and moves only when told to. */
  rehearsalStart?: number;
  /** Whole weeks the demo's release dates are moved by (shared/workspace/demoWeek.ts); ignored for other workspaces. */
  demoWeeks?: number;
  /** This workspace's own folder for state, the audit log and transcripts (tests name one); when absent, one under `dataRoot` keyed by the workspace. */
  dataDir?: string;
  /** Holds one data folder per workspace (`workspaces/<key>`): Electron's user-data folder, or ~/.release-console when absent. */
  dataRoot?: string;
  /**
   * Set by an adapter that opened the demo without a pinned clock: reopens it live or as the coming week's
   * rehearsal. The adapter swaps consoles; this one only says it was asked.
   */
  switchDemoClock?: (mode: Session['clockMode']) => void;
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
  const isDemo = options.workspaceDir === undefined || dir === path.resolve(demoWorkspaceDir());
  const workspace = isDemo && options.demoWeeks ? shiftWorkspaceWeeks(loaded.workspace, options.demoWeeks) : loaded.workspace;
  const workspaceData = options.dataDir ?? workspaceDataFolder(workspace, dir, isDemo, options.dataRoot);
  // A rehearsal keeps its own state and evidence: a drill never mixes into a real release's record.
  const dataDir = path.join(workspaceData, rehearsal ? 'rehearsal' : 'live');
  const bus = createEventBus();

  const session = (transport: Session['transport']): Session => ({
    transport,
    workspace: { name: workspace.name, dir, isDemo, externalLinks: workspace.externalLinks ?? [] },
    regions: workspace.regions.map((region) => ({ id: region.id, name: region.name, awsRegion: region.awsRegion, zone: region.zone, sibling: region.sibling ?? null })),
    now: clock.now(),
    clockMode,
    canSwitchDemoClock: isDemo && options.switchDemoClock !== undefined,
  });

  const storageWarnings: string[] = [];
  // Data from before the release log: a state file that cannot be read is moved aside and named, never
  // reset; the first start then carries what could be read into the log's genesis entry (issue 14).
  if (!existsSync(path.join(dataDir, LOG_FILE))) {
    const legacy = new StateStore({ file: path.join(dataDir, LEGACY_STATE_FILE), schema: ConsoleStateFile, defaults: emptyConsoleState(), clock: systemClock() });
    const loadedState = await legacy.load();
    if (loadedState.recovered) {
      storageWarnings.push(
        loadedState.recovered.movedTo
          ? `The saved state could not be read (${loadedState.recovered.reason}); it was moved aside to ${loadedState.recovered.movedTo} and the console started fresh. Nothing was deleted.`
          : `The saved state could not be read (${loadedState.recovered.reason}) and could not be moved aside; the console will not overwrite it until it is fixed.`,
      );
    }
  }
  // The release log is the truth: checked line by line and against its snapshot at start; state is its fold.
  const repository = await openReleaseRepository(dataDir, clock);
  const logRecord = () => ({ head: repository.head, file: path.join(dataDir, LOG_FILE), findings: repository.findings.map((f) => ({ ...f })), readOnly: repository.readOnly });
  const system = { name: 'release-console', role: 'system' };
  if (!repository.readOnly) await repository.append([{ type: 'consoleStarted', actor: system, at: clock.now(), workspace: workspace.name, rehearsal }]);

  let releases: ReleaseService | null = null;
  const metrics = createMetrics({ workspace, isDemo, clock, handoversIn: (regionId) => (releases ? handoversDeployedIn(releases, regionId) : []) });
  const facts = new MetricFactsSlice(workspace, metrics.service);

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

  const defaultOperator = options.operator ?? { name: osUser(), role: 'PE' };
  const sessions = new WindowSessions({
    releaseId: () => releases!.selectedReleaseId(),
    operator: () => repository.state.operator ?? defaultOperator,
    isRelease: (releaseId) => workspace.releases.some((release) => release.id === releaseId),
  });
  const views = new ViewPush({
    bus,
    sessions,
    clock,
    buildView: (releaseId, operator) => releases!.view(releaseId, operator),
    // Metric gates are offered to decide only when time has passed (a poll, a clock move, the minute).
    observe: async () => {
      await releases!.advanceMetricGates();
    },
    noticesBetween,
  });
  const pushView = () => views.changed();

  // Issue 15: a console alone beats its region leases in process; a shared log swaps in DynamoLeaseHeartbeat.
  const leaseHeartbeat = new InProcessLeaseHeartbeat(clock);
  leaseHeartbeat.start();
  const loop = new IntentLoop({ workspace, clock, repository, facts: () => facts.facts, onChange: pushView, leases: leaseHeartbeat });
  const commands = { run: runCommand, stop: (sessionId: string, by: string) => terminals.stop(sessionId, by) };
  const steps = new StepRunner({ workspace, loop, commands, captureBaseline: (regionIds) => metrics.service.captureBaseline({ regionIds }) });
  const reconciler = new RegionReconciler({
    workspace,
    clock,
    probe: { env: terminalEnv },
    believedWorld: (regionId) => believedWorld(workspace, releases!, regionId),
    log: async (entry) => {
      const observation = reconcileObservation(entry);
      if (observation) await loop.require(observation, releases!.operator);
    },
    onChange: pushView,
  });
  releases = new ReleaseService({
    workspace,
    clock,
    loop,
    steps,
    defaultOperator,
    actingOperator: () => sessions.actingOperator(),
    storageWarnings,
    reconcile: (regionId) => reconciler.view(regionId),
  });
  const session0 = releases;
  metrics.service.restoreBaselines(Object.values(repository.state.releases).flatMap((r) => r.baselines));
  facts.refresh(clock.now());
  await releases.markInterrupted();
  const rollbacks = new RollbackService({
    workspace,
    loop,
    operator: () => session0.operator,
    commands,
    emit: (run) => bus.emit('rollbackProgress', run),
    // The demo's simulated breach ends once the region runs the old versions again.
    onRegionRolledBack: metrics.simulator ? (regionId) => void metrics.simulator!.markRolledBack(regionId) : null,
  });
  await rollbacks.markInterrupted();

  const stopMetricsEvents = bridgeMetricsEvents(metrics, bus);
  // A poll landed: the facts decide reads are refreshed, and a raised breach is observed into the log.
  const stopMetricsPush = metrics.service.subscribe((event) => {
    facts.refresh(clock.now());
    if (event.type === 'alert' && event.alert.active) {
      loop.handle({ kind: 'breach', alert: event.alert }, system).catch((error: unknown) => console.error('release-console: a breach could not be logged:', error));
    }
    views.changed({ timePassed: true });
  });
  metrics.service.start();
  const stopTerminalEvents = bridgeTerminalEvents(terminals, bus);
  views.start();
  const shellTranscripts = new ShellTranscripts(dataDir, systemClock());
  shellTranscripts.record(terminals);

  const moveClock = async (move: { to?: number; advanceMs?: number }) => {
    const target = (move.to ?? clock.now()) + (move.advanceMs ?? 0);
    // Decided and logged before the clock moves: the real clock, a move outside the rehearsal's range, or backwards, never happens.
    await loop.require({ kind: 'moveRehearsalClock', rehearsal, to: target }, session0.operator);
    (clock as SimulatedClock).set(target);
    await metrics.service.poll({ force: true });
    facts.refresh(clock.now());
    views.changed({ timePassed: true });
    return clock.now();
  };

  const host = createHost({
    bus,
    handlers: refuseWhileReadOnly(() => repository.readOnly, sessions.actAs({
      ...sessionHandlers({ session, switchDemoClock: isDemo ? (options.switchDemoClock ?? null) : null }),
      ...metricsHandlers(metrics),
      ...terminalHandlers(terminals, (regionId) => workspace.regions.some((region) => region.id === regionId), new TranscriptIndex(dataDir)),
      ...releaseHandlers({
        releases,
        moveClock,
        readOnly: () => repository.readOnly,
        evidence: (releaseId) =>
          evidenceFor(releaseId, {
            view: (id) => releases!.view(id),
            record: (id) => releases!.record(id),
            verificationTable: (regionId, baselines) => (metrics.service.hasRegion(regionId) ? metrics.service.verificationTable(regionId, baselines).text : null),
            logHead: () => repository.head,
          }),
      }),
      ...windowHandlers({ releases, sessions, views, readOnly: () => repository.readOnly }),
      ...rollbackHandlers(rollbacks),
      ...worldHandlers(reconciler),
      ...recordHandlers({
        record: logRecord,
        acknowledge: async () => {
          await repository.acknowledge(releases!.operator);
          const record = logRecord();
          bus.emit('logRecord', record);
          views.changed();
          return record;
        },
      }),
    })),
    onDisconnect: (connectionId) => {
      terminals.detachConsumer(connectionId);
      views.drop(connectionId);
      sessions.drop(connectionId);
    },
    onClose: async () => {
      leaseHeartbeat.close();
      views.close();
      await terminals.closeAll();
      stopTerminalEvents();
      await shellTranscripts.stop();
      metrics.service.stop();
      stopMetricsPush();
      stopMetricsEvents();
      await repository.close();
    },
  });
  return { host, workspace };
}
