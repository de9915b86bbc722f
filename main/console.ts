import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Actor, Session, WorkspaceProblem } from '../shared/api';
import { simulatedClock, systemClock, type Clock, type MonotonicClock, type SimulatedClock } from '../shared/clock';
import { indexWorkspace, stepOfRelease, type Workspace } from '../shared/workspace/workspace';
import type { ReleaseDefinition } from '../shared/engine/events';
import { shiftWorkspaceWeeks } from '../shared/workspace/demoWeek';
import { archivesOf, REHEARSALS_FOLDER, rehearsalFolderName } from '../shared/rehearsal/folder';
import { createEventBus } from './host/events';
import type { ReleaseEvent } from '../shared/engine/events';
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
import { deliveryHandlers } from './host/handlers/delivery';
import { refuseWhileReadOnly } from './host/handlers/read-only';
import { RollbackService } from './release/rollback';
import { FixForwardService } from './release/fix-forward';
import { defaultDataDir, terminalEnvironment, workspaceCommandDir, workspaceToolDir } from './terminal/environment';
import { TerminalService } from './terminal/service';
import { guardedTools, ShellGuard, type ShellDecider } from './terminal/shell-guard';
import { shellCommands } from './release/shell-commands';
import { forkPtyHost, type LaunchPtyHost } from './terminal/ptyHost/launch';
import { PtyHost } from './terminal/ptyHost/supervisor';
import { regionEnvironment } from '../shared/terminal/regionEnvironment';
import { createMetrics } from './metrics/compose';
import { metricSourceFor } from '../shared/metrics/sourceChoice';
import { demoWorkspaceDir, loadWorkspace, type CalendarLoadOptions } from './workspace/load';
import { CALENDAR_CACHE_FOLDER } from './workspace/calendars';
import { CalendarRefresher } from './workspace/calendar-refresh';
import { workspaceDataFolder } from './workspace/data-folder';
import { writeDemoHistory } from './delivery/demo-history';
import { LIVE_FOLDER } from './delivery/log-facts';
import { LEGACY_STATE_FILE } from './storage/legacy-migration';
import { LOG_FILE } from './storage/repository';
import { StateStore } from './storage/state-store';
import { ConsoleStateFile, emptyConsoleState } from '../shared/engine/state';
import type { Intent } from '../shared/engine/intents';
import { ReleaseService } from './release/service';
import { MetricFactsSlice } from './release/metrics-facts';
import { openReleaseRepository, shareReleaseRepository } from './release/repository';
import { sharedChainId } from '../shared/team/sharing';
import { DynamoLeaseHeartbeat, InProcessLeaseHeartbeat } from './team/lease-heartbeat';
import { StoreTraffic } from './team/store-traffic';
import { IntentLoop } from './release/loop';
import { StepRunner } from './release/step-runner';
import { noticesBetween } from './release/notices';
import { handoversDeployedIn } from './release/deployed';
import { believedWorld, reconcileObservation, RegionReconciler } from './release/reconcile';
import { evidenceFor, postedAnnouncement, releaseOutcome, type EvidenceOptions } from './release/evidence';
import { Announcer, releasesAnnouncedIn } from './announce/announcer';
import { WebhookKeychain, type SecretCipher } from './announce/keychain';
import { announcementHandlers } from './host/handlers/announcements';
import { verificationMoment } from '../shared/release/verificationMoment';
import { ApiFailure } from './host/failure';
import { NO_ROLE, resolveDeskIdentity } from './team/desk-identity';
import { firstRole } from '../shared/workspace/roles';
import type { StoreClientOptions } from './team/store-clients';
import { DeskPresence } from './team/desk-presence';
import { presenceHandlers } from './host/handlers/presence';
import { calendarHandlers } from './host/handlers/calendar';
import { historyHandlers } from './host/handlers/history';
import { ReleaseHistory } from './release/history';
import { pastReleases } from './release/past-releases';
import { actorWords } from '../shared/words';

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
  /** Issue 19: the demo's live log starts with months of generated past releases (main/delivery/demo-history.ts) for its Delivery screen. */
  demoHistory?: boolean;
  /**
   * Set by an adapter that opened the demo without a pinned clock: reopens it live or as the coming week's
   * rehearsal. The adapter swaps consoles; this one only says it was asked.
   */
  switchDemoClock?: (mode: Session['clockMode']) => void;
  /**
   * Set by an adapter that can reopen this console: after "Start over" is decided and logged, it closes this
   * console (which then archives the rehearsal's folder) and opens one with the same options, from the start.
   */
  reopenAfterClose?: () => void;
  /** The operator until someone sets a name: the OS user, as a PE. */
  operator?: { name: string; role: string };
  /** Credentials or endpoint for the team store's clients (tests: a moto IAM user's keys); by default its profile's. */
  storeClient?: StoreClientOptions;
  /**
   * How often a desk cut off from the team store tries it again (shared/team/polling.ts unless set): a
   * test of a desk offline for a minute runs that minute's worth of failed polls in seconds.
   */
  offlinePollIntervalMs?: number;
  /**
   * How long a Stop waits after SIGINT before SIGTERM, and again before SIGKILL (STOP_ESCALATION_MS unless set): a
   * test of a tool deaf to both reaches the SIGKILL in seconds instead of ten.
   */
  stopEscalationMs?: number;
  /** How the pty host process is started: Electron passes utilityProcess.fork; browser mode forks Node. */
  launchPtyHost?: LaunchPtyHost;
  /** The wall clock of a live console; the system's when absent (tests pin it to a moment a rule is closed). */
  clock?: Clock;
  /**
   * What another desk's lease silence is measured on, live or in a rehearsal: the system's monotonic clock when
   * absent (tests pass one they move, to stand for time really passing).
   */
  monotonic?: MonotonicClock;
  /** How freeze calendars are read (tests: a local calendar server, moto's keys); the workspace's own sources by default. */
  calendars?: CalendarLoadOptions & {
    /** Every URL and Change Calendar read again on this interval (tests); each source's refreshMinutes, else 10 minutes, otherwise. */
    refreshIntervalMs?: number;
  };
  /** Where Slack channels' `env` webhooks are read (issue 19); process.env when absent. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The desktop app's safeStorage: keychain webhook entries are encrypted with it. Absent (browser mode): env webhooks only. */
  secretCipher?: SecretCipher;
  /** How long a Slack post waits for its answer; SLACK_TIMEOUT_MS when absent. */
  slackTimeoutMs?: number;
}

