import path from 'node:path';
import type { Session } from '../shared/api';
import { simulatedClock, systemClock, type Clock } from '../shared/clock';
import type { Workspace } from '../shared/workspace/workspace';
import { createEventBus } from './host/events';
import { createHost, type Host } from './host/host';
import { sessionHandlers } from './host/handlers/session';
import { bridgeMetricsEvents, metricsHandlers } from './host/handlers/metrics';
import { bridgeTerminalEvents, terminalHandlers } from './host/handlers/terminal';
import { defaultDataDir, terminalEnvironment } from './terminal/environment';
import { TerminalService } from './terminal/service';
import { createMetrics } from './metrics/compose';
import { demoWorkspaceDir, loadWorkspace } from './workspace/load';

export interface ConsoleOptions {
  /** A workspace folder; the embedded demo workspace when absent. */
  workspaceDir?: string;
  /** Runs a rehearsal: the console clock starts here (epoch ms) and moves only when told to. */
  rehearsalStart?: number;
  /** Where transcripts and other evidence are written; ~/.release-console when absent. */
  dataDir?: string;
}

export class WorkspaceLoadError extends Error {
  constructor(readonly lines: string[]) {
    super(`The workspace could not be loaded:\n${lines.join('\n')}`);
    this.name = 'WorkspaceLoadError';
  }
}

/**
 * The composition root both adapters share: loads the workspace, builds the services and binds them to
 * the contract. An adapter only moves messages between its transport and the host this returns.
 */
export async function createConsole(options: ConsoleOptions = {}): Promise<{ host: Host; workspace: Workspace }> {
  const dir = path.resolve(options.workspaceDir ?? demoWorkspaceDir());
  const clock: Clock = options.rehearsalStart === undefined ? systemClock() : simulatedClock(options.rehearsalStart);
  const clockMode = options.rehearsalStart === undefined ? 'system' : 'simulated';
  const loaded = await loadWorkspace(dir);
  if (!loaded.ok) {
    throw new WorkspaceLoadError(loaded.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`));
  }
  const workspace = loaded.workspace;
  const isDemo = options.workspaceDir === undefined || dir === path.resolve(demoWorkspaceDir());
  const bus = createEventBus();

  const session = (transport: Session['transport']): Session => ({
    transport,
    workspace: { name: workspace.name, dir, isDemo },
    regions: workspace.regions.map((region) => ({
      id: region.id,
      name: region.name,
      awsRegion: region.awsRegion,
      zone: region.zone,
      sibling: region.sibling ?? null,
    })),
    now: clock.now(),
    clockMode,
  });

  // Demo → simulated metrics on the console clock (rehearsals included); any other workspace → CloudWatch.
  // Release state will know which handovers reached each region; until it does, the default release's are the rollback's.
  const defaultHandovers = workspace.releases.find((release) => release.id === workspace.defaultRelease)?.handovers.map((ho) => ho.id) ?? [];
  const metrics = createMetrics({ workspace, isDemo, clock, handoversIn: () => defaultHandovers });
  const stopMetricsEvents = bridgeMetricsEvents(metrics, bus);
  metrics.service.start();

  const terminals = new TerminalService({ clock, dataDir: options.dataDir ?? defaultDataDir(), env: terminalEnvironment(dir) });
  const stopTerminalEvents = bridgeTerminalEvents(terminals, bus);

  const host = createHost({
    bus,
    handlers: {
      ...sessionHandlers({ session }),
      ...metricsHandlers(metrics),
      ...terminalHandlers(terminals, (regionId) => workspace.regions.some((region) => region.id === regionId)),
    },
    onDisconnect: (connectionId) => terminals.detachConsumer(connectionId),
    onClose: async () => {
      await terminals.closeAll();
      stopTerminalEvents();
      metrics.service.stop();
      stopMetricsEvents();
    },
  });
  return { host, workspace };
}
