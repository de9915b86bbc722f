import type { Endpoint } from '../../shared/metrics/endpoints';
import type { Point } from '../../shared/metrics/series';
import type { MetricDefinition } from '../../shared/workspace/schema/metrics';
import type { Region } from '../../shared/workspace/schema/regions';

export interface SourceQuery {
  endpoint: Endpoint;
  /** The console regions that live on this endpoint. */
  regions: Region[];
  metrics: MetricDefinition[];
  /** [startMs, endMs), on period boundaries. */
  startMs: number;
  endMs: number;
}

export interface SeriesResult {
  regionId: string;
  metricId: string;
  points: Point[];
}

/**
 * Where metrics come from: CloudWatch for a real workspace, the simulator for the demo and rehearsals.
 * One query covers one endpoint, so a source can batch everything that endpoint serves into one call.
 */
export interface MetricSource {
  readonly kind: 'cloudwatch' | 'simulated';
  query(query: SourceQuery): Promise<SeriesResult[]>;
}

/**
 * Why a query failed, in words safe for the screen and the audit log: never credentials, never a raw
 * SDK message that might quote a signed request. `auth` is not retried until the operator acts.
 */
export type SourceFailureKind = 'auth' | 'throttled' | 'unavailable' | 'invalid';

export class MetricSourceError extends Error {
  constructor(
    readonly kind: SourceFailureKind,
    message: string,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'MetricSourceError';
  }
}