export class WorkspaceLoadError extends Error {
  /** Each error as `file:line:column: message`, the form stderr and the desktop app's error window show. */
  readonly lines: string[];
  constructor(
    readonly dir: string,
    readonly errors: WorkspaceProblem['errors'],
  ) {
    const lines = errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`);
    super(`The workspace could not be loaded:\n${lines.join('\n')}`);
    this.lines = lines;
    this.name = 'WorkspaceLoadError';
  }
}

/** The workspace's name in the team store: its `id`, or its folder's name, which every desk of a team shares. */
function storeWorkspaceId(workspace: Workspace, dir: string): string {
  return workspace.id ?? path.basename(dir);
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
  const clock: Clock | SimulatedClock = rehearsal ? simulatedClock(options.rehearsalStart!) : (options.clock ?? systemClock());
  const clockMode = rehearsal ? 'simulated' : 'system';
  // Calendar copies are kept beside the data, so a calendar that stops answering still freezes from its last copy.
  const calendarCache = path.join(options.dataDir ?? options.dataRoot ?? defaultDataDir(), CALENDAR_CACHE_FOLDER);
  const loaded = await loadWorkspace(dir, { now: clock.now(), cacheDir: calendarCache, ...options.calendars });
  if (!loaded.ok) {
    throw new WorkspaceLoadError(dir, loaded.errors);
  }
  const isDemo = options.workspaceDir === undefined || dir === path.resolve(demoWorkspaceDir());
  const workspace = isDemo && options.demoWeeks ? shiftWorkspaceWeeks(loaded.workspace, options.demoWeeks) : loaded.workspace;
  const workspaceData = options.dataDir ?? workspaceDataFolder(workspace, dir, isDemo, options.dataRoot);
  // A rehearsal keeps its own state and evidence: a drill never mixes into a real release's record. It is
  // kept per start time, so the same start resumes it and another (next week's demo) is another rehearsal.
  const rehearsalsDir = path.join(workspaceData, REHEARSALS_FOLDER);
  const dataDir = rehearsal ? path.join(rehearsalsDir, rehearsalFolderName(options.rehearsalStart!)) : path.join(workspaceData, 'live');
  const rehearsalArchives = () => {
    const names = existsSync(rehearsalsDir) ? readdirSync(rehearsalsDir) : [];
    return archivesOf(names, options.rehearsalStart!).map((f) => ({ name: f.name, archivedAt: f.archivedAt! }));
  };
  const bus = createEventBus();
  // Set once the views exist: a calendar read again re-decides every window's view.
  let calendarsChanged = () => {};
  const { refreshIntervalMs, ...calendarLoad } = options.calendars ?? {};
  const calendarRefresher = new CalendarRefresher({
    workspace,
    // A demo shifted onto this week has its freezes moved too: its calendars stay as read at start.
    sources: isDemo && options.demoWeeks ? { ...loaded.calendarSources, written: [] } : loaded.calendarSources,
    calendars: loaded.calendars,
    load: { cacheDir: calendarCache, ...calendarLoad },
    now: () => clock.now(),
    ...(refreshIntervalMs !== undefined ? { intervalMs: refreshIntervalMs } : {}),
    onChange: (calendars) => {
      bus.emit('calendars', { calendars: [...calendars] });
      calendarsChanged();
    },
  });

  const session = (transport: Session['transport']): Session => ({
    transport,
    workspace: { name: workspace.name, dir, isDemo, calendars: [...calendarRefresher.calendars], externalLinks: workspace.externalLinks ?? [], ticketUrl: workspace.announcements?.ticketUrl ?? null, roles: workspace.roles.map((r) => ({ name: r.name, description: r.description ?? null, opens: r.opens ?? null })) },
    regions: workspace.regions.map((region) => ({ id: region.id, name: region.name, awsRegion: region.awsRegion, zone: region.zone, sibling: region.sibling ?? null })),
    now: clock.now(),
    clockMode,
    canSwitchDemoClock: isDemo && options.switchDemoClock !== undefined,
    rehearsal: rehearsal ? { start: options.rehearsalStart!, folder: dataDir, archived: rehearsalArchives(), canStartOver: options.reopenAfterClose !== undefined } : null,
  });

  // A freeze calendar that did not answer is said where everyone looks (the banner, from the session's
  // calendars, so its age stays live); these are the console's other start-up warnings.
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
  if (isDemo && options.demoHistory) await writeDemoHistory(workspace, path.join(workspaceData, LIVE_FOLDER), clock.now(), systemClock());
  // The release log is the truth: checked line by line and against its snapshot at start; state is its fold.
  const localLog = await openReleaseRepository(dataDir, clock);
  const system = { name: 'release-console', role: 'system' };
  // A rehearsal resumes where its last logged clock move left it (the fold keeps it), never before its start.
  const resumedAt = localLog.state.rehearsalClock;
  if (rehearsal && resumedAt !== null && resumedAt > clock.now()) (clock as SimulatedClock).set(resumedAt);
  // A process starting describes this desk, not the release: it stays in the local log (shared/team/sharing.ts).
  if (!localLog.readOnly) await localLog.append([{ type: 'consoleStarted', actor: system, at: clock.now(), workspace: workspace.name, rehearsal }]);
  // Set once the views exist: another desk's events, or the store going away, are pushed to every window.
  let sharedLogChanged = () => {};
  let foldedFromStore = (_events: readonly ReleaseEvent[]) => {};
  // Every request this desk's store clients send, for the polling cost beside the store's status (issue 15).
  const storeTraffic = workspace.sharedStore ? new StoreTraffic() : null;
  // Region leases are judged on this desk's monotonic clock, in a rehearsal too; `clock` is only the frame their
  // times are written and shown in. A rehearsal's clock is a fiction: moving it on an hour is not an
  // hour of another desk's silence, so it can never make a live lease of another desk look expired. Practising a take-over means a desk that really stopped beating.
  // The team store's modules carry the AWS SDK, the slowest thing serve would import: only a workspace that names a store loads them.
  const teamLog = workspace.sharedStore ? (await import('./team/shared-store')).openTeamLog(workspace.sharedStore, sharedChainId(workspace, rehearsal), clock, options.storeClient, storeTraffic ?? undefined, options.monotonic) : null;
  // Set once the lease heartbeat exists: the tail brought events, so the leases they name are read again.
  let tailed = () => sharedLogChanged();
  // The store's outages are told in real time ("unreachable since 14:02 UTC"), even in a rehearsal.
  const shared = teamLog && workspace.sharedStore
    ? await shareReleaseRepository(localLog, systemClock(), {
        log: teamLog.log,
        table: workspace.sharedStore.table,
        onChange: () => tailed(),
        onFolded: (events) => foldedFromStore(events),
        ...(options.offlinePollIntervalMs ? { offlinePollIntervalMs: options.offlinePollIntervalMs } : {}),
      })
    : null;
  const repository = shared ?? localLog;
  // A desk joining a rehearsal starts at the time the other desks moved its clock to, not at --rehearsal-at.
  const sharedClock = repository.state.rehearsalClock;
  if (rehearsal && sharedClock !== null && sharedClock > clock.now()) (clock as SimulatedClock).set(sharedClock);
  const logRecord = () => {
    const status = shared?.status;
    return {
      head: repository.head,
      file: path.join(dataDir, LOG_FILE),
      findings: repository.findings.map((f) => ({ ...f })),
      readOnly: repository.readOnly ? { reason: repository.readOnly.reason } : null,
      sharedLog: status ? { table: status.table, reachable: status.reachability.kind !== 'unreachable', broken: status.broken !== null, line: status.line, traffic: storeTraffic?.figures() ?? null } : null,
    };
  };

  let releases: ReleaseService | null = null;
  const metrics = await createMetrics({
    workspace,
    source: metricSourceFor({ rehearsal, isDemo }),
    clock,
    handoversIn: (regionId) => (releases ? handoversDeployedIn(releases, regionId) : []),
    inMaintenance: (regionId) => repository.state.world.maintenance[regionId] === true,
    drills: () => repository.state.drills ?? {},
  });
  const facts = new MetricFactsSlice(workspace, metrics.service);

  const terminalEnv = terminalEnvironment(dir, process.env, { rehearsal });
  // A workspace's simulated tools (the demo's, seed 001's kubectl…) keep their state under this console's data
  // folder, unless the environment names one: desks rehearsing one world share its file.
  if (workspaceToolDir(dir) !== null) terminalEnv.RELEASE_CONSOLE_DEMO_STATE ??= path.join(dataDir, 'demo-tools.state');
  // Issue 16: the console's shells reach the workspace's tools through shims that ask before they run.
  const guard = await ShellGuard.start({
    folder: path.join(dataDir, 'shell-shims'),
    tools: guardedTools(workspace.commands.map((c) => c.argv[0] ?? '')),
    decider: {
      ask: (shell, argv) => shellDecider!.ask(shell, argv),
      answer: (shell, argv, runAnyway, blockedBy) => shellDecider!.answer(shell, argv, runAnyway, blockedBy),
      exited: (shell, argv, ended) => shellDecider!.exited(shell, argv, ended),
    },
  });
  let shellDecider: ShellDecider | null = null;
  const terminals = new TerminalService({
    clock,
    dataDir,
    env: terminalEnv,
    // Called inside the openTerminal call: the shell's tools are decided as that window's operator, on its release.
    shellEnv: (regionId, basePath) => {
      const operator = sessions.actingOperator();
      const releaseId = sessions.actingReleaseId();
      return guard.envFor(regionId, basePath, operator && releaseId ? { operator, releaseId } : undefined);
    },
    ptyHost: new PtyHost(options.launchPtyHost ?? forkPtyHost()),
    ...(options.stopEscalationMs !== undefined ? { stopEscalationMs: options.stopEscalationMs } : {}),
    regionEnv: (regionId) => {
      const region = workspace.regions.find((r) => r.id === regionId);
      return region === undefined ? { RELEASE_CONSOLE_REGION: regionId } : regionEnvironment(region, rehearsal);
    },
  });
  // In the workspace folder, so a runbook's ./scripts/verify-deployment.sh (seed 001) is the workspace's own.
  const commandDir = workspaceCommandDir(dir);
  const timeoutsMs = new Map(workspace.commands.flatMap((c) => (c.timeoutSeconds === undefined ? [] : [[c.id, c.timeoutSeconds * 1000] as const])));
  // Every command a step or a rollback runs goes through here, so a template's timeout holds for both.
  const runCommand: TerminalService['runCommand'] = (regionId, argv, opts) => {
    const timeoutMs = timeoutsMs.get(opts.commandId);
    const inWorkspace = { cwd: commandDir, ...opts };
    return terminals.runCommand(regionId, argv, timeoutMs === undefined ? inWorkspace : { ...inWorkspace, timeoutMs });
  };

  // Issue 15: rehearsals and the demo keep simulated personas, chosen per window; anywhere else the actor
  // of every event is the desk's identity from AWS (the team store's profile) and its OS user.
  const personas = rehearsal || isDemo;
  const desk = personas ? null : await resolveDeskIdentity(workspace.sharedStore, osUser(), options.storeClient, firstRole(workspace));
  if (desk?.problem) storageWarnings.push(desk.problem);
  // A rehearsal's first persona acts in the workspace's first declared role (the demo's PE, seed 002's deployment engineer).
  const defaultOperator = desk?.actor ?? { ...(options.operator ?? { name: osUser(), role: firstRole(workspace) ?? NO_ROLE }), persona: true };
  const sessions = new WindowSessions({
    releaseId: () => releases!.selectedReleaseId(),
    operator: () => desk?.actor ?? repository.state.operator ?? defaultOperator,
    deskOperator: () => desk?.actor ?? null,
    isRelease: (releaseId) => workspace.releases.some((release) => release.id === releaseId),
  });
  // Presence beats go to the team store where the desk is an AWS identity, and in a rehearsal on a shared store,
  // under the persona its window acts as: the desks drilling one release see each other as they would live (they
  // saw "No other window" beside two other desks). The demo's personas without a rehearsal's chain beat nothing.
  // A rehearsal's presence has its own partition, as its chain does, so a drill never shows at the live release.
  const presenceClients = (desk || rehearsal) && workspace.sharedStore ? (await import('./team/store-clients')).storeClients(workspace.sharedStore, options.storeClient, storeTraffic ?? undefined) : null;
  const presence = new DeskPresence({
    clock,
    board:
      presenceClients && workspace.sharedStore
        ? new (await import('./team/presence')).PresenceBoard({ documents: presenceClients.documents, table: workspace.sharedStore.table, workspaceId: `${storeWorkspaceId(workspace, dir)}${rehearsal ? '#rehearsal' : ''}`, clock: systemClock() })
        : null,
    deskId: randomUUID(),
    operatorOf: (connectionId) => sessions.of(connectionId).operator,
    deskOperator: (window) => desk?.actor ?? (window === null ? defaultOperator : sessions.of(window).operator),
    push: (connectionId, view) => bus.emitTo(connectionId, 'presence', view),
  });
  presence.start();
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
  calendarsChanged = pushView;
  calendarRefresher.start();
  sharedLogChanged = () => {
    facts.refresh(clock.now());
    bus.emit('logRecord', logRecord());
    views.changed();
  };

  // Issue 15: a console alone beats its region leases in process. With a shared log each lease this desk
  // takes is a DynamoDB item with a TTL beside the chain, beaten every 15 s; the others' items are read on
  // the same beat and whenever the tail brings events, so a dead desk's lease shows its silence everywhere.
  const holder = desk?.actor ?? defaultOperator;
  const leaseHeartbeat = teamLog
    ? new DynamoLeaseHeartbeat(teamLog.leases, { arn: holder.arn ?? '', name: holder.name, osUser: holder.osUser ?? osUser(), desk: `${os.hostname()}#${process.pid}` })
    : new InProcessLeaseHeartbeat(clock);
  const heldLeases = () => Object.values(repository.state.leases);
  if (shared) {
    tailed = () =>
      void leaseHeartbeat
        .refresh(heldLeases())
        .catch((error: unknown) => console.error("release-console: the region leases' heartbeats could not be read:", error))
        .finally(() => sharedLogChanged());
  }
  leaseHeartbeat.start(heldLeases, () => (shared ? sharedLogChanged() : undefined));
  // With a shared log an append moves the head every desk shows: the Record panel is pushed too.
  const loop = new IntentLoop({ workspace, clock, repository, facts: () => facts.facts, onChange: () => (shared ? sharedLogChanged() : pushView()), leases: leaseHeartbeat });
  const commands = {
    run: runCommand,
    stop: (sessionId: string, by: string) => terminals.stop(sessionId, by),
    showWithheld: (regionId: string | null, argv: readonly string[], line: string) => terminals.showWithheld(regionId, argv, line),
  };
  const steps = new StepRunner({ workspace, loop, commands, rehearsal, captureBaseline: (regionIds) => metrics.service.captureBaseline({ regionIds }) });
  const reconciler = new RegionReconciler({
    workspace,
    clock,
    probe: { env: terminalEnv, rehearsal },
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
    actingOperator: () => desk?.actor ?? sessions.actingOperator(),
    personas,
    storageWarnings,
    reconcile: (regionId) => reconciler.view(regionId),
  });
  const session0 = releases;
  shellDecider = shellCommands({
    workspace,
    loop,
    releaseId: () => session0.selectedReleaseId(),
    operator: () => session0.operator,
    rehearsal,
    reconcile: (regionId) => reconciler.reconcile(regionId),
  });
  metrics.service.restoreBaselines(Object.values(repository.state.releases).flatMap((r) => r.baselines));
  facts.refresh(clock.now());
  // With a shared log, a step running in it may be another desk's: only a desk working alone knows that
  // what it finds running was its own, cut off when it stopped.
  if (!shared) await releases.markInterrupted();
  const rollbacks = new RollbackService({
    workspace,
    loop,
    operator: () => session0.operator,
    commands,
    rehearsal,
    emit: (run) => bus.emit('rollbackProgress', run),
    metrics: { series: (regionId, metricId) => metrics.service.points(regionId, metricId), hasRegion: (regionId) => metrics.service.hasRegion(regionId), now: () => clock.now() },
  });
  if (!shared) await rollbacks.markInterrupted();
  const fixForwards = new FixForwardService({
    workspace,
    loop,
    operator: () => session0.operator,
    now: () => clock.now(),
    metrics: { series: (regionId, metricId) => metrics.service.points(regionId, metricId), hasRegion: (regionId) => metrics.service.hasRegion(regionId) },
  });
  // Another desk's rollback shows its progress here too, so nobody is offered to start it again.
  foldedFromStore = (events) => {
    // Another desk's drill: this desk's graphs breach from the same instant, shown now rather than at the next poll.
    if (events.some((event) => event.type === 'drillSet')) metrics.service.poll({ force: true }).catch((error: unknown) => console.error("release-console: metrics could not be polled after another desk's drill:", error));
    // One rehearsal, one clock: another desk's "+1 min" moves this desk's too, once, as the table ordered it.
    for (const event of events) {
      if (event.type === 'clockMoved') followClock(event.to).catch((error: unknown) => console.error("release-console: another desk's clock move could not be followed:", error));
    }
    // A baseline another desk captured is the release's: without it this desk's graphs said "No baseline yet"
    // beside "Baseline taken …", and its rollback criteria measured against nothing.
    metrics.service.adoptBaselines(events.flatMap((event) => (event.type === 'baselinesCaptured' ? event.baselines : [])));
    // Another desk's Stop on a step whose command runs in this desk's terminal: before, it was logged and shown
    // as "sent SIGINT" everywhere while the command ran on here.
    for (const event of events) {
      if (event.type !== 'stepStopRequested') continue;
      steps.stop({ releaseId: event.release, stepId: event.step, regionId: event.region }, actorWords(event.actor)).catch((error: unknown) => console.error('release-console: a step could not be stopped:', error));
    }
    rollbacks.emitChanges(events);
    for (const releaseId of releasesAnnouncedIn(events)) bus.emit('announcementsChanged', { releaseId });
  };

  // A logged clock move, this desk's or one folded from the shared log, applied once: a move already applied
  // (this desk's own, folded as the store accepted it) waits for the same poll instead of polling again.
  let clockFollowed: Promise<void> = Promise.resolve();
  const followClock = (to: number): Promise<void> => {
    if (!rehearsal || to <= clock.now()) return clockFollowed;
    // Maintenance mode switched since the last poll took effect when it was switched, not after the jump.
    metrics.simulator?.noteMaintenance();
    (clock as SimulatedClock).set(to);
    clockFollowed = metrics.service.poll({ force: true }).then(() => {
      facts.refresh(clock.now());
      views.changed({ timePassed: true });
    });
    return clockFollowed;
  };

  const stopMetricsEvents = bridgeMetricsEvents(metrics, bus);
  // A poll landed: the facts decide reads are refreshed, and a raised breach is observed into the log.
  const stopMetricsPush = metrics.service.subscribe((event) => {
    facts.refresh(clock.now());
    if (event.type === 'alert' && event.alert.active) {
      loop.handle({ kind: 'breach', alert: event.alert }, system).catch((error: unknown) => console.error('release-console: a breach could not be logged:', error));
    }
    rollbacks.observeRestored().catch((error: unknown) => console.error("release-console: a rollback's recovery could not be logged:", error));
    fixForwards.observe().catch((error: unknown) => console.error("release-console: a fix forward's landing or expiry could not be logged:", error));
    views.changed({ timePassed: true });
  });
  metrics.service.start();
  const stopTerminalEvents = bridgeTerminalEvents(terminals, bus);
  views.start();
  // Issue 16: every console shell's open and close are in the release log, with its transcript's hash.
  const logShell = (observation: Extract<Intent, { kind: 'shellOpened' | 'shellClosed' }>) =>
    loop.handle(observation, session0.operator).then(
      () => undefined,
      (error: unknown) => console.error(`release-console: a shell's ${observation.kind === 'shellOpened' ? 'opening' : 'end'} could not be logged:`, error),
    );
  // Who each open shell's opening is logged as: its end is its own, and one opened under no release is in no record to find that in.
  const shellOpeners = new Map<string, Actor>();
  const shellTranscripts = new ShellTranscripts(dataDir, systemClock(), {
    // Called inside the openTerminal call: the acting operator and release are that window's.
    opened: (shell) => {
      shellOpeners.set(shell.transcript, session0.operator);
      void logShell({ kind: 'shellOpened', ...shell, region: shell.regionId, release: sessions.actingReleaseId() ?? session0.selectedReleaseId() });
    },
    closed: (shell) => {
      const openedBy = shellOpeners.get(shell.transcript);
      shellOpeners.delete(shell.transcript);
      return logShell({ kind: 'shellClosed', ...shell, ...(openedBy ? { openedBy } : {}) });
    },
  });
  shellTranscripts.record(terminals);

  const moveClock = async (move: { to?: number; advanceMs?: number }) => {
    const target = (move.to ?? clock.now()) + (move.advanceMs ?? 0);
    // Decided and logged before the clock moves: the real clock, a move outside the rehearsal's range, or backwards, never happens.
    await loop.require({ kind: 'moveRehearsalClock', rehearsal, to: target }, session0.operator);
    await followClock(target);
    return clock.now();
  };

  // The demo's "go live" / "rehearse": decided and logged in the log it leaves, then the adapter reopens it.
  // Claimed before the log is written, so a second window asking meanwhile is decided as the second.
  let switchingTo: Session['clockMode'] | null = null;
  const switchDemoClock = async (from: Session['clockMode'], to: Session['clockMode']) => {
    const reopen = isDemo ? options.switchDemoClock : undefined;
    const switching = switchingTo;
    switchingTo ??= to;
    try {
      await loop.require({ kind: 'switchDemoClock', from, to, switchable: reopen !== undefined, switching }, session0.operator);
    } catch (error) {
      if (switching === null) switchingTo = null;
      throw error;
    }
    reopen?.(to);
  };

  // Set once "Start over" is logged: the folder is renamed after the console has closed every file in it.
  let archiveAs: string | null = null;
  let claimedStartOver = false;
  const startRehearsalOver = async () => {
    if (!options.reopenAfterClose) throw new ApiFailure('invalid_request', 'This console cannot reopen itself; restart it to begin the rehearsal again.');
    // Claimed before the log is written, so a second window asking meanwhile is decided as the second.
    const startingOver = claimedStartOver;
    claimedStartOver = true;
    let event: ReleaseEvent | undefined;
    try {
      [event] = await loop.require({ kind: 'startRehearsalOver', rehearsal: rehearsal ? { start: options.rehearsalStart! } : null, archivedAt: systemClock().now(), startingOver }, session0.operator);
    } catch (error) {
      if (!startingOver) claimedStartOver = false;
      throw error;
    }
    if (event?.type !== 'rehearsalStartedOver') throw new Error(`Starting a rehearsal over logged ${event?.type ?? 'nothing'}, not rehearsalStartedOver.`);
    archiveAs = event.archivedAs;
    options.reopenAfterClose();
    return { archivedAs: event.archivedAs };
  };

  const transcriptIndex = new TranscriptIndex(dataDir);
  // Issue 19, item 4: the History screen reads the same log file this console appends to.
  const history = new ReleaseHistory(
    path.join(dataDir, LOG_FILE),
    (releaseId, stepId) => stepOfRelease(workspace, releaseId, stepId)?.title ?? null,
    (criterionId) => {
      const metricId = workspace.rollbackCriteria.find((c) => c.id === criterionId)?.metric;
      return indexWorkspace(workspace).metrics.get(metricId ?? '')?.unit ?? null;
    },
  );
  // `pastDefinition`: History reading a release the workspace no longer defines, from its logged definition.
  const evidenceOf = (releaseId: string, evidenceOptions?: EvidenceOptions, pastDefinition?: ReleaseDefinition) =>
    evidenceFor(
      releaseId,
      {
        view: (id) => (pastDefinition ? releases!.definitionView(pastDefinition) : releases!.view(id)),
        record: (id) => releases!.record(id),
        verificationTable: (regionId, baselines, at) => (metrics.service.hasRegion(regionId) ? metrics.service.verificationTable(regionId, baselines, at ?? undefined).text : null),
        verificationMoment: (id, record, regionId) => verificationMoment(workspace, pastDefinition ?? releases!.release(id), record, regionId),
        logHead: () => repository.head,
        // Until acknowledged: an export taken off the machine then says it was read from a log found changed.
        logFindings: () => (repository.readOnly ? repository.findings : []),
        transcripts: (id, record, withContent) => transcriptIndex.evidence(id, record.shells, withContent),
        outcome: (id, record) => releaseOutcome(workspace, pastDefinition ?? releases!.release(id), record, releases!.engineState().world, clock.now()),
      },
      evidenceOptions,
    );
  const announcer = new Announcer({
    workspace,
    loop,
    operator: () => session0.operator,
    rehearsal,
    env: options.env ?? process.env,
    // One keychain per workspace, outside live/ and rehearsals/: a webhook belongs to the channel, not to a run.
    keychain: options.secretCipher ? new WebhookKeychain(path.join(workspaceData, 'slack-webhooks'), options.secretCipher) : null,
    release: (id) => releases!.release(id),
    record: (id) => releases!.record(id),
    message: async (id, kind) => postedAnnouncement(kind, await evidenceOf(id, { includeTranscripts: false })),
    ...(options.slackTimeoutMs !== undefined ? { timeoutMs: options.slackTimeoutMs } : {}),
    changed: (releaseId) => bus.emit('announcementsChanged', { releaseId }),
  });
  // Alone, a post still waiting was this desk's, cut off when it stopped; with a shared log it may be another desk's.
  if (!shared) await announcer.markInterrupted();
  const host = createHost({
    bus,
    handlers: refuseWhileReadOnly(() => repository.readOnly, sessions.actAs({
      ...sessionHandlers({ session, switchDemoClock, startRehearsalOver }),
      // Decided and logged, then followed: the simulator reads the drills from the log's fold.
      ...metricsHandlers(metrics, (region, scenario) => loop.require({ kind: 'setDrill', simulated: metrics.simulator !== null, region, scenario }, session0.operator)),
      ...terminalHandlers(terminals, (regionId) => workspace.regions.some((region) => region.id === regionId), transcriptIndex),
      ...releaseHandlers({
        releases,
        moveClock,
        readOnly: () => repository.readOnly,
        evidence: evidenceOf,
      }),
      ...windowHandlers({ releases, sessions, views, readOnly: () => repository.readOnly, operatorChanged: (connectionId) => void presence.operatorChanged(connectionId).catch((error: unknown) => console.error('release-console: presence could not follow a persona change:', error)) }),
      ...rollbackHandlers(rollbacks, fixForwards),
      ...worldHandlers(reconciler),
      ...presenceHandlers(presence),
      ...announcementHandlers(announcer),
      ...calendarHandlers(() => workspace, clock, calendarRefresher),
      ...historyHandlers({
        history,
        evidence: async (releaseId) => {
          const logged = workspace.releases.some((r) => r.id === releaseId) ? undefined : (await history.loggedDefinitions()).get(releaseId);
          if (logged) return evidenceOf(releaseId, undefined, logged.definition);
          releases!.release(releaseId);
          return evidenceOf(releaseId);
        },
        pastReleases: async () =>
          pastReleases({
            workspace,
            state: releases!.engineState(),
            openRelease: releases!.selectedReleaseId(),
            activity: await history.releaseActivity(),
            definitions: await history.loggedDefinitions(),
            now: clock.now(),
          }),
      }),
      ...deliveryHandlers(workspace, workspaceData),
      ...recordHandlers({
        record: logRecord,
        acknowledge: async () => {
          await repository.acknowledge(releases!.operator);
          // What a stop left running could not be marked while read-only (the log refused it): it is now.
          if (!shared) {
            await releases!.markInterrupted();
            await rollbacks.markInterrupted();
            await announcer.markInterrupted();
          }
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
      presence.drop(connectionId);
    },
    stalledConnections: () => terminals.stalledConsumers(),
    onClose: async () => {
      calendarRefresher.close();
      leaseHeartbeat.close();
      views.close();
      await presence.close();
      presenceClients?.destroy();
      await terminals.closeAll();
      await guard.close();
      stopTerminalEvents();
      await shellTranscripts.stop();
      metrics.service.stop();
      stopMetricsPush();
      stopMetricsEvents();
      await repository.close();
      teamLog?.close();
      if (archiveAs !== null) await rename(dataDir, path.join(rehearsalsDir, archiveAs));
    },
  });
  return { host, workspace };
}
