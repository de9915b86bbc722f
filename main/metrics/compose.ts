import type { Clock } from '../../shared/clock';
import type { MetricSourceKind } from '../../shared/metrics/sourceChoice';
import type { Workspace } from '../../shared/workspace/workspace';
import type { MetricSource } from './source';
import { MetricsService } from './service';
import { healthyLimitsOf, SimulatedSource, type SimulatedWorld } from './simulated/source';
import { realTimers, type Timers } from './timers';

/**
 * Until metrics.yaml carries its own source settings, a local emulator or VPC endpoint is named here
 * (e.g. http://127.0.0.1:5000 for moto_server). Never a credential: those come from the AWS config.
 */
export const CLOUDWATCH_ENDPOINT_ENV = 'RELEASE_CONSOLE_CLOUDWATCH_ENDPOINT';
/** One seed for every simulation, so two people rehearsing the same drill see the same graphs. */
const SIMULATION_SEED = 1;

export interface MetricsComposition {
  service: MetricsService;
  /** The simulator behind a rehearsal or the demo; null when metrics come from CloudWatch. */
  simulator: SimulatedSource | null;
}

export interface MetricsCompositionOptions {
  workspace: Workspace;
  /** shared/metrics/sourceChoice.ts decides it: a rehearsal, or the demo → simulated. */
  source: MetricSourceKind;
  clock: Clock;
  timers?: Timers;
  endpointUrl?: string;
  /** Which handovers a region's rollback would take back; release state knows, metrics do not. */
  handoversIn?: (regionId: string) => string[];
  /** Whether a region is in maintenance mode: the world's state, which the simulated traffic and drop alerts follow. */
  inMaintenance?: (regionId: string) => boolean;
  /** The drills the release log holds, which a simulator follows (SimulatedWorld.drills). */
  drills?: SimulatedWorld['drills'];
}

/** A simulated source on the console clock, or CloudWatch, as `source` says. */
export async function createMetrics(options: MetricsCompositionOptions): Promise<MetricsComposition> {
  const { workspace, clock } = options;
  // Healthy by the workspace's own thresholds, so a rehearsal of any workspace starts green and a drill is what breaches.
  const inMaintenance = options.inMaintenance;
  const world: SimulatedWorld | null = inMaintenance ? { regions: workspace.regions, inMaintenance, ...(options.drills ? { drills: options.drills } : {}) } : null;
  const simulator = options.source === 'simulated' ? new SimulatedSource(clock, SIMULATION_SEED, healthyLimitsOf(workspace.metrics, workspace.rollbackCriteria), world) : null;
  const endpointUrl = options.endpointUrl ?? process.env[CLOUDWATCH_ENDPOINT_ENV];
  const source = simulator ?? (await cloudWatchSource(endpointUrl));
  const service = new MetricsService({
    source,
    clock,
    timers: options.timers ?? realTimers,
    regions: workspace.regions,
    metrics: workspace.metrics,
    criteria: workspace.rollbackCriteria,
    ...(options.handoversIn ? { handoversIn: options.handoversIn } : {}),
    ...(inMaintenance ? { inMaintenance } : {}),
    ...(simulator ? { scenarios: () => simulator.scenarios() } : {}),
  });
  return { service, simulator };
}

/** Loaded only when metrics come from CloudWatch: the AWS SDK is the slowest import serve had, and a rehearsal or the demo never needs it. */
async function cloudWatchSource(endpointUrl: string | undefined): Promise<MetricSource> {
  const [{ cloudWatchClientFactory }, { CloudWatchSource }] = await Promise.all([import('./cloudwatch/client'), import('./cloudwatch/source')]);
  return new CloudWatchSource({ clientFor: cloudWatchClientFactory(endpointUrl ? { endpointUrl } : {}) });
}
